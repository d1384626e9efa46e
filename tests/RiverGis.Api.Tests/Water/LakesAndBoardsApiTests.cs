using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Analysis;
using RiverGis.Api.Store;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Water;

/// <summary>
/// Reservoir RES1 of the water test district spans 100.04–100.07° E, 30.035–30.048° N across townships T01 (west of
/// 100.05) and T02: county zone Z-C (chief C1) over all of it, township zones Z-1 (T01, chief C2) and Z-2 (T02,
/// 100.05–100.06, vacant); 100.06–100.07 has no township zone. Routing, polygon coverage (PostGIS geography as the
/// oracle), outlets' rates, signboards and the dataset checks of zones.
/// </summary>
public sealed class LakesAndBoardsApiTests(WaterService service) : IClassFixture<WaterService>
{
    private string Cs => service.ConnectionString;

    public static TheoryData<double, double, string, string?, string?, string?> ReservoirPoints => new()
    {
        // lon, lat, chief, zone, escalation reason, skipped zone
        { 100.045, 30.040, "C2", "Z-1", null, null },
        { 100.055, 30.040, "C1", "Z-C", "vacant", "Z-2" },
        { 100.065, 30.040, "C1", "Z-C", "unassigned", null },
        // 55 m south of the shore (within the 200 m shore radius; the river is 1 km away).
        { 100.045, 30.0345, "C2", "Z-1", null, null },
    };

