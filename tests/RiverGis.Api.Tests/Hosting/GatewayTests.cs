using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Hosting;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Hosting;

/// <summary>
/// Behind the office's gateway (issue 9, item 5): X-Forwarded-Proto/Host/Prefix are honoured only from the proxies the
/// configuration names, so `next` links, the landing page and the OpenAPI `servers` carry the public URL; CORS is off
/// unless origins are configured. Requests are made with the client address set, as Kestrel would see it.
/// </summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private const string Gateway = "10.1.2.3";
    private RiverGisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await RiverGisFactory.CreateAsync("gateway", TestPaths.Mini);
        _factory.CreateClient().Dispose();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) =>
        _factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    private static async Task<HttpContext> Send(WebApplicationFactory<Program> factory, string from, string pathAndQuery, string method = "GET",
        params (string Name, string Value)[] headers)
    {
        var (path, query) = pathAndQuery.Split('?') is [var p, var q] ? (p, "?" + q) : (pathAndQuery, "");
        return await factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Request.QueryString = new QueryString(query);
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            foreach (var (name, value) in headers) c.Request.Headers[name] = value;
        });
    }

    private static readonly (string, string)[] Forwarded =
        [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "gis.example.gov.cn"), ("X-Forwarded-Prefix", "/hezhang"), ("X-Forwarded-For", "203.0.113.9")];

    private static async Task<JsonElement> Json(HttpContext context)
    {
        Assert.Equal(200, context.Response.StatusCode);
        return (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
    }

    private static string Link(JsonElement document, string rel) =>
        document.GetProperty("links").EnumerateArray().First(l => l.GetProperty("rel").GetString() == rel).GetProperty("href").GetString()!;

    public static TheoryData<string, string, (string, string)[], bool> Cases => new()
    {
        // configuration, request source, settings, forwarded headers honoured?
        { "nothing configured (loopback is not trusted either)", "127.0.0.1", [], false },
        { "the gateway's address", Gateway, [("Proxy:KnownProxies:0", Gateway)], true },
        { "another address than the gateway's", "10.9.9.9", [("Proxy:KnownProxies:0", Gateway)], false },
        { "the gateway's network", Gateway, [("Proxy:KnownNetworks:0", "10.0.0.0/8")], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Forwarded_headers_count_only_from_configured_proxies(string what, string from, (string, string)[] settings, bool honoured)
    {
        var factory = With(settings);
        var expectedRoot = honoured ? "https://gis.example.gov.cn/hezhang" : "http://localhost";

        var page = await Json(await Send(factory, from, "/features/collections/segments/items?limit=1", headers: Forwarded));
        var next = Link(page, "next");
        Assert.True(next.StartsWith(expectedRoot + "/features/collections/segments/items?", StringComparison.Ordinal), $"{what}: next {next}");
        var landing = await Json(await Send(factory, from, "/features", headers: Forwarded));
        Assert.Equal(expectedRoot + "/openapi/v1.json", Link(landing, "service-desc"));
        var openapi = await Json(await Send(factory, from, "/openapi/v1.json", headers: Forwarded));
        Assert.Equal(expectedRoot, openapi.GetProperty("servers")[0].GetProperty("url").GetString()!.TrimEnd('/'));
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "10.1.2")]
    [InlineData("Proxy:KnownProxies:0", "gateway.local")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/33")]
    public void A_malformed_proxy_setting_stops_the_start_naming_it(string key, string value)
    {
        // The registration the service makes at start-up (RiverGisServices.AddRiverGis → AddGateway).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddGateway(configuration));
        Assert.Contains(key[..key.LastIndexOf(':')], error.Message);
        Assert.Contains(value, error.Message);
    }

    [Theory]
    [InlineData(null, "https://map.example.gov.cn", false)]
    [InlineData("https://map.example.gov.cn", "https://map.example.gov.cn", true)]
    [InlineData("https://map.example.gov.cn", "https://evil.example.com", false)]
    [InlineData("*", "https://anyone.example.org", true)]
    public async Task Cors_is_off_unless_origins_are_configured(string? allowed, string origin, bool expectAllowed)
    {
        var factory = allowed is null ? (WebApplicationFactory<Program>)_factory : With(("Cors:AllowedOrigins:0", allowed));
        var preflight = await Send(factory, "127.0.0.1", "/api/issues", "OPTIONS",
            ("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type,idempotency-key"));
        var get = await Send(factory, "127.0.0.1", "/features/collections", headers: ("Origin", origin));
        foreach (var response in new[] { preflight.Response, get.Response })
        {
            var header = response.Headers.AccessControlAllowOrigin.ToString();
            if (expectAllowed) Assert.Contains(header, new[] { origin, "*" });
            else Assert.Equal("", header);
        }
    }
}
