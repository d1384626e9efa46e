using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate;

using RiverGis.Geo.Model;

namespace RiverGis.SampleDataBuilder;

/// <summary>
/// 金口河区 (Leshan): real NBS 2023 names and codes, real Dadu line (WDBII), but synthetic polygons and
/// synthetic tributaries, because no open township/village boundaries or small-stream lines exist for it.
/// All construction happens in UTM 48N; polygons are tiled from one noded linework so neighbours share edges.
/// </summary>
public static class Jinkouhe
{
    private const string CountyCode = "511113";
    private const double CountyKm2 = 598; // official area of 金口河区
    private static readonly Coordinate Centre = new(103.13, 29.265);
    private static readonly Coordinate Leshan = new(103.76, 29.55); // downstream end of the Dadu

    // Township seeds in km east/north of the centre: the Dadu runs 共安 → 永和 → 金河; 和平 lies south, 永胜 north.
    // RiverSeeds = how many of its villages sit on the Dadu (so village boundaries cross the river, not follow it).
    private static readonly (string Name, double X, double Y, int RiverSeeds)[] Townships =
    [
        ("永和镇", -3, 2, 4), ("金河镇", 8, -1, 4), ("和平彝族乡", -2, -8, 0), ("共安彝族乡", -11, 2, 2), ("永胜乡", 5, 8, 0),
    ];

    // Synthetic tributaries: mouth as a fraction of the Dadu inside the county, compass bearing from mouth to source, length.
    private static readonly (string Code, string Name, double At, double Bearing, double Km)[] Tributaries =
    [
        ("DASHA", "大沙河", 0.14, 235, 8), ("JINKOU", "金口河", 0.33, 330, 6),
        ("GUANLIAO", "官料河", 0.42, 185, 12), ("BAIXIONG", "白熊沟", 0.80, 10, 8),
    ];

