namespace RiverGis.Geo.Issues;

/// <summary>The three colours of the monthly supervision list (红黄绿灯).</summary>
public enum LightColour
{
    /// <summary>绿灯: on schedule, or finished (closed / rejected).</summary>
    Green,
    /// <summary>黄灯: open and due within <see cref="StatusLight.DueSoon"/>.</summary>
    Yellow,
    /// <summary>红灯: open and past its deadline.</summary>
    Red,
}

/// <summary>Colours an issue for the three-colour list offices publish monthly.</summary>
public static class StatusLight
{
    /// <summary>How close to the deadline an open issue turns yellow: 3 days.</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromDays(3);

    /// <summary>
    /// Green when finished or more than 3 days from the deadline; yellow when open and the deadline is at most 3 days
    /// away (up to and including the deadline instant); red when open and <paramref name="now"/> is after the deadline.
    /// </summary>
    public static LightColour Of(IssueStatus status, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (status.IsTerminal()) return LightColour.Green;
        if (now > deadline) return LightColour.Red;
        return deadline - now <= DueSoon ? LightColour.Yellow : LightColour.Green;
    }

    /// <summary>Chinese name of a colour (绿灯 / 黄灯 / 红灯).</summary>
    public static string ChineseLabel(this LightColour colour) => colour switch
    {
        LightColour.Green => "绿灯",
        LightColour.Yellow => "黄灯",
        _ => "红灯",
    };
}
