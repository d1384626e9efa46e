using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.OverlayNG;

using RiverGis.Geo.Model;

namespace RiverGis.SampleDataBuilder;

/// <summary>River network topology, segment cutting and the planted segment defects.</summary>
public static class Segments
{
    public const double MinPieceMetres = 20;
    public const double MouthToleranceMetres = 50;

    /// <summary>
    /// Adds a vertex to every river wherever it crosses an area boundary (rounded to the 6-decimal grid, so the
    /// line moves by at most a few centimetres). Segments are then exact vertex runs of their river: the union of
    /// a level's segments reproduces the river with no rounding slivers at the boundaries.
    /// </summary>
    public static void NodeRivers(Dataset ds)
    {
        var boundaries = ds.Areas.Select(a => a.Geometry.Boundary).ToList();
        foreach (var river in ds.Rivers.ToList())
        {
            var lineRef = new LineRef(river.Geometry, ds.Utm);
            var parts = new List<LineString>();
            for (int p = 0; p < lineRef.PartCount; p++)
            {
                var part = Geo.Factory.CreateLineString([.. lineRef.Vertices(p)]);
                var points = new List<(double M, Coordinate C)>();
                foreach (var boundary in boundaries.Where(b => b.EnvelopeInternal.Intersects(part.EnvelopeInternal)))
                {
                    var cut = OverlayNGRobust.Overlay(part, boundary, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
                    // Crossings are points; where the river runs along a boundary, the ends of that stretch.
                    var nodes = Enumerable.Range(0, cut.NumGeometries).Select(cut.GetGeometryN).Where(g => !g.IsEmpty).SelectMany(g =>
                        g is LineString ls ? new[] { ls.StartPoint.Coordinate, ls.EndPoint.Coordinate } : g.Coordinates);
                    foreach (var c in nodes)
                    {
                        var at = lineRef.Locate(c);
                        if (at.Part == p) points.Add((at.M, new Coordinate(Geo.Round(c.X), Geo.Round(c.Y))));
                    }
                }
                // A crossing within 0.2 m of a vertex is taken to be at that vertex: a rounded extra vertex
                // that close could step backwards and make the line touch itself.
                var vertices = lineRef.VertexMeasures(p).Select((m, i) => (M: m, C: lineRef.Vertices(p)[i])).ToList();
                var kept = new List<(double M, Coordinate C)>();
                foreach (var x in points.OrderBy(x => x.M))
                    if (vertices.Concat(kept).All(v => Math.Abs(v.M - x.M) > 0.2)) kept.Add(x);
                var merged = vertices.Concat(kept).OrderBy(x => x.M).Select(x => x.C).ToArray();
                parts.Add(Geo.RoundLine(Geo.Factory.CreateLineString(merged)));
            }
            var noded = Geo.LineGeometry(parts);
            if (!noded.IsSimple) throw new InvalidOperationException($"river {river.Code} is not simple after noding");
            ds.Replace(river with { Geometry = noded });
        }
    }

    /// <summary>
    /// downstream_code: the river whose line lies within 50 m of this river's mouth. Only true ends count
    /// (not ends that continue into another part of the same river), and a river that ends at the very same
    /// point (two branches meeting to form a third) is not taken as the receiving river.
    /// </summary>
    public static void LinkDownstream(Dataset ds)
    {
        foreach (var river in ds.Rivers.ToList())
        {
            var parts = Geo.Lines(river.Geometry).ToList();
            var mouths = parts.Select(p => p.EndPoint.Coordinate)
                .Where(e => !parts.Any(q => q.StartPoint.Coordinate.Equals2D(e))).ToList();
            var best = (Code: (string?)null, Dist: double.MaxValue);
            foreach (var other in ds.Rivers.Where(o => o.Code != river.Code))
            {
                var otherRef = new LineRef(other.Geometry, ds.Utm);
                var otherEnds = Geo.Lines(other.Geometry).Select(p => p.EndPoint.Coordinate).ToList();
                foreach (var mouth in mouths)
                {
                    if (otherEnds.Any(e => ds.Utm.Distance(e, mouth) < 1)) continue;
                    var d = otherRef.Locate(mouth).Dist;
                    if (d <= MouthToleranceMetres && d < best.Dist) best = (other.Code, d);
                }
            }
            ds.Replace(river with { DownstreamCode = best.Code });
        }
    }

    /// <summary>
    /// One segment per river, level (from the river's level down to the lowest area level) and area that the
    /// river passes through: the runs of river edges whose midpoint the area covers (after noding, that is
    /// river ∩ area), runs under 20 m dropped, in flow direction, numbered from the source. Segments listed in
    /// <paramref name="omit"/> are not created (planted "unassigned stretch").
    /// </summary>
    public static void Cut(Dataset ds, params (string River, AdminLevel Level, string Area)[] omit)
    {
        var lowest = ds.AreaLevels.Max();
        var prepared = ds.Areas.ToDictionary(a => a.Code, a => PreparedGeometryFactory.Prepare(a.Geometry));
        foreach (var river in ds.Rivers)
        {
            var lineRef = new LineRef(river.Geometry, ds.Utm);
            for (var level = river.Level; level <= lowest; level++)
            {
                var found = new List<(AdminArea Area, List<(LineString Line, int Part, double M0)> Runs)>();
                foreach (var area in ds.Areas.Where(a => a.Level == level))
                {
                    // An edge lying on the boundary (the Rhein is the national border) belongs to the area, as in
                    // river ∩ area; its computed midpoint may miss the boundary by 1e-17°, hence the tolerance.
                    var runs = Runs(lineRef, c => prepared[area.Code].Covers(Geo.Factory.CreatePoint(c))
                                                  || area.Geometry.IsWithinDistance(Geo.Factory.CreatePoint(c), 1e-9))
                        .Where(r => ds.Utm.Length(r.Line) >= MinPieceMetres).ToList();
                    if (runs.Count > 0) found.Add((area, runs));
                }
                int n = 0;
                foreach (var (area, runs) in found.OrderBy(f => f.Runs[0].Part).ThenBy(f => f.Runs[0].M0))
                {
                    var geom = Geo.LineGeometry(runs.Select(r => r.Line).ToList());
                    if (omit.Contains((river.Code, level, area.Code)))
                    {
                        ds.Defects.Add(new Defect("unassigned stretch", [river.Code, area.Code],
                            $"no {level.ToCode()}-level segment for {river.Name} in {area.Name}: " +
                            $"{Km(ds.Utm.Length(geom))} in {runs.Count} piece{(runs.Count > 1 ? "s" : "")}, covered only by the level(s) above"));
                        continue;
                    }
                    ds.Segments.Add(new Segment($"{river.Code}-{Levels.Tag(level)}{++n:00}", river.Code, level, area.Code, null,
                        $"{river.Name}·{ShortName(area.Name)}段", geom));
                }
            }
        }
        var missing = omit.Where(o => !ds.Defects.Any(d => d.Codes.SequenceEqual([o.River, o.Area]))).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"omitted segment not found: {missing[0]}");
    }

