using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using Npgsql;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Patrols;

/// <summary>
/// Compliance, coverage and the ledger on the Jinkouhe sample (金口河区): patrols walked along real segments in
/// November 2026 by chiefs of each kind, judged against the district plans' rules as counted by hand below.
/// </summary>
public sealed class PatrolComplianceTests(WalkedSample service) : IClassFixture<WalkedSample>
{
    private const string County = "511113";

    /// <summary>The county's office (河长办): compliance, coverage and the ledger of its subtree.</summary>
    private Task<HttpClient> Office() => As.Office(County).ClientAsync(service);

    private static JsonElement Row(JsonElement compliance, string chief) =>
        compliance.GetProperty("chiefs").EnumerateArray().Single(c => c.GetProperty("chief_id").GetString() == chief);

    public static TheoryData<string, string, bool, int, int, string> Expected => new()
    {
        // chief, rule in words, compliant, valid, shortfall, status
        { "511113-P002", "每月不少于1次", true, 1, 0, "compliant" },
        { "511113-P004", "每月不少于4次、每旬不少于1次", true, 4, 0, "compliant" },
        { "511113-P005", "每月不少于4次、每旬不少于1次", false, 4, 2, "shortfall" },
        { "511113-P017", "每周不少于1次", false, 3, 1, "shortfall" },
        { "511113-P003", "每季度不少于1次", true, 0, 0, "compliant" },
        { "511113-P001", "每季度不少于1次", false, 0, 1, "pending" },
        { "511113-P010", "每月不少于4次、每旬不少于1次", false, 0, 4, "shortfall" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task November_reproduces_the_district_rules(string chief, string rule, bool compliant, int valid, int shortfall, string status)
    {
        var compliance = await service.GetJsonAsync($"/api/patrols/compliance?period=2026-11&area_code={County}", client: await Office());
        var row = Row(compliance, chief);
        Assert.Equal(rule, row.GetProperty("rule").GetString());
        Assert.Equal(compliant, row.GetProperty("compliant").GetBoolean());
        Assert.Equal(valid, row.GetProperty("valid_patrols").GetInt32());
        Assert.Equal(shortfall, row.GetProperty("shortfall").GetInt32());
        Assert.Equal(status, row.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Per_xun_counts_invalid_patrols_and_the_summary_are_reported()
    {
        var compliance = await service.GetJsonAsync($"/api/patrols/compliance?period=2026-11&area_code={County}", client: await Office());
        Assert.Equal([2, 1, 1], Row(compliance, "511113-P004").GetProperty("xun_counts").EnumerateArray().Select(x => x.GetProperty("valid").GetInt32()));
        Assert.Equal(1, Row(compliance, "511113-P004").GetProperty("invalid_patrols").GetInt32());
        Assert.Equal([4, 0, 0], Row(compliance, "511113-P005").GetProperty("xun_counts").EnumerateArray().Select(x => x.GetProperty("valid").GetInt32()));
        Assert.Equal(JsonValueKind.Null, Row(compliance, "511113-P002").GetProperty("xun_counts").ValueKind);
        // Every river chief holding a segment in the county and every general chief of it is judged.
        var expectedChiefs = await Db.ScalarAsync<long>(service.ConnectionString, $"""
            SELECT count(*) FROM chiefs c WHERE c.area_code LIKE '{County}%' AND (c.role = 'general' OR EXISTS (SELECT 1 FROM segments s WHERE s.chief_id = c.id))
            """);
        var chiefs = compliance.GetProperty("chiefs").EnumerateArray().ToList();
        Assert.Equal(expectedChiefs, chiefs.Count);
        var summary = compliance.GetProperty("summary");
        Assert.Equal(chiefs.Count(c => c.GetProperty("compliant").GetBoolean()), summary.GetProperty("compliant").GetInt32());
        var township = summary.GetProperty("by_level").EnumerateArray().Single(l => l.GetProperty("level").GetString() == "township");
        Assert.Equal(chiefs.Count(c => c.GetProperty("level").GetString() == "township"), township.GetProperty("chiefs").GetInt32());
        Assert.Equal(chiefs.Count(c => c.GetProperty("level").GetString() == "township" && c.GetProperty("compliant").GetBoolean()), township.GetProperty("compliant").GetInt32());
        // The areas under the county, each with its chiefs by level; the county's own chiefs under the county.
        Assert.Contains(summary.GetProperty("by_area").EnumerateArray(), a => a.GetProperty("area_code").GetString() == County);
        Assert.Contains(summary.GetProperty("by_area").EnumerateArray(), a => a.GetProperty("area_code").GetString() == "511113100");
    }

    [Fact]
    public async Task The_quarter_judges_every_month_and_rules_filter_by_level_and_role()
    {
        var quarter = await service.GetJsonAsync($"/api/patrols/compliance?period=2026-Q4&area_code={County}&role=chief&level=township", client: await Office());
        Assert.All(quarter.GetProperty("chiefs").EnumerateArray(), c =>
        {
            Assert.Equal("township", c.GetProperty("level").GetString());
            Assert.Equal("chief", c.GetProperty("role").GetString());
            Assert.Equal(12, c.GetProperty("required").GetInt32());
            Assert.Equal(["2026-10", "2026-11", "2026-12"], c.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("period").GetString()));
        });
        // P004's October and December are empty: 4 + 4 short.
        Assert.Equal(8, Row(quarter, "511113-P004").GetProperty("shortfall").GetInt32());
    }

    [Fact]
    public async Task Csv_and_xlsx_exports_hold_the_same_lines()
    {
        var json = await service.GetJsonAsync($"/api/patrols/compliance?period=2026-11&area_code={County}", client: await Office());
        var xlsx = await (await Office()).GetAsync($"/api/patrols/compliance?period=2026-11&area_code={County}&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(json.GetProperty("chiefs").GetArrayLength(), rows.Count);
        var p005 = rows.Single(r => (string?)r["chief_id"] == "511113-P005");
        Assert.Equal("未达标", p005["状态 status"]);
        Assert.Equal(2.0, Convert.ToDouble(p005["shortfall 差额"]));
        Assert.Equal("上旬4 中旬0 下旬0", p005["旬 counts"]);
        var csv = await (await Office()).GetStringAsync($"/api/patrols/compliance?period=2026-11&area_code={County}&format=csv");
        Assert.StartsWith("\uFEFFchief_id,", csv);
        Assert.Equal(rows.Count + 1, csv.TrimEnd().Split("\r\n").Length);
        Assert.Contains("511113-P005,", csv);
    }

    [Fact]
    public async Task Coverage_shows_what_the_valid_patrols_left_unwalked_as_PostGIS_finds_it()
    {
        var coverage = await service.GetJsonAsync("/api/patrols/coverage?period=2026-11&chief_id=511113-P004&include_patrolled=true", client: await Office());
        var segments = coverage.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM segments WHERE chief_id = '511113-P004'"), segments.Count);
        // Oracle: the part of each segment within 200 m of the chief's valid November walks (the driven patrol excluded).
        foreach (var segment in segments)
        {
            var code = segment.GetProperty("segment_code").GetString();
            var oracle = await Db.ScalarAsync<double>(service.ConnectionString, $"""
                SELECT coalesce(ST_Length(ST_Intersection(s.geom, ST_Union(ST_Buffer(t.geom::geography, 200)::geometry))::geography), 0)
                FROM segments s JOIN patrol_tracks t ON t.chief_id = s.chief_id
                WHERE s.code = '{code}' AND t.started_at >= '2026-11-01T00:00:00+08' AND t.started_at < '2026-12-01T00:00:00+08'
                  AND t.started_at <> '2026-11-20T09:00:00+08'
                GROUP BY s.geom
                """);
            var patrolled = segment.GetProperty("patrolled_m").GetDouble();
            Assert.True(Math.Abs(patrolled - oracle) <= Math.Max(2, 0.005 * oracle), $"{code}: {patrolled} m patrolled, PostGIS {oracle} m");
            var length = segment.GetProperty("length_m").GetDouble();
            var unpatrolled = coverage.GetProperty("features").EnumerateArray()
                .Where(f => f.GetProperty("properties").GetProperty("segment_code").GetString() == code && f.GetProperty("properties").GetProperty("state").GetString() == "unpatrolled")
                .Sum(f => f.GetProperty("properties").GetProperty("length_m").GetDouble());
            Assert.Equal(length - patrolled, unpatrolled, 0);
        }
    }

    [Fact]
    public async Task The_ledger_lists_patrols_with_their_problems_per_level_and_only_to_whom_it_concerns()
    {
        var ledger = await PatrolRequests.GetAsync(service, "/api/patrols?chief_id=511113-P004&from=2026-11-01&to=2026-11-30", As.Chief("511113-P004"));
        var features = ledger.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(5, ledger.GetProperty("number_matched").GetInt32());
        Assert.Equal(4, features.Count(f => f.GetProperty("properties").GetProperty("valid").GetBoolean()));
        // A problem found on the patrol of 15 Nov is filed with its patrol_id and counted for the township level.
        var patrol = features.Single(f => f.GetProperty("properties").GetProperty("started_at").GetString()!.StartsWith("2026-11-15T01:00:00"));
        var id = patrol.GetProperty("id").GetInt64();
        var start = patrol.GetProperty("geometry").GetProperty("coordinates")[0];
        var report = $$"""
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [{{start[0]}}, {{start[1]}}]},
             "properties": {"category": "garbage", "description": "岸边垃圾", "source": "patrol", "patrol_id": {{id}}, "reported_at": "2026-11-15T09:20:00+08:00"} }
            """;
        // Only who may see the patrol names it: another chief, or the public, is told there is no such patrol, as for one that does not exist.
        foreach (var stranger in new[] { As.Chief("511113-P005"), As.Public })
            ServiceFixture.AssertNames(await service.PostJsonAsync("/api/issues", report, HttpStatusCode.UnprocessableEntity, client: await stranger.ClientAsync(service)),
                "properties.patrol_id", "unknown patrol");
        await service.PostJsonAsync("/api/issues", """
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [103.1, 29.2]}, "properties": {"category": "garbage", "description": "x", "source": "patrol", "patrol_id": 999999}}
            """, HttpStatusCode.UnprocessableEntity, client: await As.Chief("511113-P004").ClientAsync(service));
        var issue = await service.PostJsonAsync("/api/issues", report, HttpStatusCode.Created, client: await As.Chief("511113-P004").ClientAsync(service));
        Assert.Equal(id, issue.GetProperty("properties").GetProperty("patrol_id").GetInt64());
        var detail = await PatrolRequests.GetAsync(service, $"/api/patrols/{id}", As.Chief("511113-P004"));
        Assert.Equal(issue.GetProperty("id").GetInt64(), detail.GetProperty("properties").GetProperty("issues")[0].GetProperty("id").GetInt64());
        var office = await PatrolRequests.GetAsync(service, $"/api/patrols?area_code={County}&from=2026-11-01&to=2026-11-30&limit=1", As.Office(County));
        var byLevel = office.GetProperty("problems_by_level").EnumerateArray().ToList();
        Assert.Equal(1, byLevel.Single(l => l.GetProperty("level").GetString() == "township").GetProperty("problems").GetInt32());
        Assert.Equal(1, office.GetProperty("number_returned").GetInt32());
        // To another chief, or an office of another township, the patrol does not exist; another chief may not list it.
        await PatrolRequests.GetAsync(service, $"/api/patrols/{id}", As.Chief("511113-P005"), HttpStatusCode.NotFound);
        await PatrolRequests.GetAsync(service, "/api/patrols?chief_id=511113-P004", As.Chief("511113-P005"), HttpStatusCode.Forbidden);
        await PatrolRequests.GetAsync(service, $"/api/patrols/{id}", As.Office("511113200"), HttpStatusCode.NotFound);
        await PatrolRequests.GetAsync(service, $"/api/patrols/{id}", As.Public, HttpStatusCode.Unauthorized);
        // The ledger as a spreadsheet.
        var csv = await (await Office()).GetStringAsync("/api/patrols?chief_id=511113-P004&format=csv");
        Assert.Equal(6, csv.TrimEnd().Split("\r\n").Length);
        Assert.Contains("vehicle_speed", csv);
    }

    [Fact]
    public async Task Compliance_and_coverage_are_read_in_the_callers_scope()
    {
        // A chief reads their own row only; naming another chief is a 403.
        var own = await PatrolRequests.GetAsync(service, "/api/patrols/compliance?period=2026-11", As.Chief("511113-P004"));
        Assert.Equal(["511113-P004"], own.GetProperty("chiefs").EnumerateArray().Select(c => c.GetProperty("chief_id").GetString()));
        await PatrolRequests.GetAsync(service, "/api/patrols/compliance?period=2026-11&chief_id=511113-P005", As.Chief("511113-P004"), HttpStatusCode.Forbidden);
        var coverage = await PatrolRequests.GetAsync(service, "/api/patrols/coverage?period=2026-11", As.Chief("511113-P004"));
        Assert.All(coverage.GetProperty("segments").EnumerateArray(), s => Assert.Equal("511113-P004", s.GetProperty("chief_id").GetString()));
        // An office of a township: its own subtree by default; the county above it is an area it does not know.
        var township = await PatrolRequests.GetAsync(service, "/api/patrols/compliance?period=2026-11", As.Office("511113200"));
        Assert.Contains(township.GetProperty("chiefs").EnumerateArray(), c => c.GetProperty("chief_id").GetString() == "511113-P010");
        Assert.DoesNotContain(township.GetProperty("chiefs").EnumerateArray(), c => c.GetProperty("chief_id").GetString() == "511113-P004");
        ServiceFixture.AssertNames(await PatrolRequests.GetAsync(service, $"/api/patrols/compliance?period=2026-11&area_code={County}", As.Office("511113200"),
            HttpStatusCode.BadRequest), "area_code", "unknown area");
        // Anonymous callers are asked to sign in; the rules themselves are public.
        await PatrolRequests.GetAsync(service, "/api/patrols/compliance?period=2026-11", As.Public, HttpStatusCode.Unauthorized);
        await PatrolRequests.GetAsync(service, "/api/patrols/rules", As.Public);
    }

    [Fact]
    public async Task The_former_rolling_window_path_redirects_to_the_calendar_rules()
    {
        var response = await service.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/api/analysis/patrols?period=2026-11&level=township");
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("/api/patrols/compliance?period=2026-11&level=township", response.Headers.Location?.ToString());
    }
}

/// <summary>The samples with the November walks of <see cref="PatrolComplianceTests"/> submitted once.</summary>
public sealed class WalkedSample() : ServiceFixture("patrols-sample", TestPaths.SampleData)
{
    // Who walks when (days of November 2026 unless given); the sample's chiefs, their levels and roles as in chiefs.csv.
    private static readonly (string Chief, string[] Days)[] Walks =
    [
        ("511113-P002", ["11-10"]),                          // county river chief: 1 a month
        ("511113-P004", ["11-03", "11-08", "11-15", "11-25"]), // township river chief: 4 a month, 1 each 旬
        ("511113-P005", ["11-02", "11-03", "11-04", "11-05"]), // township river chief: 4, all in 上旬
        ("511113-P017", ["11-02", "11-09", "11-16"]),          // village river chief: weekly; the week of 23–29 Nov is missing
        ("511113-P003", ["10-20"]),                          // township general chief (总河长): 1 a quarter, walked in October
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (chief, days) in Walks)
        {
            var route = await PatrolRequests.RouteAlongAsync(ConnectionString, chief);
            foreach (var day in days)
            {
                var start = DateTimeOffset.Parse($"2026-{day}T09:00:00+08:00");
                var (status, body, _) = await PatrolRequests.PostAsync(this, PatrolRequests.Walk(route, start, 10), "application/geo+json", As.Chief(chief));
                Assert.True(status == HttpStatusCode.Created, body.ToString());
                Assert.True(body.GetProperty("properties").GetProperty("valid").GetBoolean(), body.ToString());
            }
        }
        // A driven patrol of P004 does not count.
        var fast = await PatrolRequests.RouteAlongAsync(ConnectionString, "511113-P004");
        var (driven, verdict, _) = await PatrolRequests.PostAsync(this, PatrolRequests.Walk(fast.Concat(Enumerable.Reverse(fast)).Concat(fast).ToList(),
            new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8)), 1), "application/geo+json", As.Chief("511113-P004"));
        Assert.Equal(HttpStatusCode.Created, driven);
        Assert.Contains("vehicle_speed", verdict.GetProperty("properties").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }


}
