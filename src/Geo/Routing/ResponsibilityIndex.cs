using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Interval = RiverGis.Geo.LinearReferencing.Interval;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Routing;

/// <summary>
/// Answers "who is responsible for a problem reported at this coordinate?" in memory, at microsecond-to-sub-millisecond
/// cost. Built once from a <see cref="RiverSystem"/> (rebuild it when the data change); immutable afterwards and safe
/// for concurrent reads.
/// <para>
/// What it holds, to stay well under a kilobyte per segment: an STRtree of river <em>edge chunks</em>
/// (<see cref="EdgesPerChunk"/> consecutive edges per item, pointing into the rivers' own <see cref="MeasuredLine"/>
/// Lon/Lat/M arrays, never copies of geometry), and per river and level the measure intervals the segments cover
/// (from <see cref="RiverSystem.AlignmentOf"/> at <see cref="AlignmentToleranceM"/>) in sorted arrays.
/// </para>
/// </summary>
public sealed class ResponsibilityIndex
{
    /// <summary>Consecutive river edges per STRtree item: fewer items (memory) against more edges tested per hit.</summary>
    public const int EdgesPerChunk = 16;
    /// <summary>Tolerance at which segments are aligned onto their rivers.</summary>
    public const double AlignmentToleranceM = 25;
    /// <summary>Default search radius of <see cref="Resolve"/> and <see cref="Snap"/>.</summary>
    public const double DefaultRadiusM = 500;
    /// <summary>Default margin within which another river or segment counts as an alternative.</summary>
    public const double DefaultAmbiguityMarginM = 50;
    /// <summary>Slack when testing whether a segment covers a measure: absorbs rounding where two segments meet.</summary>
    public const double CoverageSlackM = 1;

    private const int NodeCapacity = 16;
    private static readonly int LevelCount = AdminLevels.TopDown.Count;

    private readonly RiverEntry[] _rivers;
    private readonly SegmentCoverage?[][] _coverage;
    private readonly STRtree<EdgeChunk> _chunks;
    private readonly AdminLevel[] _levelsBottomUp;
    // Per area code, the area and its ancestors bottom-up (shared arrays; what AreasAt used to rebuild per query).
    private readonly Dictionary<string, AdminArea[]> _chains;
    // Per river level, the levels a river of that level must have chiefs at (RequiredLevels), top-down.
    private readonly List<AdminLevel>[] _requiredLevels;

    private readonly WaterBodyLocator? _water;

    /// <summary>
    /// Builds the index (cost: one alignment per segment, usually cached by the system already); with
    /// <paramref name="waterBodies"/>, points in a lake or reservoir (or on its shore) are routed to its zones' chiefs.
    /// </summary>
    public ResponsibilityIndex(RiverSystem system, WaterBodyLocator? waterBodies = null)
    {
        System = system;
        _water = waterBodies is { Count: > 0 } ? waterBodies : null;
        _rivers = system.Rivers.Values.OrderBy(r => r.River.Code, StringComparer.Ordinal).ToArray();
        _levelsBottomUp = system.LevelsPresent.Reverse().ToArray();
        _chains = new Dictionary<string, AdminArea[]>(system.Areas.Count, StringComparer.Ordinal);
        foreach (var code in system.Areas.Keys) _chains[code] = system.AncestorsAndSelf(code).ToArray();
        _requiredLevels = AdminLevels.TopDown.Select(level => AdminLevels.TopDown.Where(l => system.LevelsPresent.Contains(l) && level.IsAtOrAbove(l)).ToList()).ToArray();
        _coverage = new SegmentCoverage?[_rivers.Length][];
        _chunks = new STRtree<EdgeChunk>(NodeCapacity);
        long bytes = 200 + 8L * _rivers.Length;
        for (var r = 0; r < _rivers.Length; r++)
        {
            var line = _rivers[r].Line;
            for (var start = 0; start < line.VertexCount - 1; start += EdgesPerChunk)
            {
                var end = Math.Min(start + EdgesPerChunk, line.VertexCount - 1);
                var envelope = new Envelope();
                for (var i = start; i <= end; i++) envelope.ExpandToInclude(line.Lon[i], line.Lat[i]);
                _chunks.Insert(envelope, new EdgeChunk(r, start));
                ChunkCount++;
            }

            var byLevel = new SegmentCoverage?[LevelCount];
            foreach (var level in AdminLevels.TopDown)
            {
                var segments = system.SegmentsOn(_rivers[r].River.Code, level);
                if (segments.Count == 0) continue;
                var coverage = SegmentCoverage.Build(segments.Select(s => (s, system.AlignmentOf(s, AlignmentToleranceM).Covered)));
                if (coverage is null) continue;
                byLevel[(int)level] = coverage;
                IntervalCount += coverage.IntervalCount;
                bytes += coverage.ApproximateBytes;
            }
            _coverage[r] = byLevel;
            bytes += 24 + 8L * LevelCount;
            SegmentCount += AdminLevels.TopDown.Sum(l => system.SegmentsOn(_rivers[r].River.Code, l).Count);
        }
        _chunks.Build();
        // Per area: a dictionary entry (~24 B) and its chain array (24 B + 8 B per level).
        bytes += _chains.Values.Sum(c => 48L + 8L * c.Length);
        // Per chunk: its envelope (48 B), the STRtree leaf (32 B), a child slot and its share of the inner nodes (~24 B).
        MemoryEstimateBytes = bytes + 104L * ChunkCount;
    }