    /// <summary>Maximal runs of consecutive river edges whose midpoints satisfy <paramref name="inside"/>.</summary>
    private static IEnumerable<(LineString Line, int Part, double M0)> Runs(LineRef lineRef, Func<Coordinate, bool> inside)
    {
        for (int p = 0; p < lineRef.PartCount; p++)
        {
            var v = lineRef.Vertices(p);
            var m = lineRef.VertexMeasures(p);
            int start = -1;
            for (int i = 0; i <= v.Count - 1; i++)
            {
                bool edgeIn = i < v.Count - 1 && inside(new Coordinate((v[i].X + v[i + 1].X) / 2, (v[i].Y + v[i + 1].Y) / 2));
                if (edgeIn && start < 0) start = i;
                if (!edgeIn && start >= 0)
                {
                    yield return (Geo.Factory.CreateLineString(v.Skip(start).Take(i - start + 1).Select(c => c.Copy()).ToArray()), p, m[start]);
                    start = -1;
                }
            }
        }
    }

    /// <summary>Village committee names are shortened the way segment names are usually written (铜河村段).</summary>
    public static string ShortName(string areaName) =>
        areaName.EndsWith("社区居委会", StringComparison.Ordinal) ? areaName[..^3]
        : areaName.EndsWith("村委会", StringComparison.Ordinal) ? areaName[..^2]
        : areaName;

