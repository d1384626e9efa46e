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
/// edit — also from another process), so analyses and routing work at memory speed instead of a database round trip
/// per question. Readers keep using the previous snapshot while a new one is built.
/// </summary>
public sealed class SystemSnapshots(RiverSystemLoader loader, DataVersion dataVersion, ILogger<SystemSnapshots> logger)
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile SystemSnapshot? _current;

    public async Task<SystemSnapshot> CurrentAsync(CancellationToken ct = default)
    {
        var version = await dataVersion.CurrentAsync(ct);
        var current = _current;
        if (current is not null && current.Version == version) return current;
        await _rebuild.WaitAsync(ct);
        try
        {
            current = _current;
            if (current is not null && current.Version == version) return current;
            var watch = Stopwatch.StartNew();
            var data = await loader.LoadAsync(ct);
            var (system, routing, network) = await Task.Run(() =>
            {
                var system = new RiverSystem(data);
                return (system, new ResponsibilityIndex(system), new NetworkNavigator(new RiverNetwork(system)));
            }, ct);
            current = new SystemSnapshot(version, system, routing, network, DateTimeOffset.UtcNow, watch.Elapsed);
            _current = current;
            logger.LogInformation("Prepared data version {Version}: {Rivers} rivers, {Segments} segments in {Ms} ms",
                version, data.Rivers.Count, data.Segments.Count, watch.ElapsedMilliseconds);
            return current;
        }
        finally
        {
            _rebuild.Release();
        }
    }
}