    /// <summary>The system the index was built from (areas, chiefs and the rivers' measured lines are shared, not copied).</summary>
    public RiverSystem System { get; }
    /// <summary>Number of river edge chunks in the STRtree.</summary>
    public int ChunkCount { get; }
    /// <summary>Number of segments on indexed rivers.</summary>
    public int SegmentCount { get; }
    /// <summary>Number of covered measure intervals held.</summary>
    public int IntervalCount { get; }
    /// <summary>Approximate heap bytes held by the index itself (not counting the shared <see cref="RiverSystem"/>).</summary>
    public long MemoryEstimateBytes { get; }

    /// <summary>Validates a reported position against the ranges and the data extent (swap detection).</summary>
    public CoordinateCheckResult Check(double lon, double lat) => CoordinateCheck.Of(lon, lat, System.Extent);

    /// <summary>The nearest river within <paramref name="radiusM"/> and the measure along it; null when none or when the position is not valid.</summary>
    public RiverSnap? Snap(double lon, double lat, double radiusM = DefaultRadiusM)
    {
        var hits = ValidPosition(lon, lat) ? NearestRivers(lon, lat, CheckRadius(radiusM)) : [];
        return hits.Count == 0 ? null : ToSnap(hits[0]);
    }

    /// <summary>Every river within <paramref name="radiusM"/>, each snapped at its nearest point, nearest first.</summary>
    public IReadOnlyList<RiverSnap> SnapAll(double lon, double lat, double radiusM = DefaultRadiusM) =>
        ValidPosition(lon, lat) ? NearestRivers(lon, lat, CheckRadius(radiusM)).Select(ToSnap).ToList() : [];

