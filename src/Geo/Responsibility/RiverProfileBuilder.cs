using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Responsibility;

/// <summary>Options of <see cref="RiverProfileBuilder"/>.</summary>
/// <param name="ToleranceM">Tolerance of the coverage, overlap and crossing analyses (and of area slivers).</param>
/// <param name="OutletSearchM">Outlets without a river_code are listed when within this distance of the river.</param>
public sealed record RiverProfileOptions(double ToleranceM = ResponsibilityCodes.DefaultToleranceM, double OutletSearchM = 500);

/// <summary>An area a river crosses, with the river length inside it.</summary>
/// <param name="FromM">Where the river first enters the area (measure).</param>
/// <param name="ToM">Where it last leaves it.</param>
public sealed record ProfileArea(string AreaCode, string AreaName, AdminLevel Level, double LengthM, double FromM, double ToM);

/// <summary>A segment of the river with its chief (all chief fields null when vacant).</summary>
/// <param name="Geometry">The segment's own line.</param>
/// <param name="LengthM">Geodesic length of the segment's own line.</param>
/// <param name="CoveredM">River length its alignment covers.</param>
/// <param name="FromM">First river measure it covers; null when it does not follow the river.</param>
/// <param name="ToM">Last river measure it covers; null when it does not follow the river.</param>
public sealed record ProfileSegment(
    Geometry Geometry,
    string Code,
    string? Name,
    AdminLevel Level,
    string AreaCode,
    string? AreaName,
    bool Vacant,
    string? ChiefId,
    string? ChiefName,
    string? ChiefPhone,
    double LengthM,
    double CoveredM,
    double? FromM,
    double? ToM);

/// <summary>The river at one level: areas crossed, segments, and (for required levels) coverage.</summary>
/// <param name="Required">True when the river is managed at this level (its own level or below it).</param>
/// <param name="OutsideAreasM">River length outside every area of this level.</param>
/// <param name="CoveredPercent">Null for levels that are not required (or when nothing is required).</param>
public sealed record ProfileLevel(
    AdminLevel Level,
    bool Required,
    IReadOnlyList<ProfileArea> Areas,
    IReadOnlyList<ProfileSegment> Segments,
    double OutsideAreasM,
    double? RequiredM,
    double? CoveredM,
    double? CoveredPercent,
    double? UnassignedM,
    double? VacantM);

/// <summary>A sewage outlet on or near the river.</summary>
/// <param name="Geometry">The outlet (lon/lat point).</param>
/// <param name="RiverCode">The outlet's declared river_code (null: found by distance).</param>
/// <param name="MeasureM">Measure of the nearest river point.</param>
/// <param name="DistanceM">Geodesic distance from the outlet to that point.</param>
public sealed record ProfileOutlet(
    Geometry Geometry,
    string Code,
    string Name,
    OutletKind Kind,
    OutletScale Scale,
    PermitStatus Permit,
    string? RiverCode,
    double MeasureM,
    double DistanceM);

/// <summary>One river's file (一河一档): identity, areas and segments per level, coverage, problems and outlets.</summary>
/// <param name="Geometry">The river (lon/lat).</param>
/// <param name="Level">The river's own (managing) level.</param>
/// <param name="Levels">Every level that has areas or segments, top-down.</param>
public sealed record RiverProfile(
    Geometry Geometry,
    string Code,
    string Name,
    AdminLevel Level,
    string? DownstreamCode,
    string? DownstreamName,
    double LengthM,
    IReadOnlyList<ProfileLevel> Levels,
    IReadOnlyList<CoverageGap> Gaps,
    IReadOnlyList<SegmentOverlap> Overlaps,
    IReadOnlyList<BoundaryCrossing> BoundaryCrossings,
    IReadOnlyList<ProfileOutlet> Outlets);

