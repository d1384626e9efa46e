using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Hosting;

/// <summary>
/// The OpenAPI document describes the routes as they are routed (issue 9: the tile path was documented without .mvt
/// and answered 400 when used literally): every documented GET path of OGC API Features, the vector tiles and Open311
/// is filled with its declared enum values (or a known id) and must answer 200; every path parameter is declared.
/// </summary>
public sealed class DocumentedRoutesTests(MiniService service) : IClassFixture<MiniService>
{
    public static TheoryData<string> Prefixes => new() { "/features", "/tiles", "/open311" };

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task Every_documented_path_answers_as_documented(string prefix)
    {
        // One issue for the single-request routes; the same key answers the same issue to the other rows (200, replayed).
        using var report = new HttpRequestMessage(HttpMethod.Post, "/api/issues")
        {
            Content = new StringContent(
                """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.07, 30.0253]}, "properties": {"category": "garbage", "description": "x", "source": "patrol"}}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        report.Headers.Add("Idempotency-Key", "documented-routes");
        var issue = JsonDocument.Parse(await (await service.Client.SendAsync(report)).Content.ReadAsStringAsync()).RootElement;
        var known = new Dictionary<string, string>
        {
            ["featureId"] = "{featureId}", ["id"] = issue.GetProperty("id").GetInt64().ToString(), ["z"] = "12", ["x"] = "3205", ["y"] = "1691",
        };
        var document = await service.GetJsonAsync("/openapi/v1.json");
        var checkedPaths = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var parameters = get.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
            var inPath = Regex.Matches(path.Name, @"\{([^}]+)\}").Select(m => m.Groups[1].Value).ToList();
            var declared = parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.True(inPath.Order().SequenceEqual(declared.Order()), $"{path.Name}: path parameters {string.Join(",", inPath)} declared as {string.Join(",", declared)}");
            foreach (var filled in Fill(path.Name, parameters, known))
            {
                var url = filled;
                if (url.Contains("{featureId}"))
                {
                    // The first feature of the collection named in the path.
                    var items = await service.GetJsonAsync(url[..url.IndexOf("/{featureId}", StringComparison.Ordinal)] + "?limit=1");
                    url = url.Replace("{featureId}", items.GetProperty("features")[0].GetProperty("id").ToString());
                }
                var response = await service.Client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path.Name} as {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                checkedPaths++;
            }
        }
        Assert.True(checkedPaths >= 3, $"only {checkedPaths} documented paths under {prefix}");
    }

    /// <summary>The path with each parameter replaced by each of its enum values (or its known value).</summary>
    private static IEnumerable<string> Fill(string template, List<JsonElement> parameters, Dictionary<string, string> known)
    {
        IEnumerable<string> urls = [template];
        foreach (var p in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var name = p.GetProperty("name").GetString()!;
            var values = p.GetProperty("schema").TryGetProperty("enum", out var e)
                ? e.EnumerateArray().Select(v => v.GetString()!).ToList()
                : [known[name]];
            urls = urls.SelectMany(u => values.Select(v => u.Replace("{" + name + "}", v))).ToList();
        }
        return urls;
    }
}
