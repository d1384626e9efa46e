using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Checks a user name and password (ASP.NET Core Identity's PasswordHasher: PBKDF2 with a per-user salt) with lockout
/// after repeated failures. Every refusal looks the same to the caller — unknown user, wrong password, disabled or
/// locked account — and costs the same time (an unknown user is checked against a dummy hash), so a client cannot
/// tell which accounts exist.
/// </summary>
public sealed class PasswordSignIn(UserStore users, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>The user when the password is right and the account enabled and not locked; otherwise null.</summary>
    public async Task<UserAccount?> CheckAsync(string username, string password, Caller caller, CancellationToken ct)
    {
        var user = await users.FindAsync(username, ct);
        if (user is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        var now = clock.GetUtcNow();
        if (user.Disabled || user.LockedUntil > now) return null;
        if (result == PasswordVerificationResult.Failed)
        {
            await users.RecordFailureAsync(user.Id, options.Value.MaxFailedAttempts, now + options.Value.LockoutDuration, caller, ct);
            return null;
        }
        await users.RecordSuccessAsync(user.Id, ct);
        return user;
    }
}
