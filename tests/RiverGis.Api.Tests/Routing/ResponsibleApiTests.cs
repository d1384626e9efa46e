using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Routing;

/// <summary>
/// Routing on the hand-built mini district (TestData/mini): river R1 runs along 30.025° N from 100.00° E to 100.10° E
/// through townships T01 (west, chief C2) and T02 (east, chief C3) of county T00 (county chief C1); tributary R2 comes
/// down 100.03° E into R1 and its only segment S-3 is vacant.
/// </summary>
public sealed class ResponsibleApiTests(MiniService service) : IClassFixture<MiniService>
{
    private static string[] Ids(JsonElement chiefs) => chiefs.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task Point_beside_a_river_goes_to_the_township_chief_with_the_chain_above()
    {
        var r = await service.GetJsonAsync("/api/responsible?lon=100.02&lat=30.0253");
        Assert.Equal("C2", r.GetProperty("chief").GetProperty("id").GetString());
        Assert.Equal("township", r.GetProperty("chief").GetProperty("level").GetString());
        Assert.Equal("13800000011", r.GetProperty("chief").GetProperty("phone").GetString());
        Assert.Equal(["C1", "G1", "G0"], Ids(r.GetProperty("chain")));
        Assert.False(r.GetProperty("escalated").GetBoolean());
        Assert.Equal("S-1", r.GetProperty("segment_code").GetString());
        Assert.Equal("R1", r.GetProperty("river_code").GetString());
        // Independent oracle: PostGIS geography distance to the river, and the measure along it.
        var distance = await Db.ScalarAsync<double>(service.ConnectionString,
            "SELECT ST_Distance(geom::geography, 'SRID=4326;POINT(100.02 30.0253)'::geography) FROM rivers WHERE code = 'R1'");
        Assert.Equal(distance, r.GetProperty("distance_m").GetDouble(), 0.2);
        var measure = await Db.ScalarAsync<double>(service.ConnectionString,
            "SELECT ST_Length(ST_LineSubstring(geom, 0, ST_LineLocatePoint(geom, 'SRID=4326;POINT(100.02 30.0253)'::geometry))::geography) FROM rivers WHERE code = 'R1'");
        Assert.Equal(measure, r.GetProperty("measure_m").GetDouble(), 0.5);
    }

    [Fact]
    public async Task Near_a_segment_boundary_the_neighbour_is_a_candidate()
    {
        // 20 m east of the T01/T02 boundary (100.05° E).
        var r = await service.GetJsonAsync("/api/responsible?lon=100.0502&lat=30.0251");
        Assert.Equal("C3", r.GetProperty("chief").GetProperty("id").GetString());
        Assert.Contains(r.GetProperty("candidates").EnumerateArray(), c =>
            c.GetProperty("chief").GetProperty("id").GetString() == "C2" && c.GetProperty("why").GetString() == "segment_boundary");
        // Far from the boundary there is no such candidate.
        var far = await service.GetJsonAsync("/api/responsible?lon=100.075&lat=30.0251");
        Assert.Empty(far.GetProperty("candidates").EnumerateArray());
    }

