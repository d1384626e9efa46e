using System.Globalization;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;

namespace RiverGis.Geo.Water;

/// <summary>Where a section point lies on its river: the measure from the source and the geodesic distance to the line.</summary>
public readonly record struct SectionSnap(double MeasureM, double OffsetM);

/// <summary>
/// Snaps a section point onto its river (断面定位): the nearest point of the river line within the tolerance, with its
/// measure. Farther than the tolerance the section does not belong to the river (a typing error in the coordinates
/// or the wrong river code) and is refused.
/// </summary>
public static class SectionSnapper
{
    /// <summary>Default tolerance between a section point and its river (m).</summary>
    public const double DefaultToleranceM = 200;

    /// <summary>The snap of <paramref name="point"/> on the river within <paramref name="toleranceM"/>; null when the river is unknown or farther.</summary>
    public static SectionSnap? Snap(RiverSystem system, string riverCode, Point point, double toleranceM = DefaultToleranceM)
    {
        if (!system.Rivers.TryGetValue(riverCode, out var river) || river.Line.VertexCount < 2) return null;
        var (x, y) = system.Projection.Project(point.X, point.Y);
        var radius = toleranceM * system.Projection.ScaleFactor(point.X, point.Y) * 1.05 + 1;
        if (river.Line.Locate(x, y, radius) is not { } location) return null;
        var at = river.Line.PointAt(location.Measure);
        var offset = Geodesic.Distance(point.X, point.Y, at.X, at.Y);
        return offset <= toleranceM ? new SectionSnap(location.Measure, offset) : null;
    }
}

/// <summary>A proposed section where a river crosses a boundary and no section stands near yet (候选断面).</summary>
/// <param name="Key">Stable key of the candidate (river, level, measure to the metre), used to accept or reject it.</param>
public sealed record SectionCandidate(string Key, BoundaryCrossing Crossing)
{
    /// <summary>The areas a section here answers to: both sides of the crossing (one for entering/leaving).</summary>
    public IReadOnlyList<string> AreaCodes => new[] { Crossing.UpstreamAreaCode, Crossing.DownstreamAreaCode }.OfType<string>().ToList();
}

/// <summary>
/// Candidate boundary sections (交界断面建议): the boundary crossings of a level that have no section on the same river
/// within <paramref name="proximityM"/> along it, and that the office has not rejected before.
/// </summary>
public static class SectionCandidates
{
    /// <summary>A crossing with a section this close along the river (m) is already monitored.</summary>
    public const double DefaultProximityM = 500;

    public static string KeyOf(BoundaryCrossing crossing) =>
        string.Create(CultureInfo.InvariantCulture, $"{crossing.RiverCode}:{crossing.Level.ToCode()}:{Math.Round(crossing.MeasureM):0}");

    public static IReadOnlyList<SectionCandidate> Find(RiverSystem system, AdminLevel level, IEnumerable<(string RiverCode, double MeasureM)> sections,
        IReadOnlySet<string> rejected, string? areaCode = null, double proximityM = DefaultProximityM)
    {
        var byRiver = sections.GroupBy(s => s.RiverCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.MeasureM).ToList(), StringComparer.Ordinal);
        return BoundaryCrossings.Find(system, new BoundaryCrossingQuery(level, areaCode))
            .Where(c => c.Kind == CrossingKind.Boundary || c.UpstreamAreaCode is not null || c.DownstreamAreaCode is not null)
            .Where(c => !(byRiver.GetValueOrDefault(c.RiverCode)?.Any(m => Math.Abs(m - c.MeasureM) <= proximityM) ?? false))
            .Select(c => new SectionCandidate(KeyOf(c), c))
            .Where(c => !rejected.Contains(c.Key))
            .ToList();
    }
}
