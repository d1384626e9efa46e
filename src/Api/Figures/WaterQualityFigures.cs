using RiverGis.Api.Analysis;
using RiverGis.Api.Water;
using RiverGis.Geo.Calendar;

namespace RiverGis.Api.Figures;

/// <summary>
/// Water-quality figures for plan targets and the assessment, "where sections exist": the monitoring sections of the
/// water capability (issue 14). An area without sections has no figure, and the assessment leaves the item out.
/// </summary>
public interface IWaterQualityFigures
{
    /// <summary>Whether a monitoring section (断面) of that code exists.</summary>
    Task<bool> SectionExistsAsync(string code, CancellationToken ct);

    /// <summary>The share (%) of the area's sections meeting their target class in the period; null where the area has none.</summary>
    Task<double?> TargetMetPercentAsync(OfficePeriod period, string areaCode, CancellationToken ct);

    /// <summary>
    /// The same for many areas at once (the assessment's every area of a level): the period's months are judged once
    /// for the subtree of <paramref name="scopeAreaCode"/> (null: everything), not once per area.
    /// </summary>
    Task<IReadOnlyDictionary<string, double?>> TargetMetPercentByAreaAsync(OfficePeriod period, string? scopeAreaCode, IReadOnlyCollection<string> areaCodes,
        CancellationToken ct);
}

/// <summary>
/// The figures from the monitoring sections: a period longer than a month (a quarter, the assessment's year) counts
/// section-months — met over monitored across its months, each judged as the water capability judges a month (GB
/// 3838-2002 on the month's mean); a shorter one (旬, week) is judged by the month it starts in.
/// </summary>
public sealed class SectionWaterQualityFigures(WaterQualityService water, SystemSnapshots snapshots) : IWaterQualityFigures
{
    public async Task<bool> SectionExistsAsync(string code, CancellationToken ct) =>
        (await snapshots.CurrentAsync(ct)).Water.Sections.ContainsKey(code);

    public async Task<double?> TargetMetPercentAsync(OfficePeriod period, string areaCode, CancellationToken ct) =>
        (await TargetMetPercentByAreaAsync(period, areaCode, [areaCode], ct))[areaCode];

    public async Task<IReadOnlyDictionary<string, double?>> TargetMetPercentByAreaAsync(OfficePeriod period, string? scopeAreaCode,
        IReadOnlyCollection<string> areaCodes, CancellationToken ct)
    {
        var wanted = areaCodes.ToHashSet(StringComparer.Ordinal);
        var sums = new Dictionary<string, (int Monitored, int Met)>(StringComparer.Ordinal);
        foreach (var month in MonthsOf(period))
        {
            foreach (var area in await water.SectionComplianceByAreaAsync(month, scopeAreaCode, ct))
            {
                if (!wanted.Contains(area.AreaCode)) continue;
                var (monitored, met) = sums.GetValueOrDefault(area.AreaCode);
                sums[area.AreaCode] = (monitored + area.Monitored, met + area.Met);
            }
        }
        return wanted.ToDictionary(a => a, a => sums.GetValueOrDefault(a) is var (monitored, met) && monitored > 0 ? Math.Round(100.0 * met / monitored, 1) : (double?)null,
            StringComparer.Ordinal);
    }

    private static IEnumerable<OfficePeriod> MonthsOf(OfficePeriod period)
    {
        for (var day = new DateOnly(period.FirstDay.Year, period.FirstDay.Month, 1); day <= period.LastDay; day = day.AddMonths(1))
            yield return new OfficePeriod(PeriodKind.Month, day.Year, day.Month);
    }
}
