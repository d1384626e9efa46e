using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace RiverGis.Generation;

/// <summary>
/// Draws the rivers traced on the drainage grid as sinuous lines: a centripetal Catmull–Rom curve through the jittered
/// cell centres (jitter ≤ 0.2 cell keeps the grid tree planar) plus small meanders that vanish at the cell nodes, with a
/// vertex every ~<see cref="VertexSpacing"/> m, digitised source → mouth. Tributaries end exactly on a vertex of their
/// receiver (the shared confluence node). Every river is then checked against every other one (and itself): any
/// crossing other than a tributary's mouth on its receiver — possible where a curve overshoots near a hairpin —
/// makes the rivers involved fall back to a plainer drawing (no meanders, then straight between nodes, which is
/// planar by construction), so the result is always simple and non-crossing.
/// </summary>
internal sealed class RiverGeometryBuilder
{
    public const double VertexSpacing = 130;
    private const double NodeJitter = 0.2;
    private const double MouthInset = 30;

    private readonly DrainageNetwork _network;
    private readonly IReadOnlyList<RiverPath> _rivers;
    private readonly RegionFrame _frame;
    private readonly int _seed;
    private readonly double[] _jitterX;
    private readonly double[] _jitterY;

    public RiverGeometryBuilder(DrainageNetwork network, IReadOnlyList<RiverPath> rivers, RegionFrame frame, int seed)
    {
        _network = network;
        _rivers = rivers;
        _frame = frame;
        _seed = seed;
        _jitterX = new double[network.CellCount];
        _jitterY = new double[network.CellCount];
        var random = Seeds.For(seed, Stage.NodeJitter);
        for (var cell = 0; cell < network.CellCount; cell++)
        {
            var angle = random.NextDouble() * 2 * Math.PI;
            var radius = NodeJitter * network.Cell * Math.Sqrt(random.NextDouble());
            _jitterX[cell] = radius * Math.Cos(angle);
            _jitterY[cell] = radius * Math.Sin(angle);
        }
    }

    /// <summary>How many rivers needed a plainer drawing (meanders dropped / straight) to stay non-crossing.</summary>
    public int Simplified { get; private set; }

    public LineString[] Build()
    {
        var modes = new int[_rivers.Count];
        var lines = new Coordinate[_rivers.Count][];
        for (var i = 0; i < _rivers.Count; i++) lines[i] = Draw(i, 0);
        while (true)
        {
            var conflicts = FindConflicts(lines);
            if (conflicts.Count == 0) break;
            var simplified = false;
            foreach (var river in conflicts)
            {
                if (modes[river] >= 2) continue;
                modes[river]++;
                lines[river] = Draw(river, modes[river]);
                simplified = true;
            }
            // Straight lines between the jittered nodes cannot cross (the grid tree is planar); reaching this is a bug.
            if (!simplified) throw new InvalidOperationException($"rivers {string.Join(", ", conflicts)} cross even when drawn straight");
        }
        Simplified = modes.Count(m => m > 0);
        return lines.Select(c => RegionFrame.Factory.CreateLineString(c)).ToArray();
    }

    private (double X, double Y) Node(int cell)
    {
        var (x, y) = _network.Centre(cell);
        return (x + _jitterX[cell], y + _jitterY[cell]);
    }

    /// <summary>The river's nodes in the plane, source first; the confluence node (tributaries) or a point just inside the edge (trunks) last.</summary>
    private List<(double X, double Y)> Nodes(RiverPath river)
    {
        var nodes = river.Cells.Select(Node).ToList();
        if (river.InletSide >= 0)
        {
            // The great river comes in from outside: start just inside the edge it enters through.
            var (x, y) = nodes[0];
            nodes.Insert(0, AtEdge(river.InletSide, x, y));
        }
        if (river.JunctionCell >= 0)
        {
            nodes.Add(Node(river.JunctionCell));
        }
        else
        {
            var (x, y) = nodes[^1];
            nodes.Add(AtEdge(_network.OutletSides[river.Outlet], x, y));
        }
        return nodes;
    }

    private (double X, double Y) AtEdge(int side, double x, double y) => side switch
    {
        0 => (MouthInset, y),
        1 => (_frame.Width - MouthInset, y),
        2 => (x, MouthInset),
        _ => (x, _frame.Height - MouthInset),
    };