    /// <summary>
    /// Who is responsible for a problem reported at (lon, lat): the first responsible chief on the nearest river
    /// within <paramref name="radiusM"/> (escalating past vacant or unassigned levels), the chain above, and
    /// alternatives within <paramref name="ambiguityMarginM"/> (another river about as near; a segment boundary or a
    /// shared stretch along the river). Off the network: the general chief of the deepest area containing the point.
    /// </summary>
    public ResponsibilityResult Resolve(double lon, double lat, double radiusM = DefaultRadiusM, double ambiguityMarginM = DefaultAmbiguityMarginM)
    {
        CheckRadius(radiusM);
        if (!(ambiguityMarginM >= 0)) throw new ArgumentOutOfRangeException(nameof(ambiguityMarginM), "margin must be zero or positive");
        var check = Check(lon, lat);
        if (check.OutOfRange) return new ResponsibilityResult { Status = ResolveStatus.InvalidCoordinate, Message = check.Message };

        var hits = NearestRivers(lon, lat, radiusM);
        var areas = AreasAt(lon, lat);
        // Inside a lake or reservoir, or on its shore nearer than any river: the water body's zones answer.
        if (_water?.Locate(lon, lat) is { } water && (water.DistanceM == 0 || hits.Count == 0 || water.DistanceM < hits[0].DistanceM))
            return ResolveInWaterBody(water, areas);
        if (hits.Count == 0)
        {
            return areas.Deepest is null
                ? new ResponsibilityResult { Status = ResolveStatus.NotFound, Message = check.Message ?? "no river within the radius and no area contains the position" }
                : OffRiver(areas);
        }

        var best = hits[0];
        // A report from a bank just outside the mapped areas still belongs to the areas the river runs through there.
        if (areas.Deepest is null) areas = AreasAt(best.Lon, best.Lat);
        var primary = ResolveOnRiver(best, areas);
        // A river that is itself the outer border (the Rhine on Liechtenstein's) can snap a hair outside every mapped area:
        // the responsible segment's area then names where the report belongs, so an office of that area sees it.
        if (areas.Deepest is null && primary.Segment?.Segment.AreaCode is { } segmentArea) areas = AreasOf(segmentArea);
        var candidates = new List<RoutingCandidate>();
        for (var k = 1; k < hits.Count && hits[k].DistanceM <= best.DistanceM + ambiguityMarginM; k++)
        {
            var other = ResolveOnRiver(hits[k], areas);
            candidates.Add(new RoutingCandidate(other.Chief, _rivers[hits[k].River].River.Code, other.Segment?.Segment.Code,
                hits[k].DistanceM, CandidateReason.OtherRiver));
        }
        AddAlongRiverCandidates(primary, lon, lat, ambiguityMarginM, areas, candidates);

        var river = _rivers[best.River].River;
        return new ResponsibilityResult
        {
            Status = ResolveStatus.Found,
            Chief = primary.Chief,
            Chain = ChainAbove(primary, areas),
            ExpectedLevel = primary.ExpectedLevel,
            ResponsibleLevel = primary.ResponsibleLevel,
            Escalated = primary.Skipped.Count > 0,
            EscalationReason = primary.Skipped.Count > 0 ? primary.Skipped[0].Reason : null,
            SkippedLevels = primary.Skipped,
            GeneralChiefFallback = primary.GeneralFallback,
            RiverCode = river.Code,
            RiverName = river.Name,
            SegmentCode = primary.Segment?.Segment.Code,
            DistanceM = best.DistanceM,
            MeasureM = best.Measure,
            Snapped = new GeoPosition(best.Lon, best.Lat),
            AreaCode = areas.Deepest?.Code,
            Candidates = Distinct(candidates, primary.Chief),
        };
    }

    // ---------------------------------------------------------------- lakes and reservoirs

    /// <summary>
    /// The same escalation as on a river, with zones for segments: from the deepest required level containing the point
    /// upwards, the zone of that level at the point (the point's own area first, then one with a chief, then by code);
    /// a level without a zone is unassigned, a zone without a chief vacant; nobody at any level: the general chief.
    /// </summary>
    private ResponsibilityResult ResolveInWaterBody(WaterBodyHit hit, AreaChain areas)
    {
        var body = hit.Body;
        var levels = _requiredLevels[(int)body.Level];
        if (levels.Count == 0) levels = hit.ZonesAtPoint.Select(z => z.Level).Distinct().Order().ToList();
        var expected = levels.Count == 0 ? body.Level : levels[^1];
        for (var k = levels.Count - 1; k >= 0; k--)
        {
            if (areas.ByLevel[(int)levels[k]] is null) continue;
            expected = levels[k];
            break;
        }
        var skipped = new List<SkippedLevel>();
        ResponsibleChief? chief = null;
        WaterBodyZone? zone = null;
        AdminLevel? responsible = null;
        for (var k = levels.Count - 1; k >= 0 && chief is null; k--)
        {
            var level = levels[k];
            if (!level.IsAtOrAbove(expected)) continue;
            var picked = PickZone(hit.ZonesAtPoint, level, areas);
            if (picked is null) skipped.Add(new SkippedLevel(level, EscalationReason.Unassigned, null));
            else if (ChiefOf(picked) is not { } found) skipped.Add(new SkippedLevel(level, EscalationReason.Vacant, null, picked.Code));
            else (chief, zone, responsible) = (found, picked, level);
        }
        var generals = GeneralChiefsBottomUp(areas);
        var fallback = chief is null;
        chief ??= generals.FirstOrDefault();
        var chain = new List<ResponsibleChief>();
        bool Seen(string id) => (chief is { } first && first.Id == id) || Contains(chain, id);
        if (responsible is { } r)
        {
            for (var l = (int)r - 1; l >= 0; l--)
            {
                if (ChiefOf(PickZone(hit.ZonesAtPoint, (AdminLevel)l, areas)) is { } above && !Seen(above.Id)) chain.Add(above);
            }
        }
        foreach (var general in generals)
        {
            if (!Seen(general.Id)) chain.Add(general);
        }
        return new ResponsibilityResult
        {
            Status = ResolveStatus.Found,
            Chief = chief,
            Chain = chain,
            ExpectedLevel = expected,
            ResponsibleLevel = responsible,
            Escalated = skipped.Count > 0,
            EscalationReason = skipped.Count > 0 ? skipped[0].Reason : null,
            SkippedLevels = skipped,
            GeneralChiefFallback = fallback,
            DistanceM = hit.DistanceM,
            AreaCode = areas.Deepest?.Code,
            WaterBodyCode = body.Code,
            WaterBodyName = body.Name,
            ZoneCode = zone?.Code,
        };
    }

