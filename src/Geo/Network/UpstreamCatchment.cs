using RiverGis.Geo.Model;

namespace RiverGis.Geo.Network;

/// <summary>A monitoring site on the network: a code and where it stands on a river.</summary>
public readonly record struct NetworkSite(string Code, string RiverCode, double MeasureM);

/// <summary>
/// What drains to a point from upstream up to the next monitoring sections (上游至上一断面): the stretches with their
/// segments and outlets (the suspects when the point fails its target), and the sections where the walk stopped.
/// </summary>
/// <param name="StoppedAt">The upstream sections that bound the catchment (their own catchments are theirs).</param>
/// <param name="Truncated">True when the distance limit ended the walk somewhere before a section or a source.</param>
public sealed record Catchment(string RiverCode, double MeasureM, IReadOnlyList<NetworkStretch> Stretches, IReadOnlyList<string> StoppedAt, bool Truncated)
{
    /// <summary>Outlets in the catchment, nearest (along the flow) first.</summary>
    public IReadOnlyList<StretchOutlet> Outlets => Stretches.SelectMany(s => s.Outlets)
        .OrderBy(o => o.DistanceFromStartM).ThenBy(o => o.Code, StringComparer.Ordinal).ToList();

    /// <summary>Segments (every level) in the catchment, each once, nearest first.</summary>
    public IReadOnlyList<StretchSegment> Segments => Stretches.SelectMany(s => s.Segments)
        .DistinctBy(s => s.Code).ToList();

    /// <summary>The areas the catchment's segments belong to, each once.</summary>
    public IReadOnlyList<string> AreaCodes => Segments.Select(s => s.AreaCode).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Walks upstream from a point with every tributary (NLDI's UT), but each river only up to the nearest monitoring site
/// upstream of where the walk entered it: a tributary joining above that site drains to the site, not to the point.
/// Rivers joined through a lake or reservoir (<see cref="RiverNetwork"/>) are followed like any tributary.
/// </summary>
public sealed class UpstreamCatchment
{
    /// <summary>Default limit of the walk (km of network distance).</summary>
    public const double DefaultLimitKm = 100;

    private const double Epsilon = 1;
    private readonly NetworkNavigator _navigator;
    private readonly Dictionary<string, double[]> _sitesByRiver;
    private readonly Dictionary<(string, double), string> _codes = new();

    public UpstreamCatchment(NetworkNavigator navigator, IEnumerable<NetworkSite> sites)
    {
        _navigator = navigator;
        var list = sites.ToList();
        _sitesByRiver = list.GroupBy(s => s.RiverCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.MeasureM).Order().ToArray(), StringComparer.Ordinal);
        foreach (var site in list) _codes.TryAdd((site.RiverCode, site.MeasureM), site.Code);
    }

    private RiverNetwork Network => _navigator.Network;

    /// <summary>The catchment of (river, measure) up to the next sites, at most <paramref name="limitKm"/> of flow; null for an unknown river.</summary>
    public Catchment? Of(string riverCode, double measure, double limitKm = DefaultLimitKm)
    {
        if (!Network.System.Rivers.TryGetValue(riverCode, out var river)) return null;
        var start = Math.Clamp(measure, 0, river.Line.Length);
        var stretches = new List<NetworkStretch>();
        var stopped = new List<string>();
        var truncated = false;
        Walk(riverCode, start, 0, limitKm * 1000, new HashSet<string>(StringComparer.Ordinal), stretches, stopped, ref truncated);
        return new Catchment(riverCode, start, stretches, stopped, truncated);
    }

    private void Walk(string riverCode, double measure, double travelled, double limit, HashSet<string> visited, List<NetworkStretch> into,
        List<string> stopped, ref bool truncated)
    {
        if (!visited.Add(riverCode)) return;
        var reach = measure - (limit - travelled);
        var site = NearestSiteBelow(riverCode, measure - Epsilon);
        var from = Math.Max(0, Math.Max(reach, site ?? double.NegativeInfinity));
        if (site is { } s && s >= reach) stopped.Add(_codes[(riverCode, s)]);
        else if (reach > 0) truncated = true;
        if (measure - from > 1e-6) into.Add(_navigator.Stretch(riverCode, from, measure, travelled + (measure - from), travelled));
        foreach (var join in Network.TributariesOf(riverCode))
        {
            if (join.JoinMeasureM > measure + 1e-6 || join.JoinMeasureM < from - 1e-6) continue;
            // A tributary joining exactly at a site upstream drains to that site.
            if (site is { } cut && join.JoinMeasureM <= cut + 1e-6 && from == cut) continue;
            var atMouth = travelled + Math.Max(0, measure - join.JoinMeasureM);
            if (atMouth >= limit) { truncated = true; continue; }
            Walk(join.RiverCode, Network.System.Rivers[join.RiverCode].Line.Length, atMouth, limit, visited, into, stopped, ref truncated);
        }
    }

    /// <summary>The largest site measure on the river not above <paramref name="measure"/>; null when none.</summary>
    private double? NearestSiteBelow(string riverCode, double measure)
    {
        if (!_sitesByRiver.TryGetValue(riverCode, out var sites)) return null;
        var i = Array.BinarySearch(sites, measure);
        if (i < 0) i = ~i - 1;
        return i >= 0 ? sites[i] : null;
    }
}
