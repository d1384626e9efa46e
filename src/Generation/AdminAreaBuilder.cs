using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;

namespace RiverGis.Generation;

/// <summary>One generated administrative area and its place in the hierarchy.</summary>
internal sealed class AdminUnit
{
    public required AdminLevel Level { get; init; }
    public required double SeedX { get; init; }
    public required double SeedY { get; init; }
    /// <summary>Index of the parent unit one level up (-1 for the province).</summary>
    public int Parent { get; set; } = -1;
    public List<int> Children { get; } = [];
    public Geometry Geometry { get; set; } = Polygon.Empty;
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>How many areas of each level to aim for (empty ones are dropped, so the result can be a little lower).</summary>
internal readonly record struct AdminCounts(int Cities, int Counties, int Townships, int Villages);

/// <summary>
/// Builds the nested administrative areas bottom-up so that every level tiles its parent exactly:
/// villages are the Voronoi cells of scattered village seats (clipped to the region), a township is the union of the
/// villages whose (smoothly warped) seat lies nearest to the township seat, a county the union of its townships, a
/// city the union of its counties, and the province the region itself. Because every boundary is an edge of one and
/// the same village diagram, shared boundaries are identical on both sides (no slivers, no gaps) and the upper-level
/// boundaries are the ragged lines real ones are, instead of long straight Voronoi edges.
/// </summary>
internal static class AdminAreaBuilder
{
    private static readonly PrecisionModel Grid = new(Math.Pow(10, GeoJsonPrecision.Decimals));

    /// <summary>Units of all levels, top-down: index 0 is the province, then cities, counties, townships, villages.</summary>
    public static List<AdminUnit> Build(RegionFrame frame, AdminCounts counts, int seed)
    {
        var w = frame.Width;
        var h = frame.Height;
        var seedRandom = Seeds.For(seed, Stage.AdminSeeds);
        var cities = Scatter(counts.Cities, w, h, seedRandom, AdminLevel.City);
        var counties = Scatter(counts.Counties, w, h, seedRandom, AdminLevel.County);
        var townships = Scatter(counts.Townships, w, h, seedRandom, AdminLevel.Township);
        var villages = Scatter(counts.Villages, w, h, seedRandom, AdminLevel.Village);

        // Village cells first: their adjacency is what the upper levels are made of.
        var villageEdges = VillageCells(villages, frame);

        // Each level: assign to the nearest (warped) seat, move detached pieces to the neighbour they touch most
        // (no exclaves), and drop parents left without children.
        var warpRandom = Seeds.For(seed, Stage.AdminWarp);
        Assign(villages, townships, w, h, warpRandom);
        Connect(villages, townships, villageEdges);
        townships = DropEmpty(townships, villages);
        var townshipEdges = Lift(villageEdges, villages);
        Assign(townships, counties, w, h, warpRandom);
        Connect(townships, counties, townshipEdges);
        counties = DropEmpty(counties, townships);
        var countyEdges = Lift(townshipEdges, townships);
        Assign(counties, cities, w, h, warpRandom);
        Connect(counties, cities, countyEdges);
        cities = DropEmpty(cities, counties);

        foreach (var township in townships) township.Geometry = Union(township.Children.Select(i => villages[i].Geometry));
        foreach (var county in counties) county.Geometry = Union(county.Children.Select(i => townships[i].Geometry));
        foreach (var city in cities) city.Geometry = Union(city.Children.Select(i => counties[i].Geometry));

        var province = new AdminUnit { Level = AdminLevel.Province, SeedX = w / 2, SeedY = h / 2, Geometry = frame.Rectangle() };
        // Flatten top-down with parent indices into the flat list.
        var all = new List<AdminUnit> { province };
        var cityOffset = all.Count;
        foreach (var city in cities)
        {
            city.Parent = 0;
            province.Children.Add(all.Count);
            all.Add(city);
        }
        var countyOffset = all.Count;
        all.AddRange(counties);
        var townshipOffset = all.Count;
        all.AddRange(townships);
        var villageOffset = all.Count;
        all.AddRange(villages);
        Reindex(cities, countyOffset);
        Reindex(counties, townshipOffset, cityOffset);
        Reindex(townships, villageOffset, countyOffset);
        foreach (var village in villages) village.Parent += townshipOffset;
        foreach (var unit in all) unit.Geometry = Rfc7946Orientation(unit.Geometry);
        return all;
    }

