using Microsoft.Extensions.Options;
using RiverGis.Api.Analysis;
using RiverGis.Api.Roster;
using RiverGis.Api.Tasks;
using RiverGis.Api.Units;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Roster;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Bulletins;

/// <summary>
/// The monthly light bulletin (每月亮灯通报). At the month's cut-off the lights of every open issue and plan item are
/// frozen — replayed from their histories to the cut-off instant, credited to the unit, chief and area of that day —
/// and stored; a frozen bulletin is read back as stored and never changes (later edits show in the next month).
/// Before the cut-off the month's bulletin is provisional, as of now. Lines per unit, chief and area count the lights,
/// the red months of the year up to this one and the points they cost.
/// </summary>
public sealed class BulletinService(BulletinStore store, UnitStore units, RosterService roster, SystemSnapshots snapshots, TimeProvider clock,
    IOptions<BulletinOptions> options, IOptions<PlanTaskOptions> taskOptions, ILogger<BulletinService> logger)
{
    private readonly SemaphoreSlim _freezing = new(1, 1);

    public BulletinOptions Options => options.Value;

    /// <summary>The bulletin of <paramref name="month"/> for an area's subtree (null: everything), freezing it first when its cut-off has passed.</summary>
    public async Task<BulletinResponse> GetAsync(OfficePeriod month, string? areaCode, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = Options.Cutoff.Of(month);
        if (now >= cutoff) await FreezeAsync(month, ct);
        var frozen = await store.FrozenAsync(month.Code, areaCode, ct);
        if (frozen is { } f) return await ComposeAsync(month, areaCode, f.Header.Cutoff, f.Header.FrozenAt, f.Items, f.Header.DeductFromRedMonth, f.Header.PointsPerRedMonth, ct);
        var items = await ItemsAtAsync(now, areaCode, ct);
        return await ComposeAsync(month, areaCode, cutoff, null, items, Options.DeductFromRedMonth, Options.PointsPerRedMonth, ct, asOf: now);
    }

    /// <summary>Freezes <paramref name="month"/> as of its cut-off unless it is frozen already; true when this call froze it.</summary>
    public async Task<bool> FreezeAsync(OfficePeriod month, CancellationToken ct)
    {
        var cutoff = Options.Cutoff.Of(month);
        await _freezing.WaitAsync(ct);
        try
        {
            if (await store.IsFrozenAsync(month.Code, ct)) return false;
            var items = await ItemsAtAsync(cutoff, null, ct);
            var header = new BulletinHeader(month.Code, cutoff, clock.GetUtcNow(), Options.DeductFromRedMonth, Options.PointsPerRedMonth);
            var stored = await store.FreezeAsync(header, items, ct);
            if (stored) logger.LogInformation("Froze the {Month} bulletin as of {Cutoff:O}: {Items} lit items", month.Code, cutoff, items.Count);
            return stored;
        }
        finally
        {
            _freezing.Release();
        }
    }

    /// <summary>Every open issue and plan item as it stood at <paramref name="at"/>, lit and credited.</summary>
    public async Task<List<BulletinItem>> ItemsAtAsync(DateTimeOffset at, string? areaCode, CancellationToken ct)
    {
        var day = OfficePeriod.DayOf(at);
        var current = await roster.CurrentAsync(ct);
        var system = (await snapshots.CurrentAsync(ct)).System;
        var items = new List<BulletinItem>();
        foreach (var issue in await store.IssuesAsync(at, areaCode, ct))
        {
            if (IssueHistory.At(issue.Events, at) is not { } state || !state.Status.IsOpen()) continue;
            var chief = Credited(current, issue.SegmentCode, state.ChiefId, day);
            items.Add(new BulletinItem(BulletinItemKind.Issue, issue.Id, issue.Title, StatusLight.Of(state.Status, issue.Deadline, at), state.Status.ToCode(),
                issue.Deadline, chief, NameOf(chief, current, system), state.UnitCode, issue.AreaCode, issue.AreaCodes));
        }
        foreach (var task in await store.TasksAsync(day, at, areaCode, ct))
        {
            var (status, _) = PlanTaskHistory.At(task.Notes, at);
            if (status.IsFinished()) continue;
            var chief = task.ChiefId ?? (task.SegmentCode is { } s ? current.ResponsibleFor(s, day)?.ChiefId : null);
            items.Add(new BulletinItem(BulletinItemKind.Task, task.Id, task.Title, PlanTaskLight.Of(status, task.Deadline, at, taskOptions.Value.DueSoonDays),
                status.ToCode(), OfficePeriod.StartOf(task.Deadline.AddDays(1)), chief, NameOf(chief, current, system), task.LeadUnitCode, task.AreaCode, task.AreaCodes));
        }
        return items;
    }

    /// <summary>
    /// Whom an issue is credited to on <paramref name="day"/>: when its assignee held (at some time) the segment the issue
    /// lies on, the post answers for it — whoever holds the segment that day; otherwise the assignee.
    /// </summary>
    private static string? Credited(ChiefRoster roster, string? segmentCode, string? assignee, DateOnly day)
    {
        if (segmentCode is null || assignee is null || !roster.EverHeld(assignee, segmentCode)) return assignee;
        return roster.ResponsibleFor(segmentCode, day)?.ChiefId ?? assignee;
    }

    private static string? NameOf(string? chiefId, ChiefRoster roster, RiverSystem system) =>
        chiefId is null ? null : system.Chiefs.TryGetValue(chiefId, out var c) ? c.Name : roster.AppointmentsOf(chiefId).FirstOrDefault()?.ChiefName;

    private async Task<BulletinResponse> ComposeAsync(OfficePeriod month, string? areaCode, DateTimeOffset cutoff, DateTimeOffset? frozenAt, List<BulletinItem> items,
        int deductFrom, double pointsPerRedMonth, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        var current = await roster.CurrentAsync(ct);
        var deduction = new Geo.Bulletins.RedLightDeduction(deductFrom, pointsPerRedMonth);
        var (unitReds, chiefReds, areaReds) = await store.RedMonthsAsync(month.Year, month.Code, ct);
        BulletinLine Line(string code, string name, string? kind, List<BulletinItem> of, Dictionary<string, int> earlier, bool withItems)
        {
            var tally = LightTally.Of(of);
            var red = earlier.GetValueOrDefault(code) + (tally.Red > 0 ? 1 : 0);
            return new BulletinLine(code, name, kind, tally.Worst, tally.Worst.ChineseLabel(), tally.Red, tally.Yellow, tally.Green, red,
                deduction.DeductedMonths(red), deduction.Points(red), withItems ? of : null);
        }
        var unitList = (await units.ListAsync(includeRetired: true, ct))
            .Where(u => u.RetiredOn is null || items.Any(i => i.UnitCode == u.Code))
            .Where(u => areaCode is null || system.AncestorsAndSelf(u.AreaCode).Any(a => a.Code == areaCode) || items.Any(i => i.UnitCode == u.Code))
            .ToList();
        var byUnit = items.Where(i => i.UnitCode is not null).GroupBy(i => i.UnitCode!).ToDictionary(g => g.Key, g => g.ToList());
        var unitLines = unitList.Select(u => Line(u.Code, u.Name, u.Kind.ToCode(), byUnit.GetValueOrDefault(u.Code) ?? [], unitReds, true))
            .Concat(byUnit.Keys.Where(k => unitList.All(u => u.Code != k)).Select(k => Line(k, k, null, byUnit[k], unitReds, true)))
            .OrderByDescending(l => l.Red).ThenByDescending(l => l.Yellow).ThenBy(l => l.Code, StringComparer.Ordinal).ToList();
        var chiefLines = items.Where(i => i.ChiefId is not null).GroupBy(i => i.ChiefId!)
            .Select(g => Line(g.Key, g.First().ChiefName ?? NameOf(g.Key, current, system) ?? g.Key, null, g.ToList(), chiefReds, true))
            .OrderByDescending(l => l.Red).ThenByDescending(l => l.Yellow).ThenBy(l => l.Code, StringComparer.Ordinal).ToList();
        var areaLines = ChildAreas(system, areaCode)
            .Select(a => Line(a.Code, a.Name, a.Level.ToCode(), items.Where(i => i.AreaCodes.Contains(a.Code)).ToList(), areaReds, false))
            .ToList();
        return new BulletinResponse(month.Code, areaCode, cutoff, frozenAt is not null, frozenAt, asOf ?? cutoff, deductFrom, pointsPerRedMonth,
            LightTally.Of(items), unitLines, chiefLines, areaLines, items);
    }

    /// <summary>The areas a bulletin rolls up to: the children of the area (or the top areas), with the area itself first.</summary>
    public static IReadOnlyList<AdminArea> ChildAreas(RiverSystem system, string? areaCode)
    {
        var all = system.Areas.Values.Select(a => a.Area);
        var children = all.Where(a => a.ParentCode == areaCode || (areaCode is null && (a.ParentCode is null || !system.Areas.ContainsKey(a.ParentCode))))
            .OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        return areaCode is not null && system.Areas.TryGetValue(areaCode, out var self) ? [self.Area, .. children] : children;
    }
}
