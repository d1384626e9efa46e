using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Water;

/// <summary>达标率 of one area in one period: of its sections monitored in the period, how many met their target.</summary>
/// <param name="RatePercent">100 × met / monitored; null when nothing was monitored.</param>
/// <param name="PreviousRatePercent">The same for the previous period.</param>
/// <param name="ChangePoints">Rate minus previous rate, in percentage points; null when either is unknown.</param>
public sealed record AreaCompliance(string AreaCode, OfficePeriod Period, int Sections, int Monitored, int Met, double? RatePercent,
    int PreviousMonitored, int PreviousMet, double? PreviousRatePercent, double? ChangePoints);

/// <summary>
/// 断面达标率 per area: a section counts for each area it answers to and for every area above those (a boundary section
/// of two townships counts once for their county). Sections without a sample in the period are not monitored and
/// do not count in the rate.
/// </summary>
public static class ComplianceRates
{
    /// <param name="sections">Every section with its areas.</param>
    /// <param name="current">Per section code, its result in the period (missing = no sample).</param>
    /// <param name="previous">Per section code, its result in the previous period.</param>
    /// <param name="ancestorsAndSelf">An area and the areas above it.</param>
    public static IReadOnlyList<AreaCompliance> Compute(IEnumerable<MonitoringSection> sections, OfficePeriod period,
        IReadOnlyDictionary<string, SectionPeriod> current, IReadOnlyDictionary<string, SectionPeriod> previous,
        Func<string, IEnumerable<string>> ancestorsAndSelf)
    {
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            var areas = section.AreaCodes.SelectMany(ancestorsAndSelf).Distinct(StringComparer.Ordinal);
            var now = current.GetValueOrDefault(section.Code)?.TargetMet;
            var before = previous.GetValueOrDefault(section.Code)?.TargetMet;
            foreach (var area in areas)
            {
                if (!tallies.TryGetValue(area, out var t)) tallies[area] = t = new Tally();
                t.Sections++;
                if (now is { } n) { t.Monitored++; if (n) t.Met++; }
                if (before is { } b) { t.PreviousMonitored++; if (b) t.PreviousMet++; }
            }
        }
        return tallies.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var t = kv.Value;
            var rate = Rate(t.Met, t.Monitored);
            var previousRate = Rate(t.PreviousMet, t.PreviousMonitored);
            return new AreaCompliance(kv.Key, period, t.Sections, t.Monitored, t.Met, rate, t.PreviousMonitored, t.PreviousMet, previousRate,
                rate is { } r && previousRate is { } p ? Math.Round(r - p, 2) : null);
        }).ToList();
    }

    private static double? Rate(int met, int of) => of == 0 ? null : Math.Round(100.0 * met / of, 2);

    private sealed class Tally
    {
        public int Sections, Monitored, Met, PreviousMonitored, PreviousMet;
    }
}

/// <summary>A section failing its target in enough monitored periods in a row to be escalated (连续不达标).</summary>
public sealed record FailingSection(MonitoringSection Section, SectionPeriod Latest, OfficePeriod RunStart);

/// <summary>The consecutive-failure scan: sections whose latest result in a period is the N-th failure (or more) in a row.</summary>
public static class ConsecutiveFailureScan
{
    /// <summary>Default number of consecutive failures that opens a problem (对连续两次不达标断面…约谈).</summary>
    public const int DefaultThreshold = 2;

    /// <param name="results">Per section, its results up to and including <paramref name="period"/>.</param>
    public static IReadOnlyList<FailingSection> Find(IEnumerable<(MonitoringSection Section, IReadOnlyList<SectionPeriod> Series)> results,
        OfficePeriod period, int threshold = DefaultThreshold)
    {
        if (threshold < 1) throw new ArgumentOutOfRangeException(nameof(threshold), "at least one failure");
        var failing = new List<FailingSection>();
        foreach (var (section, series) in results)
        {
            var latest = series.LastOrDefault(p => p.Period == period);
            if (latest is { ConsecutiveFailures: var n, RunStart: { } start } && n >= threshold) failing.Add(new FailingSection(section, latest, start));
        }
        return failing.OrderBy(f => f.Section.Code, StringComparer.Ordinal).ToList();
    }
}
