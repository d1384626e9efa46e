using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RiverGis.Api.Accounts;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Tests.Patrols;

/// <summary>
/// Who sends a request: a user of the role and scope, signed in with a bearer token (created on first use by the
/// fixture), or nobody (<see cref="Public"/>: anonymous).
/// </summary>
public sealed record As(Role Role, string? ChiefId = null, string? AreaCode = null)
{
    public static As Chief(string id) => new(Role.Chief, id);
    public static As Office(string area) => new(Role.Office, AreaCode: area);
    public static readonly As Admin = new(Role.Admin);
    public static readonly As Public = new(Role.Public);

    public string Username => $"patrols-{Role.ToCode()}-{ChiefId ?? AreaCode ?? "all"}".ToLowerInvariant();

    public Task<HttpClient> ClientAsync(ServiceFixture service) =>
        Role == Role.Public ? Task.FromResult(service.Client) : service.AsAsync(Username, Role, AreaCode, ChiefId);
}

/// <summary>Patrol requests against a test service.</summary>
public static class PatrolRequests
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "patrols");

    public static string MediaTypeOf(string file) => file.EndsWith(".gpx", StringComparison.Ordinal) ? "application/gpx+xml" : "application/geo+json";

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(ServiceFixture service, byte[] body, string mediaType,
        As caller, string? key = null, string query = "")
    {
        var client = await caller.ClientAsync(service);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/patrols" + query) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, response);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostFileAsync(ServiceFixture service, string file, As caller,
        string? key = null, string query = "") =>
        PostAsync(service, File.ReadAllBytes(Path.Combine(Folder, file)), MediaTypeOf(file), caller, key, query);

    public static async Task<JsonElement> GetAsync(ServiceFixture service, string url, As caller, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await (await caller.ClientAsync(service)).GetAsync(url);
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