    private static void Reindex(List<AdminUnit> units, int childOffset, int parentOffset = -1)
    {
        foreach (var unit in units)
        {
            for (var i = 0; i < unit.Children.Count; i++) unit.Children[i] += childOffset;
            if (parentOffset >= 0) unit.Parent += parentOffset;
        }
    }

    /// <summary>Stratified scatter: one seat in each of <paramref name="count"/> cells of a jittered grid (cells picked at random).</summary>
    private static List<AdminUnit> Scatter(int count, double w, double h, Random random, AdminLevel level)
    {
        var nx = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(count * w / h)));
        var ny = Math.Max(1, (int)Math.Ceiling((double)count / nx));
        var strata = Enumerable.Range(0, nx * ny).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Next(strata.Length - i);
            (strata[i], strata[j]) = (strata[j], strata[i]);
        }
        var chosen = strata.Take(count).Order().ToArray();
        var cw = w / nx;
        var ch = h / ny;
        // Keep seats off the region's edge so that edge cells are not slivers.
        return chosen.Select(s => new AdminUnit
        {
            Level = level,
            SeedX = (s % nx + random.Range(0.1, 0.9)) * cw,
            SeedY = (s / nx + random.Range(0.1, 0.9)) * ch,
        }).ToList();
    }

    /// <summary>
    /// Each child goes to the parent whose seat is nearest to the child's seat displaced by a smooth random field
    /// (about a third of the parent spacing), so parent boundaries wander instead of following straight bisectors.
    /// </summary>
    private static void Assign(List<AdminUnit> children, List<AdminUnit> parents, double w, double h, Random random)
    {
        var spacing = Math.Sqrt(w * h / parents.Count);
        var warpX = new ValueNoise(random, spacing * 0.9, 3);
        var warpY = new ValueNoise(random, spacing * 0.9, 3);
        var index = new SeedGrid(parents, spacing);
        foreach (var parent in parents) parent.Children.Clear();
        for (var i = 0; i < children.Count; i++)
        {
            var c = children[i];
            var x = c.SeedX + 0.35 * spacing * warpX.At(c.SeedX, c.SeedY);
            var y = c.SeedY + 0.35 * spacing * warpY.At(c.SeedX, c.SeedY);
            var p = index.Nearest(x, y);
            c.Parent = p;
            parents[p].Children.Add(i);
        }
    }

    /// <summary>The parents that have children; the children's parent indices follow the new numbering.</summary>
    private static List<AdminUnit> DropEmpty(List<AdminUnit> parents, List<AdminUnit> children)
    {
        var newIndex = new int[parents.Count];
        var kept = new List<AdminUnit>(parents.Count);
        for (var p = 0; p < parents.Count; p++)
        {
            newIndex[p] = parents[p].Children.Count > 0 ? kept.Count : -1;
            if (parents[p].Children.Count > 0) kept.Add(parents[p]);
        }
        foreach (var child in children) child.Parent = newIndex[child.Parent];
        return kept;
    }

    /// <summary>Clipped Voronoi cells of the village seats (lon/lat, snapped) and the pairs of villages whose cells share an edge.</summary>
    private static List<(int A, int B)> VillageCells(List<AdminUnit> villages, RegionFrame frame)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(villages.Select(v => new Coordinate(v.SeedX, v.SeedY)).ToList());
        var subdivision = builder.GetSubdivision();
        var cells = subdivision.GetVoronoiCellPolygons(new GeometryFactory());
        var bySite = new Dictionary<(double, double), int>();
        for (var i = 0; i < villages.Count; i++) bySite[(villages[i].SeedX, villages[i].SeedY)] = i;
        foreach (var cell in cells)
        {
            var site = (Coordinate)cell.UserData;
            if (!bySite.TryGetValue((site.X, site.Y), out var index)) continue;
            var clipped = ClipToRegion(((Polygon)cell).Shell.Coordinates, frame.Width, frame.Height);
            var ring = new List<Coordinate>(clipped.Count + 1);
            foreach (var (x, y) in clipped)
            {
                var c = frame.ToLonLat(x, y);
                if (ring.Count == 0 || !ring[^1].Equals2D(c)) ring.Add(c);
            }
            if (ring.Count > 1 && ring[0].Equals2D(ring[^1])) ring.RemoveAt(ring.Count - 1);
            if (ring.Count < 3) throw new InvalidOperationException("a village cell collapsed");
            ring.Add(ring[0].Copy());
            villages[index].Geometry = RegionFrame.Factory.CreatePolygon(ring.ToArray());
        }
        if (villages.Any(v => v.Geometry.IsEmpty)) throw new InvalidOperationException("a village seat got no Voronoi cell");
        // Delaunay neighbours share a Voronoi edge.
        var edges = new SortedSet<(int, int)>();
        foreach (var edge in subdivision.GetPrimaryEdges(false))
        {
            if (!bySite.TryGetValue((edge.Orig.X, edge.Orig.Y), out var a) || !bySite.TryGetValue((edge.Dest.X, edge.Dest.Y), out var b)) continue;
            edges.Add((Math.Min(a, b), Math.Max(a, b)));
        }
        return edges.ToList();
    }

    /// <summary>Adjacency one level up: two parents are neighbours when two of their children are.</summary>
    private static List<(int A, int B)> Lift(List<(int A, int B)> edges, List<AdminUnit> children)
    {
        var lifted = new SortedSet<(int, int)>();
        foreach (var (a, b) in edges)
        {
            var pa = children[a].Parent;
            var pb = children[b].Parent;
            if (pa != pb) lifted.Add((Math.Min(pa, pb), Math.Max(pa, pb)));
        }
        return lifted.ToList();
    }

    /// <summary>
    /// Makes every parent's children one connected piece: any detached group of children (an exclave the warped
    /// nearest-seat rule can leave behind) goes to the neighbouring parent it shares most boundary edges with.
    /// Parents' child lists are rebuilt in child order.
    /// </summary>
    private static void Connect(List<AdminUnit> children, List<AdminUnit> parents, List<(int A, int B)> edges)
    {
        var neighbours = new List<int>[children.Count];
        for (var i = 0; i < children.Count; i++) neighbours[i] = [];
        foreach (var (a, b) in edges)
        {
            neighbours[a].Add(b);
            neighbours[b].Add(a);
        }
        for (var pass = 0; pass < 10; pass++)
        {
            var members = new List<int>[parents.Count];
            for (var p = 0; p < parents.Count; p++) members[p] = [];
            for (var i = 0; i < children.Count; i++) members[children[i].Parent].Add(i);
            var moved = false;
            for (var p = 0; p < parents.Count; p++)
            {
                var components = Components(members[p], children, neighbours);
                if (components.Count < 2) continue;
                var largest = components.OrderByDescending(c => c.Count).ThenBy(c => c[0]).First();
                foreach (var component in components)
                {
                    if (ReferenceEquals(component, largest)) continue;
                    var votes = new SortedDictionary<int, int>();
                    foreach (var i in component)
                    {
                        foreach (var j in neighbours[i])
                        {
                            var q = children[j].Parent;
                            if (q != p) votes[q] = votes.GetValueOrDefault(q) + 1;
                        }
                    }
                    if (votes.Count == 0) continue;
                    var target = votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key).First().Key;
                    foreach (var i in component) children[i].Parent = target;
                    moved = true;
                }
            }
            if (!moved) break;
        }
        foreach (var parent in parents) parent.Children.Clear();
        for (var i = 0; i < children.Count; i++) parents[children[i].Parent].Children.Add(i);
    }

    private static List<List<int>> Components(List<int> members, List<AdminUnit> children, List<int>[] neighbours)
    {
        var components = new List<List<int>>();
        var seen = new HashSet<int>();
        foreach (var start in members)
        {
            if (!seen.Add(start)) continue;
            var component = new List<int> { start };
            var parent = children[start].Parent;
            for (var k = 0; k < component.Count; k++)
            {
                foreach (var j in neighbours[component[k]])
                {
                    if (children[j].Parent == parent && seen.Add(j)) component.Add(j);
                }
            }
            component.Sort();
            components.Add(component);
        }
        return components;
    }

    /// <summary>
    /// Sutherland–Hodgman clip of a convex cell to [0,w]×[0,h]. Edge crossings are computed from the edge's endpoints
    /// in a canonical order, so the two cells sharing an edge get bit-identical crossing points.
    /// </summary>
    private static List<(double X, double Y)> ClipToRegion(Coordinate[] ring, double w, double h)
    {
        var points = ring.Take(ring.Length - 1).Select(c => (c.X, c.Y)).ToList();
        points = ClipHalf(points, p => p.X >= 0, (a, b) => CrossX(a, b, 0));
        points = ClipHalf(points, p => p.X <= w, (a, b) => CrossX(a, b, w));
        points = ClipHalf(points, p => p.Y >= 0, (a, b) => CrossY(a, b, 0));
        points = ClipHalf(points, p => p.Y <= h, (a, b) => CrossY(a, b, h));
        return points;
    }

    private static List<(double X, double Y)> ClipHalf(List<(double X, double Y)> points, Func<(double X, double Y), bool> inside,
        Func<(double X, double Y), (double X, double Y), (double X, double Y)> cross)
    {
        var result = new List<(double X, double Y)>(points.Count + 2);
        for (var i = 0; i < points.Count; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Count];
            var ina = inside(a);
            var inb = inside(b);
            if (ina) result.Add(a);
            if (ina != inb) result.Add(cross(a, b));
        }
        return result;
    }

    private static (double X, double Y) CrossX((double X, double Y) a, (double X, double Y) b, double x)
    {
        if (a.X > b.X || (a.X == b.X && a.Y > b.Y)) (a, b) = (b, a);
        return (x, a.Y + (x - a.X) / (b.X - a.X) * (b.Y - a.Y));
    }

    private static (double X, double Y) CrossY((double X, double Y) a, (double X, double Y) b, double y)
    {
        if (a.Y > b.Y || (a.Y == b.Y && a.X > b.X)) (a, b) = (b, a);
        return (a.X + (y - a.Y) / (b.Y - a.Y) * (b.X - a.X), y);
    }

    private static Geometry Union(IEnumerable<Geometry> parts)
    {
        var union = UnaryUnionNG.Union(parts.ToList(), RegionFrame.Factory, Grid);
        if (union is not (Polygon or MultiPolygon) || union.IsEmpty) throw new InvalidOperationException("area union is not polygonal");
        return union;
    }

    /// <summary>RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise.</summary>
    public static Geometry Rfc7946Orientation(Geometry geometry)
    {
        Polygon Orient(Polygon p)
        {
            var shell = Orientation.IsCCW(p.Shell.CoordinateSequence) ? p.Shell : (LinearRing)p.Shell.Reverse();
            var holes = p.Holes.Select(hole => Orientation.IsCCW(hole.CoordinateSequence) ? (LinearRing)hole.Reverse() : hole).ToArray();
            return RegionFrame.Factory.CreatePolygon(shell, holes);
        }
        return geometry switch
        {
            Polygon p => Orient(p),
            MultiPolygon mp => RegionFrame.Factory.CreateMultiPolygon(
                Enumerable.Range(0, mp.NumGeometries).Select(i => Orient((Polygon)mp.GetGeometryN(i))).ToArray()),
            _ => geometry,
        };
    }

    /// <summary>A bucket grid over seats for nearest-seat queries.</summary>
    private sealed class SeedGrid
    {
        private readonly List<AdminUnit> _units;
        private readonly double _size;
        private readonly Dictionary<(int, int), List<int>> _buckets = new();

        public SeedGrid(List<AdminUnit> units, double size)
        {
            _units = units;
            _size = size;
            for (var i = 0; i < units.Count; i++)
            {
                var key = ((int)Math.Floor(units[i].SeedX / size), (int)Math.Floor(units[i].SeedY / size));
                if (!_buckets.TryGetValue(key, out var list)) _buckets[key] = list = [];
                list.Add(i);
            }
        }

        public int Nearest(double x, double y)
        {
            var cx = (int)Math.Floor(x / _size);
            var cy = (int)Math.Floor(y / _size);
            var best = -1;
            var bestD = double.MaxValue;
            for (var ring = 0; ring < 1000; ring++)
            {
                for (var dy = -ring; dy <= ring; dy++)
                {
                    for (var dx = -ring; dx <= ring; dx++)
                    {
                        if (Math.Max(Math.Abs(dx), Math.Abs(dy)) != ring) continue;
                        if (!_buckets.TryGetValue((cx + dx, cy + dy), out var list)) continue;
                        foreach (var i in list)
                        {
                            var d = (_units[i].SeedX - x) * (_units[i].SeedX - x) + (_units[i].SeedY - y) * (_units[i].SeedY - y);
                            if (d < bestD || (d == bestD && i < best))
                            {
                                bestD = d;
                                best = i;
                            }
                        }
                    }
                }
                // Anything in a further ring is at least `ring` buckets away.
                if (best >= 0 && Math.Sqrt(bestD) <= ring * _size) break;
            }
            return best;
        }
    }
}
