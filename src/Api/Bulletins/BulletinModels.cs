using RiverGis.Geo.Bulletins;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Bulletins;

/// <summary>Configuration section <c>Bulletins</c>: when lights are frozen and what red months cost.</summary>
public sealed class BulletinOptions
{
    /// <summary>The month's lights are frozen at the end of this day (China Standard Time), 1–28; default 25.</summary>
    public int CutoffDay { get; set; } = BulletinCutoff.DefaultDay;

    /// <summary>Points are deducted from this red month of a year on (从第三次开始扣分); default 3.</summary>
    public int DeductFromRedMonth { get; set; } = 3;

    /// <summary>Points per deducted red month; default 2.</summary>
    public double PointsPerRedMonth { get; set; } = 2;

    public BulletinCutoff Cutoff => new BulletinCutoff(CutoffDay).Checked();

    public RedLightDeduction Deduction => new(DeductFromRedMonth, PointsPerRedMonth);
}

/// <summary>Whether a bulletin item is a problem of the ledger or a plan item.</summary>
public enum BulletinItemKind
{
    Issue,
    Task,
}

/// <summary>One lit item of a bulletin, as it stood at the cut-off (or now, for a provisional bulletin).</summary>
/// <param name="Status">The issue's or plan item's status code then.</param>
/// <param name="ChiefId">The chief credited: who held the item's segment then, else the assignee.</param>
/// <param name="AreaCodes">The item's area and every area above it (for roll-up).</param>
public sealed record BulletinItem(BulletinItemKind Kind, long Id, string Title, LightColour Light, string Status, DateTimeOffset Deadline,
    string? ChiefId, string? ChiefName, string? UnitCode, string? AreaCode, string[] AreaCodes);

/// <summary>A stored bulletin's header: when it was cut and frozen, with the deduction rule of that day.</summary>
public sealed record BulletinHeader(string Month, DateTimeOffset Cutoff, DateTimeOffset FrozenAt, int DeductFromRedMonth, double PointsPerRedMonth);

/// <summary>Counts of lights.</summary>
public sealed record LightTally(int Red, int Yellow, int Green)
{
    public static LightTally Of(IEnumerable<BulletinItem> items)
    {
        var list = items as IReadOnlyCollection<BulletinItem> ?? items.ToList();
        return new(list.Count(i => i.Light == LightColour.Red), list.Count(i => i.Light == LightColour.Yellow), list.Count(i => i.Light == LightColour.Green));
    }

    /// <summary>The subject's light: red with any red item, yellow with any yellow, else green.</summary>
    public LightColour Worst => Red > 0 ? LightColour.Red : Yellow > 0 ? LightColour.Yellow : LightColour.Green;
}

/// <summary>A unit's, chief's or area's line of the bulletin.</summary>
/// <param name="RedMonthsThisYear">Months of the year up to this one whose bulletin showed it a red item.</param>
/// <param name="DeductedMonths">Those of them that cost points (from the configured red month on).</param>
public sealed record BulletinLine(string Code, string Name, string? Kind, LightColour Light, string LightLabel, int Red, int Yellow, int Green,
    int RedMonthsThisYear, int DeductedMonths, double Deduction, IReadOnlyList<BulletinItem>? Items);

/// <summary>GET /api/bulletins/{month}: the month's lights per unit, chief and area with the items behind them.</summary>
/// <param name="Frozen">True once the cut-off has passed: the bulletin is stored and never changes; false: provisional, as of now.</param>
/// <param name="AsOf">The instant the lights stand at: the cut-off, or now for a provisional bulletin.</param>
public sealed record BulletinResponse(string Month, string? AreaCode, DateTimeOffset Cutoff, bool Frozen, DateTimeOffset? FrozenAt, DateTimeOffset AsOf,
    int DeductFromRedMonth, double PointsPerRedMonth, LightTally Totals, IReadOnlyList<BulletinLine> Units, IReadOnlyList<BulletinLine> Chiefs,
    IReadOnlyList<BulletinLine> Areas, IReadOnlyList<BulletinItem> Items);
