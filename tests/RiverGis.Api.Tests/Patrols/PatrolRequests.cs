using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Patrols;

/// <summary>Who sends a request: the identity headers the service trusts until accounts exist (README: Access).</summary>
public sealed record As(string Role, string? ChiefId = null, string? AreaCode = null)
{
    public static As Chief(string id) => new("chief", id);
    public static As Office(string? area = null) => new("office", AreaCode: area);
    public static readonly As Public = new("public");

    public void Apply(HttpRequestMessage request)
    {
        request.Headers.Add("X-RiverGis-Role", Role);
        if (ChiefId is not null) request.Headers.Add("X-RiverGis-Chief-Id", ChiefId);
        if (AreaCode is not null) request.Headers.Add("X-RiverGis-Area-Code", AreaCode);
    }
}

/// <summary>Patrol requests against a test service.</summary>
public static class PatrolRequests
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "patrols");

    public static string MediaTypeOf(string file) => file.EndsWith(".gpx", StringComparison.Ordinal) ? "application/gpx+xml" : "application/geo+json";

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(HttpClient client, byte[] body, string mediaType,
        As? caller = null, string? key = null, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/patrols" + query) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        caller?.Apply(request);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, response);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostFileAsync(HttpClient client, string file, As? caller = null,
        string? key = null, string query = "") =>
        PostAsync(client, File.ReadAllBytes(Path.Combine(Folder, file)), MediaTypeOf(file), caller, key, query);

    public static async Task<JsonElement> GetAsync(HttpClient client, string url, As? caller = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        caller?.Apply(request);
        var response = await client.SendAsync(request);
        return await ServiceFixture.ReadAsync(response, expected, url);
    }

    /// <summary>A GeoJSON walk along the given positions with one time per position (every <paramref name="stepS"/> seconds).</summary>
    public static byte[] Walk(IReadOnlyList<(double Lon, double Lat)> positions, DateTimeOffset start, double stepS, string? chiefId = null, string? findings = null,
        IReadOnlyList<string>? photoUrls = null)
    {
        var properties = new Dictionary<string, object?>
        {
            ["times"] = positions.Select((_, i) => start.AddSeconds(i * stepS).ToString("yyyy-MM-dd'T'HH:mm:sszzz")).ToArray(),
        };
        if (chiefId is not null) properties["chief_id"] = chiefId;
        if (findings is not null) properties["findings"] = findings;
        if (photoUrls is not null) properties["photo_urls"] = photoUrls;
        var feature = new { type = "Feature", properties, geometry = new { type = "LineString", coordinates = positions.Select(p => new[] { p.Lon, p.Lat }).ToArray() } };
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(feature));
    }

    /// <summary>
    /// About 1.5 km along the chief's first segment (a general chief's: the first of the area), a position every 12 m,
    /// there and back when the segment is shorter.
    /// </summary>
    public static async Task<List<(double Lon, double Lat)>> RouteAlongAsync(string connectionString, string chief)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var cmd = dataSource.CreateCommand("""
            SELECT ST_X((dp).geom), ST_Y((dp).geom) FROM (
              SELECT ST_DumpPoints(ST_Segmentize(ST_LineSubstring(g, 0, least(1, 1500 / ST_Length(g::geography)))::geography, 12)::geometry) AS dp
              FROM (SELECT ST_GeometryN(s.geom, 1) AS g FROM segments s
                    WHERE s.chief_id = $1 OR s.area_code = (SELECT area_code FROM chiefs WHERE id = $1 AND role = 'general')
                    ORDER BY s.code LIMIT 1) x) d
            """);
        cmd.Parameters.AddWithValue(chief);
        var points = new List<(double, double)>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) points.Add((reader.GetDouble(0), reader.GetDouble(1)));
        }
        Assert.True(points.Count > 1, $"no segment of {chief}");
        var route = new List<(double, double)>(points);
        while (route.Count < 130) route.AddRange(route.Count / points.Count % 2 == 1 ? Enumerable.Reverse(points).Skip(1) : points.Skip(1));
        return route;
    }

    /// <summary>A GPX 1.1 file of the positions, one every <paramref name="stepS"/> seconds from <paramref name="start"/>.</summary>
    public static string Gpx(IReadOnlyList<(double Lon, double Lat)> positions, DateTimeOffset start, double stepS)
    {
        var points = positions.Select((p, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"      <trkpt lat=\"{p.Lat:0.0000000}\" lon=\"{p.Lon:0.0000000}\"><time>{start.AddSeconds(i * stepS).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</time></trkpt>"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"RiverGis tests\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
            + "  <trk><name>巡河</name><trkseg>\n" + string.Join("\n", points) + "\n  </trkseg></trk>\n</gpx>\n";
    }
}
