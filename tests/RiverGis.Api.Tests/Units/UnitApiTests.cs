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
        return await (await service.CountyOffice).SendAsync(request);
    }

    [Fact]
    public async Task Units_are_loaded_listed_by_area_created_edited_and_retired()
    {
        // The dataset's four units (other tests of this class may add their own).
        var all = await service.GetJsonAsync("/api/units", client: await service.CountyOffice);
        Assert.Equal(4, all.GetProperty("units").EnumerateArray().Count(u => u.GetProperty("dataset_code").GetString() == "office"));
        var (active, total) = (all.GetProperty("count").GetInt32(), await UnitCountAsync());
        var dz = await service.GetJsonAsync("/api/units?area_code=T01", client: await service.CountyOffice);
        Assert.Equal(["U-DZ"], dz.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        Assert.Equal("乡镇（街道）人民政府", dz.GetProperty("units")[0].GetProperty("kind_label").GetString());
        Assert.Equal(["U-HB", "U-SW"], (await service.GetJsonAsync("/api/units?kind=member&area_code=T00", client: await service.CountyOffice)).GetProperty("units")
            .EnumerateArray().Select(u => u.GetProperty("code").GetString()).Where(c => c is "U-HB" or "U-SW").Order());

        var created = await service.PostJsonAsync("/api/units", """{"code": "U-NY", "name": "测试县农业农村局", "kind": "member", "area_code": "T00"}""", HttpStatusCode.Created, client: await service.CountyOffice);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("dataset_code").ValueKind);
        await service.PostJsonAsync("/api/units", """{"code": "U-NY", "name": "重复", "kind": "member", "area_code": "T00"}""", HttpStatusCode.Conflict, client: await service.CountyOffice);
        var edited = await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Put, "/api/units/U-NY",
            """{"name": "测试县农业农村局（水产）", "kind": "liaison", "area_code": "T00", "phone": "0833-1000009"}"""), HttpStatusCode.OK, "PUT");
        Assert.Equal(("liaison", "0833-1000009"), (edited.GetProperty("kind").GetString(), edited.GetProperty("phone").GetString()));
        var retired = await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Delete, "/api/units/U-NY"), HttpStatusCode.OK, "DELETE");
        Assert.False(retired.GetProperty("active").GetBoolean());
        Assert.Equal(active, (await service.GetJsonAsync("/api/units", client: await service.CountyOffice)).GetProperty("count").GetInt32());
        Assert.Equal(total + 1, (await service.GetJsonAsync("/api/units?include_retired=true", client: await service.CountyOffice)).GetProperty("count").GetInt32());
        await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Delete, "/api/units/U-NY"), HttpStatusCode.Conflict, "DELETE");
        await ServiceFixture.ReadAsync(await SendAsync(HttpMethod.Delete, "/api/units/U-NONE"), HttpStatusCode.NotFound, "DELETE");
    }

    [Fact]
    public async Task An_office_sees_the_units_of_its_subtree_and_above_and_edits_only_its_subtree()
    {
        var west = await service.WestOffice;
        var seen = await service.GetJsonAsync("/api/units", client: west);
        Assert.Equal(["U-HB", "U-SW", "U-XZ"], seen.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()).Order());
        await service.GetJsonAsync("/api/units/U-DZ", HttpStatusCode.NotFound, client: west);
        var before = await UnitCountAsync();
        await service.PostJsonAsync("/api/units", """{"code": "U-EAST", "name": "东镇某站", "kind": "member", "area_code": "T01"}""", HttpStatusCode.NotFound, client: west);
        // The county's bureau is seen by the township, not edited by it.
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/units/U-SW")
        {
            Content = new StringContent("""{"name": "改名", "kind": "member", "area_code": "T02"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        await ServiceFixture.ReadAsync(await west.SendAsync(put), HttpStatusCode.NotFound, "PUT /api/units/U-SW");
        await service.GetJsonAsync("/api/units", HttpStatusCode.Forbidden, client: await service.Chief("C3"));
        await service.GetJsonAsync("/api/units", HttpStatusCode.Unauthorized);
        Assert.Equal(before, await UnitCountAsync());

        var created = await service.PostJsonAsync("/api/units", """{"code": "U-XZ-2", "name": "西镇水利站", "kind": "member", "area_code": "T02"}""", HttpStatusCode.Created, client: west);
        Assert.Equal("T02", created.GetProperty("area_code").GetString());
        Assert.Equal("office-t02 T02,T00", await Db.ScalarAsync<string>(service.ConnectionString,
            "SELECT username || ' ' || array_to_string(area_codes, ',') FROM audit_log WHERE resource_type = 'unit' AND resource_id = 'U-XZ-2' AND action = 'create'"));
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
        ServiceFixture.AssertNames(await service.PostJsonAsync("/api/units", body, HttpStatusCode.BadRequest, client: await service.CountyOffice), where, fragment);
        Assert.Equal(before, await UnitCountAsync());
    }

    [Fact]
    public async Task An_issue_is_handed_to_a_unit_and_listed_by_it()
    {
        var report = """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "dumping", "description": "岸边堆放建筑垃圾", "source": "patrol"}}""";
        var id = (await service.PostJsonAsync("/api/issues", report, HttpStatusCode.Created, client: await service.CountyOffice)).GetProperty("id").GetInt64();
        var unknown = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "unit_code": "U-NONE"}""", HttpStatusCode.BadRequest, client: await service.CountyOffice);
        ServiceFixture.AssertNames(unknown, "unit_code", "unknown unit 'U-NONE'");
        var assigned = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "unit_code": "U-DZ"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        var p = assigned.GetProperty("properties");
        Assert.Equal(("assigned", "U-DZ", "C2"), (p.GetProperty("status").GetString(), p.GetProperty("unit_code").GetString(), p.GetProperty("chief_id").GetString()));
        Assert.Equal("U-DZ", p.GetProperty("events")[1].GetProperty("unit_code").GetString());
        var moved = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reassign", "note": "移交水务局", "unit_code": "U-SW"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal("U-SW", moved.GetProperty("properties").GetProperty("unit_code").GetString());
        var listed = await service.GetJsonAsync("/api/issues?unit_code=U-SW", client: await service.CountyOffice);
        Assert.Equal([id], listed.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
        // Only to a unit of the issue's area chain (T01, T00): not the west town's government.
        ServiceFixture.AssertNames(await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reassign", "note": "移交", "unit_code": "U-XZ"}""",
            HttpStatusCode.BadRequest, client: await service.CountyOffice), "unit_code", "not in the issue's area chain");
        // Handing over is the office's: the chief the issue is with may not.
        await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reassign", "note": "移交", "unit_code": "U-HB"}""", HttpStatusCode.Forbidden,
            client: await service.Chief("C2"));
    }
}
