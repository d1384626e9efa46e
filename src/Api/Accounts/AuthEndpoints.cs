using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Signing in: OAuth 2 password-grant tokens for scripts and apps (POST /api/auth/token), and the web app's session —
/// an HttpOnly, SameSite=Strict cookie holding the token (never readable by script) plus an antiforgery token for its writes.
/// </summary>
public static class AuthEndpoints
{
    private const string Tag = "Accounts";

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags(Tag).AllowAnyone();
        group.MapPost("/token", Token).WithName("Token").WithSummary("A bearer token for a user name and password (OAuth 2 password grant)")
            .WithDescription("Form `grant_type=password&username=…&password=…` → `{access_token, token_type: \"Bearer\", expires_in}`. Bad credentials, "
                + "a disabled or locked account all answer 400 with `error: invalid_grant` (RFC 6749 §5.2, also as a problem document).")
            .DocumentsBody(typeof(TokenForm), "application/x-www-form-urlencoded")
            .Produces<TokenResponse>().ProducesProblems(400);
        group.MapPost("/login", Login).WithName("Login").WithSummary("Sign in to the web app (sets the HttpOnly session cookie)")
            .DocumentsBody(typeof(LoginRequest), "application/json").ProducesProblems(400, 415);
        group.MapPost("/logout", Logout).WithName("Logout").WithSummary("Sign out of the web app (clears the session cookie)");
        group.MapGet("/session", Session).WithName("Session").WithSummary("Who is signed in, and the antiforgery token for the web app's writes");
    }

    /// <summary>The token request's form fields (RFC 6749 §4.3.2), for the OpenAPI document.</summary>
    public sealed record TokenForm(string GrantType, string Username, string Password);

    private static ProblemHttpResult OAuthError(string error, string description, params ProblemItem[] errors) =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, error == "invalid_grant" ? "Invalid grant" : "Invalid token request", description, errors,
            new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description });

    private static ProblemHttpResult InvalidGrant() =>
        OAuthError("invalid_grant", "The user name or password is wrong, or the account is disabled or locked.");

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token(HttpContext http, Caller caller, PasswordSignIn signIn,
        TokenIssuer issuer, IOptions<AuthOptions> options, CancellationToken ct)
    {
        // RFC 6749 §5.1: token responses are never cached.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
            return OAuthError("invalid_request", "Send the token request as application/x-www-form-urlencoded.", new ProblemItem("Content-Type", "expected a form"));
        var form = await http.Request.ReadFormAsync(ct);
        var grant = form["grant_type"].ToString();
        if (grant != "password")
            return OAuthError("unsupported_grant_type", $"grant_type '{grant}' is not supported; use grant_type=password.", new ProblemItem("grant_type", "expected password"));
        var missing = new[] { "username", "password" }.Where(f => string.IsNullOrEmpty(form[f])).Select(f => new ProblemItem(f, "required")).ToArray();
        if (missing.Length > 0) return OAuthError("invalid_request", "username and password are required.", missing);
        var user = await signIn.CheckAsync(form["username"]!, form["password"]!, caller, ct);
        if (user is null) return InvalidGrant();
        var token = issuer.Issue(user, options.Value.TokenLifetime);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, "Bearer", (int)token.Lifetime.TotalSeconds));
    }

    private static async Task<Results<Ok<SessionUser>, ProblemHttpResult>> Login(HttpContext http, Caller caller, PasswordSignIn signIn,
        TokenIssuer issuer, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var (request, problem) = await BodyJson.ReadAsync<LoginRequest>(http, ct);
        if (problem is not null) return problem;
        if (string.IsNullOrEmpty(request?.Username) || string.IsNullOrEmpty(request.Password))
            return OAuthError("invalid_request", "username and password are required.", new ProblemItem("username,password", "required"));
        var user = await signIn.CheckAsync(request.Username, request.Password, caller, ct);
        if (user is null) return InvalidGrant();
        var token = issuer.Issue(user, options.Value.SessionLifetime);
        http.Response.Cookies.Append(options.Value.SessionCookie, token.AccessToken, SessionCookie(http, token.Lifetime));
        return TypedResults.Ok(ToSession(user));
    }

    private static NoContent Logout(HttpContext http, IOptions<AuthOptions> options)
    {
        http.Response.Cookies.Delete(options.Value.SessionCookie, SessionCookie(http, null));
        return TypedResults.NoContent();
    }

    private static Ok<SessionResponse> Session(HttpContext http, Caller caller, IAntiforgery antiforgery)
    {
        http.Response.Headers.CacheControl = "no-store";
        var tokens = antiforgery.GetAndStoreTokens(http);
        var user = caller.IsAnonymous ? null : new SessionUser(caller.Username!, http.User.FindFirst("name")?.Value, caller.Role, caller.AreaCode, caller.ChiefId);
        return TypedResults.Ok(new SessionResponse(user, tokens.RequestToken!, AuthenticationSetup.AntiforgeryHeader));
    }

    public static SessionUser ToSession(UserAccount user) => new(user.Username, user.DisplayName, user.Role, user.AreaCode, user.ChiefId);

    /// <summary>HttpOnly (script never reads it), SameSite=Strict (never sent by another site's requests), Secure over https.</summary>
    private static CookieOptions SessionCookie(HttpContext http, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
