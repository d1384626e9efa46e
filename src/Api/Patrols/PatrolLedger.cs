using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Photos;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Patrols;

/// <summary>
/// The patrol ledger (巡河台账): stored patrols with their verdicts (judged with the rules in force against the
/// chief's beat in the month of the patrol), photos flagged against the track, and the problems filed during them.
/// </summary>
public sealed class PatrolLedger(PatrolStore store, PhotoService photos, PhotoStore photoStore, SystemSnapshots snapshots, PatrolRoster roster)
{
    public async Task<(PatrolProperties Properties, PatrolRow Row)?> GetAsync(long id, HttpRequest request, CancellationToken ct)
    {
        var row = await store.GetAsync(id, ct);
        if (row is null) return null;
        return ((await DescribeAsync([row], request, ct))[0], row);
    }

    /// <summary>
    /// A patrol just stored, described without reading it back: it has no problems yet, and photos only if its body
    /// named some (the intake's hot path: one judgement, no round trip unless photos are linked).
    /// </summary>
    public async Task<PatrolProperties> DescribeNewAsync(PatrolRow row, long[] photoIds, HttpRequest request, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        var pictures = photoIds.Length == 0 ? new List<PhotoRow>() : (await photoStore.GetManyAsync(photoIds, ct)).Where(p => p.PatrolId == row.Id).ToList();
        return row.ToProperties(roster.Judge(row.Track, snapshot), snapshot.System, pictures, [], photos.Placement, id => PhotoService.Url(request, id));
    }

    /// <summary>The chiefs whose patrols a caller may list, narrowed by the filter's chief or area; null: everyone.</summary>
    public async Task<(IReadOnlyList<string>? ChiefIds, string? Refused)> ScopeAsync(Caller caller, string? chiefId, string? areaCode, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (caller.Role == CallerRole.Public) return (null, "Patrol records are for the chiefs and offices.");
        if (caller.Role == CallerRole.Chief)
        {
            if (chiefId is not null && chiefId != caller.ChiefId) return (null, $"A chief sees their own patrols, not {chiefId}'s.");
            return ([caller.ChiefId!], null);
        }
        var area = areaCode ?? caller.AreaCode;
        if (area is not null && caller.AreaCode is not null && !caller.Serves(system, area)) return (null, $"Area {area} is outside the area this office serves.");
        if (chiefId is not null)
        {
            if (system.Chiefs.TryGetValue(chiefId, out var chief) && (area is null || system.AncestorsAndSelf(chief.AreaCode).Any(a => a.Code == area))
                && caller.Serves(system, chief.AreaCode)) return ([chiefId], null);
            return system.Chiefs.ContainsKey(chiefId) ? (null, $"Chief {chiefId} is outside the area this office serves.") : ([chiefId], null);
        }
        if (area is null) return (null, null);
        return (system.Chiefs.Values.Where(c => system.AncestorsAndSelf(c.AreaCode).Any(a => a.Code == area)).Select(c => c.Id).ToList(), null);
    }

    public async Task<PatrolLedgerResponse> PageAsync(PatrolFilter filter, int limit, int offset, HttpRequest request, CancellationToken ct)
    {
        var (rows, matched) = await store.PageAsync(filter, limit, offset, ct);
        var properties = await DescribeAsync(rows, request, ct);
        var features = rows.Select((r, i) => properties[i].ToFeature(r.Track.Track)).ToList();
        var problems = await store.ProblemsByLevelAsync(filter, ct);
        return new PatrolLedgerResponse(features, matched, features.Count,
            AdminLevels.TopDown.Where(problems.ContainsKey).Select(l => new LevelProblemCount(l, l.ChineseLabel(), problems[l])).ToList());
    }

    /// <summary>Every patrol of the filter (exports), described in batches.</summary>
    public async IAsyncEnumerable<PatrolProperties> AllAsync(PatrolFilter filter, HttpRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<PatrolRow>(500);
        await foreach (var row in store.ListAsync(filter, ct))
        {
            batch.Add(row);
            if (batch.Count < 500) continue;
            foreach (var p in await DescribeAsync(batch, request, ct)) yield return p;
            batch.Clear();
        }
        foreach (var p in await DescribeAsync(batch, request, ct)) yield return p;
    }

    private async Task<List<PatrolProperties>> DescribeAsync(List<PatrolRow> rows, HttpRequest request, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var snapshot = await snapshots.CurrentAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var issues = await store.LinkedIssuesAsync(ids, ct);
        var pictures = await photoStore.ForPatrolsAsync(ids, ct);
        var verdicts = new Geo.Patrols.PatrolVerdict[rows.Count];
        Parallel.For(0, rows.Count, i => verdicts[i] = roster.Judge(rows[i].Track, snapshot));
        return rows.Select((row, i) => row.ToProperties(verdicts[i], snapshot.System, pictures[row.Id], issues.GetValueOrDefault(row.Id) ?? [],
            photos.Placement, id => PhotoService.Url(request, id))).ToList();
    }
}
