using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Tests.Routing;

/// <summary>
/// A hand-built river-chief system around 103–104 E, 30–31 N:
/// <code>
/// City C1      103.0 ─────────────────────────────────────────── 104.0   (chief c-city on R1-C1, general g-c1)
/// County       K1 103.0 ─────────── 103.5 | K2 103.5 ─────────── 104.0   (R1-K1 chief k1 | R1-K2 VACANT)
/// Township     T1 103.0 ── 103.25 | T2 103.25 ── 103.5 | T3 103.5 ── 103.6 (K2 has no township east of 103.6)
/// R1 township  R1-T1 (t1) 103.0–103.25 | R1-T2 (t2) 103.25–103.40 | unassigned 103.40–103.6
/// </code>
/// R1 清溪河 (city level) runs west→east along 30.5 N from 103.0 to 104.0. R2 白沙河 (county level) runs along
/// 30.506 N from 103.05 to 103.15 (≈ 665 m north of R1) with county chief k1b and township chief t1b.
/// R3 无名沟 (county level) runs along 30.2 N from 103.6 to 103.7 in K2 with only a vacant county segment.
/// </summary>
internal static class RoutingWorld
{
    public static readonly Lazy<RiverSystem> System = new(Build);

    public static Geometry Box(double lon0, double lon1, double lat0, double lat1) =>
        TestGeometry.Wkt($"POLYGON(({lon0} {lat0}, {lon1} {lat0}, {lon1} {lat1}, {lon0} {lat1}, {lon0} {lat0}))");

    /// <summary>A straight south→north (or north→south) line along a meridian with a vertex every step degrees.</summary>
    public static LineString NorthSouth(double lon, double lat0, double lat1, double step = 0.001)
    {
        var n = (int)Math.Round(Math.Abs(lat1 - lat0) / step);
        var coordinates = Enumerable.Range(0, n + 1).Select(i => new Coordinate(lon, lat0 + (lat1 - lat0) * i / n)).ToArray();
        return GeoJson.GeoJsonGeometryReader.Wgs84Factory.CreateLineString(coordinates);
    }

    private static RiverSystem Build()
    {
        var areas = new List<AdminArea>
        {
            new("C1", "清溪市", AdminLevel.City, null, Box(103.0, 104.0, 30.0, 31.0)),
            new("K1", "西县", AdminLevel.County, "C1", Box(103.0, 103.5, 30.0, 31.0)),
            new("K2", "东县", AdminLevel.County, "C1", Box(103.5, 104.0, 30.0, 31.0)),
            new("T1", "一乡", AdminLevel.Township, "K1", Box(103.0, 103.25, 30.0, 31.0)),
            new("T2", "二乡", AdminLevel.Township, "K1", Box(103.25, 103.5, 30.0, 31.0)),
            new("T3", "三乡", AdminLevel.Township, "K2", Box(103.5, 103.6, 30.0, 31.0)),
        };
        var chiefs = new List<Chief>
        {
            new("g-c1", "市总河长", ChiefRole.General, "C1", "1000"),
            new("g-k1", "西县总河长", ChiefRole.General, "K1", "1001"),
            new("g-k2", "东县总河长", ChiefRole.General, "K2", "1002"),
            new("g-t1", "一乡总河长", ChiefRole.General, "T1", null),
            new("g-t2", "二乡总河长", ChiefRole.General, "T2", null),
            new("g-t3", "三乡总河长", ChiefRole.General, "T3", null),
            new("c-city", "清溪河市级河长", ChiefRole.Chief, "C1", "2000"),
            new("k1", "清溪河西县河长", ChiefRole.Chief, "K1", "2001"),
            new("t1", "清溪河一乡河长", ChiefRole.Chief, "T1", "2002"),
            new("t2", "清溪河二乡河长", ChiefRole.Chief, "T2", "2003"),
            new("k1b", "白沙河西县河长", ChiefRole.Chief, "K1", "3001"),
            new("t1b", "白沙河一乡河长", ChiefRole.Chief, "T1", "3002"),
        };
        var rivers = new List<River>
        {
            new("R1", "清溪河", AdminLevel.City, null, TestGeometry.EastWest(30.5, 103.0, 104.0)),
            new("R2", "白沙河", AdminLevel.County, null, TestGeometry.EastWest(30.506, 103.05, 103.15)),
            new("R3", "无名沟", AdminLevel.County, null, TestGeometry.EastWest(30.2, 103.6, 103.7)),
        };
        var segments = new List<Segment>
        {
            R1("R1-C1", AdminLevel.City, "C1", "c-city", 103.0, 104.0),
            R1("R1-K1", AdminLevel.County, "K1", "k1", 103.0, 103.5),
            R1("R1-K2", AdminLevel.County, "K2", null, 103.5, 104.0),
            R1("R1-T1", AdminLevel.Township, "T1", "t1", 103.0, 103.25),
            R1("R1-T2", AdminLevel.Township, "T2", "t2", 103.25, 103.40),
            new("R2-K1", "R2", AdminLevel.County, "K1", "k1b", null, TestGeometry.EastWest(30.506, 103.05, 103.15)),
            new("R2-T1", "R2", AdminLevel.Township, "T1", "t1b", null, TestGeometry.EastWest(30.506, 103.05, 103.15)),
            new("R3-K2", "R3", AdminLevel.County, "K2", null, null, TestGeometry.EastWest(30.2, 103.6, 103.7)),
        };
        return new RiverSystem(new RiverSystemData(areas, chiefs, rivers, segments, []));
    }

    private static Segment R1(string code, AdminLevel level, string area, string? chief, double lon0, double lon1) =>
        new(code, "R1", level, area, chief, null, TestGeometry.EastWest(30.5, lon0, lon1));
}
