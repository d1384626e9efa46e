using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Routing;

namespace RiverGis.Geo.Network;

/// <summary>Navigation modes, after the USGS NLDI; the wire codes are NLDI's (UM, UT, DM).</summary>
public enum NavigationMode
{
    /// <summary>UM: upstream along the main stem only.</summary>
    [JsonStringEnumMemberName("UM")]
    UpstreamMain,
    /// <summary>UT: upstream with every tributary (all upstream flow paths).</summary>
    [JsonStringEnumMemberName("UT")]
    UpstreamTributaries,
    /// <summary>DM: downstream along the main stem.</summary>
    [JsonStringEnumMemberName("DM")]
    DownstreamMain,
}

/// <summary>Wire codes of <see cref="NavigationMode"/>: UM, UT, DM.</summary>
public static class NavigationModes
{
    /// <summary>The NLDI code of a mode.</summary>
    public static string ToCode(this NavigationMode mode) => EnumCodes.ToCode(mode);

    /// <summary>Parses UM / UT / DM (case-insensitive, as NLDI clients send either).</summary>
    public static bool TryParse(string? code, out NavigationMode mode) => EnumCodes.TryParse(code?.ToUpperInvariant(), out mode);
}

/// <summary>A segment (any level) overlapping a navigated stretch, with the overlapped measures.</summary>
public sealed record StretchSegment(string Code, AdminLevel Level, string AreaCode, ResponsibleChief? Chief, double FromM, double ToM);

/// <summary>An outlet on a navigated stretch, with the chiefs of the segments covering it (lowest level first).</summary>
/// <param name="Code">Outlet code.</param>
/// <param name="Name">Outlet name.</param>
/// <param name="Kind">Industrial, municipal, …</param>
/// <param name="Scale">Above or below the designated size.</param>
/// <param name="Permit">Permit status.</param>
/// <param name="RiverCode">River the outlet was placed on.</param>
/// <param name="MeasureM">Measure of the outlet on that river.</param>
/// <param name="OffsetM">Geodesic distance from the outlet to the river.</param>
/// <param name="DistanceFromStartM">Network (along-flow) distance from the navigation start.</param>
/// <param name="Chiefs">Chiefs of the segments covering the outlet's measure, lowest level first, vacant ones left out.</param>
public sealed record StretchOutlet(string Code, string Name, OutletKind Kind, OutletScale Scale, PermitStatus Permit,
    string RiverCode, double MeasureM, double OffsetM, double DistanceFromStartM, IReadOnlyList<ResponsibleChief> Chiefs);

/// <summary>
/// One stretch of one river reached by a navigation, [FromM, ToM] in the river's own measures (source → mouth), with
/// the network distance from the start at each end, its lon/lat geometry, segments and outlets.
/// </summary>
public sealed record NetworkStretch(string RiverCode, string RiverName, double FromM, double ToM, double FromDistanceM, double ToDistanceM,
    Geometry Geometry, IReadOnlyList<StretchSegment> Segments, IReadOnlyList<StretchOutlet> Outlets)
{
    /// <summary>Length of the stretch in metres.</summary>
    public double LengthM => ToM - FromM;

    /// <summary>Network distance from the start at a measure of this stretch (linear: both ends are on the flow path).</summary>
    public double DistanceAt(double measure) =>
        ToM > FromM ? FromDistanceM + (measure - FromM) / (ToM - FromM) * (ToDistanceM - FromDistanceM) : FromDistanceM;
}

/// <summary>What a navigation reached, in traversal order (the start river first, then outward along the flow paths).</summary>
public sealed record NavigationResult(NavigationMode Mode, string RiverCode, double MeasureM, double DistanceKm, IReadOnlyList<NetworkStretch> Stretches);

/// <summary>Outlets upstream of a point (who might be polluting here), nearest first.</summary>
public sealed record UpstreamOutlets(NavigationResult Navigation, IReadOnlyList<StretchOutlet> Outlets);

/// <summary>A chief responsible for a segment downstream of a point, and where along the flow the segment lies.</summary>
public sealed record WarnedChief(ResponsibleChief Chief, string RiverCode, string SegmentCode, AdminLevel Level, double FromDistanceM, double ToDistanceM);

/// <summary>Chiefs of the segments downstream of a point (who must be warned), in flow order.</summary>
public sealed record DownstreamChiefs(NavigationResult Navigation, IReadOnlyList<WarnedChief> Chiefs);

/// <summary>
/// Upstream / downstream navigation on a <see cref="RiverNetwork"/> (NLDI modes UM, UT, DM). Network distance is
/// measured along the flow from the start point (geodesic metres along the rivers); navigation stops at the given
/// distance. Pure: every call computes a new result; safe for concurrent use.
/// </summary>
public sealed class NetworkNavigator(RiverNetwork network)
{
    private const double Epsilon = 1e-6;

