using System.Security.Cryptography;
using System.Text;

namespace RiverGis.Geo.Rechecks;

/// <summary>What a re-check (回头看) of a closed issue found.</summary>
public enum RecheckResult
{
    /// <summary>复核通过: the problem is still solved.</summary>
    Passes,
    /// <summary>问题反弹: the problem is back; the issue is reopened with the reason.</summary>
    Reopens,
}

/// <summary>
/// Draws the quarterly sample of closed issues to re-check (回头看) in an area: a configurable share of the issues
/// closed in the quarter (rounded up, at least <see cref="Minimum"/> when any were closed). The draw is deterministic
/// — ordered by a hash of the quarter and the issue id, not by time or by id — so drawing again gives the same sample
/// and nobody can predict which issues a quarter will pick before it ends.
/// </summary>
public sealed record RecheckSampler(double Share = 0.1, int Minimum = 1)
{
    public IReadOnlyList<long> Draw(string quarterCode, string areaCode, IEnumerable<long> closedIssueIds)
    {
        var ids = closedIssueIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var size = Math.Min(ids.Count, Math.Max(Minimum, (int)Math.Ceiling(ids.Count * Share - 1e-9)));
        return ids.OrderBy(id => Key(quarterCode, areaCode, id), StringComparer.Ordinal).ThenBy(id => id).Take(size).Order().ToList();
    }

    private static string Key(string quarter, string area, long id) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{quarter}|{area}|{id}")));
}
