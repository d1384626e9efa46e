using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Npgsql;
using RiverGis.Api.Database;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The real service over the sample data (a throwaway PostGIS database, the service as a process on a loopback port)
/// and one headless Debian Chromium driven by Playwright, shared by the web map tests of a class.
/// </summary>
public sealed class WebMapFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private string? _userData;

    public ServiceProcess Service { get; private set; } = null!;
    public IBrowserContext Browser { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public string BaseUrl => Service.BaseUrl;
    public string ConnectionString => Service.ConnectionString;

    public static string Screenshots { get; } = Path.Combine(ProjectPaths.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        // Never download browsers: the Debian chromium is used.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(Screenshots);
        var service = ServiceProcess.StartAsync("web", TestPaths.SampleData);
        _playwright = await Playwright.CreateAsync();
        _userData = Directory.CreateTempSubdirectory("rivergis-chromium-").FullName;
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_userData, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
        });
        Browser.SetDefaultTimeout(20_000);
        Service = await service;
        Http = new HttpClient { BaseAddress = new Uri(Service.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Service is not null) await Service.DisposeAsync();
        if (_userData is not null)
        {
            try { Directory.Delete(_userData, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Opens the map in a new page that records what must not happen (console errors, failed or foreign requests).</summary>
    public async Task<MapPage> OpenAsync(string path = "/")
    {
        var page = await Browser.NewPageAsync();
        var map = new MapPage(this, page);
        await map.GotoAsync(path);
        return map;
    }

    public async Task<JsonDocument> GetJsonAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>Files an issue through the API (201 expected) and returns its GeoJSON.</summary>
    public async Task<JsonDocument> FileIssueAsync(double lon, double lat, string category, string description, DateTimeOffset? reportedAt = null)
    {
        var properties = new JsonObject { ["category"] = category, ["description"] = description, ["source"] = "patrol" };
        if (reportedAt is { } at) properties["reported_at"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) },
            ["properties"] = properties,
        };
        using var response = await Http.PostAsync("/api/issues", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/geo+json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, text);
        return JsonDocument.Parse(text);
    }

    /// <summary>A vertex in the middle of a stored segment (on its river), with the segment's and river's codes.</summary>
    public async Task<(string Code, string River, double Lon, double Lat)> MidpointOfSegmentAsync(string code)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var cmd = dataSource.CreateCommand(
            "SELECT s.code, s.river_code, ST_X(p), ST_Y(p) FROM segments s, " +
            "LATERAL (SELECT ST_PointN(g, GREATEST(1, ST_NPoints(g) / 2)) AS p FROM (SELECT ST_GeometryN(s.geom, 1) AS g) x) y WHERE s.code = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = code });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no segment {code}");
        return (reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3));
    }
}
