using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Whether a token of RiverGis's own is still good for its user: the account exists, is enabled and has the security
/// stamp the token carries (a new password, role, scope or disabling changes the stamp). The answer is kept for
/// Auth:UserRecheck (30 s) per user, so a busy client costs one query per period, not one per request; a change made
/// through this instance is seen at once, one made through another instance within that period. While the database is
/// away the last known answer stands (like the data version's), so signed-in callers keep the answers that come from
/// memory instead of losing them to a failed re-check.
/// </summary>
public sealed class UserStateCheck(UserStore users, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<bool> IsCurrentAsync(string username, string? stamp, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!_cache.TryGetValue(username, out var known) || known.Until <= now)
        {
            var stale = _cache.TryGetValue(username, out var last);
            try
            {
                known = (await users.ActiveStampAsync(username, ct), now + options.Value.UserRecheck);
            }
            catch (Exception ex) when (stale && Faults.DatabaseFaults.IsUnavailable(ex))
            {
                known = last with { Until = now + options.Value.UserRecheck };
            }
            _cache[username] = known;
        }
        return known.Stamp is not null && known.Stamp == stamp;
    }

    /// <summary>Forgets what is known of a user (after a change through this instance).</summary>
    public void Forget(string username) => _cache.TryRemove(username, out _);
}
