using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>
/// An office's own identity provider plugged in by configuration only (Auth:External): a stand-in OpenID Connect
/// provider on a loopback port publishes its discovery document and signing key (RS256); tokens it signs are accepted,
/// their claims mapped onto RiverGis's role and area, and the scope of the mapped role applies. Tokens it did not sign,
/// or without a usable role, are nobody's.
/// </summary>
public sealed class ExternalIdentityTests
{
    [Fact]
    public async Task Tokens_of_a_configured_provider_sign_in_with_their_mapped_role_and_scope()
    {
        using var provider = new StandInProvider();
        await using var service = await ConfiguredService.StartAsync("external", TestPaths.Mini, new Dictionary<string, string>(RiverGisFactory.TestLimits)
        {
            ["Auth:External:Authority"] = provider.Issuer,
            ["Auth:External:RequireHttpsMetadata"] = "false",
            ["Auth:External:Audience"] = "rivergis-app",
            ["Auth:External:NameClaim"] = "preferred_username",
            ["Auth:External:RoleClaim"] = "groups",
            ["Auth:External:AreaClaim"] = "division",
            ["Auth:External:RoleValues:river-office-staff"] = "office",
        });
        var report = """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.08, 30.0249]}, "properties": {"category": "garbage", "description": "西镇", "source": "public"}}""";
        var west = (await service.PostJsonAsync("/api/issues", report, HttpStatusCode.Created)).GetProperty("id").GetInt64();

        HttpClient With(string token)
        {
            var client = service.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
        var eastStaff = With(provider.Token(new Claim("preferred_username", "li.east"), new Claim("groups", "staff"), new Claim("groups", "river-office-staff"),
            new Claim("division", "T01")));
        var ledger = await service.GetJsonAsync("/api/issues", client: eastStaff);
        Assert.DoesNotContain(west, ledger.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
        await service.GetJsonAsync($"/api/issues/{west}", HttpStatusCode.NotFound, eastStaff);
        var westStaff = With(provider.Token(new Claim("preferred_username", "wang.west"), new Claim("groups", "river-office-staff"), new Claim("division", "T02")));
        var assigned = await service.PostJsonAsync($"/api/issues/{west}/transitions", """{"action": "assign", "chief_id": "C3"}""", HttpStatusCode.OK, client: westStaff);
        Assert.Equal("wang.west", assigned.GetProperty("properties").GetProperty("events")[1].GetProperty("actor").GetString());

        // Not for RiverGis: no role it knows, an office without area, another audience, another signer.
        var refused = new[]
        {
            provider.Token(new Claim("preferred_username", "x"), new Claim("groups", "staff")),
            provider.Token(new Claim("preferred_username", "x"), new Claim("groups", "river-office-staff")),
            provider.Token(audience: "another-app", claims: [new Claim("preferred_username", "x"), new Claim("groups", "admin")]),
            new StandInProvider(provider.Issuer).Token(new Claim("preferred_username", "x"), new Claim("groups", "admin")),
        };
        foreach (var token in refused) await service.GetJsonAsync("/api/issues", HttpStatusCode.Unauthorized, With(token));
        // RiverGis's own tokens still work beside the provider's.
        await service.GetJsonAsync("/api/issues", client: await service.AsAsync("own-user", RiverGis.Api.Accounts.Role.Admin));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_local_password_file_is_readable_by_its_owner_only()
    {
        var cluster = await PostgisServer.ClusterAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cluster.PasswordFile));
    }

    /// <summary>An OpenID Connect provider reduced to what a resource server reads: discovery, the signing keys, and tokens signed with them.</summary>
    private sealed class StandInProvider : IDisposable
    {
        private readonly HttpListener? _listener;
        private readonly RSA _rsa = RSA.Create(2048);
        private readonly RsaSecurityKey _key;

        public string Issuer { get; }

        /// <summary>A provider serving on a loopback port; with <paramref name="impersonating"/>, only a key claiming another's issuer (serves nothing).</summary>
        public StandInProvider(string? impersonating = null)
        {
            _key = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
            if (impersonating is not null)
            {
                Issuer = impersonating;
                return;
            }
            var port = FreePort();
            Issuer = $"http://127.0.0.1:{port}";
            _listener = new HttpListener();
            _listener.Prefixes.Add(Issuer + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Token(params Claim[] claims) => Token("rivergis-app", claims);

        public string Token(string audience, Claim[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

        private async Task ServeAsync()
        {
            while (_listener!.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                var parameters = _rsa.ExportParameters(false);
                var body = context.Request.Url!.AbsolutePath switch
                {
                    "/.well-known/openid-configuration" => $$"""{"issuer": "{{Issuer}}", "jwks_uri": "{{Issuer}}/jwks", "id_token_signing_alg_values_supported": ["RS256"]}""",
                    "/jwks" => $$"""{"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "{{_key.KeyId}}", "n": "{{Base64UrlEncoder.Encode(parameters.Modulus)}}", "e": "{{Base64UrlEncoder.Encode(parameters.Exponent)}}"}]}""",
                    _ => null,
                };
                context.Response.StatusCode = body is null ? 404 : 200;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            if (_listener is { IsListening: true }) _listener.Stop();
            _rsa.Dispose();
        }
    }
}
