using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Linemerge;
using NetTopologySuite.Operation.OverlayNG;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using RiverGis.Geo.GeoJson;

namespace RiverGis.SampleDataBuilder;

/// <summary>Geometry helpers. Everything is stored in lon/lat; metres are only computed through a UTM zone.</summary>
public static class Geo
{
    /// <summary>Output grid (<see cref="GeoJsonPrecision"/>). All output geometry is put on this grid before it is checked.</summary>
    public static readonly PrecisionModel Grid = new(Math.Pow(10, GeoJsonPrecision.Decimals));
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static FeatureCollection ReadFeatures(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), options)
            ?? throw new InvalidDataException($"not a FeatureCollection: {path}");
    }

    public static string? Str(IFeature f, string key) =>
        f.Attributes.Exists(key) ? f.Attributes[key]?.ToString() : null;

    public static double Round(double v) => GeoJsonPrecision.Round(v);

    /// <summary>Snaps every vertex to the 6-decimal grid and drops the repeated vertices that this can create.</summary>
    public static LineString RoundLine(LineString line)
    {
        var coords = new List<Coordinate>(line.NumPoints);
        foreach (var c in line.Coordinates)
        {
            var r = new Coordinate(Round(c.X), Round(c.Y));
            if (coords.Count == 0 || !coords[^1].Equals2D(r)) coords.Add(r);
        }
        return Factory.CreateLineString([.. coords]);
    }

    /// <summary>Rounds polygons vertex by vertex: shared OSM boundaries round identically, so tiling is kept.</summary>
    public static Geometry RoundPolygonal(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new RoundFilter());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class RoundFilter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;
        public void Filter(CoordinateSequence seq)
        {
            for (int i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Round(seq.GetX(i)));
                seq.SetY(i, Round(seq.GetY(i)));
            }
        }
    }

    public static IEnumerable<LineString> Lines(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
        {
            var part = g.GetGeometryN(i);
            if (part is LineString ls && !ls.IsEmpty) yield return ls;
            else if (part is GeometryCollection gc && part != g) foreach (var l in Lines(gc)) yield return l;
        }
    }

    public static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
            if (g.GetGeometryN(i) is Polygon p && !p.IsEmpty) yield return p;
    }

    /// <summary>LineString for one part, MultiLineString for several (never a collection of one).</summary>
    public static Geometry LineGeometry(IReadOnlyList<LineString> parts) =>
        parts.Count == 1 ? parts[0] : Factory.CreateMultiLineString([.. parts]);

    /// <summary>Intersection of a line with a polygon on the output grid, with touching pieces merged.</summary>
    public static List<LineString> ClipLine(Geometry line, Geometry polygon)
    {
        var cut = OverlayNG.Overlay(line, polygon, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection, Grid);
        var merger = new LineMerger();
        foreach (var l in Lines(cut)) merger.Add(l);
        return merger.GetMergedLineStrings().Cast<LineString>().Select(RoundLine).Where(l => l.NumPoints >= 2).ToList();
    }

    /// <summary>Splits a non-simple line into consecutive simple pieces (a real OSM way can touch itself).</summary>
    public static List<LineString> SplitSimple(LineString line)
    {
        if (line.IsSimple) return [line];
        var parts = new List<LineString>();
        var cur = new List<Coordinate> { line.GetCoordinateN(0) };
        for (int i = 1; i < line.NumPoints; i++)
        {
            var next = line.GetCoordinateN(i);
            cur.Add(next);
            if (cur.Count > 2 && !Factory.CreateLineString([.. cur]).IsSimple)
            {
                cur.RemoveAt(cur.Count - 1);
                parts.Add(Factory.CreateLineString([.. cur]));
                cur = [cur[^1], next];
            }
        }
        parts.Add(Factory.CreateLineString([.. cur]));
        return parts;
    }
}

/// <summary>A UTM zone on WGS84: metric lengths and offsets for lon/lat geometry.</summary>
public sealed class Utm
{
    private readonly MathTransform _fwd;
    private readonly MathTransform _inv;

    public Utm(int zone)
    {
        var utm = ProjectedCoordinateSystem.WGS84_UTM(zone, true);
        _fwd = new CoordinateTransformationFactory().CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, utm).MathTransform;
        _inv = _fwd.Inverse();
    }

    public (double X, double Y) Forward(Coordinate ll) => _fwd.Transform(ll.X, ll.Y);
    public Coordinate Inverse(double x, double y) { var (lon, lat) = _inv.Transform(x, y); return new Coordinate(lon, lat); }

    public double Length(Geometry g)
    {
        double sum = 0;
        foreach (var line in Geo.Lines(g))
        {
            var prev = Forward(line.GetCoordinateN(0));
            for (int i = 1; i < line.NumPoints; i++)
            {
                var p = Forward(line.GetCoordinateN(i));
                sum += Math.Sqrt((p.X - prev.X) * (p.X - prev.X) + (p.Y - prev.Y) * (p.Y - prev.Y));
                prev = p;
            }
        }
        return sum;
    }

    public double Distance(Coordinate a, Coordinate b)
    {
        var (ax, ay) = Forward(a);
        var (bx, by) = Forward(b);
        return Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
    }

    /// <summary>Area in km² (shoelace in UTM; fine at dataset scale).</summary>
    public double AreaKm2(Geometry g)
    {
        double sum = 0;
        foreach (var p in Geo.Polygons(g))
        {
            sum += Ring(p.ExteriorRing);
            foreach (var hole in p.InteriorRings) sum -= Ring(hole);
        }
        return sum / 1e6;

        double Ring(LineString r)
        {
            double s = 0;
            var pts = r.Coordinates.Select(Forward).ToArray();
            for (int i = 0; i + 1 < pts.Length; i++) s += pts[i].X * pts[i + 1].Y - pts[i + 1].X * pts[i].Y;
            return Math.Abs(s) / 2;
        }
    }
}

