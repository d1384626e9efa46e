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

    public async Task<double?> TargetMetPercentAsync(OfficePeriod period, string areaCode, CancellationToken ct)
    {
        int monitored = 0, met = 0;
        foreach (var month in MonthsOf(period))
        {
            var area = (await water.SectionComplianceByAreaAsync(month, areaCode, ct)).FirstOrDefault(a => a.AreaCode == areaCode);
            if (area is null) continue;
            monitored += area.Monitored;
            met += area.Met;
        }
        return monitored == 0 ? null : Math.Round(100.0 * met / monitored, 1);
    }

    private static IEnumerable<OfficePeriod> MonthsOf(OfficePeriod period)
    {
        for (var day = new DateOnly(period.FirstDay.Year, period.FirstDay.Month, 1); day <= period.LastDay; day = day.AddMonths(1))
            yield return new OfficePeriod(PeriodKind.Month, day.Year, day.Month);
    }
}
