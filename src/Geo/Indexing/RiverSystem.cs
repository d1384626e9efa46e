using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Indexing;

/// <summary>Everything a river-chief system holds, as plain lists (what a store loads or a dataset file gives).</summary>
public sealed record RiverSystemData(
    IReadOnlyList<AdminArea> Areas,
    IReadOnlyList<Chief> Chiefs,
    IReadOnlyList<River> Rivers,
    IReadOnlyList<Segment> Segments,
    IReadOnlyList<Outlet> Outlets)
{
    public static readonly RiverSystemData Empty = new([], [], [], [], []);
}

public sealed record AreaEntry(AdminArea Area, AreaOnLine Prepared);

public sealed record RiverEntry(River River, MeasuredLine Line);

public sealed record SegmentEntry(Segment Segment, MeasuredLine Line);

/// <summary>An area of some level together with the stretches of one river inside it.</summary>
public sealed record AreaStretch(AreaEntry Area, IntervalSet Inside);

/// <summary>
/// The river-chief system of a district or province, prepared for analysis: areas and lines projected to one metric
/// projection, rivers measured from source to mouth, segments aligned onto their rivers, with lazily computed and
/// cached along-river facts (which stretches of a river lie in which area; which stretches a segment covers).
/// Immutable once built; safe to share between concurrent requests.
/// </summary>
public sealed class RiverSystem
{
    private readonly Dictionary<AdminLevel, STRtree<AreaEntry>> _areaIndex = new();
    private readonly ConcurrentDictionary<(string River, AdminLevel Level), IReadOnlyList<AreaStretch>> _stretches = new();
    // Keyed by the entry itself, not its code: segments may share a code (a proposal with a duplicate) yet differ.
    private readonly ConcurrentDictionary<(SegmentEntry Segment, double Tolerance), SegmentAlignment> _alignments = new(new EntryToleranceComparer());
    private readonly Dictionary<(string River, AdminLevel Level), List<SegmentEntry>> _segmentsByRiverLevel = new();
    // A system made by WithSegments reads the alignments its stored system has already computed (never writes them).
    private readonly ConcurrentDictionary<(SegmentEntry Segment, double Tolerance), SegmentAlignment>? _storedAlignments;

    public RiverSystem(RiverSystemData data, MetricProjection? projection = null)
    {
        Data = data;
        var extent = new Envelope();
        foreach (var river in data.Rivers) extent.ExpandToInclude(river.Geometry.EnvelopeInternal);
        foreach (var area in data.Areas) extent.ExpandToInclude(area.Geometry.EnvelopeInternal);
        Extent = extent;
        Projection = projection ?? MetricProjection.For(extent);

        Areas = data.Areas.ToDictionary(a => a.Code, a => new AreaEntry(a, new AreaOnLine(Projection.Project(a.Geometry))), StringComparer.Ordinal);
        foreach (var entry in Areas.Values)
        {
            if (!_areaIndex.TryGetValue(entry.Area.Level, out var index)) _areaIndex[entry.Area.Level] = index = new STRtree<AreaEntry>();
            index.Insert(entry.Prepared.Envelope, entry);
        }
        foreach (var index in _areaIndex.Values) index.Build();

        Chiefs = data.Chiefs.ToDictionary(c => c.Id, StringComparer.Ordinal);
        GeneralChiefs = data.Chiefs.Where(c => c.Role == ChiefRole.General)
            .GroupBy(c => c.AreaCode).ToDictionary(g => g.Key, g => (IReadOnlyList<Chief>)g.ToList(), StringComparer.Ordinal);
        Rivers = data.Rivers.ToDictionary(r => r.Code, r => new RiverEntry(r, new MeasuredLine(r.Geometry, Projection)), StringComparer.Ordinal);
        var segments = new Dictionary<string, SegmentEntry>(StringComparer.Ordinal);
        foreach (var segment in data.Segments)
        {
            var entry = new SegmentEntry(segment, new MeasuredLine(segment.Geometry, Projection));
            segments[segment.Code] = entry;
            var key = (segment.RiverCode, segment.Level);
            if (!_segmentsByRiverLevel.TryGetValue(key, out var list)) _segmentsByRiverLevel[key] = list = [];
            list.Add(entry);
        }
        Segments = segments;
        LevelsPresent = Areas.Values.Select(a => a.Area.Level).Distinct().Order().ToList();
    }