    /// <param name="mode">0 curve with meanders, 1 curve only, 2 straight between nodes.</param>
    private Coordinate[] Draw(int index, int mode)
    {
        var river = _rivers[index];
        var nodes = Nodes(river);
        var random = Seeds.For(_seed, Stage.Meanders, index);
        // Bigger rivers meander wider; amplitude stays well inside the grid's clearance between rivers.
        var size = Math.Clamp(Math.Log10(Math.Max(1, river.MouthAccumulation)) / 4, 0, 1);
        var amplitude = _network.Cell * (0.05 + 0.05 * size) * random.Range(0.7, 1.0);
        var sign = random.Next(2) == 0 ? -1.0 : 1.0;
        var points = new List<Coordinate>(nodes.Count * 5);
        points.Add(_frame.ToLonLat(nodes[0].X, nodes[0].Y));
        for (var s = 0; s + 1 < nodes.Count; s++)
        {
            var p1 = nodes[s];
            var p2 = nodes[s + 1];
            var p0 = s > 0 ? nodes[s - 1] : (2 * p1.X - p2.X, 2 * p1.Y - p2.Y);
            var p3 = s + 2 < nodes.Count ? nodes[s + 2] : (2 * p2.X - p1.X, 2 * p2.Y - p1.Y);
            var chord = Distance(p1, p2);
            var pieces = Math.Max(2, (int)Math.Round(chord / VertexSpacing));
            var nx = -(p2.Y - p1.Y) / chord;
            var ny = (p2.X - p1.X) / chord;
            var spanAmplitude = amplitude * random.Range(0.5, 1.0) * sign;
            sign = -sign;
            for (var j = 1; j < pieces; j++)
            {
                var t = (double)j / pieces;
                double x, y;
                if (mode == 2)
                {
                    x = p1.X + t * (p2.X - p1.X);
                    y = p1.Y + t * (p2.Y - p1.Y);
                }
                else
                {
                    (x, y) = CatmullRom(p0, p1, p2, p3, t);
                    if (mode == 0)
                    {
                        var offset = spanAmplitude * Math.Sin(Math.PI * t);
                        x += offset * nx;
                        y += offset * ny;
                    }
                }
                points.Add(_frame.ToLonLat(Math.Clamp(x, 1, _frame.Width - 1), Math.Clamp(y, 1, _frame.Height - 1)));
            }
            points.Add(_frame.ToLonLat(p2.X, p2.Y));
        }
        // Snapping cannot merge neighbours ~100 m apart, but keep the line clean whatever the parameters.
        var clean = new List<Coordinate>(points.Count);
        foreach (var p in points)
        {
            if (clean.Count == 0 || !clean[^1].Equals2D(p)) clean.Add(p);
        }
        return clean.ToArray();
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    /// <summary>Centripetal Catmull–Rom (Barry–Goldman) between p1 and p2 at fraction t of the span's parameter.</summary>
    private static (double X, double Y) CatmullRom((double X, double Y) p0, (double X, double Y) p1, (double X, double Y) p2, (double X, double Y) p3, double t)
    {
        var t0 = 0.0;
        var t1 = t0 + Math.Sqrt(Distance(p0, p1));
        var t2 = t1 + Math.Sqrt(Distance(p1, p2));
        var t3 = t2 + Math.Sqrt(Distance(p2, p3));
        var u = t1 + t * (t2 - t1);
        static (double X, double Y) Lerp((double X, double Y) a, (double X, double Y) b, double ta, double tb, double u)
        {
            var w = tb - ta <= 0 ? 0 : (u - ta) / (tb - ta);
            return (a.X + w * (b.X - a.X), a.Y + w * (b.Y - a.Y));
        }
        var a1 = Lerp(p0, p1, t0, t1, u);
        var a2 = Lerp(p1, p2, t1, t2, u);
        var a3 = Lerp(p2, p3, t2, t3, u);
        var b1 = Lerp(a1, a2, t0, t2, u);
        var b2 = Lerp(a2, a3, t1, t3, u);
        return Lerp(b1, b2, t1, t2, u);
    }

    /// <summary>Rivers involved in a crossing, a self-intersection or a touch other than a tributary's mouth on its receiver.</summary>
    private SortedSet<int> FindConflicts(Coordinate[][] lines)
    {
        // Bucket every edge into a grid of cells about one drainage cell wide (in degrees), then test pairs per bucket.
        var cellLon = _network.Cell / _frame.MetresPerDegreeLon;
        var cellLat = _network.Cell / _frame.MetresPerDegreeLat;
        var columns = (long)Math.Ceiling((_frame.MaxLon - _frame.MinLon) / cellLon) + 2;
        var edgeRiver = new List<int>();
        var edgeStart = new List<int>();
        var keys = new List<long>();
        for (var r = 0; r < lines.Length; r++)
        {
            var line = lines[r];
            for (var i = 0; i + 1 < line.Length; i++)
            {
                var id = edgeRiver.Count;
                edgeRiver.Add(r);
                edgeStart.Add(i);
                var gx0 = (long)Math.Floor((Math.Min(line[i].X, line[i + 1].X) - _frame.MinLon) / cellLon) + 1;
                var gx1 = (long)Math.Floor((Math.Max(line[i].X, line[i + 1].X) - _frame.MinLon) / cellLon) + 1;
                var gy0 = (long)Math.Floor((Math.Min(line[i].Y, line[i + 1].Y) - _frame.MinLat) / cellLat) + 1;
                var gy1 = (long)Math.Floor((Math.Max(line[i].Y, line[i + 1].Y) - _frame.MinLat) / cellLat) + 1;
                for (var gy = gy0; gy <= gy1; gy++)
                {
                    for (var gx = gx0; gx <= gx1; gx++) keys.Add(((gy * columns + gx) << 24) | (long)id);
                }
            }
        }
        if (edgeRiver.Count >= 1 << 24) throw new InvalidOperationException("too many river edges for the crossing check");
        var sorted = keys.ToArray();
        Array.Sort(sorted);
        var conflicts = new SortedSet<int>();
        var intersector = new RobustLineIntersector();
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start;
            while (end < sorted.Length && sorted[end] >> 24 == sorted[start] >> 24) end++;
            for (var a = start; a < end; a++)
            {
                var ea = (int)(sorted[a] & 0xFFFFFF);
                for (var b = a + 1; b < end; b++)
                {
                    var eb = (int)(sorted[b] & 0xFFFFFF);
                    if (!Conflict(lines, edgeRiver[ea], edgeStart[ea], edgeRiver[eb], edgeStart[eb], intersector)) continue;
                    conflicts.Add(edgeRiver[ea]);
                    conflicts.Add(edgeRiver[eb]);
                }
            }
            start = end;
        }
        return conflicts;
    }

