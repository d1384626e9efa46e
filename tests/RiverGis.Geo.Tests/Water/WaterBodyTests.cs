using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Routing;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Tests.Water;

/// <summary>Areas in m² on the spheroid, zoning checks and locating points in and around water bodies, by hand.</summary>
public class WaterBodyTests
{
    private static readonly GeometryFactory F = GeoJson.GeoJsonGeometryReader.Wgs84Factory;

    /// <summary>A lon/lat box whose east–west edges follow their parallels (densified), as a cell of the graticule is.</summary>
    private static Polygon Box(double x0, double y0, double x1, double y1, int n = 200)
    {
        var ring = new List<Coordinate>();
        for (var i = 0; i <= n; i++) ring.Add(new(x0 + (x1 - x0) * i / n, y0));
        for (var i = 0; i <= n; i++) ring.Add(new(x1 - (x1 - x0) * i / n, y1));
        ring.Add(new(x0, y0));
        return F.CreatePolygon(ring.ToArray());
    }

    /// <summary>Area of the WGS84 ellipsoid between the equator and latitude φ over Δλ degrees (the closed formula of the authalic latitude).</summary>
    private static double ZoneArea(double phi, double dLon)
    {
        const double a = 6378137, f = 1 / 298.257223563;
        var e2 = f * (2 - f);
        var e = Math.Sqrt(e2);
        var b2 = a * a * (1 - e2);
        var s = Math.Sin(phi * Math.PI / 180);
        var q = s / (1 - e2 * s * s) + 1 / (2 * e) * Math.Log((1 + e * s) / (1 - e * s));
        return Math.PI * b2 * q * dLon / 360;
    }

    [Theory]
    [InlineData(120, 30, 121, 31)]
    [InlineData(100, 0, 100.5, 0.5)]
    [InlineData(87, 45, 88, 46.5)]
    [InlineData(114, 22.2, 114.01, 22.21)]
    public void Areas_are_the_spheroid_areas(double x0, double y0, double x1, double y1)
    {
        var expected = ZoneArea(y1, x1 - x0) - ZoneArea(y0, x1 - x0);
        Assert.Equal(expected, EqualAreaProjection.AreaM2(Box(x0, y0, x1, y1)), expected * 1e-5);
    }

    private static readonly WaterBody Lake = new("L", "湖", WaterBodyType.Lake, AdminLevel.County, Box(100.0, 30.0, 100.02, 30.02, 4));

    private static WaterBodyZone Zone(string code, AdminLevel level, Geometry g) => new(code, "L", code, level, "A", "C", g);

    public static TheoryData<string, string> ZoningCases => new()
    {
        // zones as code:level:x0,y0,x1,y1; expected defects as code:kind
        { "Z1:township:100,30,100.01,30.02 Z2:township:100.01,30,100.02,30.02", "" },
        { "Z1:township:100,30,100.011,30.02 Z2:township:100.01,30,100.02,30.02", "Z2:Overlaps" },
        { "Z1:township:100,30,100.010004,30.02 Z2:township:100.01,30,100.02,30.02", "" }, // 0.000004° × 0.02° ≈ 0.39 m × 2217 m ≈ 855 m² ≤ 1000 m²
        { "Z1:county:100,30,100.02,30.02 Z2:township:100.01,30,100.02,30.02", "" },
        { "Z1:township:100,30,100.01,30.025 Z2:township:100.01,30,100.02,30.02", "Z1:SpillsOutside" },
    };

    [Theory]
    [MemberData(nameof(ZoningCases))]
    public void Zones_must_stay_inside_and_not_overlap_at_one_level(string zones, string expected)
    {
        var list = zones.Split(' ').Select(z =>
        {
            var p = z.Split(':');
            var c = p[2].Split(',').Select(double.Parse).ToArray();
            return Zone(p[0], AdminLevels.Parse(p[1]), Box(c[0], c[1], c[2], c[3], 4));
        }).ToList();
        var defects = WaterBodyZoning.Check(list, new Dictionary<string, WaterBody> { ["L"] = Lake });
        Assert.Equal(expected, string.Join(" ", defects.Select(d => $"{d.ZoneCode}:{d.Kind}")));
    }

    [Fact]
    public void A_spill_is_measured_in_square_metres()
    {
        // 0.005° of latitude (≈ 554 m) × 0.01° of longitude at 30° N (≈ 964 m) outside the lake.
        var spill = Zone("Z", AdminLevel.Township, Box(100, 30, 100.01, 30.025, 4));
        var defect = Assert.Single(WaterBodyZoning.Check([spill], new Dictionary<string, WaterBody> { ["L"] = Lake }));
        var expected = ZoneArea(30.025, 0.01) - ZoneArea(30.02, 0.01);
        Assert.Equal(expected, defect.AreaM2, expected * 1e-3);
    }

    [Theory]
    [InlineData(100.01, 30.01, "L", 0.0)]
    [InlineData(100.01, 29.999, "L", 110.9)]  // 0.001° south of the shore
    [InlineData(100.01, 29.997, null, 0.0)]   // 333 m: beyond the 200 m shore radius
    [InlineData(100.03, 30.01, null, 0.0)]
    public void Points_in_or_near_a_water_body_are_found(double lon, double lat, string? body, double distance)
    {
        var locator = new WaterBodyLocator([Lake], [Zone("Z1", AdminLevel.County, Lake.Geometry)]);
        var hit = locator.Locate(lon, lat);
        Assert.Equal(body, hit?.Body.Code);
        if (hit is not null) Assert.Equal(distance, hit.DistanceM, 0.5);
        if (hit is not null) Assert.Equal(["Z1"], hit.ZonesAtPoint.Select(z => z.Code));
    }

    [Fact]
    public void Coverage_splits_the_water_of_each_area_into_covered_vacant_and_unassigned()
    {
        // Two townships split the lake at 100.01; T1's half has a zone with a chief, T2's half a vacant zone over its west half.
        var areas = new[]
        {
            new AdminArea("T1", "西", AdminLevel.Township, null, Box(99.9, 29.9, 100.01, 30.1, 4)),
            new AdminArea("T2", "东", AdminLevel.Township, null, Box(100.01, 29.9, 100.1, 30.1, 4)),
        };
        var system = new RiverSystem(new RiverSystemData(areas, [new Chief("C", "河长", ChiefRole.Chief, "T1", null)], [], [], []));
        var lake = Lake with { Level = AdminLevel.Township };
        var zones = new[]
        {
            new WaterBodyZone("Z1", "L", null, AdminLevel.Township, "T1", "C", Box(100, 30, 100.01, 30.02, 4)),
            new WaterBodyZone("Z2", "L", null, AdminLevel.Township, "T2", null, Box(100.01, 30, 100.015, 30.02, 4)),
        };
        var result = RiverGis.Geo.Responsibility.WaterBodyCoverage.Analyze(system, [lake], zones, AdminLevel.Township).ToDictionary(c => c.AreaCode);
        var half = EqualAreaProjection.AreaM2(Box(100, 30, 100.01, 30.02, 4));
        var quarter = EqualAreaProjection.AreaM2(Box(100.01, 30, 100.015, 30.02, 4));
        Assert.Equal(half, result["T1"].CoveredM2, 0);
        Assert.Equal(100, result["T1"].CoveredPercent);
        Assert.Equal(quarter, result["T2"].VacantM2, 0);
        Assert.InRange(Math.Abs(result["T2"].AreaM2 - quarter - result["T2"].UnassignedM2), 0, 1);
        Assert.Equal(0, result["T2"].CoveredM2, 1);
    }
}
