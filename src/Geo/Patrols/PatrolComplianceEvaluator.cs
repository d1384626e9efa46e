using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Patrols;

/// <summary>How a chief stands against the frequency rule in a period.</summary>
public enum ComplianceStatus
{
    /// <summary>Every window of the rule judged in the period has its patrols (达标).</summary>
    Compliant,
    /// <summary>Some window is over without enough valid patrols (未达标).</summary>
    Shortfall,
    /// <summary>The rule counts over a longer period that is not over at the end of this one, and is not met yet (进行中).</summary>
    Pending,
}

public static class ComplianceStatuses
{
    public static string ChineseLabel(this ComplianceStatus status) => status switch
    {
        ComplianceStatus.Compliant => "达标",
        ComplianceStatus.Shortfall => "未达标",
        _ => "进行中",
    };
}

/// <summary>Valid patrols counted in one calendar window against what the rule requires there.</summary>
public sealed record WindowCount(OfficePeriod Period, int Valid, int Required)
{
    public int Missing => Math.Max(0, Required - Valid);
}

/// <summary>
/// A chief's standing in a period. <see cref="Windows"/> are the rule's periods judged (the months of a quarter for a
/// monthly rule, or the quarter containing a month for a quarterly one); <see cref="Xun"/> the 旬 judged where the
/// rule has a per-旬 minimum. <see cref="Shortfall"/> is the fewest extra valid patrols that would have made the chief
/// compliant.
/// </summary>
public sealed record ComplianceVerdict(PatrolFrequency Rule, int Required, int ValidInPeriod, IReadOnlyList<WindowCount> Windows,
    IReadOnlyList<WindowCount> Xun, ComplianceStatus Status, int Shortfall)
{
    public bool Compliant => Status == ComplianceStatus.Compliant;
}

/// <summary>
/// Judges a chief's valid patrols in a calendar period (China Standard Time) against a frequency rule, over calendar
/// windows, not rolling ones:
/// <list type="bullet">
/// <item>rule per the period's own kind (monthly rule, a month): the period is the window;</item>
/// <item>rule per a shorter kind (monthly rule, a quarter or year): every window of the rule lying wholly inside the period
/// (ISO weeks straddling the period's ends are not judged; their patrols still count in <c>ValidInPeriod</c>);</item>
/// <item>rule per a longer kind (quarterly rule, a month): the rule's window containing the period, counted up to the
/// period's end — <see cref="ComplianceStatus.Pending"/> while that window goes on beyond the period and is not met;</item>
/// <item>a per-旬 minimum: every 旬 of the period (the period itself if it is a 旬; not judged for ISO weeks).</item>
/// </list>
/// A patrol belongs to the window its start falls in.
/// </summary>
public static class PatrolComplianceEvaluator
{
    /// <summary>The first instant whose patrols can matter for <paramref name="rule"/> judged in <paramref name="period"/>.</summary>
    public static DateTimeOffset CountFrom(OfficePeriod period, PatrolFrequency rule) =>
        Nominal(rule.Per) > Nominal(period.Kind) || FullWindows(period, rule.Per).Count == 0 && rule.Per != period.Kind
            ? OfficePeriod.Containing(rule.Per, period.Start).Start
            : period.Start;

    /// <param name="validStarts">Start times of the chief's valid patrols from at least <see cref="CountFrom"/> to the period's end.</param>
    public static ComplianceVerdict Evaluate(OfficePeriod period, PatrolFrequency rule, IReadOnlyList<DateTimeOffset> validStarts)
    {
        var inPeriod = Count(validStarts, period.Start, period.End);
        var xun = XunWindows(period, rule, validStarts);
        var xunMissing = xun.Sum(x => x.Missing);
        if (rule.Per == period.Kind || Nominal(rule.Per) < Nominal(period.Kind) && FullWindows(period, rule.Per).Count > 0)
        {
            var windows = (rule.Per == period.Kind ? [period] : FullWindows(period, rule.Per))
                .Select(w => new WindowCount(w, Count(validStarts, w.Start, w.End), rule.Required)).ToList();
            // Inside each window: the total and the 旬 minimums of the 旬 in it, whichever needs more patrols.
            var shortfall = windows.Sum(w => Math.Max(w.Missing, xun.Where(x => Inside(x.Period, w.Period)).Sum(x => x.Missing)))
                + xun.Where(x => !windows.Any(w => Inside(x.Period, w.Period))).Sum(x => x.Missing);
            return new ComplianceVerdict(rule, rule.Required * windows.Count, inPeriod, windows, xun,
                shortfall == 0 ? ComplianceStatus.Compliant : ComplianceStatus.Shortfall, shortfall);
        }
        var window = OfficePeriod.Containing(rule.Per, period.Start);
        var counted = new WindowCount(window, Count(validStarts, window.Start, period.End), rule.Required);
        var missing = Math.Max(counted.Missing, xunMissing);
        var status = missing == 0 ? ComplianceStatus.Compliant
            : xunMissing == 0 && window.End > period.End ? ComplianceStatus.Pending : ComplianceStatus.Shortfall;
        return new ComplianceVerdict(rule, rule.Required, inPeriod, [counted], xun, status, missing);
    }

    private static List<WindowCount> XunWindows(OfficePeriod period, PatrolFrequency rule, IReadOnlyList<DateTimeOffset> validStarts)
    {
        if (rule.PerXun == 0 || period.Kind == PeriodKind.Week) return [];
        var xun = period.Kind == PeriodKind.Xun ? [period] : period.Subperiods(PeriodKind.Xun);
        return xun.Select(x => new WindowCount(x, Count(validStarts, x.Start, x.End), rule.PerXun)).ToList();
    }

    private static IReadOnlyList<OfficePeriod> FullWindows(OfficePeriod period, PeriodKind kind) =>
        period.Subperiods(kind).Where(w => w.End <= period.End).ToList();

    private static bool Inside(OfficePeriod inner, OfficePeriod outer) => inner.Start >= outer.Start && inner.End <= outer.End;

    private static int Count(IReadOnlyList<DateTimeOffset> starts, DateTimeOffset from, DateTimeOffset to)
    {
        var n = 0;
        foreach (var start in starts)
        {
            if (start >= from && start < to) n++;
        }
        return n;
    }

    /// <summary>Nominal length in days, to tell longer rules from shorter ones (a 旬 is longer than a week).</summary>
    private static int Nominal(PeriodKind kind) => kind switch
    {
        PeriodKind.Week => 7,
        PeriodKind.Xun => 10,
        PeriodKind.Month => 30,
        PeriodKind.Quarter => 91,
        _ => 365,
    };
}
