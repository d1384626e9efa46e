using System.Net;
using System.Text;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Faults;

/// <summary>
/// Input that used to end in a 500 (NUL characters, unpaired surrogates, dates outside any calendar we keep, huge forms)
/// or in a silent 200 (a repeated parameter, a report dated 1970): each is a 400 naming the field, and nothing is stored.
/// </summary>
public sealed class BadInputTests(MiniService service) : IClassFixture<MiniService>
{
    private static string Report(string description = "河面漂浮垃圾", string? reportedAt = null, double lon = 100.015, string category = "garbage")
    {
        var when = reportedAt is null ? "" : $", \"reported_at\": \"{reportedAt}\"";
        return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + FormattableString.Invariant($"{lon}") + ", 30.0253]}, "
            + $"\"properties\": {{\"category\": \"{category}\", \"description\": \"{description}\", \"source\": \"public\"{when}}}}}";
    }

    private Task<long> CountAsync() => Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues");

    [Theory]
    [InlineData("/api/issues?area_code=%00", "area_code", "NUL")]
    [InlineData("/api/issues?chief_id=C%001", "chief_id", "NUL")]
    [InlineData("/api/issues/export.csv?river_code=R%00", "river_code", "NUL")]
    [InlineData("/api/patrols/compliance?area_code=%00", "area_code", "NUL")]
    [InlineData("/features/collections/segments/items?river_code=R1%00", "river_code", "NUL")]
    [InlineData("/api/issues?from=0001-01-01", "from", "out of range")]
    [InlineData("/api/issues?to=9999-12-31", "to", "out of range")]
    [InlineData("/api/issues?from=0001-01-01T00:00:00Z", "from", "out of range")]
    [InlineData("/api/issues/export.csv?from=0001-01-01", "from", "out of range")]
    [InlineData("/api/issues/export.csv?to=9999-12-31", "to", "out of range")]
    [InlineData("/api/patrols?from=0001-01-01", "from", "out of range")]
    [InlineData("/api/patrols?to=9999-12-31", "to", "out of range")]
    [InlineData("/api/analysis/coverage-gaps?level=county&level=village", "level", "given 2 times")]
    [InlineData("/api/responsible?lon=100.015&lat=30.0253&lon=100.02", "lon", "given 2 times")]
    [InlineData("/api/issues?status=reported&status=closed", "status", "given 2 times")]
    [InlineData("/features/collections/segments/items?limit=1&limit=2", "limit", "given 2 times")]
    public async Task Bad_query_values_are_a_400_naming_the_parameter(string url, string where, string fragment)
    {
        // Signed in as an office: the ledger is not public, and its refusal must be about the value, not the caller.
        var problem = await service.GetJsonAsync(url, HttpStatusCode.BadRequest, await service.CountyOffice);
        ServiceFixture.AssertNames(problem, where, fragment);
    }

