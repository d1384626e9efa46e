using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Bulletins;

/// <summary>
/// When a month's lights are frozen (每月亮灯通报): at the end of the cut-off day of the month in China Standard Time
/// — the district plans enter problems in the ledger by the 25th (每月25号前纳入台账), so by default the lights stand as
/// they are at 24:00 on the 25th. Before that instant a month's bulletin is provisional; from it on, frozen.
/// </summary>
public sealed record BulletinCutoff(int Day = BulletinCutoff.DefaultDay)
{
    public const int DefaultDay = 25;

    /// <summary>Validates <see cref="Day"/>: 1–28, so every month has the day.</summary>
    public BulletinCutoff Checked() => Day is >= 1 and <= 28 ? this : throw new ArgumentOutOfRangeException(nameof(Day), Day, "the cut-off day must be 1–28");

    /// <summary>The instant <paramref name="month"/>'s lights are frozen.</summary>
    public DateTimeOffset Of(OfficePeriod month) =>
        month.Kind == PeriodKind.Month ? OfficePeriod.StartOf(month.FirstDay.AddDays(Day)) : throw new ArgumentException("a bulletin is monthly", nameof(month));

    /// <summary>Whether <paramref name="month"/> is frozen at <paramref name="now"/>.</summary>
    public bool IsFrozen(OfficePeriod month, DateTimeOffset now) => now >= Of(month);

    /// <summary>The latest month frozen at <paramref name="now"/>.</summary>
    public OfficePeriod LatestFrozen(DateTimeOffset now)
    {
        var month = OfficePeriod.Containing(PeriodKind.Month, now);
        return IsFrozen(month, now) ? month : month.Previous();
    }
}
