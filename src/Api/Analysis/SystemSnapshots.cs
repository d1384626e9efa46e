using System.Diagnostics;
using RiverGis.Api.Store;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Network;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Analysis;

/// <summary>The river-chief system as of one data version, prepared for analysis, routing and network navigation.</summary>
public sealed record SystemSnapshot(long Version, RiverSystem System, ResponsibilityIndex Routing, NetworkNavigator Network,
    DateTimeOffset BuiltAt, TimeSpan BuildTime);

/// <summary>
/// Keeps the prepared river-chief system in memory and rebuilds it when the data version changes (an import, an
/// edit — also from another process or instance), so analyses and routing work at memory speed instead of a database
/// round trip per question. The new snapshot is prepared off the request path: readers keep the previous one until
/// the new one is swapped in (only the very first reader, before any snapshot exists, waits). While the database is
/// away the last snapshot keeps answering.
/// </summary>
public sealed class SystemSnapshots
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);
    private readonly RiverSystemLoader _loader;
    private readonly DataVersion _dataVersion;
    private readonly ILogger<SystemSnapshots> _logger;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile SystemSnapshot? _current;
    private int _building;
    private long _failedAt;

    public SystemSnapshots(RiverSystemLoader loader, DataVersion dataVersion, ILogger<SystemSnapshots> logger)
    {
        _loader = loader;
        _dataVersion = dataVersion;
        _logger = logger;
        dataVersion.Changed += version =>
        {
            if (_current is { } current && current.Version < version) StartRebuild();
        };
    }

    /// <summary>The snapshot readers get now (null before the first one is ready).</summary>
    public SystemSnapshot? Latest => _current;

    public async Task<SystemSnapshot> CurrentAsync(CancellationToken ct = default)
    {
        var version = await _dataVersion.CurrentAsync(ct);
        var current = _current;
        if (current is null) return await BuildAsync(version, ct);
        if (current.Version < version) StartRebuild();
        return current;
    }

    /// <summary>Prepares the newest version in the background unless a build is already running (it re-checks when done).</summary>
    private void StartRebuild()
    {
        var failedAt = Interlocked.Read(ref _failedAt);
        if (failedAt != 0 && Environment.TickCount64 - failedAt < RetryAfterFailure.TotalMilliseconds) return;
        if (Interlocked.Exchange(ref _building, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                while (_current is { } current && current.Version < _dataVersion.Known)
                    await BuildAsync(_dataVersion.Known, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Interlocked.Exchange(ref _failedAt, Environment.TickCount64);
                _logger.LogWarning("Preparing data version {Version} failed ({Message}); the previous snapshot keeps answering",
                    _dataVersion.Known, ex.GetBaseException().Message);
            }
            finally
            {
                Interlocked.Exchange(ref _building, 0);
            }
        });
    }

    private async Task<SystemSnapshot> BuildAsync(long version, CancellationToken ct)
    {
        await _rebuild.WaitAsync(ct);
        try
        {
            var current = _current;
            if (current is not null && current.Version >= version) return current;
            var watch = Stopwatch.StartNew();
            var loaded = await _loader.LoadAsync(version, ct);
            var (system, routing, network) = await BackgroundWork.RunAsync(() =>
            {
                var system = new RiverSystem(loaded.Data);
                return (system, new ResponsibilityIndex(system), new NetworkNavigator(new RiverNetwork(system)));
            }, ct);
            current = new SystemSnapshot(loaded.Version, system, routing, network, DateTimeOffset.UtcNow, watch.Elapsed);
            _current = current;
            _logger.LogInformation("Prepared data version {Version}: {Rivers} rivers, {Segments} segments in {Ms} ms",
                loaded.Version, loaded.Data.Rivers.Count, loaded.Data.Segments.Count, watch.ElapsedMilliseconds);
            return current;
        }
        finally
        {
            _rebuild.Release();
        }
    }
}