    /// <summary>The network navigated.</summary>
    public RiverNetwork Network { get; } = network;

    private RiverSystem System => Network.System;

    /// <summary>
    /// Navigates from <paramref name="measure"/> on <paramref name="riverCode"/> (clamped to the river) for at most
    /// <paramref name="distanceKm"/> of network distance. Null when the river is unknown.
    /// </summary>
    public NavigationResult? Navigate(string riverCode, double measure, NavigationMode mode, double distanceKm)
    {
        if (!double.IsFinite(measure)) throw new ArgumentOutOfRangeException(nameof(measure), "measure must be a finite number of metres");
        if (!(distanceKm >= 0) || double.IsPositiveInfinity(distanceKm)) throw new ArgumentOutOfRangeException(nameof(distanceKm), "distance must be zero or a positive number of kilometres");
        if (!System.Rivers.TryGetValue(riverCode, out var river)) return null;
        var start = Math.Clamp(measure, 0, river.Line.Length);
        var limit = distanceKm * 1000;
        var stretches = new List<NetworkStretch>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        switch (mode)
        {
            case NavigationMode.UpstreamMain:
                Upstream(riverCode, start, 0, limit, tributaries: false, visited, stretches);
                break;
            case NavigationMode.UpstreamTributaries:
                Upstream(riverCode, start, 0, limit, tributaries: true, visited, stretches);
                break;
            default:
                Downstream(riverCode, start, limit, visited, stretches);
                break;
        }
        return new NavigationResult(mode, riverCode, start, distanceKm, stretches);
    }

    /// <summary>Outlets upstream (UT) within <paramref name="distanceKm"/>, nearest first, each with the chiefs responsible for it.</summary>
    public UpstreamOutlets? OutletsUpstream(string riverCode, double measure, double distanceKm = 5)
    {
        if (Navigate(riverCode, measure, NavigationMode.UpstreamTributaries, distanceKm) is not { } navigation) return null;
        var outlets = navigation.Stretches.SelectMany(s => s.Outlets)
            .OrderBy(o => o.DistanceFromStartM).ThenBy(o => o.Code, StringComparer.Ordinal).ToList();
        return new UpstreamOutlets(navigation, outlets);
    }

    /// <summary>
    /// Chiefs of the segments (every level) downstream (DM) within <paramref name="distanceKm"/>, in flow order; a chief
    /// with several segments appears once per segment. Vacant segments are in the navigation's stretches only.
    /// </summary>
    public DownstreamChiefs? ChiefsDownstream(string riverCode, double measure, double distanceKm)
    {
        if (Navigate(riverCode, measure, NavigationMode.DownstreamMain, distanceKm) is not { } navigation) return null;
        var chiefs = new List<WarnedChief>();
        foreach (var stretch in navigation.Stretches)
        {
            foreach (var segment in stretch.Segments)
            {
                if (segment.Chief is null) continue;
                chiefs.Add(new WarnedChief(segment.Chief, stretch.RiverCode, segment.Code, segment.Level,
                    stretch.DistanceAt(segment.FromM), stretch.DistanceAt(segment.ToM)));
            }
        }
        var ordered = chiefs
            .OrderBy(c => c.FromDistanceM).ThenByDescending(c => c.Level).ThenBy(c => c.SegmentCode, StringComparer.Ordinal)
            .ToList();
        return new DownstreamChiefs(navigation, ordered);
    }

    /// <summary>
    /// From <paramref name="measure"/> up towards the source of <paramref name="riverCode"/>, <paramref name="distanceAtMeasure"/>
    /// being the network distance already travelled. UT follows every tributary joining the stretch (nearest first),
    /// each limited by the distance left at its mouth; UM only continues up the main-stem predecessor at the source.
    /// </summary>
    private void Upstream(string riverCode, double measure, double distanceAtMeasure, double limit, bool tributaries,
        HashSet<string> visited, List<NetworkStretch> into)
    {
        if (!visited.Add(riverCode)) return;
        var from = Math.Max(0, measure - (limit - distanceAtMeasure));
        AddStretch(riverCode, from, measure, distanceAtMeasure + (measure - from), distanceAtMeasure, into);
        if (tributaries)
        {
            var joins = Network.TributariesOf(riverCode);
            for (var k = joins.Count - 1; k >= 0; k--)
            {
                var join = joins[k];
                if (join.JoinMeasureM > measure + Epsilon || join.JoinMeasureM < from - Epsilon) continue;
                var distanceAtMouth = distanceAtMeasure + Math.Max(0, measure - join.JoinMeasureM);
                if (distanceAtMouth >= limit) continue;
                Upstream(join.RiverCode, System.Rivers[join.RiverCode].Line.Length, distanceAtMouth, limit, true, visited, into);
            }
            return;
        }
        if (from > Epsilon) return;
        if (Network.MainStemPredecessor(riverCode) is not { } predecessor) return;
        var joinMeasure = Network.DownstreamOf(predecessor)!.JoinMeasureM;
        var atMouth = distanceAtMeasure + Math.Max(0, measure - joinMeasure);
        if (atMouth >= limit) return;
        Upstream(predecessor, System.Rivers[predecessor].Line.Length, atMouth, limit, false, visited, into);
    }

