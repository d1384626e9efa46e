using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Api.Tests.Month;

namespace RiverGis.Api.Tests.Rechecks;

/// <summary>回头看 on the office district: re-checks of closed issues and the quarterly sample (one scenario; the clock moves forward only).</summary>
public sealed class RecheckApiTests(OfficeService service) : IClassFixture<OfficeService>
{
    private async Task<long> ClosedIssueAsync(double lon, string description)
    {
        var body = "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + lon.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ", 30.0252]}, \"properties\": {\"category\": \"garbage\", \"description\": \"" + description + "\", \"source\": \"public\"}}";
        var id = (await service.PostJsonAsync("/api/issues", body, HttpStatusCode.Created, client: await service.CountyOffice)).GetProperty("id").GetInt64();
        var (office, chief) = (await service.CountyOffice, await service.Chief("C2"));
        foreach (var (action, by) in new[] { ("""{"action": "assign", "chief_id": "C2"}""", office), ("""{"action": "start_rectification"}""", chief),
                     ("""{"action": "submit_for_verification"}""", chief), ("""{"action": "pass_verification"}""", office) })
            await service.PostJsonAsync($"/api/issues/{id}/transitions", action, HttpStatusCode.OK, client: by);
        return id;
    }

    [Fact]
    public async Task A_recheck_passes_or_reopens_and_a_quarter_is_sampled_once()
    {
        service.SetNow(new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(8)));
        var closed = new List<long>();
        for (var i = 0; i < 12; i++) closed.Add(await ClosedIssueAsync(100.005 + i * 0.003, $"垃圾{i}"));
        var open = (await service.PostJsonAsync("/api/issues",
            """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.06, 30.0252]}, "properties": {"category": "garbage", "description": "未办结", "source": "public"}}""",
            HttpStatusCode.Created, client: await service.CountyOffice)).GetProperty("id").GetInt64();

        var passes = await service.PostJsonAsync($"/api/issues/{closed[0]}/recheck", """{"result": "passes"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal(("passes", "closed"), (passes.GetProperty("recheck").GetProperty("result").GetString(), passes.GetProperty("issue_status").GetString()));
        ServiceFixture.AssertNames(await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", """{"result": "reopens"}""", HttpStatusCode.BadRequest, client: await service.CountyOffice), "reason", "required to reopen");
        ServiceFixture.AssertNames(await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", """{"result": "maybe"}""", HttpStatusCode.BadRequest, client: await service.CountyOffice), "result", "unknown value 'maybe'");
        await service.PostJsonAsync($"/api/issues/{open}/recheck", """{"result": "passes"}""", HttpStatusCode.Conflict, client: await service.CountyOffice);
        await service.PostJsonAsync("/api/issues/999999/recheck", """{"result": "passes"}""", HttpStatusCode.NotFound, client: await service.CountyOffice);

        // Re-checks are the office's, in its scope: a chief is refused (403), another township's office does not see the
        // issue (404), nobody signed in is asked to (401); none of them stores anything.
        const string reopen = """{"result": "reopens", "reason": "回头看：垃圾反弹"}""";
        await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", reopen, HttpStatusCode.Forbidden, client: await service.Chief("C2"));
        await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", reopen, HttpStatusCode.NotFound, client: await service.WestOffice);
        await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", reopen, HttpStatusCode.Unauthorized);
        Assert.Equal(1, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issue_rechecks"));

        var reopened = await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", """{"result": "reopens", "reason": "回头看：垃圾反弹"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal("returned", reopened.GetProperty("issue_status").GetString());
        var issue = await service.GetJsonAsync($"/api/issues/{closed[1]}", client: await service.CountyOffice);
        var last = issue.GetProperty("properties").GetProperty("events").EnumerateArray().Last();
        Assert.Equal(("reopen", "回头看：垃圾反弹"), (last.GetProperty("action").GetString(), last.GetProperty("note").GetString()));
        Assert.Equal(JsonValueKind.Null, issue.GetProperty("properties").GetProperty("closed_at").ValueKind);
        // Reopening went through the lifecycle with the caller as actor, and the audit log has both the transition and the re-check.
        Assert.Equal("office-t00", last.GetProperty("actor").GetString());
        Assert.Equal("reopen recheck", string.Join(" ", await Db.ColumnAsync<string>(service.ConnectionString,
            $"SELECT action FROM audit_log WHERE resource_type = 'issue' AND resource_id = '{closed[1]}' AND username = 'office-t00' AND action IN ('reopen', 'recheck') ORDER BY id")));
        Assert.Equal(2, (await service.GetJsonAsync($"/api/issues/{closed[1]}/rechecks", client: await service.CountyOffice)).GetArrayLength() + 1);

        // The quarter is sampled after it ends: 11 issues were closed in Q4 and are still closed (one reopened) — 12 closing
        // events; 10 % of 12 rounded up is 2.
        await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", "{}", HttpStatusCode.Conflict, client: await service.CountyOffice);
        service.SetNow(new DateTimeOffset(2027, 1, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        await service.GetJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", HttpStatusCode.NotFound, client: await service.CountyOffice);
        var sample = await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", "{}", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal((12, 2), (sample.GetProperty("closed_in_quarter").GetInt32(), sample.GetProperty("drawn").GetInt32()));
        var drawn = sample.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("issue_id").GetInt64()).ToList();
        Assert.All(drawn, id => Assert.Contains(id, closed));
        var again = await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", "{}", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal(drawn, again.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("issue_id").GetInt64()));
        Assert.Equal(drawn, (await service.GetJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", client: await service.CountyOffice)).GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("issue_id").GetInt64()));
        Assert.Equal(0, (await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T02", "{}", HttpStatusCode.OK, client: await service.CountyOffice)).GetProperty("drawn").GetInt32());
    }

    [Theory]
    [InlineData("/api/rechecks/samples?quarter=2026-11&area_code=T01", "quarter", "not a quarter")]
    [InlineData("/api/rechecks/samples?quarter=2026-Q5&area_code=T01", "quarter", "not a period")]
    [InlineData("/api/rechecks/samples?quarter=2026-Q3", "area_code", "required")]
    public async Task Bad_sample_requests_say_what_is_wrong(string url, string where, string fragment) =>
        ServiceFixture.AssertNames(await service.GetJsonAsync(url, HttpStatusCode.BadRequest, client: await service.CountyOffice), where, fragment);
}
