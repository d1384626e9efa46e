using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Issues;

/// <summary>
/// The Open311 facade checked against the GeoReport v2 specification (wiki.open311.org/GeoReport_v2, the text kept in
/// github.com/open311/open311.github.io GeoReport_v2/index.md) and its Service Discovery page, on the mini district
/// (see ResponsibleApiTests for its layout). Each test names the section it checks.
/// </summary>
public sealed class Open311Tests(MiniService service) : IClassFixture<MiniService>
{
    private const string Base = "/open311/v2";
    private HttpClient Client => service.Client;

    private static Dictionary<string, string> Report(string code = "garbage", double lon = 100.07, double lat = 30.0253, string description = "河面漂浮垃圾") => new()
    {
        ["service_code"] = code, ["lat"] = lat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["long"] = lon.ToString(System.Globalization.CultureInfo.InvariantCulture), ["description"] = description,
        ["first_name"] = "张", ["last_name"] = "三", ["email"] = "zhang@example.org",
    };

    private Task<long> IssueCountAsync() => Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues");

    private static async Task<(HttpResponseMessage Response, string Body)> Send(HttpClient client, string url, Dictionary<string, string>? form = null)
    {
        var response = form is null ? await client.GetAsync(url) : await client.PostAsync(url, new FormUrlEncodedContent(form));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> FileAsync(Dictionary<string, string> form)
    {
        var (response, body) = await Send(Client, Base + "/requests.json", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;
    }

    /// <summary>
    /// "Format Support": XML is required, JSON optional; the format is the resource's extension; XML is
    /// "Content-Type: text/xml; charset=utf-8" with the XML declaration, JSON "application/json; charset=utf-8";
    /// JSON follows the Spark convention of the XML (an array per container element).
    /// </summary>
    [Theory]
    [InlineData("/open311/discovery", "discovery", null)]
    [InlineData(Base + "/services", "services", "service")]
    [InlineData(Base + "/services/garbage", "service_definition", null)]
    [InlineData(Base + "/requests", "service_requests", "request")]
    [InlineData(Base + "/requests/{id}", "service_requests", "request")]
    public async Task Every_resource_is_served_as_xml_and_json_saying_the_same(string resource, string root, string? item)
    {
        var id = await FileAsync(Report());
        var url = resource.Replace("{id}", id);
        var (xmlResponse, xmlBody) = await Send(Client, url + ".xml");
        Assert.Equal(HttpStatusCode.OK, xmlResponse.StatusCode);
        Assert.Equal("text/xml", xmlResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", xmlResponse.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xmlBody);
        var xml = XDocument.Parse(xmlBody).Root!;
        Assert.Equal(root, xml.Name.LocalName);

        var (jsonResponse, jsonBody) = await Send(Client, url + ".json");
        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", jsonResponse.Content.Headers.ContentType?.CharSet);
        var json = JsonDocument.Parse(jsonBody).RootElement;
        if (item is null)
        {
            Assert.Equal(JsonValueKind.Object, json.ValueKind);
            AssertSame(json, xml);
            return;
        }
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        var elements = xml.Elements().ToList();
        Assert.All(elements, e => Assert.Equal(item, e.Name.LocalName));
        Assert.Equal(json.GetArrayLength(), elements.Count);
        Assert.NotEmpty(elements);
        foreach (var (element, value) in elements.Zip(json.EnumerateArray())) AssertSame(value, element);
    }

    /// <summary>Spark convention: an object's members are child elements with the same names and texts; null is an empty element.</summary>
    private static void AssertSame(JsonElement json, XElement xml)
    {
        foreach (var member in json.EnumerateObject())
        {
            var child = xml.Element(member.Name);
            Assert.True(child is not null, $"<{xml.Name}> lacks <{member.Name}>");
            switch (member.Value.ValueKind)
            {
                case JsonValueKind.Object: AssertSame(member.Value, child); break;
                case JsonValueKind.Array: Assert.Equal(member.Value.GetArrayLength(), child.Elements().Count()); break;
                case JsonValueKind.Null: Assert.True(child.IsEmpty, member.Name); break;
                case JsonValueKind.String: Assert.Equal(member.Value.GetString(), child.Value); break;
                default: Assert.Equal(member.Value.GetRawText(), child.Value); break;
            }
        }
    }

    /// <summary>
    /// "Errors": an array of {code, description} ("the response is an array"), HTTP 404 for what does not exist, 403 for
    /// a wrong or missing api_key, 400 for anything else — under /open311 never problem+json. Rows cite the "Possible
    /// Errors" of each method.
    /// </summary>
    public static TheoryData<string, string, Dictionary<string, string>?, HttpStatusCode, string> Errors => new()
    {
        // GET Service List: "404 - jurisdiction_id provided was not found"
        { "GET", Base + "/services.json?jurisdiction_id=another.gov.cn", null, HttpStatusCode.NotFound, "jurisdiction_id 'another.gov.cn'" },
        // GET Service Definition: "404 - service_code … provided were not found"
        { "GET", Base + "/services/noise.json", null, HttpStatusCode.NotFound, "service_code 'noise'" },
        // POST Service Request: "400 - service_code … was not provided", "404 - service_code … was not found"
        { "POST", Base + "/requests.json", new() { ["lat"] = "30.0253", ["long"] = "100.07", ["description"] = "x" }, HttpStatusCode.BadRequest, "service_code was not provided" },
        { "POST", Base + "/requests.json", Report("noise"), HttpStatusCode.NotFound, "service_code 'noise'" },
        // POST: "One of lat & long or address_string or address_id" — we need the position and say why.
        { "POST", Base + "/requests.json", new() { ["service_code"] = "garbage", ["address_string"] = "金口河区永和镇", ["description"] = "x" }, HttpStatusCode.BadRequest, "does not geocode" },
        { "POST", Base + "/requests.json", new() { ["service_code"] = "garbage", ["lat"] = "north", ["long"] = "100.07", ["description"] = "x" }, HttpStatusCode.BadRequest, "lat: 'north'" },
        { "POST", Base + "/requests.json", Report(description: ""), HttpStatusCode.BadRequest, "description" },
        { "POST", Base + "/requests.json", Report(lon: 100.4, lat: 30.4), HttpStatusCode.BadRequest, "lat,long" },
        // GET Service Request(s): "404 - … not found"; 400 for a general error in the request.
        { "GET", Base + "/requests/999999.json", null, HttpStatusCode.NotFound, "service_request_id '999999'" },
        { "GET", Base + "/requests.json?status=opened", null, HttpStatusCode.BadRequest, "status: 'opened'" },
        { "GET", Base + "/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", null, HttpStatusCode.BadRequest, "at most 90" },
        // "General Errors — 400: the URL request is invalid"; a resource this endpoint does not have is a 404.
        { "GET", Base + "/services.csv", null, HttpStatusCode.NotFound, ".csv" },
        { "GET", Base + "/tokens/12345.json", null, HttpStatusCode.NotFound, "not an Open311 resource" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Errors_are_arrays_of_code_and_description(string method, string url, Dictionary<string, string>? form, HttpStatusCode status, string fragment)
    {
        var before = await IssueCountAsync();
        var (response, body) = await Send(Client, url, method == "POST" ? form ?? [] : null);
        Assert.True(response.StatusCode == status, $"{method} {url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.All(errors.EnumerateArray(), e =>
        {
            Assert.Equal((int)status, e.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("description").GetString()));
        });
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("description").GetString()!.Contains(fragment));
        Assert.Equal(before, await IssueCountAsync());

        // The same error in XML: <errors><error><code/><description/></error></errors>.
        var xmlUrl = url.Replace(".json", ".xml");
        if (xmlUrl == url) return;
        var (xmlResponse, xmlBody) = await Send(Client, xmlUrl, method == "POST" ? form ?? [] : null);
        Assert.Equal(status, xmlResponse.StatusCode);
        var xml = XDocument.Parse(xmlBody).Root!;
        Assert.Equal("errors", xml.Name.LocalName);
        Assert.All(xml.Elements(), e => Assert.Equal(((int)status).ToString(), e.Element("code")!.Value));
    }

    /// <summary>"jurisdiction_id … Implementations can ignore this parameter … if the implementation only serves one jurisdiction" —
    /// we accept it missing or ours; another jurisdiction is a 404 and a POST naming it files nothing.</summary>
    [Theory]
    [InlineData(null, HttpStatusCode.Created)]
    [InlineData("rivergis", HttpStatusCode.Created)]
    [InlineData("another.gov.cn", HttpStatusCode.NotFound)]
    public async Task Jurisdiction_is_optional_but_never_another_one(string? jurisdiction, HttpStatusCode expected)
    {
        var before = await IssueCountAsync();
        var form = Report(description: "jurisdiction " + jurisdiction);
        if (jurisdiction is not null) form["jurisdiction_id"] = jurisdiction;
        var (response, body) = await Send(Client, Base + "/requests.json", form);
        Assert.True(response.StatusCode == expected, body);
        Assert.Equal(before + (expected == HttpStatusCode.Created ? 1 : 0), await IssueCountAsync());
        var query = jurisdiction is null ? "" : "?jurisdiction_id=" + jurisdiction;
        Assert.Equal(expected == HttpStatusCode.Created ? HttpStatusCode.OK : expected, (await Client.GetAsync(Base + "/requests.json" + query)).StatusCode);
    }

    /// <summary>
    /// "POST Service Request — Requires API Key: Yes"; the GET methods do not require one; "403 - Missing or Invalid API
    /// Key". Without configured keys any api_key is accepted (on GET too); with keys a wrong key is refused everywhere,
    /// while a POST without a key is filed under the anonymous rate limit (RiverGis's choice: citizens report without an
    /// app; a valid key gives its app a rate limit of its own — RateLimitTests).
    /// </summary>
    [Theory]
    [InlineData(false, "GET", null, HttpStatusCode.OK)]
    [InlineData(false, "GET", "whatever", HttpStatusCode.OK)]
    [InlineData(false, "POST", "whatever", HttpStatusCode.Created)]
    [InlineData(true, "GET", null, HttpStatusCode.OK)]
    [InlineData(true, "GET", "app-key-1", HttpStatusCode.OK)]
    [InlineData(true, "GET", "stolen", HttpStatusCode.Forbidden)]
    [InlineData(true, "POST", null, HttpStatusCode.Created)]
    [InlineData(true, "POST", "stolen", HttpStatusCode.Forbidden)]
    [InlineData(true, "POST", "app-key-1", HttpStatusCode.Created)]
    public async Task Api_keys_are_accepted_and_checked_when_configured(bool configured, string method, string? key, HttpStatusCode expected)
    {
        using var client = configured
            ? service.Factory.WithWebHostBuilder(b => b.UseSetting("Open311:ApiKeys:0", "app-key-1")).CreateClient()
            : service.Factory.CreateClient();
        var before = await IssueCountAsync();
        HttpResponseMessage response;
        if (method == "GET") response = await client.GetAsync(Base + "/services.json" + (key is null ? "" : "?api_key=" + key));
        else
        {
            var form = Report(description: $"api_key {configured} {key}");
            if (key is not null) form["api_key"] = key;
            response = await client.PostAsync(Base + "/requests.json", new FormUrlEncodedContent(form));
        }
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, body);
        if (expected == HttpStatusCode.Forbidden) Assert.Equal(403, JsonDocument.Parse(body).RootElement[0].GetProperty("code").GetInt32());
        Assert.Equal(before + (expected == HttpStatusCode.Created ? 1 : 0), await IssueCountAsync());
    }

    /// <summary>
    /// "GET Service Requests": service_request_id "comma delimited … overrides all other arguments"; service_code and
    /// status "can be declared multiple times, comma delimited". Expected sets come from the database.
    /// </summary>
    [Fact]
    public async Task Comma_separated_lists_select_requests()
    {
        var garbage = await FileAsync(Report("garbage", description: "lists garbage"));
        var dumping = await FileAsync(Report("dumping", lon: 100.02, description: "lists dumping"));
        var other = await FileAsync(Report("other", lon: 100.03, description: "lists other"));
        await service.PostJsonAsync($"/api/issues/{other}/transitions", """{"action": "reject", "actor": "县河长办", "note": "不属于河湖问题"}""", HttpStatusCode.OK, client: await service.CountyOffice);

        async Task<HashSet<string>> Ids(string query)
        {
            var list = await service.GetJsonAsync(Base + "/requests.json?" + query);
            return list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToHashSet();
        }
        async Task<HashSet<string>> Expected(string where) =>
            (await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT string_agg(id::text, ',') FROM issues WHERE {where}")).Split(',').ToHashSet();

        Assert.Equal(await Expected("category IN ('garbage', 'dumping')"), await Ids("service_code=garbage,dumping"));
        Assert.Equal(await Expected("status IN ('closed', 'rejected')"), await Ids("status=closed"));
        Assert.Equal(await Expected("status NOT IN ('closed', 'rejected')"), await Ids("status=open"));
        Assert.Equal(await Expected("true"), await Ids("status=open,closed"));
        Assert.Equal(await Expected("category IN ('garbage', 'other') AND status IN ('closed', 'rejected')"), await Ids("service_code=garbage,other&status=closed"));
        Assert.Equal([garbage, other], await Ids($"service_request_id={garbage},{other}&service_code=dumping&status=open"));
        Assert.Contains(dumping, await Ids("service_code=dumping&status=open"));
    }

    /// <summary>
    /// "GET Service Request(s)" response fields: address and service_notice are there (null when unknown),
    /// updated_datetime is the last change ("for requests with status=closed … the date the request was closed"),
    /// expected_datetime the deadline, dates in w3 format with a time zone.
    /// </summary>
    [Fact]
    public async Task A_request_carries_address_notice_and_its_last_change()
    {
        var id = await FileAsync(Report("garbage", lon: 100.07, lat: 30.0253, description: "fields"));
        await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "reject", "actor": "县河长办", "note": "重复上报"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        var request = (await service.GetJsonAsync($"{Base}/requests/{id}.json"))[0];
        Assert.Equal("closed", request.GetProperty("status").GetString());
        Assert.Contains("西镇河长", request.GetProperty("service_notice").GetString());
        var areas = await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT a.name FROM issues i JOIN admin_areas a ON a.code = i.area_code WHERE i.id = {id}");
        var river = await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT r.name FROM issues i JOIN rivers r ON r.code = i.river_code WHERE i.id = {id}");
        Assert.StartsWith($"{river}, {areas}", request.GetProperty("address").GetString());
        foreach (var field in new[] { "address_id", "zipcode", "media_url" }) Assert.Equal(JsonValueKind.Null, request.GetProperty(field).ValueKind);
        var closedAt = await Db.ScalarAsync<DateTime>(service.ConnectionString, $"SELECT max(at) FROM issue_events WHERE issue_id = {id}");
        Assert.Equal(closedAt, request.GetProperty("updated_datetime").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
        var deadline = await Db.ScalarAsync<DateTime>(service.ConnectionString, $"SELECT deadline FROM issues WHERE id = {id}");
        Assert.Equal(deadline, request.GetProperty("expected_datetime").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$", request.GetProperty("requested_datetime").GetString());
        Assert.Equal(100.07, request.GetProperty("long").GetDouble(), 9);
        Assert.Equal("public", await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT source FROM issues WHERE id = {id}"));
    }

    /// <summary>Service Discovery: "All fields are required"; the endpoint's url, specification token and both formats.</summary>
    [Fact]
    public async Task Discovery_names_the_endpoint_and_its_formats()
    {
        var discovery = await service.GetJsonAsync("/open311/discovery.json");
        foreach (var field in new[] { "changeset", "contact", "key_service" }) Assert.False(string.IsNullOrWhiteSpace(discovery.GetProperty(field).GetString()));
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.Equal("http://localhost/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Contains(endpoint.GetProperty("type").GetString(), new[] { "production", "test" });
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        // The advertised endpoint answers.
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri(endpoint.GetProperty("url").GetString() + "/services.xml").PathAndQuery)).StatusCode);
    }

    /// <summary>Retries of a POST with the same Idempotency-Key file one request (a RiverGis addition, not in the spec).</summary>
    [Fact]
    public async Task A_retried_post_files_one_request()
    {
        var before = await IssueCountAsync();
        using var first = new HttpRequestMessage(HttpMethod.Post, Base + "/requests.json") { Content = new FormUrlEncodedContent(Report(description: "retry")) };
        first.Headers.Add("Idempotency-Key", "open311-retry");
        var created = await Client.SendAsync(first);
        using var again = new HttpRequestMessage(HttpMethod.Post, Base + "/requests.json") { Content = new FormUrlEncodedContent(Report(description: "retry")) };
        again.Headers.Add("Idempotency-Key", "open311-retry");
        var replayed = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(await created.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await IssueCountAsync());
    }
}
