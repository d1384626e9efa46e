using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Responsibility;

/// <summary>Defaults shared by the responsibility analyses.</summary>
public static class ResponsibilityCodes
{
    /// <summary>Default tolerance (m) for digitising differences between rivers, segments and areas.</summary>
    public const double DefaultToleranceM = 25;
}

/// <summary>Why nobody at a level answers for a stretch of river (the reason of a coverage gap).</summary>
public enum GapReason
{
    /// <summary>无人负责: no segment of the level covers the stretch.</summary>
    Unassigned,
    /// <summary>河长空缺: only segments without a chief cover the stretch.</summary>
    Vacant,
}

/// <summary>Chinese labels of <see cref="GapReason"/>.</summary>
public static class GapReasons
{
    public static string ChineseLabel(this GapReason reason) => reason == GapReason.Vacant ? "河长空缺" : "无人负责";
}

/// <summary>
/// Which areas an analysis looks at: every area, or those "under" one area — the area itself or any area whose parent
/// chain reaches it. So a county code selects that county for a county analysis and all its townships for a township one.
/// </summary>
internal sealed class AreaFilter
{
    private readonly RiverSystem _system;
    private readonly Dictionary<string, bool> _cache = new(StringComparer.Ordinal);

    private AreaFilter(RiverSystem system, string? code)
    {
        _system = system;
        Code = code;
    }

    public string? Code { get; }

    /// <summary>
    /// A filter for <paramref name="areaCode"/> (null: everything). Throws <see cref="ArgumentException"/> for an
    /// unknown area, or for an area below <paramref name="level"/> (it could never contain a level-L area).
    /// </summary>
    public static AreaFilter Create(RiverSystem system, string? areaCode, AdminLevel? level = null)
    {
        if (areaCode is null) return new AreaFilter(system, null);
        if (!system.Areas.TryGetValue(areaCode, out var entry))
            throw new ArgumentException($"unknown area '{areaCode}'", nameof(areaCode));
        if (level is { } l && !entry.Area.Level.IsAtOrAbove(l))
            throw new ArgumentException(
                $"area '{areaCode}' is {entry.Area.Level.ToCode()}, below {l.ToCode()}: choose a {l.ToCode()} area or one above it", nameof(areaCode));
        return new AreaFilter(system, areaCode);
    }

    public bool Includes(string areaCode)
    {
        if (Code is null) return true;
        if (_cache.TryGetValue(areaCode, out var known)) return known;
        var included = _system.AncestorsAndSelf(areaCode).Any(a => a.Code == Code);
        _cache[areaCode] = included;
        return included;
    }
}

/// <summary>Small shared pieces of the analyses: river selection, segment enumeration, geometry of interval sets.</summary>
internal static class Analysis
{
    public static GeometryFactory Factory => RiverSystem.Wgs84;

    public static void CheckTolerance(double toleranceM, string name = "toleranceM")
    {
        if (!(toleranceM >= 0) || double.IsInfinity(toleranceM))
            throw new ArgumentOutOfRangeException(name, toleranceM, "must be a finite number of metres ≥ 0");
    }

    /// <summary>
    /// Rivers managed at <paramref name="level"/> (their own level is that level or higher), ordered by code;
    /// just <paramref name="riverCode"/> when given (nothing when that river is managed below the level).
    /// </summary>
    public static IEnumerable<RiverEntry> RiversManagedAt(RiverSystem system, AdminLevel level, string? riverCode)
    {
        if (riverCode is not null)
        {
            var river = RiverOrThrow(system, riverCode);
            return river.River.Level.IsAtOrAbove(level) ? [river] : [];
        }
        return system.Rivers.Values.Where(r => r.River.Level.IsAtOrAbove(level)).OrderBy(r => r.River.Code, StringComparer.Ordinal);
    }

    public static RiverEntry RiverOrThrow(RiverSystem system, string riverCode) =>
        system.Rivers.TryGetValue(riverCode, out var river) ? river : throw new ArgumentException($"unknown river '{riverCode}'", nameof(riverCode));

    /// <summary>
    /// Every segment entry of the system once, ordered by river code, level and segment code — including segments that
    /// share a code (which <see cref="RiverSystem.Segments"/> keeps only one of).
    /// </summary>
    public static IEnumerable<SegmentEntry> AllSegments(RiverSystem system) =>
        system.Data.Segments.Select(s => (s.RiverCode, s.Level)).Distinct()
            .OrderBy(k => k.RiverCode, StringComparer.Ordinal).ThenBy(k => k.Level)
            .SelectMany(k => system.SegmentsOn(k.RiverCode, k.Level).OrderBy(e => e.Segment.Code, StringComparer.Ordinal));

    public static bool HasChief(Segment segment) => !string.IsNullOrWhiteSpace(segment.ChiefId);

    /// <summary>The stretches of <paramref name="line"/> in <paramref name="intervals"/> as one lon/lat LineString or MultiLineString.</summary>
    public static Geometry Extract(MeasuredLine line, IntervalSet intervals)
    {
        var parts = new List<LineString>();
        foreach (var interval in intervals.Intervals)
        {
            var piece = line.Extract(interval.From, interval.To, Factory);
            for (var i = 0; i < piece.NumGeometries; i++)
            {
                if (piece.GetGeometryN(i) is LineString { IsEmpty: false } part) parts.Add(part);
            }
        }
        if (parts.Count == 0) return Factory.CreateLineString();
        return parts.Count == 1 ? parts[0] : Factory.CreateMultiLineString(parts.ToArray());
    }

    public static Geometry Extract(MeasuredLine line, double from, double to) => Extract(line, IntervalSet.Of(from, to));

    /// <summary>Distance along the line from <paramref name="measure"/> to the nearest interval of the set (0 inside it).</summary>
    public static double MeasureDistance(IntervalSet set, double measure)
    {
        var best = double.PositiveInfinity;
        foreach (var interval in set.Intervals)
        {
            var d = measure < interval.From ? interval.From - measure : measure > interval.To ? measure - interval.To : 0;
            best = Math.Min(best, d);
        }
        return best;
    }

    public static double? Percent(double part, double whole) => whole > 0 ? Math.Clamp(100 * part / whole, 0, 100) : null;

    /// <summary>Measures from <paramref name="from"/> to <paramref name="to"/> at most <paramref name="step"/> apart, both ends included.</summary>
    public static IEnumerable<double> Samples(double from, double to, double step)
    {
        var n = Math.Max(1, (int)Math.Ceiling((to - from) / step));
        for (var i = 0; i <= n; i++) yield return i == n ? to : from + (to - from) * i / n;
    }
}
