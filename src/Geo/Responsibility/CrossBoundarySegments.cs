using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Responsibility;

/// <summary>What <see cref="CrossBoundarySegments"/> looks at.</summary>
/// <param name="Level">Optional: only segments of this level.</param>
/// <param name="RiverCode">Optional: one river.</param>
/// <param name="AreaCode">Optional: only segments owned by this area or an area under it.</param>
/// <param name="ToleranceM">Pieces outside the own area must be longer than this and stray farther than this.</param>
public sealed record CrossBoundaryQuery(
    AdminLevel? Level = null,
    string? RiverCode = null,
    string? AreaCode = null,
    double ToleranceM = ResponsibilityCodes.DefaultToleranceM);

/// <summary>The part of a segment that runs outside its owning area into one other area (跨界河段).</summary>
/// <param name="Geometry">The segment's line outside its own area and inside the entered area (lon/lat).</param>
/// <param name="Level">The segment's level.</param>
/// <param name="OwnAreaCode">The segment's area_code.</param>
/// <param name="EnteredAreaCode">The same-level area entered; null for the part outside every same-level area.</param>
/// <param name="LengthM">Geodesic length of <paramref name="Geometry"/>.</param>
public sealed record CrossBoundarySegment(
    Geometry Geometry,
    string SegmentCode,
    string RiverCode,
    AdminLevel Level,
    string OwnAreaCode,
    string? EnteredAreaCode,
    string? EnteredAreaName,
    double LengthM);

/// <summary>
/// Finds segments whose own line runs outside their owning area by more than the tolerance. A piece of the line
/// outside the area counts when it is longer than the tolerance AND its farthest point is more than the tolerance away
/// from the area (so a segment that hugs a boundary digitised slightly differently is not flagged). Kept pieces are
/// then split by the areas of the own area's level that they enter; a split part not longer than the tolerance is dropped.
/// Throws <see cref="ArgumentException"/> for an unknown river or area filter.
/// </summary>
public static class CrossBoundarySegments
{
    /// <summary>All cross-boundary parts, ordered by river code, level, segment code, then position along the segment.</summary>
    public static IReadOnlyList<CrossBoundarySegment> Find(RiverSystem system, CrossBoundaryQuery? query = null)
    {
        query ??= new CrossBoundaryQuery();
        Analysis.CheckTolerance(query.ToleranceM, nameof(query.ToleranceM));
        if (query.RiverCode is not null) Analysis.RiverOrThrow(system, query.RiverCode);
        var filter = AreaFilter.Create(system, query.AreaCode);
        return Analysis.AllSegments(system)
            .Where(s => (query.Level is null || s.Segment.Level == query.Level)
                        && (query.RiverCode is null || s.Segment.RiverCode == query.RiverCode)
                        && filter.Includes(s.Segment.AreaCode))
            .SelectMany(s => Of(system, s, query.ToleranceM))
            .ToList();
    }

    /// <summary>The cross-boundary parts of one segment (empty when its area is unknown or it stays inside).</summary>
    public static IReadOnlyList<CrossBoundarySegment> Of(RiverSystem system, SegmentEntry segment, double toleranceM = ResponsibilityCodes.DefaultToleranceM)
    {
        Analysis.CheckTolerance(toleranceM);
        var s = segment.Segment;
        var line = segment.Line;
        if (!system.Areas.TryGetValue(s.AreaCode, out var own) || line.Length <= toleranceM) return [];
        var outside = IntervalSet.Of(0, line.Length).Subtract(own.Prepared.IntervalsOn(line));
        var kept = IntervalSet.From(outside.Intervals.Where(piece =>
            piece.Length > toleranceM && StraysFarther(own.Prepared, line, piece, toleranceM)));
        if (kept.IsEmpty) return [];

        var parts = new List<(double Start, CrossBoundarySegment Part)>();
        var entered = IntervalSet.Empty;
        foreach (var area in system.AreasNear(own.Area.Level, line.ProjectedEnvelope)
                     .Where(a => a.Area.Code != own.Area.Code).OrderBy(a => a.Area.Code, StringComparer.Ordinal))
        {
            var inside = area.Prepared.IntervalsOn(line).Intersect(kept);
            if (inside.IsEmpty) continue;
            entered = entered.Union(inside);
            if (inside.Length > toleranceM) parts.Add((inside.Intervals[0].From, Part(line, s, own, area.Area, inside)));
        }
        var remainder = kept.Subtract(entered);
        if (remainder.Length > toleranceM) parts.Add((remainder.Intervals[0].From, Part(line, s, own, null, remainder)));
        return parts.OrderBy(p => p.Start).ThenBy(p => p.Part.EnteredAreaCode, StringComparer.Ordinal).Select(p => p.Part).ToList();
    }

    private static CrossBoundarySegment Part(MeasuredLine line, Segment s, AreaEntry own, AdminArea? entered, IntervalSet intervals) =>
        new(Analysis.Extract(line, intervals), s.Code, s.RiverCode, s.Level, own.Area.Code, entered?.Code, entered?.Name, intervals.Length);

    /// <summary>
    /// True when some point of the piece lies farther than the tolerance from the area. Sampled every tolerance/2
    /// (distance changes by at most the step between samples), stopping at the first far sample.
    /// </summary>
    private static bool StraysFarther(AreaOnLine area, MeasuredLine line, Interval piece, double toleranceM)
    {
        var limit = toleranceM * line.ScaleFactor;
        var step = Math.Max(1, toleranceM / 2);
        var measures = Analysis.Samples(piece.From, piece.To, step)
            .Concat(line.M.Where(m => m > piece.From && m < piece.To));
        foreach (var m in measures)
        {
            var (x, y) = line.ProjectedAt(m);
            if (!area.Contains(x, y) && area.DistanceToBoundary(x, y) > limit) return true;
        }
        return false;
    }
}