    private bool Conflict(Coordinate[][] lines, int ra, int ia, int rb, int ib, RobustLineIntersector intersector)
    {
        var la = lines[ra];
        var lb = lines[rb];
        Coordinate a0 = la[ia], a1 = la[ia + 1], b0 = lb[ib], b1 = lb[ib + 1];
        if (Math.Max(a0.X, a1.X) < Math.Min(b0.X, b1.X) || Math.Max(b0.X, b1.X) < Math.Min(a0.X, a1.X)
            || Math.Max(a0.Y, a1.Y) < Math.Min(b0.Y, b1.Y) || Math.Max(b0.Y, b1.Y) < Math.Min(a0.Y, a1.Y)) return false;
        intersector.ComputeIntersection(a0, a1, b0, b1);
        if (!intersector.HasIntersection) return false;
        if (ra == rb)
        {
            // Consecutive edges share their common vertex, and nothing more.
            if (Math.Abs(ia - ib) == 1) return (intersector.IntersectionNum == 2);
            return true;
        }
        if ((intersector.IntersectionNum == 2)) return true;
        var p = intersector.GetIntersection(0);
        var aEndsHere = ia == la.Length - 2 && p.Equals2D(la[^1]);
        var bEndsHere = ib == lb.Length - 2 && p.Equals2D(lb[^1]);
        // A tributary's mouth on its receiver; or two tributaries meeting their common receiver at the same node.
        if (aEndsHere && _rivers[ra].Receiver == rb) return false;
        if (bEndsHere && _rivers[rb].Receiver == ra) return false;
        if (aEndsHere && bEndsHere && _rivers[ra].Receiver == _rivers[rb].Receiver && _rivers[ra].Receiver >= 0) return false;
        return true;
    }
}
