using System.Text.Json;
using Microsoft.Extensions.FileProviders;

namespace RiverGis.Api.Http;

/// <summary>
/// Security headers on every response: a Content-Security-Policy without inline script (<c>script-src 'self'</c>) or
/// framing (<c>frame-ancestors 'none'</c>, and X-Frame-Options for old browsers), <c>X-Content-Type-Options: nosniff</c>
/// and a Referrer-Policy. Basemap tiles may come only from the origins config.json allows (<c>tile_origins</c>, plus
/// the configured <c>tiles</c> URL's origin): img-src lists exactly those, so a <c>?tiles=</c> URL elsewhere is refused
/// by the browser (and by the page before it asks). The API reference (/docs) gets its own policy (<see cref="DocsPolicy"/>).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IWebHostEnvironment environment)
{
    private readonly string _policy = Policy(TileOrigins(environment.WebRootFileProvider));

    /// <summary>
    /// The policy of Scalar's page (/docs): its one inline module script (the page's configuration) is allowed by its
    /// SHA-256, computed from the page as served, not by 'unsafe-inline'; Scalar's bundle compiles code at run time
    /// ('unsafe-eval') and injects its styles, so both are allowed there and only there (the page shows our OpenAPI
    /// document, no user data). It still loads nothing from other origins and cannot be framed.
    /// </summary>
    public static string DocsPolicy(IEnumerable<string> scriptHashes) =>
        "default-src 'self'; script-src 'self' 'unsafe-eval' " + string.Join(' ', scriptHashes.Select(h => $"'sha256-{h}'")) + "; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static string Policy(IEnumerable<string> tileOrigins) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + string.Join(' ', new[] { "'self'" }.Concat(tileOrigins)) + "; "
        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        if (!http.Request.Path.StartsWithSegments("/docs"))
        {
            http.Response.OnStarting(() =>
            {
                Common(headers);
                headers.ContentSecurityPolicy = _policy;
                return Task.CompletedTask;
            });
            await next(http);
            return;
        }
        // /docs: the page is small; buffer it to hash its inline scripts into its policy.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        Common(headers);
        var html = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            ? System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) : "";
        headers.ContentSecurityPolicy = DocsPolicy(InlineScriptHashes(html));
        if (headers.ContentLength is not null) headers.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static void Common(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    }

    /// <summary>Base64 SHA-256 of each inline script (a &lt;script&gt; without src) of a page, as CSP hash sources take them.</summary>
    public static IEnumerable<string> InlineScriptHashes(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, @"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(m.Groups[1].Value))));

    /// <summary>The basemap origins of wwwroot/config.json: <c>tile_origins</c> and the origin of <c>tiles</c> ({s} subdomains as *).</summary>
    public static IReadOnlyList<string> TileOrigins(IFileProvider webRoot)
    {
        var file = webRoot.GetFileInfo("config.json");
        if (!file.Exists) return [];
        using var stream = file.CreateReadStream();
        using var config = JsonDocument.Parse(stream);
        var origins = new List<string>();
        if (config.RootElement.TryGetProperty("tile_origins", out var list) && list.ValueKind == JsonValueKind.Array)
            origins.AddRange(list.EnumerateArray().Select(o => o.GetString()).OfType<string>().Select(Checked));
        if (config.RootElement.TryGetProperty("tiles", out var tiles) && tiles.ValueKind == JsonValueKind.String && OriginOf(tiles.GetString()!) is { } origin)
            origins.Add(origin);
        return origins.Distinct().ToList();
    }

    /// <summary>The CSP source of a tile URL template: scheme and host, the label with the {s} subdomain as a wildcard (null when {s} is deeper).</summary>
    public static string? OriginOf(string template)
    {
        var replaced = template.Replace("{s}", "subdomain", StringComparison.Ordinal);
        if (!Uri.TryCreate(replaced, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) return null;
        // CSP wildcards stand only for whole leftmost labels: t{s}.tianditu.gov.cn → *.tianditu.gov.cn.
        var labels = uri.Host.Split('.');
        var host = string.Join('.', labels.Select((l, i) => l.Contains("subdomain", StringComparison.Ordinal) ? (i == 0 ? "*" : null) : l)
            .Where(l => l is not null));
        if (labels.Skip(1).Any(l => l.Contains("subdomain", StringComparison.Ordinal))) return null;
        return $"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}";
    }

    private static string Checked(string source) =>
        source.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '\'') || !source.Contains("://", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"config.json tile_origins: '{source}' is not an origin such as https://*.tianditu.gov.cn")
            : source;
}
