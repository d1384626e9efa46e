using System.Net;
using System.Text;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Issues;

/// <summary>The problem ledger on the mini district (see ResponsibleApiTests for its layout).</summary>
public sealed class IssueLedgerTests(MiniService service) : IClassFixture<MiniService>
{
    private static string Report(double lon, double lat, string category = "garbage", string description = "河面漂浮垃圾", string source = "public",
        string? reportedAt = null)
    {
        var when = reportedAt is null ? "" : $", \"reported_at\": \"{reportedAt}\"";
        return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + FormattableString.Invariant($"{lon}, {lat}") + "]}, "
            + $"\"properties\": {{\"category\": \"{category}\", \"description\": \"{description}\", \"source\": \"{source}\", \"reporter_contact\": \"13900000000\"{when}}}}}";
    }

    private static long Id(JsonElement feature) => feature.GetProperty("id").GetInt64();

    private Task<long> CountAsync() => Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues");

    /// <summary>A transition by the county office (assign, verify, close, reject) or, for the chief's own steps, by chief C2.</summary>
    private async Task<JsonElement> TransitionAsync(long id, string body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var chiefStep = body.Contains("start_rectification") || body.Contains("submit_for_verification");
        return await service.PostJsonAsync($"/api/issues/{id}/transitions", body, expected, client: await (chiefStep ? service.EastChief : service.CountyOffice));
    }

