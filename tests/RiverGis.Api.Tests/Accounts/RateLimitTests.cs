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
}
