using RiverGis.Api.Accounts;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using RiverGis.Api.Http;

namespace RiverGis.Api.Features;

/// <summary>
/// OGC API – Features – Part 1: Core, GeoJSON and OpenAPI 3.0 conformance classes, rooted at /features, plus the
/// queryables resource of Part 3 so clients can discover the equality filters.
/// </summary>
public static class OgcFeaturesEndpoints
{
    public const string GeoJson = "application/geo+json";
    private const string Json = "application/json";
    private const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /// <summary>OGC member names are fixed by the standard (conformsTo, itemType…): no snake_case policy here.</summary>
    private static readonly JsonSerializerOptions OgcJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = null, Encoder = ApiJson.Encoder };

    public static readonly string[] ConformsTo =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ];

    public static void MapOgcFeatures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/features").WithTags("OGC API Features").AllowAnyone();
        group.MapGet("/", Landing).WithName("FeaturesLanding").WithSummary("OGC API Features landing page");
        group.MapGet("/conformance", (HttpContext http) => Results.Json(new { conformsTo = ConformsTo }, OgcJson, contentType: Json)).WithName("Conformance").WithSummary("Conformance classes");
        group.MapGet("/api", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        group.MapGet("/collections", Collections).WithName("Collections").WithSummary("The feature collections");
        group.MapGet("/collections/{collectionId}", Collection).WithName("Collection").WithSummary("One collection: extent and links");
        group.MapGet("/collections/{collectionId}/queryables", Queryables).WithName("Queryables").WithSummary("The properties a collection can be filtered by");
        group.MapGet("/collections/{collectionId}/items", Items).WithName("Items").WithSummary("Features of a collection (GeoJSON, paged)");
        group.MapGet("/collections/{collectionId}/items/{featureId}", Item).WithName("Item").WithSummary("One feature");
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/features";

    private static object Link(string href, string rel, string type, string? title = null) =>
        title is null ? new { href, rel, type } : new { href, rel, type, title };

    private static IResult Landing(HttpContext http)
    {
        var root = BaseUrl(http);
        return Results.Json(new
        {
            title = "RiverGis — 河长制 river chief system",
            description = "Rivers, segments, administrative areas, chiefs, sewage outlets and patrol tracks as OGC API Features.",
            links = new[]
            {
                Link(root, "self", Json, "this document"),
                Link($"{http.Request.Scheme}://{http.Request.Host}/openapi/v1.json", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "the API definition"),
                Link($"{http.Request.Scheme}://{http.Request.Host}/", "service-doc", "text/html", "the web map"),
                Link(root + "/conformance", "conformance", Json, "conformance classes"),
                Link(root + "/collections", "data", Json, "feature collections"),
            },
        }, OgcJson, contentType: Json);
    }

    private static async Task<object> Describe(HttpContext http, FeatureStore store, FeatureCollectionDefinition c, CancellationToken ct)
    {
        var root = BaseUrl(http) + "/collections/" + c.Id;
        var extent = await store.ExtentAsync(c, ct);
        return new Dictionary<string, object?>
        {
            ["id"] = c.Id,
            ["title"] = c.Title,
            ["description"] = c.Description,
            ["itemType"] = "feature",
            ["crs"] = new[] { Crs84 },
            ["extent"] = extent is null ? null : new { spatial = new { bbox = new[] { extent }, crs = Crs84 } },
            ["links"] = new[]
            {
                Link(root, "self", Json, c.Title),
                Link(root + "/items", "items", GeoJson, c.Title + " (GeoJSON)"),
                Link(root + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "queryable properties"),
            },
        };
    }

    private static async Task<IResult> Collections(HttpContext http, FeatureStore store, CancellationToken ct)
    {
        var collections = new List<object>();
        foreach (var c in FeatureCollections.All) collections.Add(await Describe(http, store, c, ct));
        return Results.Json(new
        {
            links = new[] { Link(BaseUrl(http) + "/collections", "self", Json) },
            collections,
        }, OgcJson, contentType: Json);
    }

    private static async Task<IResult> Collection(string collectionId, HttpContext http, FeatureStore store, CancellationToken ct) =>
        FeatureCollections.Find(collectionId) is { } c
            ? Results.Json(await Describe(http, store, c, ct), OgcJson, contentType: Json)
            : UnknownCollection(collectionId);

    private static IResult UnknownCollection(string id) =>
        ApiProblems.NotFound($"There is no collection '{id}'. Collections: {string.Join(", ", FeatureCollections.All.Select(c => c.Id))}.");

    private static IResult Queryables(string collectionId, HttpContext http)
    {
        if (FeatureCollections.Find(collectionId) is not { } c) return UnknownCollection(collectionId);
        var properties = new Dictionary<string, object>();
        foreach (var p in c.Properties.Where(p => p.Queryable))
        {
            properties[p.Name] = p.Type switch
            {
                PropertyType.DateTime => new { title = p.Description, type = "string", format = "date-time" },
                PropertyType.Number => new { title = p.Description, type = "number" },
                PropertyType.Integer => new { title = p.Description, type = "integer" },
                PropertyType.Boolean => new { title = p.Description, type = "boolean" },
                _ => (object)new { title = p.Description, type = "string" },
            };
        }
        return Results.Json(new Dictionary<string, object>
        {
            ["$schema"] = "https://json-schema.org/draft/2019-09/schema",
            ["$id"] = BaseUrl(http) + "/collections/" + c.Id + "/queryables",
            ["type"] = "object",
            ["title"] = c.Title,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        }, OgcJson, contentType: "application/schema+json");
    }

    private static async Task Items(string collectionId, HttpContext http, FeatureStore store, CancellationToken ct)
    {
        if (FeatureCollections.Find(collectionId) is not { } c)
        {
            await UnknownCollection(collectionId).ExecuteAsync(http);
            return;
        }
        var (query, errors) = FeatureQuery.Parse(http.Request.Query, c);
        if (query is null)
        {
            await ApiProblems.BadRequest($"Invalid query for collection '{c.Id}'.", errors.ToArray()).ExecuteAsync(http);
            return;
        }
        var matched = await store.CountAsync(c, query, ct);
        http.Response.ContentType = GeoJson;
        await using var writer = new Utf8JsonWriter(http.Response.Body, ApiJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        writer.WriteNumber("numberMatched", matched);
        writer.WriteStartArray("features");
        var page = await store.WritePageAsync(c, query, writer, ct);
        writer.WriteEndArray();
        writer.WriteNumber("numberReturned", page.Returned);
        writer.WriteStartArray("links");
        var self = BaseUrl(http) + "/collections/" + c.Id + "/items";
        WriteLink(writer, self + http.Request.QueryString, "self", GeoJson, "this page");
        WriteLink(writer, BaseUrl(http) + "/collections/" + c.Id, "collection", Json, c.Title);
        if (page.Returned == query.Limit && query.Offset + page.Returned < matched && page.LastKey is not null)
        {
            var next = Rewrite(http.Request.Query, ("cursor", page.LastKey), ("offset", (query.Offset + page.Returned).ToString()));
            WriteLink(writer, self + next, "next", GeoJson, "next page");
        }
        if (query.Offset > 0)
        {
            var prevOffset = Math.Max(0, query.Offset - query.Limit);
            var prev = Rewrite(http.Request.Query, ("cursor", null), ("offset", prevOffset == 0 ? null : prevOffset.ToString()));
            WriteLink(writer, self + prev, "prev", GeoJson, "previous page");
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    private static async Task Item(string collectionId, string featureId, HttpContext http, FeatureStore store, CancellationToken ct)
    {
        if (FeatureCollections.Find(collectionId) is not { } c)
        {
            await UnknownCollection(collectionId).ExecuteAsync(http);
            return;
        }
        // Buffered: whether the feature exists is known only after the query, and a 404 must not follow a 200.
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            var self = BaseUrl(http) + "/collections/" + c.Id + "/items/" + Uri.EscapeDataString(featureId);
            var found = await store.WriteOneAsync(c, featureId, writer, w =>
            {
                w.WriteStartArray("links");
                WriteLink(w, self, "self", GeoJson, "this feature");
                WriteLink(w, BaseUrl(http) + "/collections/" + c.Id, "collection", Json, c.Title);
                w.WriteEndArray();
            }, ct);
            if (!found)
            {
                await ApiProblems.NotFound($"Collection '{c.Id}' has no feature '{featureId}'.").ExecuteAsync(http);
                return;
            }
        }
        http.Response.ContentType = GeoJson;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
    }

    private static string Rewrite(IQueryCollection query, params (string Key, string? Value)[] changes)
    {
        var values = query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        foreach (var (key, value) in changes) values[key] = value;
        var url = QueryHelpers.AddQueryString("", values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        return url;
    }

    private static void WriteLink(Utf8JsonWriter writer, string href, string rel, string type, string title)
    {
        writer.WriteStartObject();
        writer.WriteString("href", href);
        writer.WriteString("rel", rel);
        writer.WriteString("type", type);
        writer.WriteString("title", title);
        writer.WriteEndObject();
    }
}