/// <summary>
/// Linear referencing on a (multi)line in metres along each part, so that segments can be
/// extended or sampled along the real river line while keeping its own vertices.
/// </summary>
public sealed class LineRef
{
    private sealed record Part(Coordinate[] Ll, double[] X, double[] Y, double[] M);

    private readonly List<Part> _parts = [];
    private readonly Utm _utm;

    public LineRef(Geometry g, Utm utm)
    {
        _utm = utm;
        foreach (var line in Geo.Lines(g))
        {
            var ll = line.Coordinates;
            var x = new double[ll.Length];
            var y = new double[ll.Length];
            var m = new double[ll.Length];
            for (int i = 0; i < ll.Length; i++)
            {
                (x[i], y[i]) = utm.Forward(ll[i]);
                if (i > 0) m[i] = m[i - 1] + Math.Sqrt((x[i] - x[i - 1]) * (x[i] - x[i - 1]) + (y[i] - y[i - 1]) * (y[i] - y[i - 1]));
            }
            _parts.Add(new Part(ll, x, y, m));
        }
    }

    public int PartCount => _parts.Count;
    public double PartLength(int part) => _parts[part].M[^1];
    /// <summary>Measures of the part's own vertices (ascending).</summary>
    public IReadOnlyList<double> VertexMeasures(int part) => _parts[part].M;
    public IReadOnlyList<Coordinate> Vertices(int part) => _parts[part].Ll;

    /// <summary>Nearest position on the line: part index, measure and distance in metres.</summary>
    public (int Part, double M, double Dist) Locate(Coordinate ll)
    {
        var (px, py) = _utm.Forward(ll);
        (int, double, double) best = (-1, 0, double.MaxValue);
        for (int p = 0; p < _parts.Count; p++)
        {
            var part = _parts[p];
            for (int i = 1; i < part.Ll.Length; i++)
            {
                double dx = part.X[i] - part.X[i - 1], dy = part.Y[i] - part.Y[i - 1];
                double len2 = dx * dx + dy * dy;
                double t = len2 == 0 ? 0 : Math.Clamp(((px - part.X[i - 1]) * dx + (py - part.Y[i - 1]) * dy) / len2, 0, 1);
                double qx = part.X[i - 1] + t * dx, qy = part.Y[i - 1] + t * dy;
                double d = Math.Sqrt((px - qx) * (px - qx) + (py - qy) * (py - qy));
                if (d < best.Item3) best = (p, part.M[i - 1] + t * (part.M[i] - part.M[i - 1]), d);
            }
        }
        // A point on a vertex gets that vertex's exact measure, so that runs cut there stay exact vertex runs.
        var ms = _parts[best.Item1].M;
        int j = Array.BinarySearch(ms, best.Item2);
        if (j < 0) j = ~j;
        foreach (int k in new[] { j - 1, j })
            if (k >= 0 && k < ms.Length && Math.Abs(ms[k] - best.Item2) < 1e-6) best.Item2 = ms[k];
        return best;
    }

    /// <summary>Sub-line between two measures; inner vertices are the original ones, ends are interpolated.</summary>
    public LineString Extract(int part, double m0, double m1)
    {
        var p = _parts[part];
        m0 = Math.Clamp(m0, 0, p.M[^1]);
        m1 = Math.Clamp(m1, 0, p.M[^1]);
        var coords = new List<Coordinate> { At(part, m0).Ll };
        for (int i = 0; i < p.Ll.Length; i++)
            if (p.M[i] > m0 && p.M[i] < m1) coords.Add(p.Ll[i].Copy());
        coords.Add(At(part, m1).Ll);
        return Geo.RoundLine(Geo.Factory.CreateLineString([.. coords]));
    }

    /// <summary>Point at a measure (lon/lat, interpolated) with the unit flow direction in UTM.</summary>
    public (Coordinate Ll, double X, double Y, double Dx, double Dy) At(int part, double m)
    {
        var p = _parts[part];
        int i = Array.BinarySearch(p.M, m);
        if (i < 0) i = ~i;
        i = Math.Clamp(i, 1, p.Ll.Length - 1);
        double seg = p.M[i] - p.M[i - 1];
        double t = seg == 0 ? 0 : Math.Clamp((m - p.M[i - 1]) / seg, 0, 1);
        double dx = p.X[i] - p.X[i - 1], dy = p.Y[i] - p.Y[i - 1];
        double len = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1e-9);
        var ll = t == 0 ? p.Ll[i - 1].Copy() : t == 1 ? p.Ll[i].Copy()
            : new Coordinate(p.Ll[i - 1].X + t * (p.Ll[i].X - p.Ll[i - 1].X), p.Ll[i - 1].Y + t * (p.Ll[i].Y - p.Ll[i - 1].Y));
        return (ll, p.X[i - 1] + t * dx, p.Y[i - 1] + t * dy, dx / len, dy / len);
    }

    /// <summary>Orients a piece of this line to flow direction; returns it with its part and measure range.</summary>
    public (LineString Line, int Part, double M0, double M1) Orient(LineString piece)
    {
        var a = Locate(piece.StartPoint.Coordinate);
        var b = Locate(piece.EndPoint.Coordinate);
        if (a.Part == b.Part && a.M > b.M) return ((LineString)piece.Reverse(), a.Part, b.M, a.M);
        return (piece, a.Part, a.M, b.M);
    }
}
