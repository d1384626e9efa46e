using System.Diagnostics;
using RiverGis.Api.Store;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Network;
using RiverGis.Geo.Routing;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Analysis;

/// <summary>The river-chief system as of one data version, prepared for analysis, routing and network navigation.</summary>
public sealed record SystemSnapshot(long Version, RiverSystem System, ResponsibilityIndex Routing, NetworkNavigator Network,
    DateTimeOffset BuiltAt, TimeSpan BuildTime)
{
    /// <summary>Sections, lakes and reservoirs with their zones, signboards (issue 14).</summary>
    public WaterSystem Water { get; init; } = null!;
}

/// <summary>
/// Keeps the prepared river-chief system in memory and rebuilds it when the data version changes (an import, an
/// edit — also from another process), so analyses and routing work at memory speed instead of a database round trip
/// per question. Readers keep using the previous snapshot while a new one is built.
/// </summary>
public sealed class SystemSnapshots(RiverSystemLoader loader, WaterDataLoader waterLoader, DataVersion dataVersion,
    Microsoft.Extensions.Options.IOptions<Water.WaterOptions> waterOptions, ILogger<SystemSnapshots> logger)
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
            var waterData = await waterLoader.LoadAsync(ct);
            var (system, routing, network, water) = await Task.Run(() =>
            {
                var system = new RiverSystem(data);
                var lakes = new WaterBodyLocator(waterData.WaterBodies, waterData.Zones, waterOptions.Value.ShoreRadiusM);
                var network = new NetworkNavigator(new RiverNetwork(system, waterData.WaterBodies));
                return (system, new ResponsibilityIndex(system, lakes), network, new WaterSystem(waterData, system, network));
            }, ct);
            current = new SystemSnapshot(version, system, routing, network, DateTimeOffset.UtcNow, watch.Elapsed) { Water = water };
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
