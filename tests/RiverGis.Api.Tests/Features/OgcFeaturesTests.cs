using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Features;

public sealed class OgcFeaturesTests : IClassFixture<OgcFeaturesTests.MiniService>
{
    public sealed class MiniService : IAsyncLifetime
    {
        public RiverGisFactory Factory { get; private set; } = null!;
        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Factory = await RiverGisFactory.CreateAsync("features", TestPaths.Mini);
            Client = Factory.CreateClient();
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private readonly HttpClient _client;

    public OgcFeaturesTests(MiniService service) => _client = service.Client;

    private async Task<JsonElement> GetJson(string url, string expectedType = "application/json")
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static IEnumerable<string> Ids(JsonElement collection) =>
        collection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").ToString());

    [Fact]
    public async Task Landing_page_and_conformance_declare_core_geojson_and_oas30()
    {
        var landing = await GetJson("/features");
        var rels = landing.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()).ToList();
        Assert.Contains("service-desc", rels);
        Assert.Contains("conformance", rels);
        Assert.Contains("data", rels);
        var conformance = await GetJson("/features/conformance");
        var classes = conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30", classes);
    }

    [Fact]
    public async Task Collections_list_every_layer_with_extent()
    {
        var collections = await GetJson("/features/collections");
        var ids = collections.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(["admin-areas", "rivers", "segments", "outlets", "patrol-tracks"], ids.Take(5));
        var areas = await GetJson("/features/collections/admin-areas");
        var bbox = areas.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([100.0, 30.0, 100.1, 30.05], bbox);
    }

    [Fact]
    public async Task Segments_carry_the_chief_joined_and_follow_RFC7946()
    {
        var item = await GetJson("/features/collections/segments/items/S-1", "application/geo+json");
        Assert.Equal("Feature", item.GetProperty("type").GetString());
        var properties = item.GetProperty("properties");
        Assert.Equal("C2", properties.GetProperty("chief_id").GetString());
        Assert.Equal("东镇河长", properties.GetProperty("chief_name").GetString());
        Assert.Equal("13800000011", properties.GetProperty("chief_phone").GetString());
        Assert.Equal("主河", properties.GetProperty("river_name").GetString());
        // ~0.05° of longitude at 30.025° N on WGS84 (PostGIS geography gives 4823.3 m for this line).
        Assert.InRange(properties.GetProperty("length_m").GetDouble(), 4820, 4826);
        Assert.Equal("MultiLineString", item.GetProperty("geometry").GetProperty("type").GetString());
        var first = item.GetProperty("geometry").GetProperty("coordinates")[0][0];
        Assert.Equal(100.0, first[0].GetDouble(), 6); // lon first
        Assert.Equal(30.025, first[1].GetDouble(), 6);
    }

    [Fact]
    public async Task Paging_with_next_links_visits_every_feature_once()
    {
        var seen = new List<string>();
        var url = "/features/collections/segments/items?limit=1";
        var pages = 0;
        while (url is not null)
        {
            var page = await GetJson(url, "application/geo+json");
            Assert.Equal(4, page.GetProperty("numberMatched").GetInt32());
            Assert.Equal(page.GetProperty("features").GetArrayLength(), page.GetProperty("numberReturned").GetInt32());
            seen.AddRange(Ids(page));
            var next = page.GetProperty("links").EnumerateArray().FirstOrDefault(l => l.GetProperty("rel").GetString() == "next");
            url = next.ValueKind == JsonValueKind.Undefined ? null! : new Uri(next.GetProperty("href").GetString()!).PathAndQuery;
            if (pages++ > 0) Assert.Contains(page.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "prev");
        }
        Assert.Equal(["S-1", "S-2", "S-3", "S-C"], seen);
    }

    [Theory]
    [InlineData("10000", 10000)]
    [InlineData("10001", 10000)]
    [InlineData("99999999999", 10000)]
    [InlineData("3", 3)]
    public async Task A_limit_above_the_maximum_is_capped_not_refused(string limit, int applied)
    {
        // OGC API Features 17-069r4 §7.15.3 (/req/core/fc-limit-response-1): a larger limit is not an error; the maximum is used.
        var page = await GetJson($"/features/collections/segments/items?limit={limit}", "application/geo+json");
        Assert.Equal(Math.Min(applied, page.GetProperty("numberMatched").GetInt32()), page.GetProperty("numberReturned").GetInt32());
    }

    [Fact]
    public async Task Offset_paging_matches_keyset_paging()
    {
        var page = await GetJson("/features/collections/segments/items?limit=2&offset=2", "application/geo+json");
        Assert.Equal(["S-3", "S-C"], Ids(page));
    }

