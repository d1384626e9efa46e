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

    /// <summary>The password of every user the web tests create.</summary>
    public const string Password = "web-test-password";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<HttpClient>> _clients = new();

    public ServiceProcess Service { get; private set; } = null!;
    public IBrowserContext Browser { get; private set; } = null!;
    /// <summary>An anonymous client of the service.</summary>
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
        // The first administrator, as on a fresh install (README): the CLI, the password on standard input.
        var (code, output) = await CliProcess.RunWithInputAsync(ConnectionString, null, Password, "users", "add", "--username", "web-admin", "--role", "admin");
        Assert.True(code == 0, output);
    }

    /// <summary>A client signed in (bearer token) as a user, created by the administrator on first use.</summary>
    public Task<HttpClient> AsAsync(string username, string role = "admin", string? area = null, string? chief = null) =>
        _clients.GetOrAdd(username, async _ =>
        {
            if (username != "web-admin")
            {
                var admin = await AsAsync("web-admin");
                var body = JsonSerializer.Serialize(new { username, password = Password, role, area_code = area, chief_id = chief });
                using var created = await admin.PostAsync("/api/users", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            }
            using var token = await Http.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = username, ["password"] = Password,
            }));
            var text = await token.Content.ReadAsStringAsync();
            Assert.True(token.IsSuccessStatusCode, text);
            var client = new HttpClient { BaseAddress = new Uri(Service.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString());
            return client;
        });

    /// <summary>Signs the page in through the sign-in form (the user is created first when needed), as a person would.</summary>
    public async Task SignInAsync(MapPage map, string username, string role = "admin", string? area = null, string? chief = null)
    {
        await AsAsync(username, role, area, chief);
        await map.Page.ClickAsync("[data-testid=sign-in]");
        await map.Page.FillAsync("[data-testid=login-username]", username);
        await map.Page.FillAsync("[data-testid=login-password]", Password);
        await map.Page.ClickAsync("[data-testid=login-submit]");
        await map.Page.Locator($"[data-testid=user-role][data-role={role}]").WaitForAsync();
        await map.WaitShownAsync(null, null);
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
    public async Task<MapPage> OpenAsync(string path = "/", (string Username, string Role, string? Area)? signedInAs = null)
    {
        // Every page starts anonymous (a session cookie another test signed in with stays behind), or signed in as asked:
        // the browser holds the session cookie before the page starts.
        await Browser.ClearCookiesAsync();
        if (signedInAs is var (username, role, area))
        {
            await AsAsync(username, role, area);
            var login = await Browser.APIRequest.PostAsync(BaseUrl + "/api/auth/login", new APIRequestContextOptions
            {
                DataObject = new { username, password = Password },
            });
            Assert.True(login.Ok, await login.TextAsync());
        }
        var page = await Browser.NewPageAsync();
        var map = new MapPage(this, page);
        await map.GotoAsync(path);
        return map;
    }

    /// <summary>GET as the administrator (who may read every endpoint).</summary>
    public async Task<JsonDocument> GetJsonAsync(string pathAndQuery)
    {
        using var response = await (await AsAsync("web-admin")).GetAsync(pathAndQuery);
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
