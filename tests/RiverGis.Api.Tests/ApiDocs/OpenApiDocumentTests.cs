using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using RiverGis.Api.Database;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.ApiDocs;

/// <summary>
/// The live OpenAPI document read by the tools API users have (swagger-parser, Redocly: zero errors), and checked
/// against the service itself: live responses of a sample of operations validate against the document's own schemas.
/// </summary>
public sealed class OpenApiDocumentTests(MiniService service) : IClassFixture<MiniService>
{
    private static readonly string Tools = Path.Combine(ProjectPaths.Root, "tests", "tools");

    private async Task<string> SaveDocumentAsync()
    {
        var text = await service.Client.GetStringAsync("/openapi/v1.json");
        var folder = Path.Combine(ProjectPaths.Root, "artifacts", "openapi");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "v1.json");
        await File.WriteAllTextAsync(file, text);
        return file;
    }

    private static Task<(int Code, string Output)> RunAsync(string program, params string[] arguments) =>
        Tool.RunAsync(program, arguments, new Dictionary<string, string>
        {
            ["REDOCLY_TELEMETRY"] = "off",
            ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        });

    [Fact]
    public async Task Swagger_parser_validates_the_document()
    {
        var file = await SaveDocumentAsync();
        var (code, output) = await RunAsync("node", Path.Combine(Tools, "validate-openapi.mjs"), file);
        Assert.True(code == 0, "swagger-parser:\n" + output);
    }

    [Fact]
    public async Task Redocly_lint_finds_no_error()
    {
        var file = await SaveDocumentAsync();
        var (code, output) = await RunAsync(Path.Combine(Tools, "node_modules", ".bin", "redocly"), "lint", file,
            "--config", Path.Combine(Tools, "redocly.yaml"), "--format", "stylish");
        Assert.True(code == 0, "redocly lint:\n" + output);
        Assert.DoesNotContain("error", output.Split('\n').Where(l => l.Contains("validation error", StringComparison.OrdinalIgnoreCase) || l.Contains(" error ")));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_tag_and_documented_responses()
    {
        var document = JsonNode.Parse(await service.Client.GetStringAsync("/openapi/v1.json"))!;
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 25, $"only {operations.Count} operations");
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), name + ": no summary");
            Assert.NotEmpty(operation["tags"]!.AsArray());
            var responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2') || r.Key == "304");
            // Open311 answers errors in its own format (GeoReport v2); everything else with RFC 9457 problems.
            foreach (var (code, response) in responses.Where(r => r.Key[0] is '4' or '5' && !path.StartsWith("/open311")))
                Assert.True(response!["content"]?["application/problem+json"] is not null, $"{name} {code}: not application/problem+json");
            Assert.Contains(responses, r => r.Key == "500");
        }
        // Declared query parameters carry their type, default and range.
        var coverage = document["paths"]!["/api/analysis/coverage-gaps"]!["get"]!["parameters"]!.AsArray();
        var tolerance = coverage.Single(p => p!["name"]!.GetValue<string>() == "tolerance_m")!["schema"]!;
        Assert.Equal(("number", 25.0, "0", "1000"), (tolerance["type"]!.GetValue<string>(), tolerance["default"]!.GetValue<double>(),
            tolerance["minimum"]!.ToJsonString(), tolerance["maximum"]!.ToJsonString()));
        var level = coverage.Single(p => p!["name"]!.GetValue<string>() == "level")!;
        Assert.True(level["required"]!.GetValue<bool>());
        Assert.Equal(["city", "county", "township", "village"], level["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        // The tile path as clients write it.
        Assert.NotNull(document["paths"]!["/tiles/{layer}/{z}/{x}/{y}.mvt"]);
        // Request bodies where the endpoints take one.
        Assert.NotNull(document["paths"]!["/api/issues"]!["post"]!["requestBody"]!["content"]!["application/geo+json"]);
        Assert.NotNull(document["paths"]!["/api/demarcation/check"]!["post"]!["requestBody"]!["content"]!["application/geo+json"]);
    }

    /// <summary>Requests whose live answers must match the document: (method, url, body, expected status).</summary>
    public static TheoryData<string, string, string?, int> Samples => new()
    {
        { "GET", "/health", null, 200 },
        { "GET", "/api/datasets", null, 200 },
        { "GET", "/api/analysis/coverage-gaps?level=township", null, 200 },
        { "GET", "/api/analysis/coverage-gaps?level=province", null, 400 },
        { "GET", "/api/analysis/overlaps", null, 200 },
        { "GET", "/api/analysis/cross-boundary", null, 200 },
        { "GET", "/api/analysis/boundary-crossings?level=township", null, 200 },
        { "GET", "/api/analysis/border-rivers?level=township", null, 200 },
        { "GET", "/api/patrols/compliance?period=2026-11", null, 200 },
        { "GET", "/api/patrols/compliance?period=2026-13", null, 400 },
        { "GET", "/api/patrols/coverage?period=2026-11&include_patrolled=true", null, 200 },
        { "GET", "/api/patrols/rules", null, 200 },
        { "POST", "/api/patrols", """{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[100.005, 30.0252], [100.015, 30.0252], [100.025, 30.0252]]}, "properties": {"chief_id": "C2", "times": ["2026-11-02T09:00:00+08:00", "2026-11-02T09:10:00+08:00", "2026-11-02T09:20:00+08:00"], "findings": "无异常"}}""", 201 },
        { "GET", "/api/patrols?limit=5", null, 200 },
        { "GET", "/api/rivers/R1/profile", null, 200 },
        { "GET", "/api/rivers/NOPE/profile", null, 404 },
        { "GET", "/api/responsible?lon=100.015&lat=30.0253", null, 200 },
        { "GET", "/api/responsible?lon=100.3&lat=30.3", null, 404 },
        { "GET", "/api/network/snap?lon=100.015&lat=30.0253", null, 200 },
        { "GET", "/api/network/navigate?lon=100.025&lat=30.0252&mode=UT&distance_km=5", null, 200 },
        { "GET", "/api/issues/categories", null, 200 },
        { "POST", "/api/issues", """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.025, 30.0252]}, "properties": {"category": "非法排污", "description": "暗管排污", "source": "public"}}""", 201 },
        { "POST", "/api/issues", """{"type": "Feature", "geometry": null, "properties": {}}""", 400 },
        { "GET", "/api/issues?limit=5", null, 200 },
        { "GET", "/api/issues?light=purple", null, 400 },
        { "GET", "/api/issues/status/no-such-token", null, 404 },
        { "GET", "/api/auth/session", null, 200 },
        { "GET", "/api/audit?limit=5", null, 200 },
        { "GET", "/features", null, 200 },
        { "GET", "/features/collections", null, 200 },
        { "GET", "/features/collections/patrol-tracks", null, 200 },
        { "GET", "/features/collections/segments/queryables", null, 200 },
        { "GET", "/features/collections/segments/items?limit=2", null, 200 },
        { "GET", "/features/collections/admin-areas/items/T01", null, 200 },
        { "GET", "/features/collections/lakes/items", null, 404 },
        { "GET", "/open311/discovery.json", null, 200 },
        { "GET", "/open311/v2/services.json", null, 200 },
        { "GET", "/open311/v2/requests.json", null, 200 },
        { "GET", "/open311/v2/requests.json?status=opened", null, 400 },
        { "GET", "/open311/v2/services.json?jurisdiction_id=another.gov.cn", null, 404 },
        { "POST", "/api/demarcation/check", """{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[100.0, 30.025], [100.03, 30.025]]}, "properties": {"code": "P1", "river_code": "R1", "level": "township", "area_code": "T01", "chief_id": null}}]}""", 200 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Live_responses_validate_against_the_documents_own_schemas(string method, string url, string? body, int status)
    {
        var document = JsonNode.Parse(await service.Client.GetStringAsync("/openapi/v1.json"))!;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/geo+json");
        // A county office may call every endpoint sampled here (the ledger and the demarcation check need one).
        var response = await (await service.CountyOffice).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{url}: {(int)response.StatusCode} {text}");
        var mediaType = response.Content.Headers.ContentType!.MediaType!;
        var schema = ResponseSchema(document, method, new Uri("http://x" + url).AbsolutePath, (int)response.StatusCode, mediaType);
        Assert.True(schema is not null, $"{method} {url}: the document has no {status} {mediaType} response schema");
        var results = schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{method} {url}: the response does not match its schema:\n"
            + string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .Take(40).Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}")));
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch")
            .Select(o => (p.Key, o.Key, o.Value!)));

    /// <summary>The JSON Schema of a documented response, with the document's components as $defs.</summary>
    private static JsonSchema? ResponseSchema(JsonNode document, string method, string path, int status, string mediaType)
    {
        // A literal segment beats a parameter (/api/issues/categories, not /api/issues/{id}).
        var (_, _, operation) = Operations(document).Where(o => o.Method == method.ToLowerInvariant() && Matches(o.Path, path))
            .OrderBy(o => o.Path.Count(c => c == '{')).FirstOrDefault();
        var media = operation?["responses"]?[status.ToString()]?["content"]?[mediaType];
        if (media?["schema"] is not { } schema) return null;
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = ToJsonSchema(document["components"]!["schemas"]!),
            ["allOf"] = new JsonArray(ToJsonSchema(schema)),
        };
        return JsonSchema.FromText(root.ToJsonString());
    }

    /// <summary>Whether a path fits a template; a parameter may be part of a segment (/open311/v2/requests.{format}).</summary>
    private static bool Matches(string template, string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(path,
            "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(template), @"\\\{[^}/]+}", "[^/]+") + "$");

    /// <summary>OpenAPI 3.0 schema → JSON Schema 2020-12: `nullable` becomes a null type, component refs point into $defs.</summary>
    private static JsonNode ToJsonSchema(JsonNode node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(i => i is null ? null : ToJsonSchema(i)).ToArray());
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key == "nullable") continue;
                    copy[key] = key == "$ref" ? value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/")
                        : value is null ? null : ToJsonSchema(value);
                }
                if (obj["nullable"]?.GetValue<bool>() != true) return copy;
                if (copy["type"] is JsonValue type) copy["type"] = new JsonArray(type.GetValue<string>(), "null");
                else return new JsonObject { ["anyOf"] = new JsonArray(copy, new JsonObject { ["type"] = "null" }) };
                if (copy["enum"] is JsonArray values) values.Add(null);
                return copy;
            default:
                return node.DeepClone();
        }
    }
}
