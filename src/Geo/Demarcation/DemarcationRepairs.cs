using RiverGis.Geo.Dataset;
using RiverGis.Geo.Model;
using RiverGis.Geo.Repair;

namespace RiverGis.Geo.Demarcation;

/// <summary>
/// Puts what the reader repaired in a proposal (zero-length parts, repeated positions, nearly closed rings) into the
/// check's report as warnings, first and by feature, so the planner sees that the file was not taken exactly as sent.
/// </summary>
public static class DemarcationRepairs
{
    public static DemarcationReport With(DemarcationReport report, IReadOnlyList<DatasetProblem> repairs, IReadOnlyList<ProposedSegment> proposed)
    {
        if (repairs.Count == 0) return report;
        var byIndex = proposed.GroupBy(p => p.FeatureIndex).ToDictionary(g => g.Key, g => g.First().Segment);
        var added = repairs.Select(r =>
        {
            var segment = r.FeatureIndex is { } i ? byIndex.GetValueOrDefault(i) : null;
            var where = r.Property is null ? "" : $" ({r.Property})";
            return new DemarcationProblem(DemarcationProblemKind.GeometryRepaired, DemarcationSeverity.Warning, segment?.Code,
                segment is null ? [] : [segment.Code], r.FeatureIndex, r.FeatureIndex is { } fi ? [fi] : [], segment?.RiverCode,
                segment?.Level, segment?.AreaCode,
                $"geometry repaired{where}: {r.Message}", $"几何已自动修复{where}：{r.Repair?.ChineseLabel() ?? r.Message}", null);
        }).ToList();
        var counts = report.Counts.ToDictionary(c => c.Key, c => c.Value);
        counts[DemarcationProblemKind.GeometryRepaired] = counts.GetValueOrDefault(DemarcationProblemKind.GeometryRepaired) + added.Count;
        return report with { WarningCount = report.WarningCount + added.Count, Counts = counts, Problems = [.. added, .. report.Problems] };
    }
}
