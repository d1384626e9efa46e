using Npgsql;

namespace RiverGis.Api.Store;

/// <summary>
/// The version of the river-chief data (bumped in the same transaction as every change). In-memory indexes and cached
/// counts compare against it, so a change made by another process (the `import` verb) is seen by a running service.
/// </summary>
public sealed class DataVersion(NpgsqlDataSource dataSource)
{
    private long _cached = -1;
    private DateTime _checkedAt;

    /// <summary>Re-reads at most once a second: routing is the hot path and must not pay a round trip per call.</summary>
    public async ValueTask<long> CurrentAsync(CancellationToken ct = default)
    {
        if (_cached >= 0 && DateTime.UtcNow - _checkedAt < TimeSpan.FromSeconds(1)) return _cached;
        await using var cmd = dataSource.CreateCommand("SELECT version FROM data_version");
        _cached = (long)(await cmd.ExecuteScalarAsync(ct))!;
        _checkedAt = DateTime.UtcNow;
        return _cached;
    }

    /// <summary>Forgets the cached value after a change made by this process.</summary>
    public void Invalidate() => _cached = -1;

    public static async Task BumpAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE data_version SET version = version + 1", connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