    /// <summary>Open311 words its refusals as GeoReport v2 error arrays, each description naming the field.</summary>
    private static async Task AssertOpen311Error(HttpResponseMessage response, string where, string fragment)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement;
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("code").GetInt32() == 400
            && e.GetProperty("description").GetString()!.StartsWith(where + ":") && e.GetProperty("description").GetString()!.Contains(fragment));
    }

    [Theory]
    [InlineData("/open311/v2/requests.json?service_code=%00", "service_code", "NUL")]
    [InlineData("/open311/v2/requests.json?start_date=0001-01-01", "start_date", "out of range")]
    [InlineData("/open311/v2/requests.json?end_date=9999-12-31", "end_date", "out of range")]
    [InlineData("/open311/v2/requests.json?status=open&status=closed", "status", "given 2 times")]
    public async Task Bad_open311_query_values_are_a_400_naming_the_parameter(string url, string where, string fragment) =>
        await AssertOpen311Error(await service.Client.GetAsync(url), where, fragment);

    [Theory]
    [InlineData("河面\\u0000垃圾", "properties.description", "NUL")]
    [InlineData("河面\\ud800垃圾", "properties.description", "unpaired UTF-16 surrogate")]
    [InlineData("\\udc00", "properties.description", "unpaired UTF-16 surrogate")]
    public async Task Bad_json_strings_are_a_400_naming_the_field_and_store_nothing(string description, string where, string fragment)
    {
        var before = await CountAsync();
        var problem = await service.PostJsonAsync("/api/issues", Report(description), HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(problem, where, fragment);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_paired_surrogate_is_a_character_like_any_other()
    {
        var issue = await service.PostJsonAsync("/api/issues", Report("垃圾 \\ud83d\\ude00"), HttpStatusCode.Created);
        Assert.Equal("垃圾 😀", issue.GetProperty("properties").GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_nul_in_a_transition_note_or_a_member_name_is_a_400()
    {
        var issue = await service.PostJsonAsync("/api/issues", Report("河道垃圾", lon: 100.016), HttpStatusCode.Created);
        var id = issue.GetProperty("id").GetInt64();
        var office = await service.CountyOffice;
        var note = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "note": "a\u0000b"}""", HttpStatusCode.BadRequest, client: office);
        ServiceFixture.AssertNames(note, "note", "NUL");
        var name = await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "n\ud800": 1}""", HttpStatusCode.BadRequest, client: office);
        Assert.Contains(name.GetProperty("errors").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains("surrogate"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(service.ConnectionString, $"SELECT count(*) FROM issue_events WHERE issue_id = {id}"));
    }

    // Escaped (Regex.Unescape): xunit serialises theory data as UTF-8, which would turn a lone surrogate into U+FFFD.
    [Theory]
    [InlineData(@"key-1", null)]
    [InlineData(@"河长 \ud83d\ude00", null)]
    [InlineData(@"key\u0000", "NUL")]
    [InlineData(@"a\ud800", "unpaired")]
    [InlineData(@"\udc00a", "unpaired")]
    [InlineData(@"\ude00\ud83d", "unpaired")]
    public void Text_rules_refuse_nul_and_unpaired_surrogates(string text, string? fragment)
    {
        var fault = RiverGis.Api.Http.TextRules.Fault(System.Text.RegularExpressions.Regex.Unescape(text));
        if (fragment is null) Assert.Null(fault);
        else Assert.Contains(fragment, fault);
    }

    [Theory]
    [InlineData("description", "河道\0垃圾")]
    [InlineData("first_name", "张\0三")]
    public async Task A_nul_in_an_open311_form_field_is_a_400_naming_it(string field, string value)
    {
        var before = await CountAsync();
        var form = new Dictionary<string, string> { ["service_code"] = "garbage", ["lat"] = "30.0253", ["long"] = "100.015", ["description"] = "河道垃圾" };
        form[field] = value;
        var response = await service.Client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        await AssertOpen311Error(response, field, "NUL");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_open311_form_with_thousands_of_fields_is_a_400()
    {
        var fields = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))
            .Concat([new("service_code", "garbage"), new("lat", "30.0253"), new("long", "100.015"), new("description", "河道垃圾")]);
        var response = await service.Client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(fields));
        await AssertOpen311Error(response, "body", "too many fields");
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "more than 30 days back")]
    [InlineData("2000-06-01T08:00:00+08:00", "more than 30 days back")]
    [InlineData("2999-01-01T00:00:00Z", "in the future")]
    public async Task Reported_at_outside_the_window_is_a_400(string reportedAt, string fragment)
    {
        var before = await CountAsync();
        var problem = await service.PostJsonAsync("/api/issues", Report(reportedAt: reportedAt), HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(problem, "properties.reported_at", fragment);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Reported_at_within_the_window_is_kept()
    {
        var at = DateTimeOffset.UtcNow.AddDays(-10);
        var issue = await service.PostJsonAsync("/api/issues", Report(reportedAt: at.ToString("yyyy-MM-ddTHH:mm:ssZ"), lon: 100.017), HttpStatusCode.Created);
        Assert.Equal(at.ToString("yyyy-MM-ddTHH:mm:ssZ"), issue.GetProperty("properties").GetProperty("reported_at").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ssZ"));
    }

    /// <summary>
    /// Same key, two different bodies, sent together: one is filed, the other refused with 422 — never answered
    /// "replayed" with the other reporter's issue. Twenty rounds, so a race window shows.
    /// </summary>
    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_a_422_also_when_the_two_race()
    {
        for (var round = 0; round < 20; round++)
        {
            var key = $"race-{Guid.NewGuid():N}";
            var bodies = new[] { Report($"第{round}轮 甲", lon: 100.02), Report($"第{round}轮 乙", lon: 100.021, category: "dumping") };
            var responses = await Task.WhenAll(bodies.Select(async body =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/issues") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", key);
                var response = await service.Client.SendAsync(request);
                return (Body: body, Status: response.StatusCode, Json: await response.Content.ReadAsStringAsync());
            }));
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], responses.Select(r => r.Status).Order());
            var created = responses.Single(r => r.Status == HttpStatusCode.Created);
            var description = JsonDocument.Parse(created.Json).RootElement.GetProperty("properties").GetProperty("description").GetString()!;
            Assert.Contains(description, created.Body);
            Assert.Equal(1L, await Db.ScalarAsync<long>(service.ConnectionString, $"SELECT count(*) FROM issues WHERE description LIKE '第{round}轮 %' "));
        }
    }
}
