using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Patrols;

/// <summary>
/// The stretches a chief patrols (巡河责任范围): a river chief's own segments; a general chief's (总河长) every segment
/// in the chief's area and the areas under it. Answers "is this position near the beat" for the validator.
/// </summary>
public sealed class PatrolBeat
{
    /// <summary>Beats with at most this many segments are searched directly; larger ones through the system-wide index.</summary>
    private const int DirectSearch = 16;

    private readonly PatrolBeats _owner;
    private readonly HashSet<string>? _areas;
    private readonly HashSet<SegmentEntry> _held;

    internal PatrolBeat(PatrolBeats owner, Chief chief, AdminLevel level, IReadOnlyList<SegmentEntry> segments, HashSet<string>? areas)
    {
        _owner = owner;
        Chief = chief;
        Level = level;
        Segments = segments;
        _areas = areas;
        _held = new HashSet<SegmentEntry>(segments, ReferenceEqualityComparer.Instance);
    }

    public Chief Chief { get; }
    public AdminLevel Level { get; }

    /// <summary>The segments of the beat (for a general chief, every segment in the area's subtree).</summary>
    public IReadOnlyList<SegmentEntry> Segments { get; }

    public bool IsEmpty => Segments.Count == 0;

    public bool Holds(SegmentEntry segment) => _areas is not null ? _areas.Contains(segment.Segment.AreaCode) : _held.Contains(segment);

    /// <summary>Whether the projected point lies within <paramref name="radius"/> (projected units) of a segment of the beat.</summary>
    public bool IsNear(double x, double y, double radius)
    {
        if (Segments.Count <= DirectSearch)
        {
            foreach (var segment in Segments)
            {
                if (Within(segment, x, y, radius)) return true;
            }
            return false;
        }
        foreach (var segment in _owner.SegmentsNear(new Envelope(x - radius, x + radius, y - radius, y + radius)))
        {
            if (Holds(segment) && Within(segment, x, y, radius)) return true;
        }
        return false;
    }

    /// <summary>Segments of the beat whose envelope comes within <paramref name="radius"/> of a projected envelope.</summary>
    public IEnumerable<SegmentEntry> SegmentsNear(Envelope projected, double radius)
    {
        var search = new Envelope(projected);
        search.ExpandBy(radius);
        if (Segments.Count <= DirectSearch) return Segments.Where(s => s.Line.ProjectedEnvelope.Intersects(search));
        return _owner.SegmentsNear(search).Where(Holds).OrderBy(s => s.Segment.Code, StringComparer.Ordinal);
    }

    private static bool Within(SegmentEntry segment, double x, double y, double radius)
    {
        var envelope = segment.Line.ProjectedEnvelope;
        if (x < envelope.MinX - radius || x > envelope.MaxX + radius || y < envelope.MinY - radius || y > envelope.MaxY + radius) return false;
        return segment.Line.Locate(x, y, radius) is not null;
    }
}

/// <summary>
/// Every chief's beat in a river-chief system, from who holds which segment (<paramref name="holders"/>: chief id → segment
/// codes). Which holders apply to a period is decided by the caller (today's holders, or a roster over time).
/// Thread-safe; beats are built on first use.
/// </summary>
public sealed class PatrolBeats
{
    private readonly RiverSystem _system;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _holders;
    private readonly ConcurrentDictionary<string, PatrolBeat?> _beats = new(StringComparer.Ordinal);
    private readonly Lazy<STRtree<SegmentEntry>> _index;
    private readonly Lazy<Dictionary<string, List<string>>> _children;
    private readonly Lazy<Dictionary<string, List<SegmentEntry>>> _segmentsByArea;

    public PatrolBeats(RiverSystem system, IReadOnlyDictionary<string, IReadOnlyList<string>> holders)
    {
        _system = system;
        _holders = holders;
        _index = new(() =>
        {
            var tree = new STRtree<SegmentEntry>();
            foreach (var segment in system.Segments.Values) tree.Insert(segment.Line.ProjectedEnvelope, segment);
            tree.Build();
            return tree;
        });
        _children = new(() => system.Areas.Values.Where(a => a.Area.ParentCode is not null)
            .GroupBy(a => a.Area.ParentCode!).ToDictionary(g => g.Key, g => g.Select(a => a.Area.Code).ToList(), StringComparer.Ordinal));
        _segmentsByArea = new(() => system.Segments.Values.GroupBy(s => s.Segment.AreaCode)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal));
    }

    /// <summary>Today's holders: each segment's chief in the system itself.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CurrentHolders(RiverSystem system) =>
        system.Segments.Values.Where(s => s.Segment.ChiefId is not null).GroupBy(s => s.Segment.ChiefId!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.Segment.Code).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    public RiverSystem System => _system;

    /// <summary>The chiefs holding segments in this roster.</summary>
    public IEnumerable<string> RiverChiefIds => _holders.Keys;

    /// <summary>The beat of a chief; null for an unknown chief or a river chief holding no segment.</summary>
    public PatrolBeat? For(string chiefId) => _beats.GetOrAdd(chiefId, Build);

    internal IEnumerable<SegmentEntry> SegmentsNear(Envelope projected) => _index.Value.Query(projected);

    private PatrolBeat? Build(string chiefId)
    {
        if (!_system.Chiefs.TryGetValue(chiefId, out var chief) || !_system.Areas.TryGetValue(chief.AreaCode, out var area)) return null;
        if (chief.Role == ChiefRole.General)
        {
            var areas = Subtree(chief.AreaCode);
            var segments = areas.SelectMany(a => _segmentsByArea.Value.GetValueOrDefault(a) ?? []).OrderBy(s => s.Segment.Code, StringComparer.Ordinal).ToList();
            return new PatrolBeat(this, chief, area.Area.Level, segments, areas);
        }
        if (!_holders.TryGetValue(chiefId, out var codes) || codes.Count == 0) return null;
        var held = codes.Select(c => _system.Segments.GetValueOrDefault(c)).OfType<SegmentEntry>().ToList();
        return held.Count == 0 ? null : new PatrolBeat(this, chief, area.Area.Level, held, null);
    }

    private HashSet<string> Subtree(string areaCode)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(areaCode);
        while (stack.Count > 0)
        {
            var code = stack.Pop();
            if (!set.Add(code)) continue;
            foreach (var child in _children.Value.GetValueOrDefault(code) ?? []) stack.Push(child);
        }
        return set;
    }
}