    public static Segment Find(Dataset ds, string river, AdminLevel level, string area) =>
        ds.Segments.SingleOrDefault(s => s.RiverCode == river && s.Level == level && s.AreaCode == area)
        ?? throw new InvalidOperationException($"no segment {river}/{level}/{area}");

    /// <summary>Planted vacancy: the segment keeps its place but nobody is appointed.</summary>
    public static void Vacate(Dataset ds, Segment seg)
    {
        ds.Vacant.Add(seg.Code);
        ds.Defects.Add(new Defect("vacant", [seg.Code],
            $"{seg.Name} ({seg.Level.ToCode()}, {Km(ds.Utm.Length(seg.Geometry))}) has chief_id null"));
    }

    /// <summary>
    /// Planted spill-over (跨界): the downstream end of the segment runs on along the river 300–800 m past its
    /// own area, into the expected neighbouring area.
    /// </summary>
    public static void SpillOver(Dataset ds, Segment seg, double metres, string expectedNeighbour)
    {
        var (extra, neighbour, overlapped) = Extend(ds, seg, metres, 300, 800, forward: true);
        Expect(neighbour, expectedNeighbour, seg);
        ds.Defects.Add(new Defect("spill-over", overlapped is null ? [seg.Code] : [seg.Code, overlapped],
            $"{seg.Name} continues {Km(extra)} downstream past the boundary of {ds.Area(seg.AreaCode).Name} " +
            $"into {ds.Area(neighbour!).Name} ({neighbour})" +
            (overlapped is null ? "" : $"; so it also covers the first {Km(extra)} of {overlapped}")));
    }

    /// <summary>Planted overlap: the segment is extended 150–400 m upstream over its neighbour's segment.</summary>
    public static void Overlap(Dataset ds, Segment seg, double metres, string expectedNeighbour)
    {
        var (extra, neighbour, overlapped) = Extend(ds, seg, metres, 150, 400, forward: false);
        Expect(neighbour, expectedNeighbour, seg);
        if (overlapped is null) throw new InvalidOperationException($"overlap of {seg.Code} overlaps nothing");
        ds.Defects.Add(new Defect("overlap", [seg.Code, overlapped],
            $"{seg.Name} starts {Km(extra)} upstream of its boundary, inside {ds.Area(neighbour!).Name} ({neighbour}), " +
            $"so it overlaps {overlapped} (same level, same river) by {Km(extra)}"));
    }

    private static void Expect(string? neighbour, string expected, Segment seg)
    {
        if (neighbour != expected)
            throw new InvalidOperationException($"extension of {seg.Code} lies in {neighbour ?? "no area"}, expected {expected}");
    }