    [Fact]
    public async Task A_vacant_segment_escalates_and_says_so()
    {
        var r = await service.GetJsonAsync("/api/responsible?lon=100.0302&lat=30.04");
        Assert.Equal("R2", r.GetProperty("river_code").GetString());
        Assert.True(r.GetProperty("escalated").GetBoolean());
        Assert.Equal("vacant", r.GetProperty("escalation_reason").GetString());
        Assert.Equal("S-3", r.GetProperty("skipped_levels")[0].GetProperty("segment_code").GetString());
        // R2 is managed at township level only, so the escalation ends at the township's general chief.
        Assert.Equal("G1", r.GetProperty("chief").GetProperty("id").GetString());
        Assert.Equal("general", r.GetProperty("chief").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Off_the_network_the_general_chief_of_the_area_answers()
    {
        var r = await service.GetJsonAsync("/api/responsible?lon=100.09&lat=30.001");
        Assert.True(r.GetProperty("off_river").GetBoolean());
        Assert.Equal("G2", r.GetProperty("chief").GetProperty("id").GetString());
        Assert.Equal(["G0"], Ids(r.GetProperty("chain")));
        // A bigger radius reaches the river again (2.66 km away).
        var wide = await service.GetJsonAsync("/api/responsible?lon=100.09&lat=30.001&radius_m=3000");
        Assert.Equal("C3", wide.GetProperty("chief").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Outside_every_area_is_404_and_bad_coordinates_are_400()
    {
        var outside = await service.GetJsonAsync("/api/responsible?lon=100.3&lat=30.3", HttpStatusCode.NotFound);
        Assert.Contains("responsible", outside.GetProperty("detail").GetString());
        var swapped = await service.GetJsonAsync("/api/responsible?lon=30.0253&lat=100.02", HttpStatusCode.BadRequest);
        Assert.Contains("[lat, lon]", swapped.GetRawText());
        var missing = await service.GetJsonAsync("/api/responsible?lon=100.02", HttpStatusCode.BadRequest);
        Assert.Contains(missing.GetProperty("errors").EnumerateArray(), e => e.GetProperty("where").GetString() == "lat");
        var text = await service.GetJsonAsync("/api/responsible?lon=east&lat=30", HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(text, "lon", "not a number");
        await service.GetJsonAsync("/api/responsible?lon=100.02&lat=30.0253&radius_m=-1", HttpStatusCode.BadRequest);
        await service.GetJsonAsync("/api/responsible?lon=100.02&lat=30.0253&ratius=5", HttpStatusCode.BadRequest);
    }
}

/// <summary>The mini district without the T02 township segment: a stretch nobody at township level was assigned.</summary>
public sealed class MiniWithoutS2() : ServiceFixture("mini_gap", WithoutSegment("S-2"))
{
    public static string WithoutSegment(string code)
    {
        var copy = TestPaths.CopyOf(TestPaths.Mini);
        var path = Path.Combine(copy, "segments.geojson");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var features = root["features"]!.AsArray();
        features.Remove(features.First(f => f!["properties"]!["code"]!.GetValue<string>() == code));
        File.WriteAllText(path, root.ToJsonString());
        return copy;
    }
}

public sealed class UnassignedRoutingTests(MiniWithoutS2 service) : IClassFixture<MiniWithoutS2>
{
    [Fact]
    public async Task An_unassigned_stretch_escalates_to_the_county_chief()
    {
        var r = await service.GetJsonAsync("/api/responsible?lon=100.075&lat=30.0251");
        Assert.True(r.GetProperty("escalated").GetBoolean());
        Assert.Equal("unassigned", r.GetProperty("escalation_reason").GetString());
        Assert.Equal("C1", r.GetProperty("chief").GetProperty("id").GetString());
        Assert.Equal("county", r.GetProperty("responsible_level").GetString());
        Assert.Equal("township", r.GetProperty("expected_level").GetString());
    }
}

/// <summary>
/// A river that is the outer border of the mapped areas (the Rhine between Liechtenstein and Switzerland, where only
/// Liechtenstein is mapped): positions on its line lie on, or a hair outside, the area boundary. Each must still be
/// routed into the responsible segment's area, so an office of that area sees the report (the soak found such reports
/// in nobody's ledger).
/// </summary>
public sealed class BorderRiverRoutingTests(SampleService service) : IClassFixture<SampleService>
{
    [Fact]
    public async Task Positions_on_a_border_river_are_routed_into_the_segments_area()
    {
        // Oracle: positions every 2 % along the border river's segments that PostGIS finds outside every area, with the segment's area.
        var rows = await Db.ColumnAsync<string>(service.ConnectionString, """
            SELECT format('%s %s %s', ST_X(p.geom), ST_Y(p.geom), s.area_code)
            FROM segments s, ST_DumpPoints(ST_LineInterpolatePoints(ST_GeometryN(s.geom, 1), 0.02)) p
            WHERE s.river_code = 'LI-R-RHEIN' AND s.chief_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM admin_areas a WHERE ST_Covers(a.geom, p.geom))
            ORDER BY s.code, p.path LIMIT 20
            """);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var (lon, lat, area) = (row.Split(' ')[0], row.Split(' ')[1], row.Split(' ')[2]);
            var answer = await service.GetJsonAsync($"/api/responsible?lon={lon}&lat={lat}&radius_m=50");
            var routed = answer.GetProperty("area_code").GetString();
            Assert.NotNull(routed);
            // The routed area is the segment's area or lies within it (PostGIS walks the parents).
            var within = await Db.ScalarAsync<bool>(service.ConnectionString, $"""
                WITH RECURSIVE up(code, parent_code) AS (SELECT code, parent_code FROM admin_areas WHERE code = '{routed}'
                    UNION ALL SELECT a.code, a.parent_code FROM admin_areas a JOIN up ON a.code = up.parent_code)
                SELECT EXISTS (SELECT 1 FROM up WHERE code = '{area}')
                """);
            Assert.True(within, $"({lon}, {lat}) on a segment of {area} was routed to {routed}");
        }
    }
}
