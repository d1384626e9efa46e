using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Network;

/// <summary>NLDI-style navigation on the mini district: R2 joins R1 at 100.03° E; outlet O1 is on R1 at 100.02° E, O2 on R2.</summary>
public sealed class NetworkApiTests(MiniService service) : IClassFixture<MiniService>
{
    private static List<JsonElement> Stretches(JsonElement fc) => fc.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();

    private async Task<double> PostgisMeasureAsync(string river, double lon, double lat) => await Db.ScalarAsync<double>(service.ConnectionString,
        $"SELECT ST_Length(ST_LineSubstring(geom, 0, ST_LineLocatePoint(geom, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326)))::geography) FROM rivers WHERE code = '{river}'");

    [Fact]
    public async Task Upstream_main_stem_is_the_river_above_the_point()
    {
        var um = await service.GetJsonAsync("/api/network/navigate?lon=100.04&lat=30.0251&mode=UM&distance_km=50");
        var stretches = Stretches(um);
        var stretch = Assert.Single(stretches);
        Assert.Equal("R1", stretch.GetProperty("river_code").GetString());
        Assert.Equal(0, stretch.GetProperty("from_m").GetDouble(), 1);
        Assert.Equal(await PostgisMeasureAsync("R1", 100.04, 30.0251), stretch.GetProperty("to_m").GetDouble(), 1);
    }

    [Fact]
    public async Task Upstream_with_tributaries_includes_the_tributary_and_its_outlet()
    {
        var ut = await service.GetJsonAsync("/api/network/navigate?lon=100.04&lat=30.0251&mode=UT&distance_km=50");
        var rivers = Stretches(ut).Select(s => s.GetProperty("river_code").GetString()).ToList();
        Assert.Equal(["R1", "R2"], rivers.Order());
        var outlets = ut.GetProperty("outlets").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToList();
        Assert.Equal(["O1", "O2"], outlets.Order());
    }

    [Fact]
    public async Task Downstream_stops_at_the_distance()
    {
        // 0.5 km down from 100.04° E stays in T01 (the T02 boundary is ~960 m downstream).
        var dm = await service.GetJsonAsync("/api/network/navigate?lon=100.04&lat=30.0251&mode=DM&distance_km=0.5");
        var stretch = Assert.Single(Stretches(dm));
        Assert.Equal(500, stretch.GetProperty("to_m").GetDouble() - stretch.GetProperty("from_m").GetDouble(), 1);
        var chiefs = dm.GetProperty("chiefs").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("C2", chiefs);
        Assert.DoesNotContain("C3", chiefs);
        var full = await service.GetJsonAsync("/api/network/navigate?lon=100.04&lat=30.0251&mode=DM&distance_km=100");
        Assert.Contains("C3", full.GetProperty("chiefs").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Bad_navigation_requests_are_named()
    {
        var mode = await service.GetJsonAsync("/api/network/navigate?lon=100.04&lat=30.0251&mode=XX", HttpStatusCode.BadRequest);
        Assert.Contains(mode.GetProperty("errors").EnumerateArray(), e => e.GetProperty("where").GetString() == "mode");
        await service.GetJsonAsync("/api/network/navigate?lon=100.04&lat=30.0251&mode=UT&distance_km=0", HttpStatusCode.BadRequest);
        await service.GetJsonAsync("/api/network/navigate?lon=100.09&lat=30.001&mode=UT", HttpStatusCode.NotFound);
    }
}