    /// <summary>
    /// The same areas, rivers and chiefs with other segments (see <see cref="WithSegments"/>): everything built from
    /// areas and rivers — projection, area index, the cached stretches of rivers in areas — is shared with
    /// <paramref name="stored"/>; segments it already has keep their entries (and cached alignments).
    /// </summary>
    private RiverSystem(RiverSystem stored, IReadOnlyList<Segment> segments)
    {
        Data = stored.Data with { Segments = segments };
        Extent = stored.Extent;
        Projection = stored.Projection;
        _areaIndex = stored._areaIndex;
        _stretches = stored._stretches;
        _storedAlignments = stored._alignments;
        Areas = stored.Areas;
        Chiefs = stored.Chiefs;
        GeneralChiefs = stored.GeneralChiefs;
        Rivers = stored.Rivers;
        LevelsPresent = stored.LevelsPresent;
        var storedEntries = new Dictionary<Segment, SegmentEntry>(ReferenceEqualityComparer.Instance);
        foreach (var list in stored._segmentsByRiverLevel.Values)
        {
            foreach (var entry in list) storedEntries.TryAdd(entry.Segment, entry);
        }
        var byCode = new Dictionary<string, SegmentEntry>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            // Each stored entry once: the same segment object listed twice gets a second entry, as in a new system.
            var entry = storedEntries.Remove(segment, out var kept) ? kept : new SegmentEntry(segment, new MeasuredLine(segment.Geometry, Projection));
            byCode[segment.Code] = entry;
            var key = (segment.RiverCode, segment.Level);
            if (!_segmentsByRiverLevel.TryGetValue(key, out var list)) _segmentsByRiverLevel[key] = list = [];
            list.Add(entry);
        }
        Segments = byCode;
    }

    /// <summary>
    /// This system with <paramref name="segments"/> as its segments (say a proposed demarcation in place of stored
    /// segments), built in time linear in the segments: areas, rivers, the projection and the stretch cache (which
    /// depends on rivers and areas alone) are shared, segments this system has keep their entries and alignments.
    /// New segments' alignments are cached in the returned system only, so nothing of them outlives it.
    /// </summary>
    public RiverSystem WithSegments(IReadOnlyList<Segment> segments) => new(this, segments);

    public RiverSystemData Data { get; }
    public MetricProjection Projection { get; }
    /// <summary>Lon/lat extent of rivers and areas.</summary>
    public Envelope Extent { get; }
    public IReadOnlyDictionary<string, AreaEntry> Areas { get; }
    public IReadOnlyDictionary<string, Chief> Chiefs { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<Chief>> GeneralChiefs { get; }
    public IReadOnlyDictionary<string, RiverEntry> Rivers { get; }
    public IReadOnlyDictionary<string, SegmentEntry> Segments { get; }
    /// <summary>Area levels that exist in the data, top-down.</summary>
    public IReadOnlyList<AdminLevel> LevelsPresent { get; }

    public static readonly GeometryFactory Wgs84 = GeoJson.GeoJsonGeometryReader.Wgs84Factory;

    /// <summary>Segments of one level on one river.</summary>
    public IReadOnlyList<SegmentEntry> SegmentsOn(string riverCode, AdminLevel level) =>
        _segmentsByRiverLevel.TryGetValue((riverCode, level), out var list) ? list : [];

    /// <summary>Areas of a level whose projected envelope meets <paramref name="projectedEnvelope"/>.</summary>
    public IEnumerable<AreaEntry> AreasNear(AdminLevel level, Envelope projectedEnvelope) =>
        _areaIndex.TryGetValue(level, out var index) ? index.Query(projectedEnvelope) : [];

    /// <summary>Areas of a level containing a projected point.</summary>
    public IEnumerable<AreaEntry> AreasContaining(AdminLevel level, double x, double y) =>
        AreasNear(level, new Envelope(x, x, y, y)).Where(a => a.Prepared.Contains(x, y));

    /// <summary>The stretches of a river inside each area of a level, upstream first (cached).</summary>
    public IReadOnlyList<AreaStretch> StretchesOf(string riverCode, AdminLevel level) =>
        _stretches.GetOrAdd((riverCode, level), key =>
        {
            var line = Rivers[key.River].Line;
            return AreasNear(key.Level, line.ProjectedEnvelope)
                .Select(area => new AreaStretch(area, area.Prepared.IntervalsOn(line)))
                .Where(s => !s.Inside.IsEmpty)
                .OrderBy(s => s.Inside.Intervals[0].From)
                .ThenBy(s => s.Area.Area.Code, StringComparer.Ordinal)
                .ToList();
        });

    /// <summary>How a segment lies along its own river at a tolerance (cached per tolerance).</summary>
    public SegmentAlignment AlignmentOf(SegmentEntry segment, double toleranceM) =>
        _storedAlignments is not null && _storedAlignments.TryGetValue((segment, toleranceM), out var stored) ? stored :
        _alignments.GetOrAdd((segment, toleranceM), _ =>
            Rivers.TryGetValue(segment.Segment.RiverCode, out var river)
                ? SegmentAlignment.Align(river.Line, segment.Line, toleranceM)
                : new SegmentAlignment(IntervalSet.Empty, 0, double.NaN));

    /// <summary>Levels at which a river must have chiefs: its own level and every level below it that has areas.</summary>
    public IEnumerable<AdminLevel> RequiredLevels(River river) => LevelsPresent.Where(l => river.Level.IsAtOrAbove(l));

    /// <summary>The chain of areas from <paramref name="areaCode"/> up to the top, the area itself first.</summary>
    public IEnumerable<AdminArea> AncestorsAndSelf(string areaCode)
    {
        var seen = new HashSet<string>();
        var current = Areas.TryGetValue(areaCode, out var entry) ? entry.Area : null;
        while (current is not null && seen.Add(current.Code))
        {
            yield return current;
            current = current.ParentCode is { } parent && Areas.TryGetValue(parent, out var p) ? p.Area : null;
        }
    }

    /// <summary>Identity of the entry (record equality would compare whole geometries on every lookup) plus tolerance.</summary>
    private sealed class EntryToleranceComparer : IEqualityComparer<(SegmentEntry Segment, double Tolerance)>
    {
        public bool Equals((SegmentEntry Segment, double Tolerance) x, (SegmentEntry Segment, double Tolerance) y) =>
            ReferenceEquals(x.Segment, y.Segment) && x.Tolerance.Equals(y.Tolerance);

        public int GetHashCode((SegmentEntry Segment, double Tolerance) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Segment), key.Tolerance);
    }
}
