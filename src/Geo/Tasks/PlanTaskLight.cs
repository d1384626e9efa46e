using RiverGis.Geo.Calendar;
using RiverGis.Geo.Issues;

namespace RiverGis.Geo.Tasks;

/// <summary>
/// Lights a plan item like an issue (红黄绿灯): red when unfinished after its deadline day, yellow when unfinished and
/// the deadline day ends within <c>dueSoonDays</c>, green otherwise (and when done or cancelled). A deadline is a day in
/// China Standard Time: the item is due by the end of it.
/// </summary>
public static class PlanTaskLight
{
    /// <summary>Default: yellow from 15 days before the deadline (plan items run for months, not days).</summary>
    public const int DefaultDueSoonDays = 15;

    public static LightColour Of(PlanTaskStatus status, DateOnly deadline, DateTimeOffset at, int dueSoonDays = DefaultDueSoonDays)
    {
        if (status.IsFinished()) return LightColour.Green;
        var due = OfficePeriod.StartOf(deadline.AddDays(1));
        if (at >= due) return LightColour.Red;
        return due - at <= TimeSpan.FromDays(dueSoonDays) ? LightColour.Yellow : LightColour.Green;
    }
}