    private static WaterBodyZone? PickZone(IReadOnlyList<WaterBodyZone> zones, AdminLevel level, AreaChain areas)
    {
        var own = areas.ByLevel[(int)level]?.Code;
        WaterBodyZone? picked = null;
        var rank = int.MaxValue;
        foreach (var z in zones)
        {
            if (z.Level != level) continue;
            var r = (z.AreaCode == own ? 0 : 2) + (z.ChiefId is null ? 1 : 0);
            if (r < rank) (picked, rank) = (z, r);
        }
        return picked;
    }

    private ResponsibleChief? ChiefOf(WaterBodyZone? zone) =>
        zone?.ChiefId is { } id && System.Chiefs.TryGetValue(id, out var chief) ? ResponsibleChief.Of(chief, System, zone.Level) : null;

    // ---------------------------------------------------------------- nearest rivers

    /// <summary>
    /// Per river within the radius, its nearest point: candidates from the STRtree, exact edge distances in a local flat
    /// frame around the query point (metres per degree at its latitude; the frame is affine in lon/lat, so the edge
    /// parameter it gives is the one MeasuredLine interpolates with), then the reported distance by Geodesic.
    /// </summary>
    private List<RiverHit> NearestRivers(double lon, double lat, double radiusM)
    {
        var (perLon, perLat) = Geodesic.MetresPerDegree(lat);
        // The flat frame is good to well under 1 % within a few kilometres; the geodesic test below decides.
        var flatLimit = radiusM * 1.02 + 1;
        var best = new List<(int River, int Edge, double T, double Flat)>();
        foreach (var chunk in _chunks.Query(Geodesic.EnvelopeAround(lon, lat, radiusM)))
        {
            var line = _rivers[chunk.River].Line;
            var end = Math.Min(chunk.FirstEdge + EdgesPerChunk, line.VertexCount - 1);
            for (var i = chunk.FirstEdge; i < end; i++)
            {
                if (!line.IsEdge(i)) continue;
                var (d, t) = MeasuredLine.SegmentDistance(0, 0,
                    (line.Lon[i] - lon) * perLon, (line.Lat[i] - lat) * perLat,
                    (line.Lon[i + 1] - lon) * perLon, (line.Lat[i + 1] - lat) * perLat);
                if (d > flatLimit) continue;
                var slot = -1;
                for (var k = 0; k < best.Count; k++)
                {
                    if (best[k].River == chunk.River) { slot = k; break; }
                }
                if (slot < 0) best.Add((chunk.River, i, t, d));
                else if (d < best[slot].Flat) best[slot] = (chunk.River, i, t, d);
            }
        }
        var hits = new List<RiverHit>(best.Count);
        foreach (var (r, i, t, _) in best)
        {
            var line = _rivers[r].Line;
            var snapLon = line.Lon[i] + t * (line.Lon[i + 1] - line.Lon[i]);
            var snapLat = line.Lat[i] + t * (line.Lat[i + 1] - line.Lat[i]);
            var distance = Geodesic.Distance(lon, lat, snapLon, snapLat);
            if (distance > radiusM) continue;
            hits.Add(new RiverHit(r, line.M[i] + t * (line.M[i + 1] - line.M[i]), snapLon, snapLat, distance));
        }
        hits.Sort((a, b) => a.DistanceM != b.DistanceM
            ? a.DistanceM.CompareTo(b.DistanceM)
            : string.CompareOrdinal(_rivers[a.River].River.Code, _rivers[b.River].River.Code));
        return hits;
    }

