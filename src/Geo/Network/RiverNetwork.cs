using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Network;

/// <summary>How a river's mouth was joined to the river it flows into.</summary>
public enum JoinKind
{
    /// <summary>From the river's <c>downstream_code</c>.</summary>
    DownstreamCode,
    /// <summary>No downstream code: another river's line passes within <see cref="RiverNetwork.SharedEndToleranceM"/> of the mouth.</summary>
    SharedEndPoint,
    /// <summary>The river ends in a lake or reservoir whose outflowing river continues it (measure 0 of that river).</summary>
    WaterBody,
}

/// <summary>Where a river's mouth joins the river downstream of it.</summary>
/// <param name="RiverCode">The tributary (upstream) river.</param>
/// <param name="DownstreamCode">The river it flows into.</param>
/// <param name="JoinMeasureM">Measure on the downstream river where the tributary's last point projects onto it.</param>
/// <param name="GapM">Geodesic distance between the mouth and that point (0 when the lines share the point).</param>
/// <param name="Kind">Whether the join came from the data's downstream code or from a shared end point.</param>
public sealed record RiverJoin(string RiverCode, string DownstreamCode, double JoinMeasureM, double GapM, JoinKind Kind);

/// <summary>An outlet placed on a river: its river (given, or the nearest within 500 m), measure and offset from the line.</summary>
public sealed record SnappedOutlet(Outlet Outlet, string RiverCode, double MeasureM, double OffsetM);

/// <summary>
/// River topology of a <see cref="RiverSystem"/>: each river's mouth joined to the river downstream (by
/// <c>downstream_code</c>, else by a shared end point), tributaries per river sorted by join measure, outlets snapped
/// to rivers, and the measure intervals each segment covers. Immutable once built; safe for concurrent reads.
/// </summary>
public sealed class RiverNetwork
{
    /// <summary>Without a downstream code, a river whose line passes within this distance of the mouth receives it.</summary>
    public const double SharedEndToleranceM = 50;
    /// <summary>An outlet without a river code belongs to the nearest river within this distance.</summary>
    public const double OutletSnapRadiusM = 500;
    /// <summary>A tributary joining within this distance of a river's source continues that river's main stem upstream.</summary>
    public const double SourceJoinToleranceM = 1;
    /// <summary>Tolerance at which segments are aligned onto their rivers (same as routing).</summary>
    public const double AlignmentToleranceM = 25;

    private static readonly double[] SearchRadii = [100, 1e3, 1e4, 1e5, 1e6, double.MaxValue];
    private static readonly IReadOnlyList<RiverJoin> NoTributaries = [];
    private static readonly IReadOnlyList<SnappedOutlet> NoOutlets = [];
    private readonly Dictionary<string, RiverJoin> _downstream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RiverJoin>> _tributaries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SnappedOutlet>> _outlets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(SegmentEntry Segment, IntervalSet Covered)>> _coverage = new(StringComparer.Ordinal);
    private readonly STRtree<RiverEntry> _riverEnvelopes = new();

    /// <summary>
    /// Builds the topology of <paramref name="system"/>; with <paramref name="waterBodies"/>, a river ending in a lake or
    /// reservoir (without a downstream code or shared end) flows on into the river leaving it.
    /// </summary>
    public RiverNetwork(RiverSystem system, IReadOnlyList<Water.WaterBody>? waterBodies = null)
    {
        System = system;
        var rivers = system.Rivers.Values.OrderBy(r => r.River.Code, StringComparer.Ordinal).ToList();
        foreach (var river in rivers) _riverEnvelopes.Insert(river.Line.ProjectedEnvelope, river);
        _riverEnvelopes.Build();

        // Declared joins first, so that joins found by shared end points can be checked against them for loops.
        foreach (var river in rivers)
        {
            if (river.River.DownstreamCode is not { } down || down == river.River.Code || !system.Rivers.TryGetValue(down, out var target)) continue;
            if (river.Line.VertexCount == 0 || target.Line.VertexCount < 2) continue;
            var (measure, gap) = Project(target, river.Line.Lon[^1], river.Line.Lat[^1]);
            _downstream[river.River.Code] = new RiverJoin(river.River.Code, down, measure, gap, JoinKind.DownstreamCode);
        }
        foreach (var river in rivers)
        {
            if (river.River.DownstreamCode is not null || river.Line.VertexCount == 0) continue;
            if (SharedEndJoin(river) is { } join) _downstream[river.River.Code] = join;
        }
        if (waterBodies is { Count: > 0 }) JoinThroughWaterBodies(rivers, waterBodies);
        foreach (var join in _downstream.Values)
        {
            if (!_tributaries.TryGetValue(join.DownstreamCode, out var list)) _tributaries[join.DownstreamCode] = list = [];
            list.Add(join);
        }
        foreach (var list in _tributaries.Values)
            list.Sort((a, b) => a.JoinMeasureM != b.JoinMeasureM ? a.JoinMeasureM.CompareTo(b.JoinMeasureM) : string.CompareOrdinal(a.RiverCode, b.RiverCode));

        foreach (var outlet in system.Data.Outlets)
        {
            if (SnapOutlet(outlet) is not { } snapped) continue;
            if (!_outlets.TryGetValue(snapped.RiverCode, out var list)) _outlets[snapped.RiverCode] = list = [];
            list.Add(snapped);
        }
        foreach (var list in _outlets.Values)
            list.Sort((a, b) => a.MeasureM != b.MeasureM ? a.MeasureM.CompareTo(b.MeasureM) : string.CompareOrdinal(a.Outlet.Code, b.Outlet.Code));

        foreach (var river in rivers)
        {
            var covered = AdminLevels.TopDown
                .SelectMany(level => system.SegmentsOn(river.River.Code, level))
                .Select(s => (s, system.AlignmentOf(s, AlignmentToleranceM).Covered))
                .Where(c => !c.Covered.IsEmpty)
                .ToList();
            if (covered.Count > 0) _coverage[river.River.Code] = covered;
        }
    }

