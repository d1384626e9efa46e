using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using RiverGis.Api.Database;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Faults;

/// <summary>
/// A real service process over a PostgreSQL cluster of its own (a second throwaway cluster, so stopping it hurts no
/// other test): the database goes away under the running service and comes back.
/// </summary>
public sealed class OutageService : IAsyncLifetime
{
    public LocalPostgres Cluster { get; private set; } = null!;
    public ServiceProcess Service { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        Cluster = await LocalPostgres.StartThrowawayAsync(m => Console.WriteLine("[outage-pg] " + m));
        Service = await ServiceProcess.StartAsync(Cluster.ConnectionString, TestPaths.Mini, new Dictionary<string, string>
        {
            ["Faults__RetryAfterSeconds"] = "7",
            // Give up on the absent server quickly instead of Npgsql's default 15 s.
            [DatabaseConnection.EnvironmentVariable] = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString) { Timeout = 3 }.ConnectionString,
        });
        Http.BaseAddress = new Uri(Service.BaseUrl);
        // The ledger's reads are the office's: the outage must be a 503 to them, not a 401 before the database is asked.
        await TestAccounts.CreateWithCliAsync(Cluster.ConnectionString, "outage-office", RiverGis.Api.Accounts.Role.Office, area: "T00");
        await TestAccounts.SignInAsync(Http, "outage-office");
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

public sealed class DatabaseOutageTests(OutageService fixture) : IClassFixture<OutageService>
{
    private HttpClient Http => fixture.Http;

    private static string Report(string description) =>
        "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [100.015, 30.0253]}, "
        + $"\"properties\": {{\"category\": \"garbage\", \"description\": \"{description}\", \"source\": \"public\"}}}}";

    private async Task<HttpResponseMessage> FileAsync(string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/issues") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return await Http.SendAsync(request);
    }

    private static async Task<JsonElement> Unavailable(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: expected 503, got {(int)response.StatusCode}: {text}");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        if (what.StartsWith("/open311", StringComparison.Ordinal))
        {
            // Open311 words it as its error array.
            Assert.Equal(503, body[0].GetProperty("code").GetInt32());
            return body;
        }
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    [Fact]
    public async Task While_the_database_is_away_memory_answers_the_rest_is_a_503_and_a_retried_write_stores_once()
    {
        // Warm: the in-memory system is prepared and the data version known.
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/responsible?lon=100.015&lat=30.0253")).StatusCode);
        var body = Report("停库期间上报的垃圾");
        var key = "outage-" + Guid.NewGuid().ToString("N");

        await fixture.Cluster.StopServerAsync("fast");
        try
        {
            // Answered from memory, also after the data version's one-second check has run against the absent database.
            for (var i = 0; i < 3; i++)
            {
                foreach (var url in new[]
                {
                    "/api/responsible?lon=100.015&lat=30.0253",
                    "/api/network/navigate?lon=100.015&lat=30.0253&mode=DM&distance_km=5",
                    "/api/network/snap?lon=100.015&lat=30.0253",
                    "/api/analysis/coverage-gaps?level=village",
                    "/api/rivers/R1/profile",
                })
                {
                    var response = await Http.GetAsync(url);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                await Task.Delay(700);
            }

            var health = await Unavailable(await Http.GetAsync("/health"), "/health");
            Assert.Contains(health.GetProperty("still_answering").EnumerateArray(), s => s.GetString()!.Contains("/api/responsible"));
            foreach (var url in new[] { "/api/issues", "/api/issues/export.csv", "/features/collections/segments/items", "/features/collections/issues/items",
                         "/api/issues/1", "/api/patrols/compliance", "/api/patrols", "/open311/v2/requests.json", "/tiles/segments/10/796/419.mvt" })
                await Unavailable(await Http.GetAsync(url), url);
            await Unavailable(await FileAsync(body, key), "POST /api/issues");
        }
        finally
        {
            await fixture.Cluster.StartServerAsync();
        }

        // Recovered without a restart of the service; the retry with the same key stores exactly one issue.
        HttpResponseMessage retried = null!;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            retried = await FileAsync(body, key);
            if (retried.StatusCode != HttpStatusCode.ServiceUnavailable) break;
            await Task.Delay(500);
        }
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var again = await FileAsync(body, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1L, await Db.ScalarAsync<long>(fixture.Cluster.ConnectionString, "SELECT count(*) FROM issues WHERE description = '停库期间上报的垃圾'"));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/features/collections/segments/items")).StatusCode);
    }

    /// <summary>
    /// Sessions killed while pages are being read (pg_terminate_backend: a broken connection mid-query, 57P01): every
    /// answer is a complete GeoJSON document with a 200 or a 503 problem — never a 200 cut off.
    /// </summary>
    [Fact]
    public async Task Feature_pages_are_complete_or_an_error_when_connections_break_mid_query()
    {
        var statuses = new List<HttpStatusCode>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var killer = Task.Run(async () =>
        {
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.Cluster.ConnectionString) { Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var cmd = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'", admin);
                await cmd.ExecuteScalarAsync();
                await Task.Delay(15);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var collection in new[] { "segments", "rivers", "admin-areas", "patrol-tracks" })
                {
                    var response = await Http.GetAsync($"/features/collections/{collection}/items?limit=10000");
                    var text = await response.Content.ReadAsStringAsync();
                    lock (statuses) statuses.Add(response.StatusCode);
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{collection}: {(int)response.StatusCode} {text}");
                    using var document = JsonDocument.Parse(text);
                    if (response.StatusCode == HttpStatusCode.OK)
                        Assert.Equal(document.RootElement.GetProperty("numberReturned").GetInt32(), document.RootElement.GetProperty("features").GetArrayLength());
                }
            }
        })).ToArray();
        await Task.WhenAll([killer, .. readers]);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }
}