    /// <summary>
    /// Extends the most downstream (forward) or most upstream (backward) piece of a segment along its river to
    /// the river vertex nearest to the wanted distance within [min, max], so the new piece is again an exact
    /// vertex run of the river and an overlap is exact, not a rounding artefact.
    /// </summary>
    private static (double Extra, string? Neighbour, string? Overlapped) Extend(Dataset ds, Segment seg, double metres,
        double min, double max, bool forward)
    {
        var river = ds.River(seg.RiverCode);
        var lineRef = new LineRef(river.Geometry, ds.Utm);
        var pieces = Geo.Lines(seg.Geometry).Select(lineRef.Orient).ToList();
        var target = forward ? pieces.MaxBy(p => (p.Part, p.M1)) : pieces.MinBy(p => (p.Part, p.M0));
        double edge = forward ? target.M1 : target.M0;
        var candidates = lineRef.VertexMeasures(target.Part)
            .Where(m => Math.Abs(m - edge) >= min && Math.Abs(m - edge) <= max && (m > edge) == forward).ToList();
        if (candidates.Count == 0) throw new InvalidOperationException($"no river vertex {min}–{max} m beyond {seg.Code}");
        double to = candidates.MinBy(m => Math.Abs(Math.Abs(m - edge) - metres));
        double m0 = forward ? target.M0 : to, m1 = forward ? to : target.M1;

        var extension = forward ? lineRef.Extract(target.Part, edge, to) : lineRef.Extract(target.Part, to, edge);
        var mid = lineRef.At(target.Part, (edge + to) / 2).Ll;
        var neighbour = ds.Areas.SingleOrDefault(a => a.Level == seg.Level && a.Geometry.Covers(Geo.Factory.CreatePoint(mid)))?.Code;
        var overlapped = ds.Segments.Where(s => s.Code != seg.Code && s.RiverCode == seg.RiverCode && s.Level == seg.Level)
            .Where(s => ds.Utm.Length(OverlayNGRobust.Overlay(s.Geometry, extension, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection)) > 10)
            .Select(s => s.Code).SingleOrDefault();

        ds.Replace(seg with { Geometry = Geo.LineGeometry(pieces.Select(p => p == target ? lineRef.Extract(p.Part, m0, m1) : p.Line).ToList()) });
        return (Math.Abs(to - edge), neighbour, overlapped);
    }

    /// <summary>
    /// Makes sure the planted defects are the only ones: no overlap between segments of one level unless it was
    /// planted, and no stretch inside the areas of a level without a segment unless one was omitted on purpose.
    /// </summary>
    public static void Audit(Dataset ds)
    {
        var intersection = NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection;
        bool Planted(params string[] codes) => ds.Defects.Any(d => codes.All(d.Codes.Contains));
        foreach (var group in ds.Segments.GroupBy(s => (s.RiverCode, s.Level)))
        {
            var segs = group.ToList();
            for (int i = 0; i < segs.Count; i++)
                for (int j = i + 1; j < segs.Count; j++)
                    if (ds.Utm.Length(OverlayNGRobust.Overlay(segs[i].Geometry, segs[j].Geometry, intersection)) > 1 && !Planted(segs[i].Code, segs[j].Code))
                        throw new InvalidOperationException($"unplanned overlap {segs[i].Code} / {segs[j].Code}");
        }
        var lowest = ds.AreaLevels.Max();
        foreach (var river in ds.Rivers)
            for (var level = river.Level; level <= lowest; level++)
            {
                var territory = UnaryUnionNG.Union(ds.Areas.Where(a => a.Level == level).Select(a => a.Geometry), Geo.Factory, Geo.Grid);
                var segs = ds.Segments.Where(s => s.RiverCode == river.Code && s.Level == level).Select(s => s.Geometry).ToList();
                double inside = ds.Utm.Length(OverlayNGRobust.Overlay(river.Geometry, territory, intersection));
                double covered = segs.Count == 0 ? 0
                    : ds.Utm.Length(OverlayNGRobust.Overlay(UnaryUnionNG.Union(segs, Geo.Factory, Geo.Grid), territory, intersection));
                bool omitted = ds.Defects.Any(d => d.Kind == "unassigned stretch" && d.Codes[0] == river.Code && ds.Area(d.Codes[1]).Level == level);
                // Dropped pieces under 20 m and grid rounding may leave a little; anything larger must be planted.
                if (inside - covered > 60 && !omitted)
                    throw new InvalidOperationException($"unplanned gap of {inside - covered:F0} m on {river.Code} at {level.ToCode()} level");
            }
    }

    public static string Km(double metres) => metres >= 1000
        ? (metres / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " km"
        : (Math.Round(metres / 10, MidpointRounding.AwayFromZero) * 10).ToString("0", CultureInfo.InvariantCulture) + " m";
}