    /// <summary>The system the network was built from.</summary>
    public RiverSystem System { get; }

    /// <summary>Where <paramref name="riverCode"/> flows into another river; null at an outlet to the sea or the edge of the data.</summary>
    public RiverJoin? DownstreamOf(string riverCode) => _downstream.GetValueOrDefault(riverCode);

    /// <summary>Rivers flowing into <paramref name="riverCode"/>, sorted by join measure (upstream first).</summary>
    public IReadOnlyList<RiverJoin> TributariesOf(string riverCode) =>
        _tributaries.TryGetValue(riverCode, out var list) ? list : NoTributaries;

    /// <summary>
    /// The river that continues <paramref name="riverCode"/> upstream of its source: one whose mouth joins at the
    /// source (within <see cref="SourceJoinToleranceM"/>), preferring the same name, then the longest; null if none.
    /// </summary>
    public string? MainStemPredecessor(string riverCode)
    {
        if (!System.Rivers.TryGetValue(riverCode, out var river)) return null;
        return TributariesOf(riverCode)
            .Where(t => t.JoinMeasureM <= SourceJoinToleranceM)
            .Select(t => System.Rivers[t.RiverCode])
            .OrderBy(t => t.River.Name == river.River.Name ? 0 : 1)
            .ThenByDescending(t => t.Line.Length)
            .ThenBy(t => t.River.Code, StringComparer.Ordinal)
            .FirstOrDefault()?.River.Code;
    }

    /// <summary>Outlets placed on <paramref name="riverCode"/>, sorted by measure.</summary>
    public IReadOnlyList<SnappedOutlet> OutletsOn(string riverCode) =>
        _outlets.TryGetValue(riverCode, out var list) ? list : NoOutlets;

    /// <summary>Segments of every level on <paramref name="riverCode"/> with the river measure intervals they cover.</summary>
    public IReadOnlyList<(SegmentEntry Segment, IntervalSet Covered)> SegmentCoverageOn(string riverCode) =>
        _coverage.TryGetValue(riverCode, out var list) ? list : [];

    /// <summary>A river's end within this distance of a water body's shore counts as flowing into (or out of) it.</summary>
    public const double WaterBodyToleranceM = 200;

