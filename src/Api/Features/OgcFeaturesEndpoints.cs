using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using RiverGis.Api.Accounts;
using RiverGis.Api.ApiDocs;
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
    private const string Crs84 = FeatureQuery.Crs84;

    public static readonly string[] ConformsTo =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ];

    public static void MapOgcFeatures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/features").WithTags("OGC API Features").AllowAnyone();
        group.MapGet("/", Landing).WithName("FeaturesLanding")
            .WithSummary("Landing page: links to the API definition, conformance and collections").Produces<LandingPage>(StatusCodes.Status200OK, Json);
        group.MapGet("/conformance", () => Ok(new ConformanceDeclaration(ConformsTo))).WithName("Conformance")
            .WithSummary("Conformance classes: Core, GeoJSON, OpenAPI 3.0").Produces<ConformanceDeclaration>(StatusCodes.Status200OK, Json);
        group.MapGet("/api", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        group.MapGet("/collections", Collections).WithName("Collections")
            .WithSummary("Every collection with its geometry type, spatial and temporal extent").Produces<CollectionList>(StatusCodes.Status200OK, Json);
        group.MapGet("/collections/{collectionId}", Collection).WithName("Collection")
            .WithSummary("One collection's metadata").WithPathParameters(CollectionId)
            .Produces<CollectionDocument>(StatusCodes.Status200OK, Json).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/queryables", Queryables).WithName("Queryables")
            .WithSummary("The properties `items` filters on, as JSON Schema").WithPathParameters(CollectionId)
            .Produces<QueryablesDocument>(StatusCodes.Status200OK, "application/schema+json").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/items", Items).WithName("Items")
            .WithSummary("Features of a collection, a page at a time (GeoJSON; `next` links page by key)")
            .WithDescription("Besides the parameters below, each queryable property of the collection (see its queryables) is an equality filter, "
                + "e.g. `river_code=`, `level=`, `area_code=`, `chief_id=`, `vacant=true`. Any other parameter is a 400.")
            .WithPathParameters(CollectionId).WithQuery(FeatureQuery.Parameters)
            .Produces<OgcFeatureCollection>(StatusCodes.Status200OK, GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/items/{featureId}", Item).WithName("Item")
            .WithSummary("One feature by its id (code, or number for patrol tracks and issues)")
            .WithPathParameters(CollectionId, new PathParameter("featureId", "the feature's id"))
            .Produces<OgcFeature>(StatusCodes.Status200OK, GeoJson).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static readonly PathParameter CollectionId = new("collectionId", "the collection", FeatureCollections.All.Select(c => c.Id).ToList());

    /// <summary>The public root of /features: scheme, host and path prefix as the client sees them (behind a gateway too).</summary>
    private static string BaseUrl(HttpContext http) => Root(http) + "/features";

    private static string Root(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static JsonHttpResult<T> Ok<T>(T document, string contentType = Json) => TypedResults.Json(document, contentType: contentType);

    private static JsonHttpResult<LandingPage> Landing(HttpContext http)
    {
        var root = BaseUrl(http);
        return Ok(new LandingPage(
            "RiverGis — 河长制 river chief system",
            "Rivers, segments, administrative areas, chiefs, sewage outlets, patrol tracks and reported issues as OGC API Features.",
            [
                new(root, "self", Json, "this document"),
                new(Root(http) + "/openapi/v1.json", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "the API definition"),
                new(Root(http) + "/", "service-doc", "text/html", "the web map"),
                new(root + "/conformance", "conformance", Json, "conformance classes"),
                new(root + "/collections", "data", Json, "feature collections"),
            ]));
    }

    private const string GregorianTrs = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";

    private static async Task<CollectionDocument> Describe(HttpContext http, FeatureStore store, FeatureCollectionDefinition c, CancellationToken ct)
    {
        var root = BaseUrl(http) + "/collections/" + c.Id;
        var extent = await store.ExtentAsync(c, ct);
        var temporal = extent.Start is null ? null : new TemporalExtent([[extent.Start, extent.End]], GregorianTrs);
        return new CollectionDocument(c.Id, c.Title, c.Description, "feature", c.GeometryType, [Crs84],
            extent.Bbox is null ? null : new CollectionExtentDocument(new SpatialExtent([extent.Bbox], Crs84), temporal),
            [
                new(root, "self", Json, c.Title),
                new(root + "/items", "items", GeoJson, c.Title + " (GeoJSON)"),
                new(root + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "queryable properties"),
            ]);
    }

    private static async Task<JsonHttpResult<CollectionList>> Collections(HttpContext http, FeatureStore store, CancellationToken ct)
    {
        var collections = new List<CollectionDocument>();
        foreach (var c in FeatureCollections.All) collections.Add(await Describe(http, store, c, ct));
        return Ok(new CollectionList([new(BaseUrl(http) + "/collections", "self", Json)], collections));
    }

    private static async Task<IResult> Collection(string collectionId, HttpContext http, FeatureStore store, CancellationToken ct) =>
        FeatureCollections.Find(collectionId) is { } c ? Ok(await Describe(http, store, c, ct)) : UnknownCollection(collectionId);

    private static IResult UnknownCollection(string id) =>
        ApiProblems.NotFound($"There is no collection '{id}'. Collections: {string.Join(", ", FeatureCollections.All.Select(c => c.Id))}.");

    private static IResult Queryables(string collectionId, HttpContext http)
    {
        if (FeatureCollections.Find(collectionId) is not { } c) return UnknownCollection(collectionId);
        var properties = c.Properties.Where(p => p.Queryable).ToDictionary(p => p.Name, p => p.Type switch
        {
            PropertyType.DateTime => new QueryableProperty(p.Description, "string", "date-time"),
            _ => new QueryableProperty(p.Description, p.Type.ToString().ToLowerInvariant()),
        });
        return Ok(new QueryablesDocument("https://json-schema.org/draft/2019-09/schema", BaseUrl(http) + "/collections/" + c.Id + "/queryables",
            "object", c.Title, properties, false), "application/schema+json");
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
        // The page is read whole before anything is written (with its Content-Length): a failure is a problem
        // response, never a cut-off 200. Envelope around PostgreSQL's features array, which is copied, not parsed.
        using var page = await store.ReadPageAsync(c, query, ct);
        var matched = await NumberMatchedAsync(store, c, query, page, ct);
        var self = BaseUrl(http) + "/collections/" + c.Id + "/items";
        var links = new List<OgcLink>
        {
            new(self + http.Request.QueryString, "self", GeoJson, "this page"),
            new(BaseUrl(http) + "/collections/" + c.Id, "collection", Json, c.Title),
        };
        if (page.More && page.LastKey is not null)
        {
            var next = Rewrite(http.Request.Query, ("cursor", page.LastKey), ("offset", (query.Offset + page.Returned).ToString()));
            links.Add(new(self + next, "next", GeoJson, "next page"));
        }
        if (query.Offset > 0)
        {
            var prevOffset = Math.Max(0, query.Offset - query.Limit);
            var prev = Rewrite(http.Request.Query, ("cursor", null), ("offset", prevOffset == 0 ? null : prevOffset.ToString()));
            links.Add(new(self + prev, "prev", GeoJson, "previous page"));
        }
        var timeStamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":\"FeatureCollection\",\"timeStamp\":\"{timeStamp}\",{(matched is { } m ? $"\"numberMatched\":{m}," : "")}\"features\":"));
        var tail = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $",\"numberReturned\":{page.Returned},\"links\":{JsonSerializer.Serialize(links, ApiJson.Options)}}}"));
        http.Response.ContentType = GeoJson;
        http.Response.ContentLength = head.Length + page.FeaturesJson.Length + tail.Length;
        await http.Response.Body.WriteAsync(head, ct);
        await http.Response.Body.WriteAsync(page.FeaturesJson, ct);
        await http.Response.Body.WriteAsync(tail, ct);
    }

    /// <summary>
    /// numberMatched (optional in OGC API Features): exact from the page itself when it is the last one of an offset
    /// paging (a map client's bbox page usually is); else the count of the collection or of its property filters,
    /// cached per data version; omitted for a full page of a bbox or datetime query, whose count would cost as much
    /// as the page and be asked only once (every panned box is new). Clients page by the next link.
    /// </summary>
    private static async Task<long?> NumberMatchedAsync(FeatureStore store, FeatureCollectionDefinition c, FeatureQuery query, FeaturePage page,
        CancellationToken ct)
    {
        if (!page.More && query.Cursor is null && (page.Returned > 0 || query.Offset == 0)) return query.Offset + page.Returned;
        if (query.Bbox is not null || query.Datetime is not null) return null;
        return await store.CountAsync(c, query, ct);
    }

    private static async Task Item(string collectionId, string featureId, HttpContext http, FeatureStore store, CancellationToken ct)
    {
        if (FeatureCollections.Find(collectionId) is not { } c)
        {
            await UnknownCollection(collectionId).ExecuteAsync(http);
            return;
        }
        var self = BaseUrl(http) + "/collections/" + c.Id + "/items/" + Uri.EscapeDataString(featureId);
        OgcLink[] links = [new(self, "self", GeoJson, "this feature"), new(BaseUrl(http) + "/collections/" + c.Id, "collection", Json, c.Title)];
        var feature = await store.ReadOneAsync(c, featureId, ",\"links\":" + JsonSerializer.Serialize(links, ApiJson.Options), ct);
        if (feature is null)
        {
            await ApiProblems.NotFound($"Collection '{c.Id}' has no feature '{featureId}'.").ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = GeoJson;
        await http.Response.Body.WriteAsync(feature, ct);
    }

    private static string Rewrite(IQueryCollection query, params (string Key, string? Value)[] changes)
    {
        var values = query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        foreach (var (key, value) in changes) values[key] = value;
        var url = QueryHelpers.AddQueryString("", values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        return url;
    }
}
