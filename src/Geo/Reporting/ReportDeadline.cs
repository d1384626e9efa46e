using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Reporting;

/// <summary>Whether a monthly report reached the office in time (按时报送) or late (迟报).</summary>
public enum Punctuality
{
    OnTime,
    Late,
}

/// <summary>
/// When a month's written report is due (district plans: 每月1号18:00前上报): on <see cref="Day"/> of the following month
/// at <see cref="Hour"/>:00 China Standard Time. A report submitted at or before that instant is on time.
/// </summary>
public sealed record ReportDeadline(int Day = 1, int Hour = 18)
{
    public DateTimeOffset DueFor(OfficePeriod month) =>
        month.Kind == PeriodKind.Month ? OfficePeriod.StartOf(month.Next().FirstDay.AddDays(Day - 1)).AddHours(Hour)
            : throw new ArgumentException("reports are monthly", nameof(month));

    public Punctuality Of(OfficePeriod month, DateTimeOffset submittedAt) => submittedAt <= DueFor(month) ? Punctuality.OnTime : Punctuality.Late;
}

public static class Punctualities
{
    public static string ChineseLabel(this Punctuality p) => p == Punctuality.OnTime ? "按时报送" : "迟报";
}
