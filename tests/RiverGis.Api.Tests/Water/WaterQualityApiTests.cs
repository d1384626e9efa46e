using System.Globalization;
using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Geo.Calendar;

namespace RiverGis.Api.Tests.Water;

/// <summary>
/// Water quality on the water test district (TestData/water: the mini district with sections SEC-B at the T01/T02
/// boundary of R1 and SEC-UP upstream at 100.01° E, outlets O1 on R1 between them, O2 by tributary R2 joining at
/// 100.03° E, O3 upstream of SEC-UP, a reservoir RES1 with zones): samples classified by GB 3838-2002, bad input refused
/// with nothing stored, monthly compliance against hand-computed values, and the consecutive-failure escalation.
/// </summary>
public sealed class WaterQualityApiTests(WaterService service) : IClassFixture<WaterService>
{
    private string Cs => service.ConnectionString;

    private Task<long> SampleCount() => Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM samples");

    public static TheoryData<string, string, string, string> ClassifyCases => new()
    {
        // query, water_class, deciding factors, exceedance (code=multiple against III)
        { "kind=river&nh3_n=1.2&tp=0.1", "IV", "nh3_n", "nh3_n=0.2" },
        { "kind=river&nh3_n=1.0&tp=0.2", "III", "nh3_n,tp", "" },
        { "kind=lake&nh3_n=0.4&tp=0.1&tn=1.6", "V", "tn", "tp=1,tn=0.6" },
        { "kind=river&tn=5&do=1.5", "劣V", "do", "" },
        { "nh3_n=0.15&cod=15", "I", "cod,nh3_n", "" },
        { "kind=river&cod=60&target=II", "劣V", "cod", "cod=3" },
    };

    [Theory]
    [MemberData(nameof(ClassifyCases))]
    public async Task Classify_answers_GB_3838_2002_without_storing(string query, string waterClass, string deciding, string exceedance)
    {
        var before = await SampleCount();
        var r = await service.GetJsonAsync("/api/water-quality/classify?" + query);
        Assert.Equal(waterClass, r.GetProperty("water_class").GetString());
        Assert.Equal(deciding.Split(','), r.GetProperty("deciding_factors").EnumerateArray().Select(f => f.GetString()!).Order().ToArray());
        var expected = exceedance.Length == 0 ? [] : exceedance.Split(',').Select(e => e.Split('=')).ToDictionary(e => e[0], e => double.Parse(e[1], CultureInfo.InvariantCulture));
        var actual = r.GetProperty("exceedance").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.Equal(before, await SampleCount());
    }

