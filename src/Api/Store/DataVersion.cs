using Npgsql;
using RiverGis.Api.Faults;

namespace RiverGis.Api.Store;

/// <summary>
/// The version of the river-chief data (bumped in the same transaction as every change; the bump announces itself with
/// NOTIFY, see <see cref="DataChangeListener"/>). In-memory indexes and cached counts compare against it, so a change
/// made by another process or another instance (the `import` verb) is seen by a running service.
/// <para>
/// Readers never wait for the database once a value is known: the value moves when a change is announced, when this
/// process changed the data itself (<see cref="Invalidate"/>), or — while no announcement can arrive (the listening
/// connection is lost) — by a re-read in the background at most once a second. When the database is away the last
/// good value stays, so everything answered from memory keeps answering.
/// </para>
/// </summary>
public sealed class DataVersion(NpgsqlDataSource dataSource, ILogger<DataVersion>? logger = null)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private long _cached = -1;
    private long _checkedAtTicks;
    private int _invalidated;
    private int _refreshing;
    private volatile bool _listening;

    /// <summary>Raised with the new version whenever it moves (announced, re-read or invalidated).</summary>
    public event Action<long>? Changed;

    /// <summary>Whether the last attempt to read the version reached the database.</summary>
    public bool DatabaseReachable { get; private set; } = true;

    /// <summary>The last known version, or -1 before the first read.</summary>
    public long Known => Interlocked.Read(ref _cached);

    public async ValueTask<long> CurrentAsync(CancellationToken ct = default)
    {
        var cached = Known;
        if (cached < 0 || Interlocked.Exchange(ref _invalidated, 0) == 1) return await ReadAsync(cached, ct);
        if (!_listening && Environment.TickCount64 - Interlocked.Read(ref _checkedAtTicks) > PollInterval.TotalMilliseconds) RefreshInBackground();
        return cached;
    }

    /// <summary>Forgets the cached value after a change made by this process: the next reader re-reads it.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _invalidated, 1);

    /// <summary>A version announced by the database (NOTIFY) or read by the listener; older announcements are ignored.</summary>
    public void Announce(long version)
    {
        DatabaseReachable = true;
        Interlocked.Exchange(ref _checkedAtTicks, Environment.TickCount64);
        Raise(version);
    }

    /// <summary>Whether announcements arrive (the listener holds its connection); without them readers trigger polls.</summary>
    public void Listening(bool listening) => _listening = listening;

    /// <summary>The listener could not reach the database: /health reports it, readers keep the last good value.</summary>
    public void Unreachable() => DatabaseReachable = false;

    private async Task<long> ReadAsync(long fallback, CancellationToken ct)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT version FROM data_version");
            var version = (long)(await cmd.ExecuteScalarAsync(ct))!;
            Announce(version);
            return version;
        }
        catch (Exception ex) when (fallback >= 0 && DatabaseFaults.IsUnavailable(ex))
        {
            Unreachable();
            Interlocked.Exchange(ref _checkedAtTicks, Environment.TickCount64);
            return fallback;
        }
    }

    private void RefreshInBackground()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await ReadAsync(Known, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger?.LogWarning(ex, "Re-reading the data version failed");
            }
            finally
            {
                Interlocked.Exchange(ref _refreshing, 0);
            }
        });
    }

    private void Raise(long version)
    {
        while (true)
        {
            var cached = Known;
            if (version <= cached) return;
            if (Interlocked.CompareExchange(ref _cached, version, cached) == cached) break;
        }
        Changed?.Invoke(version);
    }

    public static async Task BumpAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE data_version SET version = version + 1", connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