    [Fact]
    public async Task A_report_is_routed_filed_and_given_a_deadline()
    {
        var before = DateTimeOffset.UtcNow;
        var issue = await service.PostJsonAsync("/api/issues", Report(100.015, 30.0253, "dumping", "岸边堆放建筑垃圾"), HttpStatusCode.Created);
        var p = issue.GetProperty("properties");
        Assert.Equal("C2", p.GetProperty("chief").GetProperty("id").GetString());
        Assert.Equal(["C1", "G1", "G0"], p.GetProperty("chain").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("reported", p.GetProperty("status").GetString());
        Assert.Equal("green", p.GetProperty("light").GetString());
        // dumping: 7 days by default.
        var deadline = p.GetProperty("deadline").GetDateTimeOffset();
        Assert.InRange((deadline - before).TotalDays, 6.99, 7.01);
        Assert.Equal("S-1", await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT segment_code FROM issues WHERE id = {Id(issue)}"));
        Assert.Equal("report", await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT action FROM issue_events WHERE issue_id = {Id(issue)}"));
    }

    [Fact]
    public async Task Discharge_reports_list_outlets_upstream_and_chiefs_downstream()
    {
        var issue = await service.PostJsonAsync("/api/issues", Report(100.025, 30.0252, "illegal_discharge", "暗管排污"), HttpStatusCode.Created);
        var routing = issue.GetProperty("properties").GetProperty("routing");
        // O1 (100.02° E on R1) is ~480 m upstream; O2 is on R2, which joins below the point.
        Assert.Equal(["O1"], routing.GetProperty("upstream_outlets").EnumerateArray().Select(o => o.GetProperty("code").GetString()));
        var warned = routing.GetProperty("downstream_chiefs").EnumerateArray().Select(c => c.GetProperty("chief").GetProperty("id").GetString()).ToHashSet();
        Assert.Contains("C3", warned);
    }

    [Fact]
    public async Task Retrying_with_the_same_idempotency_key_returns_the_same_issue()
    {
        var body = Report(100.08, 30.0249, "encroachment", "围垦河道");
        var first = await service.PostJsonAsync("/api/issues", body, HttpStatusCode.Created, idempotencyKey: "retry-1");
        var count = await CountAsync();
        var again = await service.PostJsonAsync("/api/issues", body, HttpStatusCode.OK, idempotencyKey: "retry-1");
        Assert.Equal(Id(first), Id(again));
        Assert.Equal(count, await CountAsync());
        var other = await service.PostJsonAsync("/api/issues", Report(100.081, 30.0249, "encroachment", "另一处"), HttpStatusCode.UnprocessableEntity, idempotencyKey: "retry-1");
        Assert.Contains("Idempotency-Key", other.GetRawText());
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Same_category_nearby_within_a_week_is_flagged_as_possible_duplicate()
    {
        var first = await service.PostJsonAsync("/api/issues", Report(100.06, 30.0252, "illegal_construction", "河道内违建"), HttpStatusCode.Created);
        // ~100 m east: same category → possible duplicate; another category → not.
        var second = await service.PostJsonAsync("/api/issues", Report(100.061, 30.0252, "illegal_construction", "违建房屋"), HttpStatusCode.Created);
        Assert.Contains(Id(first), second.GetProperty("properties").GetProperty("possible_duplicates").EnumerateArray().Select(e => e.GetInt64()));
        var third = await service.PostJsonAsync("/api/issues", Report(100.061, 30.0252, "illegal_mining", "采砂"), HttpStatusCode.Created);
        Assert.Empty(third.GetProperty("properties").GetProperty("possible_duplicates").EnumerateArray());
        // ~400 m away: not a duplicate.
        var far = await service.PostJsonAsync("/api/issues", Report(100.065, 30.0252, "illegal_construction", "另一处违建"), HttpStatusCode.Created);
        Assert.Empty(far.GetProperty("properties").GetProperty("possible_duplicates").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "garbage", "description": "x", "source": "public",}}""", "body", "malformed JSON")]
    [InlineData("""{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[100.02, 30.0253], [100.03, 30.0253]]}, "properties": {"category": "garbage", "description": "x", "source": "public"}}""", "geometry.type", "expected a Point")]
    [InlineData("""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.0253, 100.02]}, "properties": {"category": "garbage", "description": "x", "source": "public"}}""", "geometry.coordinates", "[lat, lon]")]
    [InlineData("""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"description": "x", "source": "public"}}""", "properties.category", "required")]
    [InlineData("""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "noise", "description": "x", "source": "public"}}""", "properties.category", "unknown value 'noise'")]
    [InlineData("""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "garbage", "description": 42, "source": "public"}}""", "properties.description", "expected a string")]
    [InlineData("""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "garbage", "description": "x", "source": "public", "photo_urls": ["file:///etc/passwd"]}}""", "properties.photo_urls[0]", "http(s) URL")]
    [InlineData("""{"type": "FeatureCollection", "features": []}""", "type", "expected a GeoJSON Feature")]
    public async Task Bad_reports_are_refused_with_the_place_named_and_nothing_stored(string body, string where, string fragment)
    {
        var count = await CountAsync();
        var problem = await service.PostJsonAsync("/api/issues", body, HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(problem, where, fragment);
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task A_report_outside_the_system_is_unprocessable()
    {
        var count = await CountAsync();
        await service.PostJsonAsync("/api/issues", Report(100.4, 30.4), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task The_lifecycle_closes_only_after_verification()
    {
        var issue = await service.PostJsonAsync("/api/issues", Report(100.005, 30.0248, "other", "护栏损坏"), HttpStatusCode.Created);
        var id = Id(issue);
        var early = await TransitionAsync(id, """{"action": "pass_verification", "actor": "县河长办"}""", HttpStatusCode.Conflict);
        Assert.Equal("verification_required", early.GetProperty("code").GetString());
        Assert.Contains("验收", early.GetProperty("message_zh").GetString());
        await TransitionAsync(id, """{"action": "assign", "actor": "县河长办", "chief_id": "C2"}""");
        var noReason = await TransitionAsync(id, """{"action": "reassign", "actor": "县河长办", "chief_id": "C1"}""", HttpStatusCode.Conflict);
        Assert.Equal("reason_required", noReason.GetProperty("code").GetString());
        await TransitionAsync(id, """{"action": "start_rectification", "actor": "东镇河长"}""");
        await TransitionAsync(id, """{"action": "submit_for_verification", "actor": "东镇河长", "note": "已修复"}""");
        await TransitionAsync(id, """{"action": "fail_verification", "actor": "县河长办", "note": "未修复完整"}""");
        await TransitionAsync(id, """{"action": "start_rectification", "actor": "东镇河长"}""");
        await TransitionAsync(id, """{"action": "submit_for_verification", "actor": "东镇河长"}""");
        var closed = await TransitionAsync(id, """{"action": "pass_verification", "actor": "县河长办"}""");
        var p = closed.GetProperty("properties");
        Assert.Equal("closed", p.GetProperty("status").GetString());
        Assert.Equal("green", p.GetProperty("light").GetString());
        Assert.NotEqual(JsonValueKind.Null, p.GetProperty("closed_at").ValueKind);
        var actions = p.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(["report", "assign", "start_rectification", "submit_for_verification", "fail_verification", "start_rectification", "submit_for_verification", "pass_verification"], actions);
        Assert.Empty(p.GetProperty("allowed_actions").EnumerateArray());
        var after = await TransitionAsync(id, """{"action": "reject", "actor": "x", "note": "y"}""", HttpStatusCode.Conflict);
        Assert.Equal("issue_finished", after.GetProperty("code").GetString());
        ServiceFixture.AssertNames(await TransitionAsync(id, """{"action": "teleport", "actor": "x"}""", HttpStatusCode.BadRequest), "action", "unknown value 'teleport'");
        await service.PostJsonAsync("/api/issues/999999/transitions", """{"action": "assign", "actor": "x", "chief_id": "C2"}""", HttpStatusCode.NotFound,
            client: await service.CountyOffice);
        var badChief = await TransitionAsync((await service.PostJsonAsync("/api/issues", Report(100.004, 30.0248, "other", "又一处"), HttpStatusCode.Created)).GetProperty("id").GetInt64(),
            """{"action": "assign", "actor": "x", "chief_id": "NOBODY"}""", HttpStatusCode.BadRequest);
        Assert.Contains("NOBODY", badChief.GetRawText());
    }

    [Fact]
    public async Task Lights_follow_the_deadline_in_the_ledger_the_features_and_the_csv()
    {
        var now = DateTimeOffset.UtcNow;
        // garbage: 3 days; reported 4 days ago → overdue (red).
        var red = Id(await service.PostJsonAsync("/api/issues", Report(100.09, 30.0249, "garbage", "垃圾未清", reportedAt: now.AddDays(-4).ToString("O")), HttpStatusCode.Created));
        // illegal_discharge: 7 days; reported 5 days ago → due in 2 days (yellow).
        var yellow = Id(await service.PostJsonAsync("/api/issues", Report(100.095, 30.0249, "illegal_discharge", "排污", reportedAt: now.AddDays(-5).ToString("O")), HttpStatusCode.Created));
        var redList = await service.GetJsonAsync("/api/issues?light=red", client: await service.CountyOffice);
        Assert.Contains(red, redList.GetProperty("features").EnumerateArray().Select(Id));
        Assert.DoesNotContain(yellow, redList.GetProperty("features").EnumerateArray().Select(Id));
        var yellowList = await service.GetJsonAsync("/api/issues?light=yellow", client: await service.CountyOffice);
        Assert.Contains(yellow, yellowList.GetProperty("features").EnumerateArray().Select(Id));
        Assert.True(yellowList.GetProperty("lights").GetProperty("red").GetInt32() >= 1);
        // The OGC collection computes the light in SQL: it must agree.
        var features = await service.GetJsonAsync("/features/collections/issues/items?light=red&limit=1000");
        Assert.Equal(redList.GetProperty("number_matched").GetInt32(), features.GetProperty("numberMatched").GetInt32());
        // Filters by an ancestor area and by chief.
        var county = await service.GetJsonAsync("/api/issues?area_code=T00", client: await service.CountyOffice);
        Assert.Contains(red, county.GetProperty("features").EnumerateArray().Select(Id));
        var c3 = await service.GetJsonAsync("/api/issues?chief_id=C3", client: await service.CountyOffice);
        Assert.Contains(red, c3.GetProperty("features").EnumerateArray().Select(Id));
        Assert.All(c3.GetProperty("features").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("properties").GetProperty("reporter_contact").ValueKind));

        var csv = await (await service.CountyOffice).GetAsync("/api/issues/export.csv?light=red");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFid,category,类别", text);
        Assert.Contains($"\r\n{red},garbage,垃圾,reported,已上报,red,红灯,", text);
        Assert.DoesNotContain($"\n{yellow},", text);
        await service.GetJsonAsync("/api/issues?light=purple", HttpStatusCode.BadRequest, await service.CountyOffice);
        await service.GetJsonAsync("/api/issues?from=yesterday", HttpStatusCode.BadRequest, await service.CountyOffice);
    }
}

/// <summary>Ledger views that must see new issues at once (no stale cached counts) and read dates as office days.</summary>
public sealed class LedgerFreshnessTests(MiniService service) : IClassFixture<MiniService>
{
    private static string Report(double lon) =>
        "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + FormattableString.Invariant($"{lon}") + ", 30.0251]}, "
        + "\"properties\": {\"category\": \"other\", \"description\": \"d\", \"source\": \"patrol\"}}";

    [Fact]
    public async Task The_issues_collection_counts_new_issues_and_pages_to_them()
    {
        await service.PostJsonAsync("/api/issues", Report(100.011), HttpStatusCode.Created);
        var first = await service.GetJsonAsync("/features/collections/issues/items?limit=1");
        await service.PostJsonAsync("/api/issues", Report(100.012), HttpStatusCode.Created);
        var second = await service.GetJsonAsync("/features/collections/issues/items?limit=1");
        Assert.Equal(first.GetProperty("numberMatched").GetInt32() + 1, second.GetProperty("numberMatched").GetInt32());
        Assert.Contains(second.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "next");
        var extent = await service.GetJsonAsync("/features/collections/issues");
        Assert.True(extent.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0][2].GetDouble() >= 100.012 - 1e-9);
    }

    [Fact]
    public async Task A_bare_date_is_a_whole_day_in_China_Standard_Time()
    {
        var filed = await service.PostJsonAsync("/api/issues", Report(100.013), HttpStatusCode.Created);
        var id = filed.GetProperty("id").GetInt64();
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var day = await service.GetJsonAsync($"/api/issues?from={today}&to={today}", client: await service.CountyOffice);
        Assert.Contains(id, day.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(1).ToString("yyyy-MM-dd");
        var none = await service.GetJsonAsync($"/api/issues?from={tomorrow}", client: await service.CountyOffice);
        Assert.DoesNotContain(id, none.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }
}