/// <summary>
/// Builds the file of one river (一河一档) from the other analyses: coverage, gaps and crossings for each level the
/// river is managed at, overlaps at every level, and the outlets declared on it or lying near it.
/// Areas touched by the river for no more than the tolerance are left out of the areas crossed.
/// </summary>
public static class RiverProfileBuilder
{
    /// <summary>The profile of <paramref name="riverCode"/>; throws <see cref="ArgumentException"/> for an unknown river.</summary>
    public static RiverProfile Build(RiverSystem system, string riverCode, RiverProfileOptions? options = null)
    {
        options ??= new RiverProfileOptions();
        Analysis.CheckTolerance(options.ToleranceM, nameof(options.ToleranceM));
        var entry = Analysis.RiverOrThrow(system, riverCode);
        var river = entry.River;
        var tol = options.ToleranceM;
        var levels = system.LevelsPresent
            .Concat(system.Data.Segments.Where(s => s.RiverCode == riverCode).Select(s => s.Level))
            .Distinct().Order().ToList();

        var profileLevels = new List<ProfileLevel>();
        var gaps = new List<CoverageGap>();
        var crossings = new List<BoundaryCrossing>();
        foreach (var level in levels)
        {
            var stretches = system.StretchesOf(riverCode, level);
            var areas = stretches.Where(s => s.Inside.Length > tol)
                .Select(s => new ProfileArea(s.Area.Area.Code, s.Area.Area.Name, level, s.Inside.Length,
                    s.Inside.Intervals[0].From, s.Inside.Intervals[^1].To))
                .ToList();
            var segments = system.SegmentsOn(riverCode, level).Select(s => Segment(system, s, tol))
                .OrderBy(s => s.FromM ?? double.PositiveInfinity).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
            var required = river.Level.IsAtOrAbove(level) && system.LevelsPresent.Contains(level);
            var outside = IntervalSet.Of(0, entry.Line.Length).Subtract(IntervalSet.From(stretches.SelectMany(s => s.Inside.Intervals)))
                .WithoutShorterThan(tol).Length;
            if (!required)
            {
                profileLevels.Add(new ProfileLevel(level, false, areas, segments, outside, null, null, null, null, null));
                continue;
            }
            var coverage = CoverageAnalyzer.Analyze(system, new CoverageQuery(level, RiverCode: riverCode, ToleranceM: tol));
            var summary = coverage.Rivers.Single();
            gaps.AddRange(coverage.Gaps);
            crossings.AddRange(BoundaryCrossings.On(system, entry, level, tol));
            profileLevels.Add(new ProfileLevel(level, true, areas, segments, summary.OutsideAreasM, summary.RequiredM,
                summary.CoveredM, summary.CoveredPercent, summary.UnassignedM, summary.VacantM));
        }

        var downstream = river.DownstreamCode is { } d && system.Rivers.TryGetValue(d, out var down) ? down.River.Name : null;
        return new RiverProfile(river.Geometry, river.Code, river.Name, river.Level, river.DownstreamCode, downstream,
            entry.Line.Length, profileLevels,
            gaps.OrderBy(g => g.FromM).ThenBy(g => g.Level).ThenBy(g => g.AreaCode, StringComparer.Ordinal).ToList(),
            OverlapFinder.Find(system, new OverlapQuery(RiverCode: riverCode, ToleranceM: tol)),
            crossings.OrderBy(c => c.MeasureM).ThenBy(c => c.Level).ToList(),
            Outlets(system, entry, options.OutletSearchM));
    }

    private static ProfileSegment Segment(RiverSystem system, SegmentEntry entry, double tol)
    {
        var s = entry.Segment;
        var covered = system.AlignmentOf(entry, tol).Covered;
        var chief = s.ChiefId is { } id && system.Chiefs.TryGetValue(id, out var c) ? c : null;
        var area = system.Areas.TryGetValue(s.AreaCode, out var a) ? a.Area.Name : null;
        return new ProfileSegment(s.Geometry, s.Code, s.Name, s.Level, s.AreaCode, area, !Analysis.HasChief(s),
            Analysis.HasChief(s) ? s.ChiefId : null, chief?.Name, chief?.Phone, entry.Line.Length, covered.Length,
            covered.IsEmpty ? null : covered.Intervals[0].From, covered.IsEmpty ? null : covered.Intervals[^1].To);
    }

    /// <summary>Outlets declared on the river (at any distance) and undeclared ones within the search distance, by measure.</summary>
    private static List<ProfileOutlet> Outlets(RiverSystem system, RiverEntry river, double searchM)
    {
        var line = river.Line;
        var result = new List<ProfileOutlet>();
        if (line.VertexCount < 2) return result;
        foreach (var outlet in system.Data.Outlets)
        {
            if (outlet.RiverCode is not null && outlet.RiverCode != river.River.Code) continue;
            var (x, y) = system.Projection.Project(outlet.Location.X, outlet.Location.Y);
            // Declared outlets are located however far away they are; others only inside the (slightly widened) search radius.
            var radius = outlet.RiverCode is null
                ? searchM * line.ScaleFactor * 1.05
                : Distance(line.ProjectedEnvelope, x, y) + Math.Max(line.ProjectedEnvelope.Width, line.ProjectedEnvelope.Height) + 1;
            if (line.Locate(x, y, radius) is not { } location) continue;
            var distance = Geodesic.Distance(outlet.Location.Coordinate, line.PointAt(location.Measure));
            if (outlet.RiverCode is null && distance > searchM) continue;
            result.Add(new ProfileOutlet(outlet.Location, outlet.Code, outlet.Name, outlet.Kind, outlet.Scale,
                outlet.Permit, outlet.RiverCode, location.Measure, distance));
        }
        return result.OrderBy(o => o.MeasureM).ThenBy(o => o.Code, StringComparer.Ordinal).ToList();
    }

    private static double Distance(Envelope envelope, double x, double y)
    {
        var dx = Math.Max(0, Math.Max(envelope.MinX - x, x - envelope.MaxX));
        var dy = Math.Max(0, Math.Max(envelope.MinY - y, y - envelope.MaxY));
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
