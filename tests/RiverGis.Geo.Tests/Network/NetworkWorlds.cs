using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Network;
using RiverGis.Geo.Tests.Routing;

namespace RiverGis.Geo.Tests.Network;

/// <summary>Hand-built networks; expected lengths come from Geodesic on the constructed lines.</summary>
internal static class NetworkWorlds
{
    private static readonly GeometryFactory Factory = GeoJson.GeoJsonGeometryReader.Wgs84Factory;

    public static double Length(Geometry line) => Geodesic.Length(line);

    /// <summary>
    /// Y: M 清溪河 along 30.5 N from 103.0 to 103.2 E. At its source two tributaries meet: A 清溪河 (same name, along 30.5 N
    /// from 102.9 E, downstream_code M) and B 南河 (along 103.0 E from 30.6 N south, longer than A, no downstream_code:
    /// joined by the shared end point). S 支沟 ends exactly at M's mouth (a sibling, not a tributary).
    /// Segments: M-K (chief m1) on all of M, A-K (chief a1) on all of A, B-K vacant on all of B.
    /// </summary>
    public static readonly Lazy<RiverNetwork> Y = new(() =>
    {
        var m = TestGeometry.EastWest(30.5, 103.0, 103.2);
        var a = TestGeometry.EastWest(30.5, 102.9, 103.0);
        var b = RoutingWorld.NorthSouth(103.0, 30.6, 30.5);
        var s = RoutingWorld.NorthSouth(103.2, 30.45, 30.5);
        var rivers = new List<River>
        {
            new("M", "清溪河", AdminLevel.County, null, m),
            new("A", "清溪河", AdminLevel.County, "M", a),
            new("B", "南河", AdminLevel.County, null, b),
            new("S", "支沟", AdminLevel.Township, null, s),
        };
        var chiefs = new List<Chief> { new("m1", "清溪河县级河长", ChiefRole.Chief, "K", "1"), new("a1", "上游河长", ChiefRole.Chief, "K", "2") };
        var segments = new List<Segment>
        {
            new("M-K", "M", AdminLevel.County, "K", "m1", null, m),
            new("A-K", "A", AdminLevel.County, "K", "a1", null, a),
            new("B-K", "B", AdminLevel.County, "K", null, null, b),
        };
        var areas = new List<AdminArea> { new("K", "县", AdminLevel.County, null, RoutingWorld.Box(102.8, 103.3, 30.4, 30.7)) };
        return new RiverNetwork(new RiverSystem(new RiverSystemData(areas, chiefs, rivers, segments, [])));
    });

    /// <summary>
    /// Chain: R3 小河 (along 30.55 N, 103.0 → 103.1 E) flows into R2 中河 (along 103.1 E, 30.6 → 30.5 N), which flows
    /// into R1 大河 (along 30.5 N, 103.0 → 103.2 E). Outlets: O1 ~22 m north of R1 at 103.08 E (no river code),
    /// O2 on R2 at 30.52 N and O3 on R2 at 30.59 N (river code given), O4 1.1 km from every river (not placed).
    /// County segments R1-K (chief r1k) and R2-K (chief r2k) cover their whole rivers.
    /// </summary>
    public static readonly Lazy<RiverNetwork> Chain = new(() =>
    {
        var r1 = TestGeometry.EastWest(30.5, 103.0, 103.2);
        var r2 = RoutingWorld.NorthSouth(103.1, 30.6, 30.5);
        var r3 = TestGeometry.EastWest(30.55, 103.0, 103.1);
        var rivers = new List<River>
        {
            new("R1", "大河", AdminLevel.City, null, r1),
            new("R2", "中河", AdminLevel.County, "R1", r2),
            new("R3", "小河", AdminLevel.County, "R2", r3),
        };
        var chiefs = new List<Chief> { new("r1k", "大河河长", ChiefRole.Chief, "K", null), new("r2k", "中河河长", ChiefRole.Chief, "K", null) };
        var segments = new List<Segment>
        {
            new("R1-K", "R1", AdminLevel.County, "K", "r1k", null, r1),
            new("R2-K", "R2", AdminLevel.County, "K", "r2k", null, r2),
        };
        var outlets = new List<Outlet>
        {
            Outlet("O1", null, 103.08, 30.5002),
            Outlet("O2", "R2", 103.1003, 30.52),
            Outlet("O3", "R2", 103.1, 30.59),
            Outlet("O4", null, 103.15, 30.51),
        };
        var areas = new List<AdminArea> { new("K", "县", AdminLevel.County, null, RoutingWorld.Box(102.8, 103.3, 30.4, 30.7)) };
        return new RiverNetwork(new RiverSystem(new RiverSystemData(areas, chiefs, rivers, segments, outlets)));
    });

    private static Outlet Outlet(string code, string? river, double lon, double lat) =>
        new(code, $"排污口{code}", OutletKind.Industrial, OutletScale.Above, PermitStatus.Approved, river, Factory.CreatePoint(new Coordinate(lon, lat)));
}
