using RiverGis.Api.Accounts;
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
    /// <summary>One patrol as <paramref name="caller"/> may see it: null when it does not exist or is outside the caller's scope (the same answer).</summary>
    public async Task<(PatrolProperties Properties, PatrolRow Row)?> GetAsync(long id, Caller caller, HttpRequest request, CancellationToken ct)
    {
        var row = await store.GetAsync(id, PatrolScope.Chiefs(caller, (await snapshots.CurrentAsync(ct)).System), ct);
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

    /// <summary>
    /// The chiefs whose patrols <paramref name="caller"/> lists, narrowed by the filter's chief or area (null: every chief).
    /// A chief lists their own (naming another chief is refused); an office those of its subtree, and an area outside it
    /// is unknown to it; a chief outside the scope lists nothing.
    /// </summary>
    public async Task<(IReadOnlyList<string>? ChiefIds, ProblemItem? Refused, ProblemItem? UnknownArea)> ScopeAsync(Caller caller, string? chiefId, string? areaCode,
        CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (caller.Role == Role.Chief && chiefId is not null && chiefId != caller.ChiefId)
            return (null, new ProblemItem("chief_id", $"a chief lists their own patrols, not {chiefId}'s"), null);
        if (areaCode is not null && (!system.Areas.ContainsKey(areaCode) || caller.Role == Role.Office && !PatrolScope.Serves(caller, system, areaCode)))
            return (null, null, new ProblemItem("area_code", $"unknown area '{areaCode}'"));
        IEnumerable<string>? chiefs = PatrolScope.Chiefs(caller, system);
        if (areaCode is not null)
            chiefs = (chiefs ?? system.Chiefs.Keys).Where(id => system.Chiefs.TryGetValue(id, out var c) && system.AncestorsAndSelf(c.AreaCode).Any(a => a.Code == areaCode));
        if (chiefId is not null) chiefs = (chiefs ?? [chiefId]).Where(id => id == chiefId);
        return (chiefs?.ToList(), null, null);
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