    private RiverSnap ToSnap(RiverHit hit)
    {
        var river = _rivers[hit.River].River;
        return new RiverSnap(river.Code, river.Name, hit.Measure, hit.DistanceM, new GeoPosition(hit.Lon, hit.Lat));
    }

    // ---------------------------------------------------------------- areas

    /// <summary>The chain of a known area (itself and the areas above it); empty for a code not in the system.</summary>
    private AreaChain AreasOf(string code)
    {
        var chain = new AreaChain();
        if (!_chains.TryGetValue(code, out var above) || above.Length == 0) return chain;
        chain.Deepest = System.Areas[code].Area;
        foreach (var area in above)
        {
            chain.BottomUp.Add(area);
            chain.ByLevel[(int)area.Level] ??= area;
        }
        return chain;
    }

    private AreaChain AreasAt(double lon, double lat)
    {
        if (_levelsBottomUp.Length == 0) return new AreaChain();
        var (x, y) = System.Projection.Project(lon, lat);
        var point = new Envelope(x, x, y, y);
        foreach (var level in _levelsBottomUp)
        {
            AdminArea? found = null;
            foreach (var entry in System.AreasNear(level, point))
            {
                // On a shared boundary two areas contain the point: take the same one every time.
                if (found is not null && string.CompareOrdinal(entry.Area.Code, found.Code) >= 0) continue;
                if (entry.Prepared.Contains(x, y)) found = entry.Area;
            }
            if (found is not null) return AreasOf(found.Code);
        }
        return new AreaChain();
    }

    private ResponsibilityResult OffRiver(AreaChain areas)
    {
        var generals = GeneralChiefsBottomUp(areas);
        return new ResponsibilityResult
        {
            Status = ResolveStatus.Found,
            OffRiver = true,
            Chief = generals.FirstOrDefault(),
            Chain = generals.Skip(1).ToList(),
            GeneralChiefFallback = true,
            AreaCode = areas.Deepest?.Code,
        };
    }

    /// <summary>The general chiefs of the point's areas, deepest area first, each once (a handful: a list beats a set).</summary>
    private List<ResponsibleChief> GeneralChiefsBottomUp(AreaChain areas)
    {
        var result = new List<ResponsibleChief>(areas.BottomUp.Count);
        foreach (var area in areas.BottomUp)
        {
            if (!System.GeneralChiefs.TryGetValue(area.Code, out var generals)) continue;
            foreach (var chief in generals)
            {
                if (!Contains(result, chief.Id)) result.Add(ResponsibleChief.Of(chief, System, area.Level));
            }
        }
        return result;
    }

