using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>
/// Each attack of issue 10, as a hostile user tried it on a running instance, as a test that failed before accounts and
/// limits existed: nothing it tried works any more, every refusal is a problem document, and nothing refused is stored.
/// </summary>
public sealed class HostileUserTests(MiniService service) : IClassFixture<MiniService>
{
    private static string Report(string description, string? reporterName = null, string contact = "13900009999") =>
        new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(100.02, 30.0253) },
            ["properties"] = new JsonObject
            {
                ["category"] = "garbage", ["description"] = description, ["source"] = "public", ["reporter_contact"] = contact,
                ["reporter_name"] = reporterName,
            },
        }.ToJsonString();

    private Task<long> IssuesAsync() => Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues");

    private async Task<long> FileAsync(string description = "垃圾") =>
        (await service.PostJsonAsync("/api/issues", Report(description), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    [Fact]
    public async Task Enumerating_issue_ids_anonymously_or_from_another_area_reveals_nothing()
    {
        var id = await FileAsync("枚举测试");
        var max = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT max(id) FROM issues");
        for (var i = 1L; i <= max + 3; i++)
        {
            var anonymous = await service.Client.GetAsync($"/api/issues/{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.DoesNotContain("1390000", await anonymous.Content.ReadAsStringAsync());
        }
        // Another township's office: the issue exists, but for it exactly as much as an id that does not.
        var other = await (await service.WestOffice).GetAsync($"/api/issues/{id}");
        var none = await (await service.WestOffice).GetAsync($"/api/issues/{max + 1000}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("title").GetString()!;
        Assert.Equal(Detail(await none.Content.ReadAsStringAsync()), Detail(await other.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_cross_site_simple_post_files_and_changes_nothing(string contentType)
    {
        var id = await FileAsync("跨站测试");
        var before = await IssuesAsync();
        var events = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issue_events");
        foreach (var url in new[] { "/api/issues", $"/api/issues/{id}/transitions" })
        {
            var body = url.EndsWith("transitions") ? """{"action": "reject", "note": "x"}""" : Report("伪造");
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            // As a browser would send it cross-site: no credentials of the victim (SameSite=Strict keeps the cookie home).
            var response = await service.Client.PostAsync(url, content);
            // 415 (not JSON), 401 (not signed in), or 400 from the input screen when the body is not the form it claims to be.
            Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest,
                $"{url}: {response.StatusCode}");
            // Even a signed-in caller's text/plain body is refused before anything is read.
            var signedIn = await (await service.CountyOffice).PostAsync(url, new StringContent(body, Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, signedIn.StatusCode);
        }
        Assert.Equal(before, await IssuesAsync());
        Assert.Equal(events, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issue_events"));
        Assert.Equal("reported", await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT status FROM issues WHERE id = {id}"));
    }

    [Fact]
    public async Task A_forty_megabyte_name_is_refused_before_it_is_read_and_long_fields_are_named()
    {
        var before = await IssuesAsync();
        var huge = await service.Client.PostAsync("/api/issues",
            new StringContent(Report("x", reporterName: new string('名', 40 * 1024 * 1024 / 3)), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        var fields = new (string Json, string Where)[]
        {
            (Report("x", reporterName: new string('名', 101)), "properties.reporter_name"),
            (Report(new string('述', 2001)), "properties.description"),
            (Report("x", contact: new string('1', 201)), "properties.reporter_contact"),
        };
        foreach (var (json, where) in fields)
        {
            var problem = await service.PostJsonAsync("/api/issues", json, HttpStatusCode.BadRequest);
            ServiceFixture.AssertNames(problem, where, "longer than");
        }
        var id = await FileAsync("备注测试");
        var note = await service.PostJsonAsync($"/api/issues/{id}/transitions", JsonSerializer.Serialize(new { action = "reject", note = new string('注', 2001) }),
            HttpStatusCode.BadRequest, client: await service.CountyOffice);
        ServiceFixture.AssertNames(note, "note", "longer than 2000");
        Assert.Equal(before + 1, await IssuesAsync());
    }

    [Fact]
    public async Task A_csv_cell_beginning_with_a_formula_is_exported_as_text()
    {
        var id = await FileAsync("=HYPERLINK(\\\"http://evil.example/\\\",\\\"点击查看\\\")");
        var plus = await FileAsync("+1+cmd|' /C calc'!A0");
        var csv = Encoding.UTF8.GetString(await (await service.CountyOffice).GetByteArrayAsync("/api/issues/export.csv"));
        var rows = csv.Split("\r\n");
        var row = rows.Single(r => r.StartsWith($"{id},", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(", row);
        Assert.DoesNotContain(",=HYPERLINK(", row);
        Assert.EndsWith(",'+1+cmd|' /C calc'!A0", rows.Single(r => r.StartsWith($"{plus},", StringComparison.Ordinal)));
        // Plain numbers stay numbers (coordinates west of Greenwich, say).
        Assert.Equal("-3.5", RiverGis.Geo.Dataset.CsvWriter.Neutralised("-3.5"));
    }

    [Fact]
    public async Task A_forged_actor_is_ignored_and_history_names_the_signed_in_user()
    {
        var id = await FileAsync("冒名测试");
        var done = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "chief_id": "C2", "actor": "省河长办主任"}""",
            HttpStatusCode.OK, client: await service.EastOffice);
        var events = done.GetProperty("properties").GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("公众", events[0].GetProperty("actor").GetString());
        Assert.Equal("office-t01", events[1].GetProperty("actor").GetString());
        Assert.Equal(0L, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issue_events WHERE actor = '省河长办主任'"));
        Assert.Equal("office-t01", await Db.ScalarAsync<string>(service.ConnectionString,
            $"SELECT username FROM audit_log WHERE resource_type = 'issue' AND resource_id = '{id}' AND action = 'assign'"));
    }

    [Fact]
    public async Task Reassigning_outside_the_area_chain_and_acting_out_of_role_are_refused()
    {
        var id = await FileAsync("改派测试");
        var county = await service.CountyOffice;
        // C3 holds the west township (T02); the issue lies in the east one (T01 under T00): not its chain.
        var outside = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "chief_id": "C3"}""", HttpStatusCode.BadRequest, client: county);
        ServiceFixture.AssertNames(outside, "chief_id", "area chain");
        await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "chief_id": "C2"}""", HttpStatusCode.OK, client: county);
        var reassign = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reassign", "chief_id": "C3", "note": "转西镇"}""",
            HttpStatusCode.BadRequest, client: county);
        ServiceFixture.AssertNames(reassign, "chief_id", "area chain");
        // Up the chain is fine: the county chief C1.
        await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reassign", "chief_id": "C1", "note": "升级到县"}""", HttpStatusCode.OK, client: county);
        Assert.Equal("C1", await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT chief_id FROM issues WHERE id = {id}"));
        // A chief may not verify or close; another chief may not even see the issue; the assigned chief C1 has no user here.
        await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "start_rectification"}""", HttpStatusCode.NotFound, client: await service.WestChief);
        var chiefCloses = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reject", "note": "x"}""", HttpStatusCode.Forbidden,
            client: await service.EastChief);
        Assert.Contains("for the office", chiefCloses.GetProperty("detail").GetString());
        var officeRectifies = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "start_rectification"}""", HttpStatusCode.Forbidden, client: county);
        Assert.Contains("chief the issue is assigned to", officeRectifies.GetProperty("detail").GetString());
        Assert.Equal("assigned", await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT status FROM issues WHERE id = {id}"));
    }

    [Fact]
    public async Task A_huge_demarcation_upload_is_capped_and_the_check_has_a_time_budget()
    {
        var features = new JsonArray();
        for (var i = 0; i < 1200; i++)
        {
            var lon = 100.0 + i * 0.00008;
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(new JsonArray(lon, 30.025), new JsonArray(lon + 0.00008, 30.025)) },
                ["properties"] = new JsonObject { ["code"] = $"P{i}", ["river_code"] = "R1", ["level"] = "township", ["area_code"] = "T01", ["chief_id"] = "C2" },
            });
        }
        var body = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
        await using var fixture = await ConfiguredService.StartAsync("caps", TestPaths.Mini, new Dictionary<string, string>(RiverGisFactory.TestLimits)
        {
            ["Limits:DemarcationMaxFeatures"] = "1000",
            ["Limits:DemarcationTimeBudget"] = "00:00:00.001",
        });
        var office = await fixture.AsAsync("office", RiverGis.Api.Accounts.Role.Office, area: "T00");
        var tooMany = await ServiceFixture.ReadAsync(await office.PostAsync("/api/demarcation/check", new StringContent(body, Encoding.UTF8, "application/geo+json")),
            HttpStatusCode.RequestEntityTooLarge, "cap");
        ServiceFixture.AssertNames(tooMany, "features", "at most 1000");
        var fewer = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features.Take(900).Select(f => f!.DeepClone()).ToArray()) }.ToJsonString();
        var slow = await ServiceFixture.ReadAsync(await office.PostAsync("/api/demarcation/check", new StringContent(fewer, Encoding.UTF8, "application/geo+json")),
            HttpStatusCode.UnprocessableEntity, "budget");
        ServiceFixture.AssertNames(slow, "time_budget", "Limits:DemarcationTimeBudget");
    }
}