    public static Dataset Build(string shared)
    {
        var ds = new Dataset
        {
            Code = "jinkouhe",
            Name = "金口河区",
            Prefix = CountyCode,
            Utm = new Utm(48),
            UtcOffset = _ => TimeSpan.FromHours(8),
        };
        var divisions = File.ReadAllLines(Path.Combine(shared, "leshan_divisions_nbs2023.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(c => c[0].StartsWith(CountyCode, StringComparison.Ordinal))
            .Select(c => (Code: c[0], Level: c[1], Name: c[2], Parent: c[3]))
            .ToList();
        var county = divisions.Single(d => d.Code == CountyCode);
        var towns = divisions.Where(d => d.Level == "township").ToList();
        var villages = divisions.Where(d => d.Level == "village").ToList();
        if (towns.Count != 5 || villages.Count != 30) throw new InvalidDataException("expected 5 townships and 30 villages for 511113");

        var (reach, reachId) = LoadDadu(shared, ds.Utm);
        var outline = CountyOutline(ds.Utm);
        var dadu = ClipToCounty(reach, outline, ds.Utm);
        var rng = new Random(113);

        // Seeds: townships fixed, villages partly on the Dadu, the rest spread over the township.
        var utm = ds.Utm;
        var (cx, cy) = utm.Forward(Centre);
        var townSeeds = Townships.ToDictionary(t => t.Name, t => new Coordinate(cx + t.X * 1000, cy + t.Y * 1000));
        var townCells = Voronoi(townSeeds.Values.ToList(), outline, utm);
        var daduRef = new LineRef(dadu, utm);
        var villageCells = new Dictionary<string, Geometry>();
        var townCellByName = new Dictionary<string, Geometry>();
        foreach (var t in Townships)
        {
            var town = towns.Single(x => x.Name == t.Name);
            var cell = townCells[townSeeds[t.Name]].Intersection(outline);
            townCellByName[t.Name] = cell;
            var own = villages.Where(v => v.Parent == town.Code).OrderBy(v => v.Code, StringComparer.Ordinal).ToList();
            var seeds = VillageSeeds(cell, own.Count, t.RiverSeeds, dadu, daduRef, utm, rng);
            var cells = Voronoi(seeds, cell, utm);
            for (int i = 0; i < own.Count; i++) villageCells[own[i].Code] = cells[seeds[i]].Intersection(cell);
        }

        // One noded linework for all levels, polygonised into faces; every area is a union of faces.
        var linework = new List<Geometry> { outline.Boundary };
        linework.AddRange(townCellByName.Values.Select(c => c.Boundary));
        linework.AddRange(villageCells.Values.Select(c => c.Boundary));
        var noded = UnaryUnionNG.Union(linework, Geo.Factory, Geo.Grid);
        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var faces = polygonizer.GetPolygons().Cast<Polygon>().Where(f => outline.Covers(f.InteriorPoint)).ToList();
        var facesByVillage = faces.GroupBy(f => villageCells.First(v => v.Value.Covers(f.InteriorPoint)).Key)
            .ToDictionary(g => g.Key, g => g.ToList());
        if (facesByVillage.Count != 30) throw new InvalidOperationException("a village got no polygon");

        Geometry Union(IEnumerable<Polygon> fs) => UnaryUnionNG.Union(fs.Cast<Geometry>().ToList(), Geo.Factory, Geo.Grid);
        var synthetic = new Provenance("synthetic polygon", true);
        ds.Add(new AdminArea(CountyCode, county.Name, AdminLevel.County, null, Union(faces)), synthetic);
        foreach (var town in towns.OrderBy(t => t.Code, StringComparer.Ordinal))
        {
            var own = villages.Where(v => v.Parent == town.Code).ToList();
            ds.Add(new AdminArea(town.Code, town.Name, AdminLevel.Township, CountyCode, Union(own.SelectMany(v => facesByVillage[v.Code]))), synthetic);
        }
        foreach (var v in villages.OrderBy(v => v.Code, StringComparer.Ordinal))
            ds.Add(new AdminArea(v.Code, v.Name, AdminLevel.Village, v.Parent, Union(facesByVillage[v.Code])), synthetic);

        // The Jinkouhe plan lists 大渡河 among the 市管及以上河流 (rivers managed at city level or above).
        ds.Add(new River($"{CountyCode}-R-DADU", "大渡河", AdminLevel.City, null, dadu),
            new Provenance($"GSHHG/WDBII {reachId}, clipped to the county +3 km", false));
        var countyArea = ds.Areas[0].Geometry;
        foreach (var t in Tributaries)
        {
            ds.Add(new River($"{CountyCode}-R-{t.Code}", t.Name, AdminLevel.Township, null,
                    Tributary(t.At, t.Bearing, t.Km, daduRef, dadu, countyArea, ds, utm, rng)),
                new Provenance("synthetic stream", true));
        }
        return ds;
    }

    /// <summary>The WDBII reach that crosses the county box, oriented towards Leshan (downstream).</summary>
    private static (LineString Line, string Id) LoadDadu(string shared, Utm utm)
    {
        var box = Geo.Factory.ToGeometry(new Envelope(103.0, 103.3, 29.15, 29.35));
        var f = Geo.ReadFeatures(Path.Combine(shared, "cn_rivers_wdbii.geojson"))
            .Where(x => x.Geometry.Intersects(box))
            .MaxBy(x => x.Geometry.Intersection(box).Length)
            ?? throw new InvalidDataException("no WDBII reach crosses Jinkouhe");
        var line = Geo.RoundLine((LineString)f.Geometry);
        if (utm.Distance(line.StartPoint.Coordinate, Leshan) < utm.Distance(line.EndPoint.Coordinate, Leshan))
            line = (LineString)line.Reverse();
        return (line, Geo.Str(f, "id")!);
    }

    /// <summary>A plausible irregular outline: an east–west ellipse with a few harmonics, scaled to 598 km².</summary>
    private static Polygon CountyOutline(Utm utm)
    {
        var (cx, cy) = utm.Forward(Centre);
        const int n = 240;
        var unit = new (double X, double Y)[n];
        for (int i = 0; i < n; i++)
        {
            double t = 2 * Math.PI * i / n;
            double r = 1 + 0.10 * Math.Sin(2 * t + 0.7) + 0.07 * Math.Sin(3 * t + 2.1) + 0.05 * Math.Sin(5 * t + 4.0)
                         + 0.025 * Math.Sin(8 * t + 1.3) + 0.012 * Math.Sin(13 * t + 5.1);
            unit[i] = (1.3 * r * Math.Cos(t), r * Math.Sin(t));
        }
        double area = 0;
        for (int i = 0; i < n; i++) area += unit[i].X * unit[(i + 1) % n].Y - unit[(i + 1) % n].X * unit[i].Y;
        double scale = Math.Sqrt(CountyKm2 * 1e6 / (Math.Abs(area) / 2));
        var ring = unit.Select(u => utm.Inverse(cx + u.X * scale, cy + u.Y * scale)).Select(c => new Coordinate(Geo.Round(c.X), Geo.Round(c.Y))).ToList();
        ring.Add(ring[0].Copy());
        return Geo.Factory.CreatePolygon([.. ring]);
    }

    /// <summary>The Dadu from 3 km above its first entry into the county to 3 km below its last exit.</summary>
    private static LineString ClipToCounty(LineString reach, Polygon county, Utm utm)
    {
        var lineRef = new LineRef(reach, utm);
        var inside = Geo.ClipLine(reach, county).Select(lineRef.Orient).ToList();
        return lineRef.Extract(0, inside.Min(p => p.M0) - 3000, inside.Max(p => p.M1) + 3000);
    }

    /// <summary>Voronoi cells (in lon/lat) keyed by their UTM seed; cells cover the whole clip area.</summary>
    private static Dictionary<Coordinate, Geometry> Voronoi(List<Coordinate> seeds, Geometry clip, Utm utm)
    {
        var env = new Envelope();
        foreach (var c in clip.Coordinates) { var (x, y) = utm.Forward(c); env.ExpandToInclude(x, y); }
        env.ExpandBy(5000);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = env };
        builder.SetSites(seeds);
        var result = new Dictionary<Coordinate, Geometry>();
        foreach (var cell in Geo.Polygons(builder.GetDiagram(new GeometryFactory())))
        {
            var ring = cell.ExteriorRing.Coordinates.Select(c => utm.Inverse(c.X, c.Y)).ToArray();
            result[(Coordinate)cell.UserData] = Geo.Factory.CreatePolygon(ring);
        }
        return result;
    }

    /// <summary>
    /// Village seeds for one township (UTM): <paramref name="onRiver"/> evenly spaced on the Dadu inside the
    /// township, the rest random but at least 2.5 km from the river and 2 km from each other.
    /// </summary>
    private static List<Coordinate> VillageSeeds(Geometry town, int count, int onRiver, LineString dadu, LineRef daduRef, Utm utm, Random rng)
    {
        var seeds = new List<Coordinate>();
        if (onRiver > 0)
        {
            var stretch = Geo.ClipLine(dadu, town).Select(daduRef.Orient).MaxBy(p => p.M1 - p.M0);
            for (int i = 0; i < onRiver; i++)
            {
                var at = daduRef.At(stretch.Part, stretch.M0 + (i + 0.5) * (stretch.M1 - stretch.M0) / onRiver);
                seeds.Add(new Coordinate(at.X, at.Y));
            }
        }
        var env = town.EnvelopeInternal;
        for (int tries = 0; seeds.Count < count; tries++)
        {
            if (tries > 100_000) throw new InvalidOperationException("cannot place village seeds");
            double minSpacing = tries < 20_000 ? 2000 : 1200;
            var ll = new Coordinate(env.MinX + rng.NextDouble() * env.Width, env.MinY + rng.NextDouble() * env.Height);
            if (!town.Contains(Geo.Factory.CreatePoint(ll)) || daduRef.Locate(ll).Dist < 2500) continue;
            var (x, y) = utm.Forward(ll);
            var p = new Coordinate(x, y);
            if (seeds.All(s => s.Distance(p) >= minSpacing)) seeds.Add(p);
        }
        return seeds;
    }

    /// <summary>
    /// A sinuous synthetic stream that ends on a Dadu vertex. The bends are a lateral offset that is a function of
    /// the distance along a straight base line, so the stream cannot cross itself; length is reduced until it stays
    /// inside the county and clear of the Dadu and the other streams.
    /// </summary>
    private static LineString Tributary(double at, double bearing, double km, LineRef daduRef, LineString dadu, Geometry county,
        Dataset ds, Utm utm, Random rng)
    {
        // Mouth on an existing Dadu vertex inside the county, so the confluence is an exact network node.
        var inside = Geo.ClipLine(dadu, county).Select(daduRef.Orient).MaxBy(p => p.M1 - p.M0);
        var target = daduRef.At(inside.Part, inside.M0 + at * (inside.M1 - inside.M0));
        var mouth = dadu.Coordinates.MinBy(c => utm.Distance(c, target.Ll))!;
        var (mx, my) = utm.Forward(mouth);
        double ux = Math.Sin(bearing * Math.PI / 180), uy = Math.Cos(bearing * Math.PI / 180);
        double k1 = 1.5 + rng.NextDouble(), k2 = 4 + 2 * rng.NextDouble(), k3 = 10 + 4 * rng.NextDouble();
        double p1 = rng.NextDouble() * 6.28, p2 = rng.NextDouble() * 6.28, p3 = rng.NextDouble() * 6.28;
        for (double len = km * 1000; len > 1500; len *= 0.9)
        {
            int n = (int)(len / 80);
            var coords = new List<Coordinate>();
            for (int i = 0; i <= n; i++)
            {
                double t = (double)i / n; // 0 = source, 1 = mouth
                double along = (1 - t) * len;
                double lateral = Math.Pow(Math.Sin(Math.PI * Math.Min(1, t * 1.2 + 0.1)), 0.7) * len
                    * (0.06 * Math.Sin(2 * Math.PI * k1 * t + p1) + 0.02 * Math.Sin(2 * Math.PI * k2 * t + p2)
                       + 0.006 * Math.Sin(2 * Math.PI * k3 * t + p3));
                var c = i == n ? mouth.Copy() : utm.Inverse(mx + ux * along - uy * lateral, my + uy * along + ux * lateral);
                coords.Add(new Coordinate(Geo.Round(c.X), Geo.Round(c.Y)));
            }
            var line = Geo.RoundLine(Geo.Factory.CreateLineString([.. coords]));
            var upstreamPart = Geo.Factory.CreateLineString(line.Coordinates[..^2]);
            bool clear = line.IsSimple
                && county.Buffer(-0.005).Contains(line.StartPoint)
                && county.Contains(upstreamPart)
                && !upstreamPart.Intersects(dadu)
                && ds.Rivers.Where(o => ds.RiverSources[o.Code].Synthetic).All(o => o.Geometry.Distance(line) > 0.005);
            if (clear) return line;
        }
        throw new InvalidOperationException("cannot place tributary");
    }
}
