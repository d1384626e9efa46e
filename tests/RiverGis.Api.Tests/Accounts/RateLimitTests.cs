using System.Net;
using System.Text;
using RiverGis.Api.Accounts;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>
/// The shipped rate limits (a service without the test suite's raised limits): one client filed 1,688 reports in
/// 3 s before; now anonymous writes stop at 10 a minute per address with 429 problems and Retry-After, the refused
/// ones store nothing, and a signed-in user writes from a bucket of their own.
/// </summary>
public sealed class RateLimitTests
{
    private const string Report = """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "garbage", "description": "刷单", "source": "public"}}""";

    [Fact]
    public async Task A_flood_of_anonymous_reports_stops_at_the_limit_and_stores_only_what_was_accepted()
    {
        await using var service = await ConfiguredService.StartAsync("ratelimit", TestPaths.Mini, RiverGisFactory.WithDefaultLimits);
        // Users first: sign-ins have their own bucket, apart from the reports.
        var office = await service.AsAsync("office", Role.Office, area: "T00");
        var before = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues");
        var statuses = new List<HttpStatusCode>();
        var tasks = Enumerable.Range(0, 40).Select(_ => service.Client.PostAsync("/api/issues", new StringContent(Report, Encoding.UTF8, "application/json")));
        var responses = await Task.WhenAll(tasks);
        foreach (var response in responses)
        {
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) continue;
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
            ServiceFixture.AssertNames(System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, "rate_limit", "10 writes per minute");
        }
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(before + 10, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues"));
        // The signed-in office is not starved by the anonymous flood.
        var signedIn = await office.PostAsync("/api/issues", new StringContent(Report, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
        // Reads are not limited here.
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/api/issues/categories")).StatusCode);
    }

    [Fact]
    public async Task An_open311_application_with_its_key_has_its_own_limit_and_its_reporters_get_a_follow_up_token()
    {
        await using var service = await ConfiguredService.StartAsync("appkeys", TestPaths.Mini,
            new Dictionary<string, string> { ["Open311:ApiKeys:0"] = "river-app-1" });
        FormUrlEncodedContent Form(string? key)
        {
            var fields = new Dictionary<string, string> { ["service_code"] = "garbage", ["lat"] = "30.0253", ["long"] = "100.02", ["description"] = "应用上报" };
            if (key is not null) fields["api_key"] = key;
            return new FormUrlEncodedContent(fields);
        }
        // A key that is not configured is refused (it counts as anonymous until then).
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Client.PostAsync("/open311/v2/requests.json", Form("stolen-key"))).StatusCode);
        var anonymous = await Task.WhenAll(Enumerable.Range(0, 14).Select(_ => service.Client.PostAsync("/open311/v2/requests.json", Form(null))));
        Assert.Equal(9, anonymous.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, anonymous.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        // The application's key: its own bucket (600 a minute), untouched by the anonymous flood from the same address.
        var app = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => service.Client.PostAsync("/open311/v2/requests.json", Form("river-app-1"))));
        Assert.All(app, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var created = System.Text.Json.JsonDocument.Parse(await app[0].Content.ReadAsStringAsync()).RootElement[0];
        var status = await service.GetJsonAsync("/api/issues/status/" + Uri.EscapeDataString(created.GetProperty("token").GetString()!));
        Assert.Equal(created.GetProperty("service_request_id").GetString(), status.GetProperty("id").GetInt64().ToString());
    }
}