    [Fact]
    public async Task Bbox_and_property_filters_select_features()
    {
        // Only the east township (lon 100.05–100.10): S-2 and the county segment S-C reach it.
        var east = await GetJson("/features/collections/segments/items?bbox=100.07,30.0,100.09,30.05", "application/geo+json");
        Assert.Equal(["S-2", "S-C"], Ids(east));
        var r1Township = await GetJson("/features/collections/segments/items?river_code=R1&level=township", "application/geo+json");
        Assert.Equal(["S-1", "S-2"], Ids(r1Township));
        var vacant = await GetJson("/features/collections/segments/items?vacant=true", "application/geo+json");
        Assert.Equal(["S-3"], Ids(vacant));
        var tracks = await GetJson("/features/collections/patrol-tracks/items?datetime=2026-10-03T01:30:00Z", "application/geo+json");
        Assert.Equal(1, tracks.GetProperty("numberMatched").GetInt32());
        var noTracks = await GetJson("/features/collections/patrol-tracks/items?datetime=2026-11-01T00:00:00Z/..", "application/geo+json");
        Assert.Equal(0, noTracks.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task Queryables_list_the_filterable_properties()
    {
        var queryables = await GetJson("/features/collections/segments/queryables", "application/schema+json");
        var names = queryables.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("river_code", names);
        Assert.Contains("area_code", names);
        Assert.DoesNotContain("chief_phone", names);
    }

    [Theory]
    [InlineData("/features/collections/segments/items?bbox=1,2,3", "bbox", "found 3")]
    [InlineData("/features/collections/segments/items?limit=-1", "limit", "out of range")]
    [InlineData("/features/collections/segments/items?limit=ten", "limit", "not an integer")]
    [InlineData("/features/collections/segments/items?colour=blue", "colour", "unknown query parameter")]
    [InlineData("/features/collections/segments/items?bbox=30.0,100.0,30.05,100.1", "bbox", "lat,lon order")]
    [InlineData("/features/collections/segments/items?datetime=yesterday", "datetime", "RFC 3339")]
    [InlineData("/features/collections/segments/items?vacant=maybe", "vacant", "not a valid boolean")]
    public async Task Bad_query_values_get_problem_json_naming_the_parameter(string url, string parameter, string fragment)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        ServiceFixture.AssertNames(problem, parameter, fragment);
    }

    [Theory]
    [InlineData("/features/collections/lakes/items")]
    [InlineData("/features/collections/lakes")]
    [InlineData("/features/collections/segments/items/NOPE")]
    [InlineData("/features/collections/patrol-tracks/items/abc")]
    public async Task Unknown_collections_and_features_are_404_problems(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_and_openapi_document_are_served()
    {
        var health = await GetJson("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        var openapi = await GetJson("/openapi/v1.json");
        Assert.StartsWith("3.0", openapi.GetProperty("openapi").GetString());
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/features/collections/{collectionId}/items", out _));
    }
}

public sealed class DatasetListTests(SampleService service) : IClassFixture<SampleService>
{
    [Fact]
    public async Task Datasets_are_listed_with_counts_and_extents()
    {
        var list = await service.GetJsonAsync("/api/datasets");
        var codes = list.EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToList();
        Assert.Equal(["andorra", "jinkouhe", "liechtenstein"], codes);
        var li = list.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "liechtenstein");
        Assert.Equal(await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM segments WHERE dataset_code = 'liechtenstein'"),
            li.GetProperty("counts").GetProperty("segments").GetInt64());
        var bbox = li.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.InRange(bbox[0], 9.4, 9.55);
        Assert.InRange(bbox[3], 47.2, 47.6);
    }
}

public sealed class Rfc7946Tests(SampleService service) : IClassFixture<SampleService>
{
    /// <summary>Twice the signed area of a ring (lon/lat): positive when counter-clockwise.</summary>
    private static double SignedArea(JsonElement ring)
    {
        var points = ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        return points.Zip(points.Skip(1)).Sum(e => e.First.Item1 * e.Second.Item2 - e.Second.Item1 * e.First.Item2);
    }

    [Fact]
    public async Task Polygon_exterior_rings_are_counter_clockwise_and_holes_clockwise()
    {
        var areas = await service.GetJsonAsync("/features/collections/admin-areas/items?limit=1000");
        var rings = 0;
        foreach (var feature in areas.GetProperty("features").EnumerateArray())
        {
            foreach (var polygon in feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            {
                var i = 0;
                foreach (var ring in polygon.EnumerateArray())
                {
                    Assert.True(i == 0 ? SignedArea(ring) > 0 : SignedArea(ring) < 0, $"{feature.GetProperty("id")} ring {i}");
                    i++;
                    rings++;
                }
            }
        }
        Assert.True(rings >= 57);
    }
}