    private static bool Contains(List<ResponsibleChief> chiefs, string id)
    {
        foreach (var c in chiefs)
        {
            if (string.Equals(c.Id, id, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- along one river

    private RiverResolution ResolveOnRiver(RiverHit hit, AreaChain areas)
    {
        var river = _rivers[hit.River].River;
        var levels = EscalationLevels(hit.River, river);
        var expected = levels.Count == 0 ? river.Level : levels[^1];
        for (var k = levels.Count - 1; k >= 0; k--)
        {
            if (areas.ByLevel[(int)levels[k]] is null) continue;
            expected = levels[k];
            break;
        }
        var resolution = new RiverResolution(hit, expected);
        for (var k = levels.Count - 1; k >= 0; k--)
        {
            var level = levels[k];
            if (!level.IsAtOrAbove(expected)) continue;
            var (picked, _) = PickSegment(hit.River, level, hit.Measure, areas);
            resolution.PickedByLevel[(int)level] = picked;
            if (picked is null)
            {
                resolution.Skipped.Add(new SkippedLevel(level, EscalationReason.Unassigned, null));
                continue;
            }
            if (ChiefOf(picked) is not { } chief)
            {
                resolution.Skipped.Add(new SkippedLevel(level, EscalationReason.Vacant, picked.Segment.Code));
                continue;
            }
            resolution.Chief = chief;
            resolution.Segment = picked;
            resolution.ResponsibleLevel = level;
            return resolution;
        }
        // Nobody on the river at any level: the general chief (总河长) of the deepest area containing the point.
        resolution.Chief = GeneralChiefsBottomUp(areas).FirstOrDefault();
        resolution.GeneralFallback = true;
        return resolution;
    }

    /// <summary>Levels at which the river must have chiefs, top-down; without areas, the levels its segments use.</summary>
    private List<AdminLevel> EscalationLevels(int r, River river)
    {
        var required = _requiredLevels[(int)river.Level];
        if (required.Count > 0) return required;
        return AdminLevels.TopDown.Where(l => river.Level.IsAtOrAbove(l) && _coverage[r][(int)l] is not null).ToList();
    }

    /// <summary>
    /// The segment of a level covering the measure: the one of the point's own area at that level first (each bank of a
    /// border river answers to its own hierarchy), then one with a chief, then by code. Also returns all covering ones.
    /// </summary>
    private (SegmentEntry? Picked, List<SegmentEntry> Covering) PickSegment(int r, AdminLevel level, double measure, AreaChain areas)
    {
        if (_coverage[r][(int)level] is not { } coverage) return (null, []);
        var covering = coverage.Covering(measure, CoverageSlackM);
        if (covering.Count == 0) return (null, covering);
        var ownArea = areas.ByLevel[(int)level]?.Code;
        // Own area first, then one with a chief; ties keep the code order of `covering`.
        SegmentEntry? picked = null;
        var pickedRank = int.MaxValue;
        foreach (var s in covering)
        {
            var rank = (s.Segment.AreaCode == ownArea ? 0 : 2) + (HasChief(s) ? 0 : 1);
            if (rank < pickedRank) (picked, pickedRank) = (s, rank);
        }
        return (picked, covering);
    }

    private bool HasChief(SegmentEntry segment) => segment.Segment.ChiefId is { } id && System.Chiefs.ContainsKey(id);

    private ResponsibleChief? ChiefOf(SegmentEntry? segment) =>
        segment?.Segment.ChiefId is { } id && System.Chiefs.TryGetValue(id, out var chief)
            ? ResponsibleChief.Of(chief, System, segment.Segment.Level)
            : null;

    /// <summary>First segment chief above <paramref name="level"/> at a measure (how a vacant neighbour escalates).</summary>
    private (ResponsibleChief? Chief, SegmentEntry? Segment) FirstChiefAbove(int r, AdminLevel level, double measure, AreaChain areas)
    {
        for (var l = (int)level - 1; l >= 0; l--)
        {
            var (picked, _) = PickSegment(r, (AdminLevel)l, measure, areas);
            if (ChiefOf(picked) is { } chief) return (chief, picked);
        }
        return (null, null);
    }

    private List<ResponsibleChief> ChainAbove(RiverResolution primary, AreaChain areas)
    {
        var chain = new List<ResponsibleChief>();
        bool Seen(string id) => (primary.Chief is { } first && first.Id == id) || Contains(chain, id);
        if (primary.ResponsibleLevel is { } responsible)
        {
            for (var l = (int)responsible - 1; l >= 0; l--)
            {
                var (picked, _) = PickSegment(primary.Hit.River, (AdminLevel)l, primary.Hit.Measure, areas);
                if (ChiefOf(picked) is { } chief && !Seen(chief.Id)) chain.Add(chief);
            }
        }
        foreach (var general in GeneralChiefsBottomUp(areas))
        {
            if (!Seen(general.Id)) chain.Add(general);
        }
        return chain;
    }

    /// <summary>
    /// Alternatives along the chosen river: at the responsible level (and, when escalated, at the expected level too),
    /// another segment covering the same measure (shared stretch) or one whose covered stretch begins within the
    /// margin of the point's measure (segment boundary). A vacant neighbour is represented by whoever it escalates to.
    /// </summary>
    private void AddAlongRiverCandidates(RiverResolution primary, double lon, double lat, double margin, AreaChain areas, List<RoutingCandidate> into)
    {
        var r = primary.Hit.River;
        var m = primary.Hit.Measure;
        var line = _rivers[r].Line;
        var riverCode = _rivers[r].River.Code;
        var levels = new List<AdminLevel>();
        if (primary.ResponsibleLevel is { } responsible) levels.Add(responsible);
        if (primary.Skipped.Count > 0 && !levels.Contains(primary.ExpectedLevel)) levels.Add(primary.ExpectedLevel);
        foreach (var level in levels)
        {
            if (_coverage[r][(int)level] is not { } coverage) continue;
            var chosen = primary.PickedByLevel[(int)level];
            var near = new List<(SegmentEntry Segment, Interval Interval)>();
            coverage.Overlapping(m - margin, m + margin, CoverageSlackM, near);
            foreach (var group in near.Where(n => n.Segment != chosen).GroupBy(n => n.Segment))
            {
                // The segment's measure nearest to the point, over all its intervals (within the margin by the query above).
                var nearest = group.Select(n => Math.Clamp(m, n.Interval.From, n.Interval.To)).MinBy(x => Math.Abs(x - m));
                var offset = Math.Abs(nearest - m);
                var why = offset <= CoverageSlackM ? CandidateReason.SharedStretch : CandidateReason.SegmentBoundary;
                var (chief, segment) = ChiefOf(group.Key) is { } own ? (own, group.Key) : FirstChiefAbove(r, level, nearest, areas);
                if (chief is null) continue;
                var snapped = line.PointAt(nearest);
                var distance = why == CandidateReason.SharedStretch ? primary.Hit.DistanceM : Geodesic.Distance(lon, lat, snapped.X, snapped.Y);
                into.Add(new RoutingCandidate(chief, riverCode, segment?.Segment.Code, distance, why));
            }
        }
    }

    /// <summary>Nearest first; drops along-river alternatives that name the chosen chief again, and exact repeats.</summary>
    private static List<RoutingCandidate> Distinct(List<RoutingCandidate> candidates, ResponsibleChief? chosen)
    {
        if (candidates.Count == 0) return candidates;
        var seen = new HashSet<(string?, string, string?)>();
        return candidates
            .Where(c => c.Why == CandidateReason.OtherRiver || c.Chief?.Id != chosen?.Id)
            .OrderBy(c => c.DistanceM).ThenBy(c => c.Why)
            .Where(c => seen.Add((c.Chief?.Id, c.RiverCode, c.SegmentCode)))
            .ToList();
    }

    private static bool ValidPosition(double lon, double lat) => double.IsFinite(lon) && double.IsFinite(lat) && GeoJson.CoordinateRange.Check(lon, lat) is null;

    private static double CheckRadius(double radiusM) =>
        radiusM > 0 && double.IsFinite(radiusM) ? radiusM : throw new ArgumentOutOfRangeException(nameof(radiusM), "radius must be a positive number of metres");

    private readonly record struct EdgeChunk(int River, int FirstEdge);

    private readonly record struct RiverHit(int River, double Measure, double Lon, double Lat, double DistanceM);

    private sealed class AreaChain
    {
        public AdminArea? Deepest;
        public readonly AdminArea?[] ByLevel = new AdminArea?[LevelCount];
        public readonly List<AdminArea> BottomUp = [];
    }

    private sealed class RiverResolution(RiverHit hit, AdminLevel expected)
    {
        public RiverHit Hit { get; } = hit;
        public AdminLevel ExpectedLevel { get; } = expected;
        public AdminLevel? ResponsibleLevel { get; set; }
        public SegmentEntry? Segment { get; set; }
        public ResponsibleChief? Chief { get; set; }
        public bool GeneralFallback { get; set; }
        public List<SkippedLevel> Skipped { get; } = [];
        public SegmentEntry?[] PickedByLevel { get; } = new SegmentEntry?[LevelCount];
    }
}
