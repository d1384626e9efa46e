using System.Net;
using System.Text;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>
/// Reporters' contacts (and names) appear only to the office whose scope holds the issue (one issue at a time) and to
/// the reporter holding the follow-up token — never in lists, the CSV, the issues collection, Open311 or tiles, and
/// never to a chief, another office, an administrator or the public.
/// </summary>
public sealed class ContactPrivacyTests(MiniService service) : IClassFixture<MiniService>
{
    private const string Phone = "13977770001";
    private const string Name = "举报人王某";

    private static string Report(string phone, string name) =>
        $$$"""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.021, 30.0253]}, "properties": {"category": "dumping", "description": "隐私测试", "source": "public", "reporter_contact": "{{{phone}}}", "reporter_name": "{{{name}}}"}}""";

    [Fact]
    public async Task Contacts_reach_only_the_office_in_scope_and_the_reporter()
    {
        var filed = await service.PostJsonAsync("/api/issues", Report(Phone, Name), HttpStatusCode.Created);
        var id = filed.GetProperty("id").GetInt64();
        // The reporter's own answer carries what they gave, and how to follow it.
        Assert.Equal(Phone, filed.GetProperty("properties").GetProperty("reporter_contact").GetString());
        var statusUrl = filed.GetProperty("properties").GetProperty("follow_up").GetProperty("status_url").GetString()!;
        var other = await service.PostJsonAsync("/api/issues", Report("13977770002", "另一人"), HttpStatusCode.Created);

        var own = await service.GetJsonAsync(statusUrl);
        Assert.Equal(id, own.GetProperty("id").GetInt64());
        Assert.Equal(Phone, own.GetProperty("reporter_contact").GetString());
        Assert.DoesNotContain("13977770002", own.GetRawText());
        Assert.DoesNotContain(Phone, (await service.GetJsonAsync(other.GetProperty("properties").GetProperty("follow_up").GetProperty("status_url").GetString()!)).GetRawText());
        await service.GetJsonAsync("/api/issues/status/guessed-token", HttpStatusCode.NotFound);

        // The office in scope, on the single issue.
        var office = await service.GetJsonAsync($"/api/issues/{id}", client: await service.EastOffice);
        Assert.Equal(Phone, office.GetProperty("properties").GetProperty("reporter_contact").GetString());
        Assert.Equal(Name, office.GetProperty("properties").GetProperty("reporter_name").GetString());

        // Nobody else, nowhere else.
        var places = new List<(string What, HttpClient Client, string Url)>
        {
            ("chief's view of the issue", await service.EastChief, $"/api/issues/{id}"),
            ("administrator's view of the issue", await service.Admin, $"/api/issues/{id}"),
            ("other office", await service.WestOffice, $"/api/issues/{id}"),
            ("public", service.Client, $"/api/issues/{id}"),
            ("ledger (office)", await service.EastOffice, "/api/issues?limit=10000"),
            ("ledger (admin)", await service.Admin, "/api/issues?limit=10000"),
            ("ledger (chief)", await service.EastChief, "/api/issues?limit=10000"),
            ("CSV (office)", await service.EastOffice, "/api/issues/export.csv"),
            ("CSV (admin)", await service.Admin, "/api/issues/export.csv"),
            ("issues collection", service.Client, "/features/collections/issues/items?limit=10000"),
            ("issues collection item", service.Client, $"/features/collections/issues/items/{id}"),
            ("issues collection (office)", await service.EastOffice, "/features/collections/issues/items?limit=10000"),
            ("Open311 list", service.Client, "/open311/v2/requests.json?service_code=dumping"),
            ("Open311 request", service.Client, $"/open311/v2/requests/{id}.json"),
            ("audit log (office)", await service.EastOffice, $"/api/audit?resource_id={id}"),
        };
        // Every tile layer at every zoom over the point.
        foreach (var layer in new[] { "admin-areas", "rivers", "segments", "outlets" })
        {
            foreach (var z in new[] { 6, 10, 14 })
            {
                var (x, y) = Tile(100.021, 30.0253, z);
                places.Add(($"tile {layer} {z}", service.Client, $"/tiles/{layer}/{z}/{x}/{y}.mvt"));
            }
        }
        foreach (var (what, client, url) in places)
        {
            var response = await client.GetAsync(url);
            var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            Assert.True(!body.Contains(Phone) && !body.Contains(Name), $"{what} ({url}, {(int)response.StatusCode}) shows the reporter's contact");
        }
    }

    private static (int X, int Y) Tile(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)((lon + 180) / 360 * n);
        var r = lat * Math.PI / 180;
        var y = (int)((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n);
        return (x, y);
    }
}