    /// <summary>From a measure down to the mouth, then into the downstream river from its join measure, and so on.</summary>
    private void Downstream(string riverCode, double measure, double limit, HashSet<string> visited, List<NetworkStretch> into)
    {
        var distance = 0.0;
        for (string? code = riverCode; code is not null && visited.Add(code);)
        {
            var length = System.Rivers[code].Line.Length;
            var to = Math.Min(length, measure + (limit - distance));
            AddStretch(code, measure, to, distance, distance + (to - measure), into);
            if (to < length - Epsilon) return;
            distance += length - measure;
            if (distance >= limit || Network.DownstreamOf(code) is not { } join) return;
            code = join.DownstreamCode;
            measure = join.JoinMeasureM;
        }
    }

    private void AddStretch(string riverCode, double from, double to, double fromDistance, double toDistance, List<NetworkStretch> into)
    {
        if (to - from <= Epsilon) return;
        into.Add(Stretch(riverCode, from, to, fromDistance, toDistance));
    }

    /// <summary>
    /// The stretch [<paramref name="from"/>, <paramref name="to"/>] of a river with its segments and outlets, the network
    /// distance from a start being <paramref name="fromDistance"/> and <paramref name="toDistance"/> at its ends.
    /// </summary>
    public NetworkStretch Stretch(string riverCode, double from, double to, double fromDistance, double toDistance)
    {
        var river = System.Rivers[riverCode];
        var segments = new List<StretchSegment>();
        var stretch = IntervalSet.Of(from, to);
        foreach (var (segment, covered) in Network.SegmentCoverageOn(riverCode))
        {
            var overlap = covered.Intersect(stretch);
            if (overlap.IsEmpty) continue;
            segments.Add(new StretchSegment(segment.Segment.Code, segment.Segment.Level, segment.Segment.AreaCode, ChiefOf(segment),
                overlap.Intervals[0].From, overlap.Intervals[^1].To));
        }
        segments.Sort((a, b) => a.FromM != b.FromM ? a.FromM.CompareTo(b.FromM)
            : a.Level != b.Level ? a.Level.CompareTo(b.Level) : string.CompareOrdinal(a.Code, b.Code));

        var distanceAt = (double m) => to > from ? fromDistance + (m - from) / (to - from) * (toDistance - fromDistance) : fromDistance;
        var outlets = Network.OutletsOn(riverCode)
            .Where(o => o.MeasureM >= from - Epsilon && o.MeasureM <= to + Epsilon)
            .Select(o => new StretchOutlet(o.Outlet.Code, o.Outlet.Name, o.Outlet.Kind, o.Outlet.Scale, o.Outlet.Permit,
                riverCode, o.MeasureM, o.OffsetM, distanceAt(o.MeasureM), ChiefsAt(riverCode, o.MeasureM)))
            .ToList();
        return new NetworkStretch(riverCode, river.River.Name, from, to, fromDistance, toDistance,
            river.Line.Extract(from, to, RiverSystem.Wgs84), segments, outlets);
    }

    /// <summary>Chiefs of the segments covering a measure, lowest level first, each chief once.</summary>
    private List<ResponsibleChief> ChiefsAt(string riverCode, double measure) =>
        Network.SegmentCoverageOn(riverCode)
            .Where(c => c.Covered.Contains(measure, ResponsibilityIndex.CoverageSlackM))
            .OrderByDescending(c => c.Segment.Segment.Level).ThenBy(c => c.Segment.Segment.Code, StringComparer.Ordinal)
            .Select(c => ChiefOf(c.Segment))
            .OfType<ResponsibleChief>()
            .DistinctBy(c => c.Id)
            .ToList();

    private ResponsibleChief? ChiefOf(SegmentEntry segment) =>
        segment.Segment.ChiefId is { } id && System.Chiefs.TryGetValue(id, out var chief)
            ? ResponsibleChief.Of(chief, System, segment.Segment.Level)
            : null;
}
