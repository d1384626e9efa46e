using System.Text.Json.Serialization;

namespace RiverGis.Api.Accounts;

/// <summary>RFC 6749 §5.1 token response.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>Who is signed in (the web app's session).</summary>
public sealed record SessionUser(string Username, string? DisplayName, Role Role, string? AreaCode, string? ChiefId);

/// <summary>GET /api/auth/session: the signed-in user (null: anonymous) and the antiforgery token the web app sends with its writes.</summary>
public sealed record SessionResponse(SessionUser? User, string AntiforgeryToken, string AntiforgeryHeader);

/// <summary>POST /api/auth/login body.</summary>
public sealed record LoginRequest(string? Username, string? Password);

/// <summary>A user as the administrator sees it (never the password hash).</summary>
public sealed record UserResponse(string Username, string? DisplayName, Role Role, string? AreaCode, string? ChiefId, bool Disabled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

/// <summary>POST /api/users body.</summary>
/// <param name="Password">At least 10 characters.</param>
/// <param name="AreaCode">Required for office users (the area whose subtree they work on); only for them.</param>
/// <param name="ChiefId">Required for chief users (the chief they sign in as); only for them.</param>
public sealed record CreateUserRequest(string Username, string Password, Role? Role, string? AreaCode, string? ChiefId, string? DisplayName);

/// <summary>PUT /api/users/{username}/password body.</summary>
public sealed record PasswordRequest(string Password);