    [Theory]
    [MemberData(nameof(ReservoirPoints))]
    public async Task A_point_in_the_reservoir_routes_to_the_zone_chief_and_escalates_when_vacant(double lon, double lat, string chief, string? zone,
        string? reason, string? skippedZone)
    {
        var r = await service.GetJsonAsync(FormattableString.Invariant($"/api/responsible?lon={lon}&lat={lat}"));
        Assert.Equal("RES1", r.GetProperty("water_body_code").GetString());
        Assert.Equal(chief, r.GetProperty("chief").GetProperty("id").GetString());
        Assert.Equal(zone, r.GetProperty("zone_code").GetString());
        Assert.Equal(reason is not null, r.GetProperty("escalated").GetBoolean());
        if (reason is not null) Assert.Equal(reason, r.GetProperty("escalation_reason").GetString());
        if (skippedZone is not null) Assert.Equal(skippedZone, r.GetProperty("skipped_levels")[0].GetProperty("zone_code").GetString());
        Assert.True(r.GetProperty("river_code").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_report_filed_in_the_reservoir_goes_to_the_zone_chief()
    {
        var issue = await service.PostJsonAsync("/api/issues",
            """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.045, 30.04]}, "properties": {"category": "garbage", "description": "库区漂浮物", "source": "public"}}""",
            HttpStatusCode.Created);
        Assert.Equal("C2", issue.GetProperty("properties").GetProperty("chief_id").GetString());
        // On the river far from the reservoir routing is unchanged.
        var river = await service.GetJsonAsync("/api/responsible?lon=100.02&lat=30.0253");
        Assert.Equal(("C2", "S-1"), (river.GetProperty("chief").GetProperty("id").GetString(), river.GetProperty("segment_code").GetString()));
        Assert.True(river.GetProperty("water_body_code").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Polygon_coverage_in_square_metres_agrees_with_PostGIS_geography()
    {
        var r = await service.GetJsonAsync("/api/water-bodies/coverage?level=township&water_body_code=RES1");
        var areas = r.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area_code").GetString()!);
        async Task<double> Oracle(string sql) => await Db.ScalarAsync<double>(Cs, sql);
        const string body = "(SELECT geom FROM water_bodies WHERE code = 'RES1')";
        var inT01 = await Oracle($"SELECT ST_Area(ST_Intersection({body}, geom)::geography) FROM admin_areas WHERE code = 'T01'");
        var inT02 = await Oracle($"SELECT ST_Area(ST_Intersection({body}, geom)::geography) FROM admin_areas WHERE code = 'T02'");
        var vacant = await Oracle("SELECT ST_Area(geom::geography) FROM water_body_zones WHERE code = 'Z-2'");
        Assert.Equal(inT01, areas["T01"].GetProperty("area_m2").GetDouble(), inT01 * 1e-4);
        Assert.Equal(inT01, areas["T01"].GetProperty("covered_m2").GetDouble(), inT01 * 1e-4);
        Assert.Equal(inT02, areas["T02"].GetProperty("area_m2").GetDouble(), inT02 * 1e-4);
        Assert.Equal(vacant, areas["T02"].GetProperty("vacant_m2").GetDouble(), vacant * 1e-4);
        Assert.Equal(inT02 - vacant, areas["T02"].GetProperty("unassigned_m2").GetDouble(), inT02 * 1e-4);
        Assert.Equal(0, areas["T02"].GetProperty("covered_m2").GetDouble(), 1);
        Assert.Equal(["unassigned", "vacant"], r.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("reason").GetString()).Order());
        var list = await service.GetJsonAsync("/api/water-bodies");
        var whole = await Oracle("SELECT ST_Area(geom::geography) FROM water_bodies WHERE code = 'RES1'");
        Assert.Equal(whole, list.GetProperty("features")[0].GetProperty("properties").GetProperty("area_m2").GetDouble(), whole * 1e-4);
        var profile = await service.GetJsonAsync("/api/water-bodies/RES1/profile");
        Assert.Equal(3, profile.GetProperty("zones").GetArrayLength());
        Assert.Contains("SEC-RES", profile.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Outlet_rates_count_discharging_above_scale_outlets()
    {
        // Above scale and discharging: O1 (approved, monitored in October), O3 (pending, rectifying); O4 is closed, O2 below scale.
        var r = await service.GetJsonAsync("/api/outlets/rates?period=2026-10&area_code=T00");
        var county = r.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area_code").GetString() == "T00");
        Assert.Equal((2, 1, 50.0, 1, 50.0), (county.GetProperty("above_scale").GetInt32(), county.GetProperty("approved").GetInt32(),
            county.GetProperty("approval_rate_percent").GetDouble(), county.GetProperty("monitored").GetInt32(), county.GetProperty("monitoring_rate_percent").GetDouble()));
        Assert.Equal(["O3"], county.GetProperty("unmonitored").EnumerateArray().Select(o => o.GetString()));
        var profile = (await service.GetJsonAsync("/api/rivers/R1/profile")).GetProperty("water");
        Assert.Equal(["SEC-UP", "SEC-B"], profile.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Contains(profile.GetProperty("outlets").EnumerateArray(), o => o.GetProperty("code").GetString() == "O4" && o.GetProperty("status").GetString() == "closed");
        Assert.Equal(["B-1", "B-2", "B-3"], profile.GetProperty("signboards").EnumerateArray().Select(b => b.GetProperty("code").GetString()));
        var upstream = await service.GetJsonAsync("/api/sections/SEC-B/upstream-outlets");
        Assert.Equal(["O1", "O2"], upstream.GetProperty("outlets").EnumerateArray().Select(o => o.GetProperty("code").GetString()).Order());
    }

    [Fact]
    public async Task Signboards_show_their_state_and_print_from_the_current_data()
    {
        var r = await service.GetJsonAsync("/api/signboards");
        var boards = r.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("properties").GetProperty("code").GetString()!, f => f.GetProperty("properties"));
        Assert.False(boards["B-1"].GetProperty("stale").GetBoolean());
        Assert.False(boards["B-2"].GetProperty("stale").GetBoolean()); // 138-0000-0021 is the same phone
        Assert.True(boards["B-3"].GetProperty("far").GetBoolean());
        Assert.Equal(["S-3", "S-C"], r.GetProperty("segments_without_board").EnumerateArray().Select(s => s.GetProperty("code").GetString()).Order());
        // Public: the supervision phone (an office's number) is on the board; no one's own phone is, in the layer or the board.
        Assert.DoesNotContain("1380000", r.GetRawText());
        Assert.Equal("12345", boards["B-1"].GetProperty("supervision_phone").GetString());
        var page = await service.Client.GetStringAsync("/api/segments/S-1/board.html");
        Assert.Contains("lang=\"zh-CN\"", page);
        Assert.Contains("<svg", page);
        Assert.Contains(">东镇河长<", page);
        Assert.Contains(">12345<", page);
        Assert.DoesNotContain("1380000", page);
        Assert.DoesNotContain("1380000", (await service.GetJsonAsync("/api/water-bodies/zones")).GetRawText());
        var content = await service.GetJsonAsync("/api/segments/S-1/board");
        Assert.EndsWith("/api/segments/S-1/board.html", content.GetProperty("public_url").GetString());
        Assert.Contains("/#/report/100.", content.GetProperty("report_url").GetString());
    }

    [Fact]
    public async Task Outlet_lifecycle_changes_are_kept()
    {
        var office = await service.EastOffice;
        var change = await office.PatchAsync("/api/outlets/O3", new StringContent("""{"status": "connected_to_sewer"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await ServiceFixture.ReadAsync(change, HttpStatusCode.OK, "patch");
        Assert.Equal("connected_to_sewer", body.GetProperty("status").GetString());
        Assert.Equal("connected_to_sewer", await Db.ScalarAsync<string>(Cs, "SELECT status FROM outlets WHERE code = 'O3'"));
        var bad = await service.PostJsonAsync("/api/outlets/O1/monitoring", """{"sampled_at": "2026-10-09", "factors": {"cod": -3}}""", HttpStatusCode.BadRequest, client: office);
        ServiceFixture.AssertNames(bad, "factors.cod", "negative");
        await service.PostJsonAsync("/api/outlets/O1/monitoring", """{"sampled_at": "2026-10-09", "factors": {"cod": 30}}""", HttpStatusCode.Created, client: office);
        Assert.Equal("office-t01|T00,T01", await Db.ScalarAsync<string>(Cs,
            "SELECT string_agg(DISTINCT username || '|' || array_to_string(area_codes, ','), ';') FROM audit_log WHERE resource_type IN ('outlet', 'outlet_monitoring')"));
        await office.PatchAsync("/api/outlets/O3", new StringContent("""{"status": "rectifying"}""", System.Text.Encoding.UTF8, "application/json"));
    }
}

/// <summary>Boards and zones against changed data: a chief change makes boards stale; zones that overlap or spill are refused at import.</summary>
public sealed class WaterDataChangeTests(WaterService service) : IClassFixture<WaterService>
{
    private DatasetImporter Importer => service.Factory.Services.GetRequiredService<DatasetImporter>();

    [Fact]
    public async Task A_chief_change_makes_the_boards_that_print_the_old_chief_stale()
    {
        var copy = TestPaths.CopyOf(TestPaths.Water);
        var chiefs = await File.ReadAllTextAsync(Path.Combine(copy, "chiefs.csv"));
        await File.WriteAllTextAsync(Path.Combine(copy, "chiefs.csv"), chiefs.Replace("C3,西镇河长,chief,T02,13800000021", "C3,王新河,chief,T02,13900000099"));
        var result = await Importer.ImportAsync(copy);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        await service.Factory.Services.GetRequiredService<SystemSnapshots>().FreshAsync();
        var r = await service.GetJsonAsync("/api/signboards");
        var boards = r.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToDictionary(p => p.GetProperty("code").GetString()!);
        Assert.True(boards["B-2"].GetProperty("stale").GetBoolean());
        Assert.Equal("王新河", boards["B-2"].GetProperty("current_chief_name").GetString());
        Assert.Contains("chief_changed", boards["B-2"].GetProperty("defects").EnumerateArray().Select(d => d.GetString()));
        Assert.False(boards["B-1"].GetProperty("stale").GetBoolean());
        Assert.Equal(2, r.GetProperty("stale").GetInt32()); // B-2 and B-3 print the old chief
        var page = await service.Client.GetStringAsync("/api/segments/S-2/board.html");
        Assert.Contains(">王新河<", page);

        // The office of T02 records the reprinted board: it prints the new chief and the supervision phone, and is no longer stale.
        var board = await service.PutJsonAsync("/api/signboards/B-2", """{"chief_name": "王新河", "chief_post": "乡级河长", "printed_on": "2026-05-01"}""",
            HttpStatusCode.OK, await service.WestOffice);
        Assert.False(board.GetProperty("properties").GetProperty("stale").GetBoolean());
        Assert.Equal("12345", board.GetProperty("properties").GetProperty("supervision_phone").GetString());
        Assert.Equal("update|office-t02|T00,T02", await Db.ScalarAsync<string>(service.ConnectionString,
            "SELECT action || '|' || username || '|' || array_to_string(area_codes, ',') FROM audit_log WHERE resource_type = 'signboard' AND resource_id = 'B-2'"));
        // A vacant zone gets its 库长 from the office of its area.
        var zone = await service.PutJsonAsync("/api/water-bodies/zones/Z-2/chief", """{"chief_id": "C3"}""", HttpStatusCode.OK, await service.WestOffice);
        Assert.False(zone.GetProperty("properties").GetProperty("vacant").GetBoolean());
        var routed = await service.GetJsonAsync("/api/responsible?lon=100.055&lat=30.042");
        Assert.Equal(("C3", "Z-2"), (routed.GetProperty("chief").GetProperty("id").GetString(), routed.GetProperty("zone_code").GetString()));
    }

    public static TheoryData<string, string, string> BadZones => new()
    {
        // the zone replaced into water_body_zones.geojson, the message fragment, the section or zone at fault
        { """[[100.05, 30.035], [100.08, 30.035], [100.08, 30.048], [100.05, 30.048], [100.05, 30.035]]""", "outside its water body", "Z-2" },
        { """[[100.045, 30.035], [100.06, 30.035], [100.06, 30.048], [100.045, 30.048], [100.045, 30.035]]""", "overlaps zone 'Z-1'", "Z-2" },
    };

    [Theory]
    [MemberData(nameof(BadZones))]
    public async Task Zones_that_spill_or_overlap_are_refused_naming_the_feature_and_nothing_changes(string ring, string fragment, string zone)
    {
        var copy = TestPaths.CopyOf(TestPaths.Water);
        var file = Path.Combine(copy, "water_body_zones.geojson");
        var text = await File.ReadAllTextAsync(file);
        using var doc = JsonDocument.Parse(text);
        var index = doc.RootElement.GetProperty("features").EnumerateArray().ToList().FindIndex(f => f.GetProperty("properties").GetProperty("code").GetString() == zone);
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        node["features"]![index]!["geometry"]!["coordinates"] = System.Text.Json.Nodes.JsonNode.Parse("[" + ring + "]");
        await File.WriteAllTextAsync(file, node.ToJsonString());
        var before = await Db.CountsAsync(service.ConnectionString);
        var zonesBefore = await Db.ScalarAsync<string>(service.ConnectionString, "SELECT string_agg(ST_AsText(geom), ';' ORDER BY code) FROM water_body_zones");
        var result = await Importer.ImportAsync(copy);
        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.File == "water_body_zones.geojson" && p.FeatureIndex == index && p.Property == "geometry" && p.Message.Contains(fragment));
        Assert.Equal(before, await Db.CountsAsync(service.ConnectionString));
        Assert.Equal(zonesBefore, await Db.ScalarAsync<string>(service.ConnectionString, "SELECT string_agg(ST_AsText(geom), ';' ORDER BY code) FROM water_body_zones"));
    }

    [Fact]
    public async Task A_section_far_from_its_river_in_a_dataset_is_refused()
    {
        var copy = TestPaths.CopyOf(TestPaths.Water);
        var file = Path.Combine(copy, "sections.geojson");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("30.0249", "30.0349"));
        var result = await Importer.ImportAsync(copy);
        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.File == "sections.geojson" && p.FeatureIndex == 1 && p.Property == "geometry" && p.Message.Contains("farther than 200 m"));
    }
}