    public static TheoryData<string, string, string> BadSamples => new()
    {
        // body, where, message fragment
        { """{"sampled_at": "2026-10-01", "factors": {"nh4": 0.5}}""", "factors.nh4", "unknown factor 'nh4'" },
        { """{"sampled_at": "2026-10-01", "factors": {"tp": {"value": 0.1, "unit": "ppm"}}}""", "factors.tp.unit", "unknown unit" },
        { """{"sampled_at": "2026-10-01", "unit": "g/m3", "factors": {"tp": 0.1}}""", "unit", "unknown unit 'g/m3'" },
        { """{"sampled_at": "2026-10-01", "factors": {"nh3_n": -0.2}}""", "factors.nh3_n", "negative concentration" },
        { """{"sampled_at": "2026-10-01", "factors": {"nh3_n": {"value": -1}}}""", "factors.nh3_n.value", "negative concentration" },
        { """{"sampled_at": "2099-01-01", "factors": {"nh3_n": 0.2}}""", "sampled_at", "in the future" },
        { """{"sampled_at": "yesterday", "factors": {"nh3_n": 0.2}}""", "sampled_at", "not a date" },
        { """{"sampled_at": "2026-10-01", "factors": {}}""", "factors", "required" },
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public async Task Bad_samples_are_refused_naming_the_field_and_nothing_is_stored(string body, string where, string fragment)
    {
        var before = await SampleCount();
        var problem = await service.PostJsonAsync("/api/sections/SEC-UP/samples", body, HttpStatusCode.BadRequest, client: await service.EastOffice);
        ServiceFixture.AssertNames(problem, where, fragment);
        Assert.Equal(before, await SampleCount());
    }

    [Fact]
    public async Task A_section_far_from_its_river_is_refused_and_not_stored()
    {
        var body = """
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.05, 30.03]},
             "properties": {"code": "SEC-FAR", "name": "远离河道", "kind": "assessment", "target_class": "III", "river_code": "R1", "area_codes": ["T02"]}}
            """;
        var west = await service.WestOffice;
        var problem = await service.PostJsonAsync("/api/sections", body, HttpStatusCode.UnprocessableEntity, client: west);
        ServiceFixture.AssertNames(problem, "geometry", "farther than 200 m from its river 'R1'");
        Assert.Equal(0L, await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM sections WHERE code = 'SEC-FAR'"));

        // 20 m from the river it is a section, snapped with its measure (checked against PostGIS).
        var near = body.Replace("30.03]", "30.0252]").Replace("SEC-FAR", "SEC-NEW");
        await service.PostJsonAsync("/api/sections", near, HttpStatusCode.Created, client: west);
        var list = await service.GetJsonAsync("/api/sections?river_code=R1");
        var added = list.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("code").GetString() == "SEC-NEW");
        var measure = await Db.ScalarAsync<double>(Cs,
            "SELECT ST_Length(ST_LineSubstring(geom, 0, ST_LineLocatePoint(geom, 'SRID=4326;POINT(100.05 30.0252)'::geometry))::geography) FROM rivers WHERE code = 'R1'");
        Assert.Equal(measure, added.GetProperty("properties").GetProperty("measure_m").GetDouble(), 1.0);
        // Answering to T02 only: not there for the office of T01; removed by the office of T02.
        Assert.Equal(HttpStatusCode.NotFound, (await (await service.EastOffice).DeleteAsync("/api/sections/SEC-NEW")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await west.DeleteAsync("/api/sections/SEC-NEW")).StatusCode);
        Assert.Equal(["create|office-t02|T00,T02", "delete|office-t02|T00,T02"], await AuditAsync("section", "SEC-NEW"));
    }

    [Fact]
    public async Task Monthly_compliance_and_rates_equal_hand_computed_values()
    {
        // samples.csv: SEC-UP (target II) Sept nh3_n 0.4 → II met; Oct 0.9 and 0.3 → mean 0.6 → III, failed.
        var r = await service.GetJsonAsync("/api/water-quality/compliance?period=2026-10");
        var up = r.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("code").GetString() == "SEC-UP").GetProperty("properties");
        Assert.Equal("III", up.GetProperty("water_class").GetString());
        Assert.False(up.GetProperty("target_met").GetBoolean());
        Assert.Equal(1, up.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal(["nh3_n"], up.GetProperty("deciding_factors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("worsening", up.GetProperty("trend").GetString());
        // T01 has SEC-UP (monitored, failed) and SEC-B (not monitored): 0 % now, 100 % in September, −100 points.
        var t01 = r.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area_code").GetString() == "T01");
        Assert.Equal((2, 1, 0, 0.0, 100.0, -100.0), (t01.GetProperty("sections").GetInt32(), t01.GetProperty("monitored").GetInt32(), t01.GetProperty("met").GetInt32(),
            t01.GetProperty("rate_percent").GetDouble(), t01.GetProperty("previous_rate_percent").GetDouble(), t01.GetProperty("change_points").GetDouble()));
        var series = await service.GetJsonAsync("/api/sections/SEC-UP/series?from=2026-09&to=2026-10");
        Assert.Equal(["2026-09", "2026-10"], series.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        Assert.Equal(0.6, series.GetProperty("periods")[1].GetProperty("means").GetProperty("nh3_n").GetDouble(), 6);
        Assert.Equal("synthetic", series.GetProperty("samples")[0].GetProperty("source").GetString());
    }

    /// <summary>
    /// The figures the office's month takes from the sections (plan targets, the assessment's water item): a month as the
    /// compliance endpoint rates it (hand-computed: T01 met in September, failed in October), a quarter as its
    /// section-months met over monitored, and nothing for an area or a year without monitored sections.
    /// </summary>
    [Fact]
    public async Task The_months_water_figures_are_the_sections_compliance()
    {
        var figures = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<RiverGis.Api.Figures.IWaterQualityFigures>(service.Factory.Services);
        Assert.True(await figures.SectionExistsAsync("SEC-UP", default));
        Assert.False(await figures.SectionExistsAsync("SEC-NONE", default));
        Assert.Equal(100.0, await figures.TargetMetPercentAsync(new OfficePeriod(PeriodKind.Month, 2026, 9), "T01", default));
        Assert.Equal(0.0, await figures.TargetMetPercentAsync(new OfficePeriod(PeriodKind.Month, 2026, 10), "T01", default));
        // The quarter: the section-months of July to September as the endpoint rates each month.
        int monitored = 0, met = 0;
        foreach (var month in new[] { "2026-07", "2026-08", "2026-09" })
        {
            var area = (await service.GetJsonAsync($"/api/water-quality/compliance?period={month}")).GetProperty("areas").EnumerateArray()
                .SingleOrDefault(a => a.GetProperty("area_code").GetString() == "T01");
            if (area.ValueKind == JsonValueKind.Undefined) continue;
            monitored += area.GetProperty("monitored").GetInt32();
            met += area.GetProperty("met").GetInt32();
        }
        Assert.True(monitored > 0);
        Assert.Equal(Math.Round(100.0 * met / monitored, 1), await figures.TargetMetPercentAsync(new OfficePeriod(PeriodKind.Quarter, 2026, 3), "T01", default));
        Assert.Null(await figures.TargetMetPercentAsync(OfficePeriod.YearOf(2020), "T01", default));
    }

    [Fact]
    public async Task Two_failing_months_open_exactly_one_routed_problem_listing_the_upstream_outlets()
    {
        var now = OfficePeriod.Containing(PeriodKind.Month, DateTimeOffset.UtcNow);
        var previous = now.Previous();
        var day = (OfficePeriod p, int d) => p.FirstDay.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var failing = (string date) => "{\"sampled_at\": \"" + date + "\", " + """ "factors": {"nh3_n": 1.8, "do": 6, "tp": {"value": 150, "unit": "µg/L"}}}""";

        var office = await service.EastOffice;
        var first = await service.PostJsonAsync("/api/sections/SEC-B/samples", failing(day(previous, 9)), HttpStatusCode.Created, "sec-b-1", office);
        Assert.Equal("V", first.GetProperty("samples")[0].GetProperty("water_class").GetString());
        Assert.Empty(first.GetProperty("escalations").EnumerateArray());
        // The retry with the same key is the same sample, not a second one.
        await service.PostJsonAsync("/api/sections/SEC-B/samples", failing(day(previous, 9)), HttpStatusCode.OK, "sec-b-1", office);
        var second = await service.PostJsonAsync("/api/sections/SEC-B/samples", failing(day(now, 0)), HttpStatusCode.Created, client: office);
        var escalation = second.GetProperty("escalations").EnumerateArray().Single();
        Assert.True(escalation.GetProperty("opened").GetBoolean());
        Assert.Equal(2, escalation.GetProperty("consecutive_failures").GetInt32());
        var id = escalation.GetProperty("issue_id").GetInt64();

        // Another failing sample in the same run, and the scan run again: still that one problem.
        await service.PostJsonAsync("/api/sections/SEC-B/samples", failing(day(now, 0) + "T06:00:00+08:00"), HttpStatusCode.Created, client: office);
        using (var scan = await office.PostAsync($"/api/water-quality/escalations?period={now.Code}", null))
        {
            var outcomes = JsonDocument.Parse(await scan.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
            Assert.Equal(id, outcomes.EnumerateArray().Single().GetProperty("issue_id").GetInt64());
            Assert.False(outcomes[0].GetProperty("opened").GetBoolean());
        }
        Assert.Equal(1L, await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM issues WHERE category = 'water_quality'"));
        // Filed by the service itself through the ledger, and audited as such; the samples by the office that posted them.
        var issueAreas = await Db.ScalarAsync<string>(Cs, $"SELECT array_to_string(area_codes, ',') FROM issues WHERE id = {id}");
        Assert.Equal([$"report|system|{issueAreas}"], await AuditAsync("issue", id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("system", await Db.ScalarAsync<string>(Cs, $"SELECT actor FROM issue_events WHERE issue_id = {id} AND action = 'report'"));
        Assert.Equal(3L, await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM audit_log WHERE resource_type = 'sample' AND username = 'office-t01' AND area_codes @> '{T01,T02}'"));

        // Routed to the chief responsible at the section, as /api/responsible answers there.
        var issue = (await service.GetJsonAsync($"/api/issues/{id}", client: await service.CountyOffice)).GetProperty("properties");
        var responsible = await service.GetJsonAsync("/api/responsible?lon=100.05&lat=30.0251");
        Assert.Equal(responsible.GetProperty("chief").GetProperty("id").GetString(), issue.GetProperty("chief_id").GetString());
        Assert.Equal("water_quality", issue.GetProperty("category").GetString());
        // Suspects: the outlets between SEC-UP and SEC-B, on R1 (O1) and on tributary R2 (O2); not O3 above SEC-UP.
        var routing = issue.GetProperty("routing");
        Assert.Equal(["O1", "O2"], routing.GetProperty("upstream_outlets").EnumerateArray().Select(o => o.GetProperty("code").GetString()).Order());
        var section = routing.GetProperty("section");
        Assert.Equal("SEC-B", section.GetProperty("section_code").GetString());
        Assert.Equal(["SEC-UP"], section.GetProperty("stopped_at_sections").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("S-3", section.GetProperty("upstream_segments").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        // A boundary section: the other side of the boundary is informed — its general chief (G1 of T01, G2 of T02).
        var routedArea = responsible.GetProperty("chief").GetProperty("area_code").GetString();
        var otherSide = new[] { "T01", "T02" }.Single(a => a != routedArea);
        Assert.Equal([otherSide], section.GetProperty("informed_area_codes").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(otherSide == "T01" ? "G1" : "G2", section.GetProperty("informed_chiefs").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_sample_for_the_same_time_twice_is_a_conflict_and_a_reused_key_is_refused()
    {
        var office = await service.EastOffice;
        var body = """{"sampled_at": "2026-08-01", "factors": {"nh3_n": 0.1}}""";
        await service.PostJsonAsync("/api/sections/SEC-UP/samples", body, HttpStatusCode.Created, "dup-1", office);
        var before = await SampleCount();
        ServiceFixture.AssertNames(await service.PostJsonAsync("/api/sections/SEC-UP/samples", body, HttpStatusCode.Conflict, client: office), "sampled_at", "already has a sample");
        ServiceFixture.AssertNames(await service.PostJsonAsync("/api/sections/SEC-UP/samples", body.Replace("0.1", "0.2"), (HttpStatusCode)422, "dup-1", office),
            "Idempotency-Key", "already used");
        // The same key for the same body posted to another section is another request.
        ServiceFixture.AssertNames(await service.PostJsonAsync("/api/sections/SEC-B/samples", body, (HttpStatusCode)422, "dup-1", office), "Idempotency-Key", "already used");
        await service.PostJsonAsync("/api/sections/NOPE/samples", body, HttpStatusCode.NotFound, client: office);
        Assert.Equal(before, await SampleCount());
        Assert.Equal(1L, await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM idempotency_keys WHERE scope = 'samples' AND key = 'dup-1'"));
    }

    [Fact]
    public async Task A_csv_import_stores_all_rows_or_none()
    {
        var before = await SampleCount();
        var bad = "section_code,sampled_at,nh3_n,tp[µg/L],zz\nSEC-UP,2026-07-01,0.2,30,1\nSEC-UP,2026-07-02,-1,30,1\n";
        var office = await service.EastOffice;
        using (var response = await office.PostAsync("/api/sections/samples/import", new StringContent(bad, System.Text.Encoding.UTF8, "text/csv")))
        {
            var problem = await ServiceFixture.ReadAsync(response, (HttpStatusCode)422, "import");
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains("unknown factor 'zz'"));
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("where").GetString() == "samples.csv, line 3, nh3_n");
        }
        Assert.Equal(before, await SampleCount());
        var good = "section_code,sampled_at,nh3_n,tp[µg/L]\nSEC-UP,2026-07-01,0.2,30\nSEC-UP,2026-07-02,0.1,20\n";
        // SEC-UP answers to T01: to the office of T02 it is an unknown section.
        using (var other = await (await service.WestOffice).PostAsync("/api/sections/samples/import", new StringContent(good, System.Text.Encoding.UTF8, "text/csv")))
            ServiceFixture.AssertNames(await ServiceFixture.ReadAsync(other, (HttpStatusCode)422, "import"), "samples.csv, section_code", "unknown section 'SEC-UP'");
        Assert.Equal(before, await SampleCount());
        using var ok = await office.PostAsync("/api/sections/samples/import", new StringContent(good, System.Text.Encoding.UTF8, "text/csv"));
        var stored = await ServiceFixture.ReadAsync(ok, HttpStatusCode.OK, "import");
        Assert.Equal(2, stored.GetProperty("stored").GetInt32());
        Assert.Equal(0.03, await Db.ScalarAsync<double>(Cs, "SELECT (factors->>'tp')::float8 FROM samples WHERE section_code = 'SEC-UP' AND sampled_at = '2026-07-01T00:00:00+08'"), 9);
    }

    public static TheoryData<string, string, string, string, HttpStatusCode> Refusals => new()
    {
        // who, method, url, body, status: nothing changes
        { "anonymous", "POST", "/api/sections/SEC-UP/samples", """{"sampled_at": "2026-05-01", "factors": {"nh3_n": 0.1}}""", HttpStatusCode.Unauthorized },
        { "chief", "POST", "/api/sections/SEC-UP/samples", """{"sampled_at": "2026-05-01", "factors": {"nh3_n": 0.1}}""", HttpStatusCode.Forbidden },
        { "west", "POST", "/api/sections/SEC-UP/samples", """{"sampled_at": "2026-05-01", "factors": {"nh3_n": 0.1}}""", HttpStatusCode.NotFound },
        { "west", "PUT", "/api/sections/SEC-UP", Section("SEC-UP", "T01"), HttpStatusCode.NotFound },
        { "west", "POST", "/api/sections", Section("SEC-X", "T01"), HttpStatusCode.Forbidden },
        { "east", "PUT", "/api/sections/SEC-UP", Section("SEC-UP", "T02"), HttpStatusCode.Forbidden },
        { "west", "PATCH", "/api/outlets/O1", """{"status": "closed"}""", HttpStatusCode.NotFound },
        { "west", "POST", "/api/outlets/O1/monitoring", """{"sampled_at": "2026-05-01", "factors": {"cod": 10}}""", HttpStatusCode.NotFound },
        { "west", "PUT", "/api/signboards/B-1", """{"chief_name": "某人", "printed_on": "2026-05-01"}""", HttpStatusCode.NotFound },
        { "east", "PUT", "/api/water-bodies/zones/Z-2/chief", """{"chief_id": "C3"}""", HttpStatusCode.NotFound },
        { "west", "PUT", "/api/water-bodies/zones/Z-2/chief", """{"chief_id": "C2"}""", HttpStatusCode.BadRequest },
    };

    private static string Section(string code, string area) =>
        $$$"""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.01, 30.0249]}, "properties": {"code": "{{{code}}}", "name": "断面", "kind": "assessment", "target_class": "II", "river_code": "R1", "area_codes": ["{{{area}}}"]}}""";

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Water_edits_are_for_the_office_in_scope_and_the_administrator(string who, string method, string url, string body, HttpStatusCode status)
    {
        var client = who switch
        {
            "anonymous" => service.Client,
            "chief" => await service.EastChief,
            "east" => await service.EastOffice,
            _ => await service.WestOffice,
        };
        var before = await Db.ScalarAsync<string>(Cs, WaterState);
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await Db.ScalarAsync<string>(Cs, WaterState));
    }

    /// <summary>Everything a water edit could change, as one text.</summary>
    private const string WaterState = """
        SELECT (SELECT count(*) FROM samples) || '|' || (SELECT string_agg(code || ':' || area_codes::text || ':' || name, ',' ORDER BY code) FROM sections)
            || '|' || (SELECT string_agg(code || ':' || status, ',' ORDER BY code) FROM outlets) || '|' || (SELECT count(*) FROM outlet_monitoring)
            || '|' || (SELECT string_agg(code || ':' || chief_name, ',' ORDER BY code) FROM signboards)
            || '|' || (SELECT string_agg(code || ':' || coalesce(chief_id, '-'), ',' ORDER BY code) FROM water_body_zones)
        """;

    /// <summary>The audit entries of a resource: action|username|areas.</summary>
    private async Task<string[]> AuditAsync(string type, string id) =>
        (await Db.ScalarAsync<string>(Cs, $"SELECT string_agg(action || '|' || username || '|' || array_to_string(area_codes, ','), ';' ORDER BY id) FROM audit_log WHERE resource_type = '{type}' AND resource_id = '{id}'"))
        .Split(';');
}
