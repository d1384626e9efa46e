using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RiverGis.Api.Hosting;

/// <summary>
/// The reverse proxies (gateways) the service trusts: only requests arriving from one of them may set the public
/// scheme, host and path prefix through X-Forwarded-Proto/-Host/-Prefix (and the client address through
/// X-Forwarded-For). Bound from the `Proxy` section; empty (the default) trusts nobody, not even loopback.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// Browser origins allowed to call the API from another site (CORS). Bound from the `Cors` section; empty (the default)
/// keeps CORS off, so browsers only let pages served by the service itself (the web map) read its responses.
/// </summary>
public sealed class CrossOriginOptions
{
    /// <summary>Origins such as "https://map.example.gov.cn"; "*" allows any origin.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>Forwarded headers from configured proxies and CORS from configured origins, both off unless configured.</summary>
public static class Gateway
{
    /// <summary>Response headers a cross-origin script may read besides the CORS-safelisted ones.</summary>
    private static readonly string[] ExposedHeaders = ["ETag", "Location", "Retry-After", "Idempotent-Replayed", "Content-Disposition"];

    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = configuration.GetSection("Proxy").Get<ProxyOptions>() ?? new ProxyOptions();
        // Parsed at start-up, so a typo stops the service with its name instead of failing every request.
        var proxies = proxy.KnownProxies.Select(a => IsAddress(a, out var ip) ? ip
            : throw new InvalidOperationException($"Proxy:KnownProxies: '{a}' is not an IP address")).ToList();
        var networks = proxy.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net
            : throw new InvalidOperationException($"Proxy:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8)")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost
                | ForwardedHeaders.XForwardedPrefix;
            // The framework trusts loopback by default; only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxies) o.KnownProxies.Add(address);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // A chain of trusted proxies is walked back to the first untrusted address.
            o.ForwardLimit = null;
        });
        var cors = configuration.GetSection("Cors").Get<CrossOriginOptions>() ?? new CrossOriginOptions();
        if (cors.AllowedOrigins.Count > 0)
        {
            services.AddCors(o => o.AddDefaultPolicy(policy =>
            {
                if (cors.AllowedOrigins.Contains("*")) policy.AllowAnyOrigin();
                else policy.WithOrigins([.. cors.AllowedOrigins]);
                policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(ExposedHeaders);
            }));
        }
        return services;
    }

    /// <summary>An IPv6 address or a dotted-quad IPv4 address (not the legacy short forms: "10.1.2" is refused, not read as 10.1.0.2).</summary>
    private static bool IsAddress(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);

    /// <summary>First in the pipeline: everything after it (links, the OpenAPI `servers`) sees the public URL.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        var proxy = app.Configuration.GetSection("Proxy").Get<ProxyOptions>() ?? new ProxyOptions();
        if (proxy.KnownProxies.Count + proxy.KnownNetworks.Count > 0) app.UseForwardedHeaders();
        if (app.Services.GetService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService>() is not null) app.UseCors();
        return app;
    }
}
