using System.Text.RegularExpressions;
using RiverGis.Api.Http;

namespace RiverGis.Api.Accounts;

/// <summary>A user as the administrator asks for it (POST /api/users, `users add`).</summary>
public sealed record UserRequest(string? Username, string? Password, Role? Role, string? AreaCode, string? ChiefId, string? DisplayName);

/// <summary>The outcome of creating a user: the user, or what is wrong (each field named), or that the name is taken.</summary>
public sealed record UserCreation(UserAccount? User, IReadOnlyList<ProblemItem> Errors, bool NameTaken = false);

/// <summary>
/// Creating and changing users with the rules of the roles: an office user belongs to an existing area, a chief user to an
/// existing chief, nobody else has either; passwords have a minimum length. Shared by the HTTP endpoints and the CLI.
/// </summary>
public sealed partial class UserAdministration(UserStore users)
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 200;

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UsernamePattern();

    public async Task<UserCreation> CreateAsync(UserRequest request, Caller caller, CancellationToken ct)
    {
        var errors = new List<ProblemItem>();
        if (request.Username is null || !UsernamePattern().IsMatch(request.Username))
            errors.Add(new("username", "1–64 characters of A–Z, a–z, 0–9, '.', '_', '@', '-'"));
        PasswordErrors(request.Password, errors);
        if (request.DisplayName is { Length: > 100 }) errors.Add(new("display_name", "longer than 100 characters"));
        if (request.Role is not { } role)
        {
            errors.Add(new("role", "required: public|chief|office|admin"));
            return new(null, errors);
        }
        await ScopeErrorsAsync(role, request.AreaCode, request.ChiefId, errors, ct);
        if (errors.Count > 0) return new(null, errors);
        var user = await users.CreateAsync(new NewUser(request.Username!, request.DisplayName, PasswordSignIn.Hash(request.Password!), role,
            role == Role.Office ? request.AreaCode : null, role == Role.Chief ? request.ChiefId : null), caller, ct);
        return user is null ? new(null, [new("username", $"'{request.Username}' is taken")], NameTaken: true) : new(user, []);
    }

    public static void PasswordErrors(string? password, List<ProblemItem> errors)
    {
        if (password is null || password.Length < MinPasswordLength) errors.Add(new("password", $"at least {MinPasswordLength} characters"));
        else if (password.Length > MaxPasswordLength) errors.Add(new("password", $"at most {MaxPasswordLength} characters"));
    }

    /// <summary>An office user needs an existing area, a chief user an existing chief; other roles have neither.</summary>
    private async Task ScopeErrorsAsync(Role role, string? area, string? chief, List<ProblemItem> errors, CancellationToken ct)
    {
        if (role == Role.Office)
        {
            if (string.IsNullOrWhiteSpace(area)) errors.Add(new("area_code", "required for an office user: the area whose subtree it works on"));
            else if (!await users.AreaExistsAsync(area, ct)) errors.Add(new("area_code", $"unknown area '{area}'"));
        }
        else if (area is not null) errors.Add(new("area_code", "only office users have an area"));
        if (role == Role.Chief)
        {
            if (string.IsNullOrWhiteSpace(chief)) errors.Add(new("chief_id", "required for a chief user: the chief it signs in as"));
            else if (!await users.ChiefExistsAsync(chief, ct)) errors.Add(new("chief_id", $"unknown chief '{chief}'"));
        }
        else if (chief is not null) errors.Add(new("chief_id", "only chief users have a chief id"));
    }
}