    /// <summary>
    /// Rivers ending in a water body flow into the river leaving it: the outflow is the longest river rising in (or at
    /// the shore of) the body whose mouth is not in it. Declared and shared-end joins win; loops are refused.
    /// </summary>
    private void JoinThroughWaterBodies(List<RiverEntry> rivers, IReadOnlyList<Water.WaterBody> waterBodies)
    {
        var locator = new Routing.WaterBodyLocator(waterBodies, [], WaterBodyToleranceM);
        var sources = new Dictionary<string, List<RiverEntry>>(StringComparer.Ordinal);
        var mouths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var river in rivers.Where(r => r.Line.VertexCount >= 2))
        {
            if (locator.Locate(river.Line.Lon[^1], river.Line.Lat[^1]) is { } mouth) mouths[river.River.Code] = mouth.Body.Code;
            if (locator.Locate(river.Line.Lon[0], river.Line.Lat[0]) is not { } source) continue;
            if (!sources.TryGetValue(source.Body.Code, out var list)) sources[source.Body.Code] = list = [];
            list.Add(river);
        }
        foreach (var river in rivers)
        {
            if (_downstream.ContainsKey(river.River.Code) || !mouths.TryGetValue(river.River.Code, out var body)) continue;
            var outflow = (sources.GetValueOrDefault(body) ?? [])
                .Where(o => o != river && mouths.GetValueOrDefault(o.River.Code) != body && !FlowsInto(o.River.Code, river.River.Code))
                .OrderByDescending(o => o.Line.Length).ThenBy(o => o.River.Code, StringComparer.Ordinal).FirstOrDefault();
            if (outflow is null) continue;
            var gap = Geodesic.Distance(river.Line.Lon[^1], river.Line.Lat[^1], outflow.Line.Lon[0], outflow.Line.Lat[0]);
            _downstream[river.River.Code] = new RiverJoin(river.River.Code, outflow.River.Code, 0, gap, JoinKind.WaterBody);
        }
    }

    private RiverJoin? SharedEndJoin(RiverEntry river)
    {
        var (lon, lat) = (river.Line.Lon[^1], river.Line.Lat[^1]);
        var (x, y) = (river.Line.X[^1], river.Line.Y[^1]);
        var radius = SharedEndToleranceM * System.Projection.ScaleFactor(lon, lat) * 1.01;
        RiverJoin? best = null;
        double bestLength = 0;
        foreach (var other in _riverEnvelopes.Query(new Envelope(x - radius, x + radius, y - radius, y + radius)))
        {
            if (other == river || other.Line.VertexCount < 2) continue;
            if (other.Line.Locate(x, y, radius) is not { } location) continue;
            var at = other.Line.PointAt(location.Measure);
            var gap = Geodesic.Distance(lon, lat, at.X, at.Y);
            if (gap > SharedEndToleranceM) continue;
            // Two rivers that merely end at the same point are siblings, not one flowing into the other.
            if (location.Measure >= other.Line.Length - SharedEndToleranceM) continue;
            if (FlowsInto(other.River.Code, river.River.Code)) continue;
            var better = best is null || gap < best.GapM || (gap == best.GapM && other.Line.Length > bestLength);
            if (!better) continue;
            best = new RiverJoin(river.River.Code, other.River.Code, location.Measure, gap, JoinKind.SharedEndPoint);
            bestLength = other.Line.Length;
        }
        return best;
    }

    /// <summary>True when following joins down from <paramref name="from"/> reaches <paramref name="target"/> (a loop guard).</summary>
    private bool FlowsInto(string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = from; seen.Add(current);)
        {
            if (current == target) return true;
            if (!_downstream.TryGetValue(current, out var join)) return false;
            current = join.DownstreamCode;
        }
        return false;
    }

    private SnappedOutlet? SnapOutlet(Outlet outlet)
    {
        var (lon, lat) = (outlet.Location.X, outlet.Location.Y);
        if (outlet.RiverCode is { } code && System.Rivers.TryGetValue(code, out var given) && given.Line.VertexCount >= 2)
        {
            var (measure, offset) = Project(given, lon, lat);
            return new SnappedOutlet(outlet, code, measure, offset);
        }
        var (x, y) = System.Projection.Project(lon, lat);
        var radius = OutletSnapRadiusM * System.Projection.ScaleFactor(lon, lat) * 1.01;
        SnappedOutlet? best = null;
        foreach (var river in _riverEnvelopes.Query(new Envelope(x - radius, x + radius, y - radius, y + radius)))
        {
            if (river.Line.Locate(x, y, radius) is not { } location) continue;
            var at = river.Line.PointAt(location.Measure);
            var offset = Geodesic.Distance(lon, lat, at.X, at.Y);
            if (offset > OutletSnapRadiusM) continue;
            if (best is null || offset < best.OffsetM || (offset == best.OffsetM && string.CompareOrdinal(river.River.Code, best.RiverCode) < 0))
                best = new SnappedOutlet(outlet, river.River.Code, location.Measure, offset);
        }
        return best;
    }

    /// <summary>Measure of the nearest point of a river to a lon/lat position, and the geodesic distance to it.</summary>
    private (double Measure, double DistanceM) Project(RiverEntry river, double lon, double lat)
    {
        var (x, y) = System.Projection.Project(lon, lat);
        // Grow the search instead of scanning every edge: mouths are usually on or very near the river they join.
        foreach (var radius in SearchRadii)
        {
            if (river.Line.Locate(x, y, radius) is not { } location) continue;
            var at = river.Line.PointAt(location.Measure);
            return (location.Measure, Geodesic.Distance(lon, lat, at.X, at.Y));
        }
        // A line without a single edge: all there is, is its first point.
        return (0, Geodesic.Distance(lon, lat, river.Line.Lon[0], river.Line.Lat[0]));
    }
}
