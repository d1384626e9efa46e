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
        var id = (await service.PostJsonAsync("/api/issues", body, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        foreach (var action in new[] { """{"action": "assign", "actor": "x", "chief_id": "C2"}""", """{"action": "start_rectification", "actor": "x"}""",
                     """{"action": "submit_for_verification", "actor": "x"}""", """{"action": "pass_verification", "actor": "x"}""" })
            await service.PostJsonAsync($"/api/issues/{id}/transitions", action, HttpStatusCode.OK);
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
            HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var passes = await service.PostJsonAsync($"/api/issues/{closed[0]}/recheck", """{"result": "passes"}""", HttpStatusCode.OK);
        Assert.Equal(("passes", "closed"), (passes.GetProperty("recheck").GetProperty("result").GetString(), passes.GetProperty("issue_status").GetString()));
        ServiceFixture.AssertNames(await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", """{"result": "reopens"}""", HttpStatusCode.BadRequest), "reason", "required to reopen");
        ServiceFixture.AssertNames(await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", """{"result": "maybe"}""", HttpStatusCode.BadRequest), "result", "unknown value 'maybe'");
        await service.PostJsonAsync($"/api/issues/{open}/recheck", """{"result": "passes"}""", HttpStatusCode.Conflict);
        await service.PostJsonAsync("/api/issues/999999/recheck", """{"result": "passes"}""", HttpStatusCode.NotFound);

        var reopened = await service.PostJsonAsync($"/api/issues/{closed[1]}/recheck", """{"result": "reopens", "reason": "回头看：垃圾反弹"}""", HttpStatusCode.OK);
        Assert.Equal("returned", reopened.GetProperty("issue_status").GetString());
        var issue = await service.GetJsonAsync($"/api/issues/{closed[1]}");
        var last = issue.GetProperty("properties").GetProperty("events").EnumerateArray().Last();
        Assert.Equal(("reopen", "回头看：垃圾反弹"), (last.GetProperty("action").GetString(), last.GetProperty("note").GetString()));
        Assert.Equal(JsonValueKind.Null, issue.GetProperty("properties").GetProperty("closed_at").ValueKind);
        Assert.Equal(2, (await service.GetJsonAsync($"/api/issues/{closed[1]}/rechecks")).GetArrayLength() + 1);

        // The quarter is sampled after it ends: 11 issues were closed in Q4 and are still closed (one reopened) — 12 closing
        // events; 10 % of 12 rounded up is 2.
        await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", "{}", HttpStatusCode.Conflict);
        service.SetNow(new DateTimeOffset(2027, 1, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        await service.GetJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", HttpStatusCode.NotFound);
        var sample = await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", "{}", HttpStatusCode.OK);
        Assert.Equal((12, 2), (sample.GetProperty("closed_in_quarter").GetInt32(), sample.GetProperty("drawn").GetInt32()));
        var drawn = sample.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("issue_id").GetInt64()).ToList();
        Assert.All(drawn, id => Assert.Contains(id, closed));
        var again = await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01", "{}", HttpStatusCode.OK);
        Assert.Equal(drawn, again.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("issue_id").GetInt64()));
        Assert.Equal(drawn, (await service.GetJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T01")).GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("issue_id").GetInt64()));
        Assert.Equal(0, (await service.PostJsonAsync("/api/rechecks/samples?quarter=2026-Q4&area_code=T02", "{}", HttpStatusCode.OK)).GetProperty("drawn").GetInt32());
    }

    [Theory]
    [InlineData("/api/rechecks/samples?quarter=2026-11&area_code=T01", "quarter", "not a quarter")]
    [InlineData("/api/rechecks/samples?quarter=2026-Q5&area_code=T01", "quarter", "not a period")]
    [InlineData("/api/rechecks/samples?quarter=2026-Q3", "area_code", "required")]
    public async Task Bad_sample_requests_say_what_is_wrong(string url, string where, string fragment) =>
        ServiceFixture.AssertNames(await service.GetJsonAsync(url, HttpStatusCode.BadRequest), where, fragment);
}
