using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Api.Tests.Month;

namespace RiverGis.Api.Tests.Units;

/// <summary>Units of the office district (TestData/office/units.csv) and issues handed to them.</summary>
public sealed class UnitApiTests(OfficeService service) : IClassFixture<OfficeService>
{
    private Task<long> UnitCountAsync() => Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM units");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await service.Client.SendAsync(request);
    }

    [Fact]
    public async Task Units_are_loaded_listed_by_area_created_edited_and_retired()
    {
        var all = await service.GetJsonAsync("/api/units");
        Assert.Equal(4, all.GetProperty("count").GetInt32());
        var dz = await service.GetJsonAsync("/api/units?area_code=T01");
        Assert.Equal(["U-DZ"], dz.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        Assert.Equal("乡镇（街道）人民政府", dz.GetProperty("units")[0].GetProperty("kind_label").GetString());
        Assert.Equal(2, (await service.GetJsonAsync("/api/units?kind=member")).GetProperty("count").GetInt32());

        var created = await service.PostJsonAsync("/api/units", """{"code": "U-NY", "name": "测试县农业农村局", "kind": "member", "area_code": "T00"}""", HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("dataset_code").ValueKind);
        await service.PostJsonAsync("/api/units", """{"code": "U-NY", "name": "重复", "kind": "member", "area_code": "T00"}""", HttpStatusCode.Conflict);
        var edited = await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Put, "/api/units/U-NY",
            """{"name": "测试县农业农村局（水产）", "kind": "liaison", "area_code": "T00", "phone": "0833-1000009"}"""), HttpStatusCode.OK, "PUT");
        Assert.Equal(("liaison", "0833-1000009"), (edited.GetProperty("kind").GetString(), edited.GetProperty("phone").GetString()));
        var retired = await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Delete, "/api/units/U-NY"), HttpStatusCode.OK, "DELETE");
        Assert.False(retired.GetProperty("active").GetBoolean());
        Assert.Equal(4, (await service.GetJsonAsync("/api/units")).GetProperty("count").GetInt32());
        Assert.Equal(5, (await service.GetJsonAsync("/api/units?include_retired=true")).GetProperty("count").GetInt32());
        await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Delete, "/api/units/U-NY"), HttpStatusCode.Conflict, "DELETE");
        await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Delete, "/api/units/U-NONE"), HttpStatusCode.NotFound, "DELETE");
    }

    [Theory]
    [InlineData("""{"code": "U A", "name": "x", "kind": "member", "area_code": "T00"}""", "code", "not a usable code")]
    [InlineData("""{"code": "U-X", "kind": "member", "area_code": "T00"}""", "name", "required")]
    [InlineData("""{"code": "U-X", "name": "x", "kind": "bureau", "area_code": "T00"}""", "kind", "unknown value 'bureau'")]
    [InlineData("""{"code": "U-X", "name": "x", "kind": "member", "area_code": "T99"}""", "area_code", "unknown area 'T99'")]
    [InlineData("""{"code": "U-X", "name": 5, "kind": "member", "area_code": "T00"}""", "name", "expected a string")]
    public async Task Bad_units_are_refused_and_nothing_is_stored(string body, string where, string fragment)
    {
        var before = await UnitCountAsync();
        ServiceFixture.AssertNames(await service.PostJsonAsync("/api/units", body, HttpStatusCode.BadRequest), where, fragment);
        Assert.Equal(before, await UnitCountAsync());
    }

    [Fact]
    public async Task An_issue_is_handed_to_a_unit_and_listed_by_it()
    {
        var report = """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "dumping", "description": "岸边堆放建筑垃圾", "source": "patrol"}}""";
        var id = (await service.PostJsonAsync("/api/issues", report, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var unknown = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "actor": "县河长办", "unit_code": "U-NONE"}""", HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(unknown, "unit_code", "unknown unit 'U-NONE'");
        var assigned = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "actor": "县河长办", "unit_code": "U-DZ"}""", HttpStatusCode.OK);
        var p = assigned.GetProperty("properties");
        Assert.Equal(("assigned", "U-DZ", "C2"), (p.GetProperty("status").GetString(), p.GetProperty("unit_code").GetString(), p.GetProperty("chief_id").GetString()));
        Assert.Equal("U-DZ", p.GetProperty("events")[1].GetProperty("unit_code").GetString());
        var moved = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reassign", "actor": "县河长办", "note": "移交水务局", "unit_code": "U-SW"}""", HttpStatusCode.OK);
        Assert.Equal("U-SW", moved.GetProperty("properties").GetProperty("unit_code").GetString());
        var listed = await service.GetJsonAsync("/api/issues?unit_code=U-SW");
        Assert.Equal([id], listed.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }
}
