using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiverGis.Api.Http;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Authentication and authorization of the service (ASP.NET Core's JwtBearer and authorization policies):
/// <list type="bullet">
/// <item>RiverGis's own tokens (<see cref="TokenIssuer"/>) in an <c>Authorization: Bearer</c> header — scripts and apps — or
/// in the web app's HttpOnly session cookie, whose writes must also carry an antiforgery token (<see cref="SessionWriteProtection"/>);</item>
/// <item>tokens of an external OpenID Connect provider when Auth:External is configured (keys from its discovery
/// document), told apart by their issuer, their claims mapped onto RiverGis's role, area and chief (<see cref="ExternalClaims"/>).</item>
/// </list>
/// A token whose user was disabled or changed since (<see cref="UserStateCheck"/>) is refused.
/// </summary>
public static class AuthenticationSetup
{
    public const string Scheme = "RiverGis";
    public const string LocalScheme = "RiverGisToken";
    public const string ExternalScheme = "ExternalToken";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>HttpContext.Items key: the request was authenticated by the session cookie (so its writes need antiforgery).</summary>
    public static readonly object SessionCookieUsed = new();

    public static IServiceCollection AddRiverGisAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        var external = configuration.GetSection("Auth:External").Get<ExternalIdentityOptions>() ?? new ExternalIdentityOptions();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<UserStateCheck>();
        services.AddSingleton<PasswordSignIn>();

        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "RiverGis or external token", o => o.ForwardDefaultSelector = http => SelectScheme(http, external))
            .AddJwtBearer(LocalScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(LocalScheme).Configure<SigningKeys, IOptions<AuthOptions>>(ConfigureLocal);
        if (external.Enabled) authentication.AddJwtBearer(ExternalScheme, o => ExternalClaims.Configure(o, external));

        services.AddDataProtection().SetApplicationName("RiverGis");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, dataSource) => o.XmlRepository = new DataProtectionKeys(dataSource));
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResults>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "rivergis_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // SecurityHeaders sends frame-ancestors 'none' and X-Frame-Options: DENY on every response.
            o.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    /// <summary>A bearer token of another issuer goes to the external provider's scheme; everything else (our tokens, the cookie) to ours.</summary>
    private static string SelectScheme(HttpContext http, ExternalIdentityOptions external)
    {
        if (!external.Enabled) return LocalScheme;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return LocalScheme;
        var ours = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Issuer;
        try
        {
            return new JsonWebToken(header["Bearer ".Length..].Trim()).Issuer == ours ? LocalScheme : ExternalScheme;
        }
        catch (ArgumentException)
        {
            return LocalScheme; // not a JWT at all: our scheme refuses it
        }
    }

    private static void ConfigureLocal(JwtBearerOptions o, SigningKeys keys, IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKeyResolver = (_, _, _, _) => [keys.Current],
            NameClaimType = Caller.NameClaim,
            RoleClaimType = Caller.RoleClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        o.Events = new JwtBearerEvents
        {
            // No Authorization header: the web app's session cookie, if any.
            OnMessageReceived = context =>
            {
                if (string.IsNullOrEmpty(context.Request.Headers.Authorization) && context.Request.Cookies.TryGetValue(auth.SessionCookie, out var cookie))
                {
                    context.Token = cookie;
                    context.HttpContext.Items[SessionCookieUsed] = true;
                }
                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var check = context.HttpContext.RequestServices.GetRequiredService<UserStateCheck>();
                var principal = context.Principal!;
                if (!await check.IsCurrentAsync(principal.FindFirstValue(Caller.NameClaim) ?? "", principal.FindFirstValue(Caller.StampClaim), context.HttpContext.RequestAborted))
                    context.Fail("the account was disabled or changed since this token was issued; sign in again");
            },
        };
    }

    /// <summary>After authentication: cookie-authenticated writes must carry the antiforgery token.</summary>
    public static WebApplication UseRiverGisAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<SessionWriteProtection>();
        app.UseAuthorization();
        return app;
    }
}

/// <summary>
/// Writes (POST, PUT, PATCH, DELETE) authenticated by the session cookie must send the antiforgery request token in the
/// X-CSRF-TOKEN header (the web app takes it from GET /api/auth/session): a page of another site cannot read it, so it
/// cannot make the browser act with the user's session. Bearer-authenticated calls need none (a script holds its token
/// itself), nor do anonymous ones (there is no session to abuse).
/// </summary>
public sealed class SessionWriteProtection(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && http.Items.ContainsKey(AuthenticationSetup.SessionCookieUsed) && http.User.Identity?.IsAuthenticated == true)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                await ApiProblems.Create(StatusCodes.Status400BadRequest, "Antiforgery token missing or invalid",
                    "A write with the session cookie must send the token of GET /api/auth/session in the X-CSRF-TOKEN header.",
                    [new(AuthenticationSetup.AntiforgeryHeader, "missing or invalid")]).ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }
}

/// <summary>401 and 403 of the authorization policies as problem documents saying who may call the endpoint.</summary>
public sealed class ProblemAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var access = http.GetEndpoint()?.Metadata.GetMetadata<EndpointAccess>();
        if (result.Challenged)
        {
            await http.ChallengeAsync();
            await ApiProblems.Create(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"Sign in first: this endpoint is for {access}. Get a token with POST /api/auth/token (grant_type=password) and send it as "
                + "'Authorization: Bearer …', or sign in on the web map.", []).ExecuteAsync(http);
        }
        else if (result.Forbidden)
        {
            await http.ForbidAsync();
            await ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden",
                $"Your role ({Caller.From(http).Role.ToCode()}) may not call this endpoint; it is for {access}.", []).ExecuteAsync(http);
        }
        else
        {
            await _default.HandleAsync(next, http, policy, result);
        }
    }
}
