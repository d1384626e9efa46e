using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Responsibility;

/// <summary>What <see cref="OverlapFinder"/> looks at.</summary>
/// <param name="Level">Optional: only segments of this level (default: every level, each on its own).</param>
/// <param name="RiverCode">Optional: one river.</param>
/// <param name="AreaCode">Optional: only overlaps involving a segment of this area or of an area under it.</param>
/// <param name="ToleranceM">Alignment tolerance; overlaps not longer than it are ignored.</param>
public sealed record OverlapQuery(
    AdminLevel? Level = null,
    string? RiverCode = null,
    string? AreaCode = null,
    double ToleranceM = ResponsibilityCodes.DefaultToleranceM);

/// <summary>A stretch of a river covered by two or more segments of the same level (double assignment, 重复划分).</summary>
/// <param name="Geometry">The doubly covered stretch of the river (lon/lat).</param>
/// <param name="Level">Level of the segments.</param>
/// <param name="SegmentCodes">Every segment covering more than the tolerance of the stretch, ordered.</param>
/// <param name="AreaCodes">Their areas, distinct and ordered.</param>
public sealed record SegmentOverlap(
    Geometry Geometry,
    string RiverCode,
    string RiverName,
    AdminLevel Level,
    IReadOnlyList<string> SegmentCodes,
    IReadOnlyList<string> AreaCodes,
    double LengthM,
    double FromM,
    double ToM);

/// <summary>
/// Finds stretches of a river that two or more segments of one level claim. Works on the raw (un-grown) alignments:
/// segments that merely share an end point, or overlap by no more than the tolerance, are not overlaps. Contiguous
/// doubly-covered stretches are reported as one, listing all segments involved.
/// </summary>
public static class OverlapFinder
{
    /// <summary>All overlaps, ordered by river code, measure, then level (top-down).</summary>
    public static IReadOnlyList<SegmentOverlap> Find(RiverSystem system, OverlapQuery? query = null)
    {
        query ??= new OverlapQuery();
        Analysis.CheckTolerance(query.ToleranceM, nameof(query.ToleranceM));
        if (query.RiverCode is not null) Analysis.RiverOrThrow(system, query.RiverCode);
        var filter = AreaFilter.Create(system, query.AreaCode);
        var result = new List<SegmentOverlap>();
        // One river: its own (river, level) lists, not a pass over every segment of the system (the demarcation check
        // asks per touched pair, and a scan per pair made it quadratic).
        var groups = query.RiverCode is { } one
            ? (query.Level is { } l ? [l] : Enum.GetValues<AdminLevel>()).Where(l => system.SegmentsOn(one, l).Count > 0).Select(l => (RiverCode: one, Level: l))
            : system.Data.Segments.Where(s => query.Level is null || s.Level == query.Level).Select(s => (s.RiverCode, s.Level)).Distinct();
        foreach (var (riverCode, level) in groups)
        {
            if (!system.Rivers.TryGetValue(riverCode, out var river)) continue;
            foreach (var overlap in On(system, river, level, query.ToleranceM))
            {
                if (filter.Code is null || overlap.AreaCodes.Any(filter.Includes)) result.Add(overlap);
            }
        }
        return result.OrderBy(o => o.RiverCode, StringComparer.Ordinal).ThenBy(o => o.FromM)
            .ThenBy(o => o.Level).ThenBy(o => string.Join(",", o.SegmentCodes), StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<SegmentOverlap> On(RiverSystem system, RiverEntry river, AdminLevel level, double tol)
    {
        var segments = system.SegmentsOn(river.River.Code, level)
            .OrderBy(s => s.Segment.Code, StringComparer.Ordinal)
            .Select(s => (Entry: s, Covered: system.AlignmentOf(s, tol).Covered))
            .Where(s => !s.Covered.IsEmpty).ToList();
        if (segments.Count < 2) yield break;
        // Pairwise: few segments share a river at one level, and each pair's own overlap must exceed the tolerance.
        var multiple = new List<Interval>();
        for (var i = 0; i < segments.Count; i++)
        {
            for (var j = i + 1; j < segments.Count; j++)
            {
                multiple.AddRange(segments[i].Covered.Intersect(segments[j].Covered).WithoutShorterThan(tol).Intervals);
            }
        }
        foreach (var piece in IntervalSet.From(multiple).Intervals)
        {
            var stretch = IntervalSet.Of(piece.From, piece.To);
            var involved = segments.Where(s => s.Covered.Intersect(stretch).Length > tol).Select(s => s.Entry.Segment).ToList();
            yield return new SegmentOverlap(
                Analysis.Extract(river.Line, piece.From, piece.To), river.River.Code, river.River.Name, level,
                involved.Select(s => s.Code).Distinct().Order(StringComparer.Ordinal).ToList(),
                involved.Select(s => s.AreaCode).Distinct().Order(StringComparer.Ordinal).ToList(),
                piece.Length, piece.From, piece.To);
        }
    }
}
