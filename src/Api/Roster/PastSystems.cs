using System.Collections.Concurrent;
using RiverGis.Api.Analysis;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Roster;

namespace RiverGis.Api.Roster;

/// <summary>
/// The river-chief system with the chiefs of a past day (<see cref="RosterOverlay"/>): today's prepared system when
/// the roster did not change since, else one built for that day and kept per data version — reports and assessments
/// of a past month ask the same day again and again.
/// </summary>
public sealed class PastSystems(SystemSnapshots snapshots, RosterService roster)
{
    private readonly ConcurrentDictionary<(long Version, DateOnly Day), Lazy<RiverSystem>> _built = new();

    public async Task<RiverSystem> OnAsync(DateOnly day, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        if (RosterOverlay.On(snapshot.System.Data, await roster.CurrentAsync(ct), day) is not { } past) return snapshot.System;
        foreach (var stale in _built.Keys.Where(k => k.Version != snapshot.Version)) _built.TryRemove(stale, out _);
        return _built.GetOrAdd((snapshot.Version, day), _ => new Lazy<RiverSystem>(() => new RiverSystem(past, snapshot.System.Projection))).Value;
    }
}
