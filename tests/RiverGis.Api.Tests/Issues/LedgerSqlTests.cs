using System.Net;
using System.Text.Json;
using Npgsql;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Tests.Issues;

/// <summary>
/// The ledger's SQL against its C# rules: issue_is_open and issue_light (migration 0003) agree with
/// IssueStatuses.IsTerminal and StatusLight.Of for every status around every threshold; pages, counts and lights
/// computed in SQL agree with the stored rows; Chinese category labels are taken as codes.
/// </summary>
public sealed class LedgerSqlTests(MiniService service) : IClassFixture<MiniService>
{
    /// <summary>Deadlines relative to "now": past, at the instant, at and around the 3-day yellow threshold, far ahead.</summary>
    private static readonly TimeSpan[] DeadlineOffsets =
    [
        TimeSpan.FromDays(-10), TimeSpan.FromSeconds(-1), TimeSpan.Zero, TimeSpan.FromSeconds(1), StatusLight.DueSoon - TimeSpan.FromSeconds(1),
        StatusLight.DueSoon, StatusLight.DueSoon + TimeSpan.FromSeconds(1), TimeSpan.FromDays(30),
    ];

    [Fact]
    public async Task Open_and_light_in_SQL_are_the_CSharp_rules_for_every_status_and_threshold()
    {
        var now = new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero);
        await using var dataSource = NpgsqlDataSource.Create(service.ConnectionString);
        var cases = 0;
        foreach (var status in Enum.GetValues<IssueStatus>())
        {
            foreach (var offset in DeadlineOffsets)
            {
                var deadline = now + offset;
                await using var cmd = dataSource.CreateCommand("SELECT issue_is_open($1), issue_light($1, $2, $3, $4)");
                cmd.Parameters.AddWithValue(status.ToCode());
                cmd.Parameters.AddWithValue(deadline.UtcDateTime);
                cmd.Parameters.AddWithValue(now.UtcDateTime);
                cmd.Parameters.AddWithValue(StatusLight.DueSoon);
                await using var reader = await cmd.ExecuteReaderAsync();
                await reader.ReadAsync();
                Assert.Equal(status.IsOpen(), reader.GetBoolean(0));
                Assert.True(StatusLight.Of(status, deadline, now).ToCode() == reader.GetString(1), $"{status} deadline {offset}: SQL says {reader.GetString(1)}");
                cases++;
            }
        }
        Assert.Equal(7 * DeadlineOffsets.Length, cases);
    }

    [Fact]
    public async Task The_planner_inlines_the_rules_into_ledger_queries()
    {
        // Not inlined, each is a function call per row (STRICT on a CASE prevents inlining: 20× slower at 20 000 issues).
        await using var dataSource = NpgsqlDataSource.Create(service.ConnectionString);
        await using var cmd = dataSource.CreateCommand(
            "EXPLAIN (VERBOSE, COSTS OFF) SELECT issue_light(status, deadline, now(), interval '3 days') FROM issues WHERE issue_is_open(status)");
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        var text = string.Join("\n", plan);
        Assert.DoesNotContain("issue_light(", text);
        Assert.DoesNotContain("issue_is_open(", text);
        Assert.Contains("CASE", text);
    }

    private static string Report(double lon, string category, DateTimeOffset? reportedAt = null) =>
        "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + FormattableString.Invariant($"{lon}") + ", 30.0251]}, "
        + $"\"properties\": {{\"category\": \"{category}\", \"description\": \"d\", \"source\": \"patrol\""
        + (reportedAt is { } at ? $", \"reported_at\": \"{at:O}\"" : "") + "}}";

    [Theory]
    [InlineData("黑臭水体", "black_odorous")]
    [InlineData("乱占", "encroachment")]
    [InlineData("其他", "other")]
    [InlineData("illegal_mining", "illegal_mining")]
    public async Task Chinese_category_labels_are_taken_as_their_codes(string given, string code)
    {
        var issue = await service.PostJsonAsync("/api/issues", Report(100.031, given), HttpStatusCode.Created);
        Assert.Equal(code, issue.GetProperty("properties").GetProperty("category").GetString());
        Assert.Equal(code, await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT category FROM issues WHERE id = {issue.GetProperty("id").GetInt64()}"));
    }

    [Fact]
    public async Task An_unknown_label_is_refused_with_the_codes_and_labels_listed()
    {
        var problem = await service.PostJsonAsync("/api/issues", Report(100.031, "噪音"), HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(problem, "properties.category", "黑臭水体");
    }

    [Fact]
    public async Task Pages_counts_and_lights_come_from_SQL_and_agree_with_the_stored_rows()
    {
        var now = DateTimeOffset.UtcNow;
        // Three reports of one category with different lights: overdue (red), due in 2 days (yellow), fresh (green).
        await service.PostJsonAsync("/api/issues", Report(100.041, "garbage", now.AddDays(-4)), HttpStatusCode.Created);
        await service.PostJsonAsync("/api/issues", Report(100.042, "garbage", now.AddDays(-1)), HttpStatusCode.Created);
        await service.PostJsonAsync("/api/issues", Report(100.043, "garbage"), HttpStatusCode.Created);
        var stored = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues WHERE category = 'garbage'");

        var all = await service.GetJsonAsync("/api/issues?category=garbage", client: await service.CountyOffice);
        Assert.Equal(stored, all.GetProperty("number_matched").GetInt32());
        var lights = all.GetProperty("lights");
        Assert.Equal(stored, lights.GetProperty("green").GetInt32() + lights.GetProperty("yellow").GetInt32() + lights.GetProperty("red").GetInt32());
        Assert.True(lights.GetProperty("red").GetInt32() >= 1 && lights.GetProperty("yellow").GetInt32() >= 1);

        // Pages are disjoint, in the ledger order (newest report first), and together the whole selection.
        var ids = new List<long>();
        for (var offset = 0; offset < stored; offset += 2)
        {
            var page = await service.GetJsonAsync($"/api/issues?category=garbage&limit=2&offset={offset}", client: await service.CountyOffice);
            Assert.Equal(stored, page.GetProperty("number_matched").GetInt32());
            Assert.Equal(page.GetProperty("features").GetArrayLength(), page.GetProperty("number_returned").GetInt32());
            ids.AddRange(page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
        }
        Assert.Equal(all.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()), ids);

        // A light filter: the matched number is that light's count; the light counts stay those of the whole selection.
        var red = await service.GetJsonAsync("/api/issues?category=garbage&light=red", client: await service.CountyOffice);
        Assert.Equal(lights.GetProperty("red").GetInt32(), red.GetProperty("number_matched").GetInt32());
        Assert.Equal(lights.GetRawText(), red.GetProperty("lights").GetRawText());
        Assert.All(red.GetProperty("features").EnumerateArray(), f => Assert.Equal("red", f.GetProperty("properties").GetProperty("light").GetString()));

        var closed = await service.GetJsonAsync("/api/issues?open=false", client: await service.CountyOffice);
        Assert.Equal(await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues WHERE status IN ('closed', 'rejected')"),
            closed.GetProperty("number_matched").GetInt32());
        await service.GetJsonAsync("/api/issues?limit=0", HttpStatusCode.BadRequest, await service.CountyOffice);
        await service.GetJsonAsync("/api/issues?offset=1.5", HttpStatusCode.BadRequest, await service.CountyOffice);
    }
}
