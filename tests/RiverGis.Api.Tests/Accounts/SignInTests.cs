using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using RiverGis.Api.Accounts;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>Signing in: the OAuth 2 token contract, lockout, revocation, and the web app's cookie session with antiforgery.</summary>
public sealed class SignInTests(MiniService service) : IClassFixture<MiniService>
{
    private Task<HttpResponseMessage> TokenAsync(string username, string password, string grant = "password") =>
        service.Client.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grant, ["username"] = username, ["password"] = password,
        }));

    /// <summary>The parts of a refusal a client sees, without the per-request trace id.</summary>
    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return $"{body.GetProperty("error").GetString()}|{body.GetProperty("error_description").GetString()}|{body.GetProperty("title").GetString()}";
    }

    [Fact]
    public async Task The_token_endpoint_answers_as_OAuth_2_says()
    {
        await service.CreateUserAsync("token-user", Role.Office, area: "T01");
        var response = await TokenAsync("TOKEN-USER", ServiceFixture.Password); // names are case-insensitive
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/issues")).StatusCode);

        var unsupported = JsonDocument.Parse(await (await TokenAsync("token-user", ServiceFixture.Password, "client_credentials")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unsupported_grant_type", unsupported.GetProperty("error").GetString());
        var json = await service.Client.PostAsync("/api/auth/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal("invalid_request", JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        // A forged token (signed with another key) is nobody.
        var forged = service.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString()![..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/issues")).StatusCode);
    }

    [Fact]
    public async Task Wrong_unknown_disabled_and_locked_accounts_get_the_same_invalid_grant()
    {
        await service.CreateUserAsync("lock-user", Role.Chief, chief: "C2");
        await service.CreateUserAsync("disabled-user", Role.Chief, chief: "C3");
        var wrong = await RefusalAsync(await TokenAsync("lock-user", "wrong-password"));
        Assert.StartsWith("invalid_grant|", wrong);
        Assert.Equal(wrong, await RefusalAsync(await TokenAsync("nobody-at-all", "wrong-password")));
        var admin = await service.Admin;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/users/disabled-user/disable", null)).StatusCode);
        Assert.Equal(wrong, await RefusalAsync(await TokenAsync("disabled-user", ServiceFixture.Password)));

        // Five failures in a row (the shipped setting) lock the account: then even the right password is refused, alike.
        for (var i = 0; i < 4; i++) await TokenAsync("lock-user", "wrong-password");
        Assert.Equal(wrong, await RefusalAsync(await TokenAsync("lock-user", ServiceFixture.Password)));
        var lockedUntil = await Db.ScalarAsync<DateTime>(service.ConnectionString, "SELECT locked_until FROM users WHERE username = 'lock-user'");
        Assert.InRange((lockedUntil - DateTime.UtcNow).TotalMinutes, 14, 15.1);
        Assert.Equal(1L, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM audit_log WHERE action = 'lockout' AND resource_id = 'lock-user'"));
        // An administrator enabling the account lifts the lockout.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/users/lock-user/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("lock-user", ServiceFixture.Password)).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_or_changing_the_password_ends_the_tokens_already_given()
    {
        await service.CreateUserAsync("revoked-user", Role.Office, area: "T00");
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await service.TokenAsync("revoked-user"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/issues")).StatusCode);
        var admin = await service.Admin;
        await admin.PutAsync("/api/users/revoked-user/password", new StringContent("""{"password": "a-brand-new-password"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/issues")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await service.TokenAsync("revoked-user", "a-brand-new-password"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/issues")).StatusCode);
        await admin.PostAsync("/api/users/revoked-user/disable", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/issues")).StatusCode);
    }

    [Fact]
    public async Task The_web_session_is_an_http_only_strict_cookie_and_its_writes_need_the_antiforgery_token()
    {
        await service.CreateUserAsync("web-office", Role.Office, area: "T01");
        var browser = service.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await browser.PostAsync("/api/auth/login", new StringContent($$"""{"username": "web-office", "password": "{{ServiceFixture.Password}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rivergis_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain("access_token", await login.Content.ReadAsStringAsync()); // the token never reaches script

        var session = JsonDocument.Parse(await browser.GetStringAsync("/api/auth/session")).RootElement;
        Assert.Equal("web-office", session.GetProperty("user").GetProperty("username").GetString());
        Assert.Equal("office", session.GetProperty("user").GetProperty("role").GetString());
        var csrf = session.GetProperty("antiforgery_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/issues")).StatusCode);

        var issue = await service.PostJsonAsync("/api/issues", """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "garbage", "description": "会话测试", "source": "public"}}""", HttpStatusCode.Created);
        var url = $"/api/issues/{issue.GetProperty("id").GetInt64()}/transitions";
        StringContent Body() => new("""{"action": "assign", "chief_id": "C2"}""", Encoding.UTF8, "application/json");
        var without = await browser.PostAsync(url, Body());
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await without.Content.ReadAsStringAsync());
        using var withToken = new HttpRequestMessage(HttpMethod.Post, url) { Content = Body() };
        withToken.Headers.Add("X-CSRF-TOKEN", csrf);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(withToken)).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("X-CSRF-TOKEN", csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/issues")).StatusCode);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await browser.GetStringAsync("/api/auth/session")).RootElement.GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var url in new[] { "/", "/api/issues/categories", "/api/issues" })
        {
            var response = await service.Client.GetAsync(url);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
        // Scalar's page: its inline configuration script is allowed by its hash, not by 'unsafe-inline'.
        var docs = await service.Client.GetAsync("/docs/");
        var docsPolicy = docs.Headers.GetValues("Content-Security-Policy").Single();
        var script = System.Text.RegularExpressions.Regex.Match(await docs.Content.ReadAsStringAsync(), @"<script type=""module"">(.*?)</script>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'self' 'unsafe-eval' 'sha256-{hash}';", docsPolicy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", docsPolicy);
    }

    [Theory]
    [InlineData("""{"tiles": null}""", "img-src 'self';")]
    [InlineData("""{"tiles": "https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&x={x}&y={y}&l={z}", "tile_origins": ["https://tiles.example.org"]}""",
        "img-src 'self' https://tiles.example.org https://*.tianditu.gov.cn;")]
    public void The_policy_allows_basemap_tiles_only_from_the_configured_origins(string config, string expected)
    {
        var root = Directory.CreateTempSubdirectory("rivergis-webroot-").FullName;
        File.WriteAllText(Path.Combine(root, "config.json"), config);
        using var files = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(root);
        Assert.Contains(expected, RiverGis.Api.Http.SecurityHeaders.Policy(RiverGis.Api.Http.SecurityHeaders.TileOrigins(files)));
    }
}
