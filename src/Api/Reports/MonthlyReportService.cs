using Microsoft.Extensions.Options;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Limits;
using RiverGis.Api.Bulletins;
using RiverGis.Api.Figures;
using RiverGis.Api.Http;
using RiverGis.Api.Roster;
using RiverGis.Api.Tasks;
using RiverGis.Api.Units;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Reporting;
using RiverGis.Geo.Responsibility;
using RiverGis.Geo.Roster;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Reports;

/// <summary>
/// The monthly report (月报) of an area, its subtree rolled up: coverage and vacancies per level at the month's end (the
/// roster of that day), patrol compliance per level, problems new/closed/overdue by category, source and level, the
/// month's lights per unit (its bulletin), plan items, the red items with who must act, the child areas, a year's trend
/// and the submission against its due time. The figures of a past month are those of that month.
/// </summary>
public sealed class MonthlyReportService(
    ReportStore store, BulletinService bulletins, PlanTaskStore tasks, UnitStore units, RosterService roster, SystemSnapshots snapshots, PastSystems past,
    IPatrolComplianceFigures patrols, TimeProvider clock, IOptions<ReportOptions> options, IOptions<PlanTaskOptions> taskOptions,
    ILogger<MonthlyReportService> logger)
{
    public ReportDeadline Deadline => options.Value.Deadline;

    /// <summary>The report of an area in the caller's scope (an area elsewhere is not found, like an unknown one).</summary>
    public async Task<Outcome<MonthlyReport>> ReportAsync(string areaCode, OfficePeriod month, Caller caller, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.System.Areas.TryGetValue(areaCode, out var area) || !AreaScope.Holds(caller, snapshot.System, areaCode))
            return Outcome<MonthlyReport>.NotFound(AreaScope.NotInScope(areaCode));
        var now = clock.GetUtcNow();
        if (month.Start > now) return Outcome<MonthlyReport>.Invalid("The month has not begun.", "month", $"{month.Code} is in the future");
        var asOf = now < month.End ? now : month.End;
        var lastDay = OfficePeriod.DayOf(asOf.AddTicks(-1));
        var phases = new PhaseLog(logger, $"monthly report {areaCode} {month.Code}");
        var current = await roster.CurrentAsync(ct);
        var system = await past.OnAsync(lastDay, ct);
        phases.Lap("roster+system");

        var (coverage, vacancies) = Coverage(system, current, area.Area, lastDay);
        phases.Lap("coverage");
        var patrolFigures = await PatrolsAsync(month, areaCode, ct);
        phases.Lap("patrols");
        var bulletin = await bulletins.GetAsync(month, areaCode, ct);
        phases.Lap("bulletin");
        var atEnd = await bulletins.ItemsAtAsync(asOf, areaCode, ct);
        phases.Lap("lights at month end");
        var problems = await ProblemsAsync(areaCode, month, atEnd, ct);
        phases.Lap("problems");
        var taskFigures = await TasksAsync(areaCode, month, asOf, ct);
        phases.Lap("tasks");
        var redItems = await RedItemsAsync(bulletin, system, ct);
        phases.Lap("red items");
        var children = await ChildrenAsync(system, areaCode, month, bulletin, atEnd, ct);
        phases.Lap("children");
        var trend = await TrendAsync(areaCode, month, ct);
        var submission = await SubmissionAsync(areaCode, month, ct);
        phases.Lap("trend+submission");
        phases.Done();
        var lights = new ReportLights(bulletin.Totals.Red, bulletin.Totals.Yellow, bulletin.Totals.Green, bulletin.Frozen, bulletin.AsOf,
            bulletin.Units.Select(u => new UnitLights(u.Code, u.Name, u.Light, u.Red, u.Yellow, u.Green, u.RedMonthsThisYear, u.Deduction)).ToList());
        return Outcome<MonthlyReport>.Ok(new MonthlyReport(areaCode, area.Area.Name, area.Area.Level, month.Code, month.ChineseLabel, now, asOf,
            coverage, vacancies, patrolFigures, problems, lights, taskFigures, redItems, children, trend, submission));
    }

    /// <summary>Marks the report submitted now; on time or late against the configured due time.</summary>
    public async Task<Outcome<ReportSubmission>> SubmitAsync(SubmitReportRequest request, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        var errors = new List<ProblemItem>();
        if (request.AreaCode is null) errors.Add(new("area_code", "required"));
        else if (!system.Areas.ContainsKey(request.AreaCode)) errors.Add(new("area_code", $"unknown area '{request.AreaCode}'"));
        OfficePeriod month = default;
        if (request.Month is null) errors.Add(new("month", "required (YYYY-MM)"));
        else if (!OfficePeriod.TryParse(request.Month, out month, out var error)) errors.Add(new("month", error!));
        else if (month.Kind != PeriodKind.Month) errors.Add(new("month", $"'{request.Month}' is not a month; expected YYYY-MM"));
        if (request.Note is { Length: > FieldLimits.Note }) errors.Add(new("note", $"at most {FieldLimits.Note} characters"));
        if (errors.Count > 0) return Outcome<ReportSubmission>.Invalid("The submission is not valid.", errors);
        if (!AreaScope.Holds(caller, system, request.AreaCode!)) return Outcome<ReportSubmission>.NotFound(AreaScope.NotInScope(request.AreaCode!));
        var now = clock.GetUtcNow();
        var cutoff = bulletins.Options.Cutoff.Of(month);
        if (now < cutoff)
            return Outcome<ReportSubmission>.Conflict("Too early.", "month", $"{month.Code}'s report can be submitted from its cut-off, {cutoff:yyyy-MM-dd HH:mm} (+08:00)");
        var due = Deadline.DueFor(month);
        var punctuality = Deadline.Of(month, now);
        if (!await store.SubmitAsync(request.AreaCode!, month.Code, now, due, punctuality == Punctuality.OnTime, caller,
                AreaScope.Chain(system, request.AreaCode!), request.Note, ct))
            return Outcome<ReportSubmission>.Conflict("Submitted already.", "month", $"{request.AreaCode}'s report of {month.Code} was submitted already; the first submission counts");
        return Outcome<ReportSubmission>.Created(new ReportSubmission(due, now, punctuality, punctuality.ChineseLabel(), caller.Actor));
    }

    private static (Dictionary<string, LevelCoverage>, List<VacantSegment>) Coverage(RiverSystem system, ChiefRoster roster, AdminArea area, DateOnly day)
    {
        var coverage = new Dictionary<string, LevelCoverage>();
        var vacancies = new List<VacantSegment>();
        // Whether an area lies in the subtree, asked once per area (not once per segment of the province).
        var inSubtree = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool InSubtree(string code)
        {
            if (!inSubtree.TryGetValue(code, out var inside)) inSubtree[code] = inside = system.AncestorsAndSelf(code).Any(a => a.Code == area.Code);
            return inside;
        }
        var inScope = system.Segments.Values.Select(s => s.Segment).Where(s => InSubtree(s.AreaCode)).ToList();
        foreach (var level in system.LevelsPresent.Where(l => area.Level.IsAtOrAbove(l) && l != AdminLevel.Province))
        {
            var totals = CoverageAnalyzer.Analyze(system, new CoverageQuery(level, area.Code)).Totals;
            var segments = inScope.Where(s => s.Level == level).ToList();
            var vacant = segments.Where(s => s.ChiefId is null).ToList();
            coverage[level.ToCode()] = new LevelCoverage(Math.Round(totals.RequiredM, 1), Math.Round(totals.CoveredM, 1),
                totals.CoveredPercent is { } p ? Math.Round(p, 2) : null, segments.Count, vacant.Count);
            vacancies.AddRange(vacant.Select(s => new VacantSegment(s.Code, s.Name, s.RiverCode, s.Level, s.AreaCode,
                roster.HistoryOf(s.Code).Where(a => a.Duty == ChiefDuty.Chief && a.EndedOn <= day).Max(a => a.EndedOn),
                roster.HoldersOf(s.Code, day).FirstOrDefault(a => a.Duty == ChiefDuty.Acting)?.ChiefId)));
        }
        return (coverage, vacancies.OrderBy(v => v.Level).ThenBy(v => v.SegmentCode, StringComparer.Ordinal).ToList());
    }

    private async Task<Dictionary<string, LevelPatrols>> PatrolsAsync(OfficePeriod month, string areaCode, CancellationToken ct)
    {
        var figures = await patrols.ForPeriodAsync(month, areaCode, null, ct);
        return figures.GroupBy(f => f.Level).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToCode(), g =>
        {
            var compliant = g.Count(f => f.Compliant);
            return new LevelPatrols(g.Count(), compliant, Percent(compliant, g.Count()));
        });
    }

    private async Task<ProblemFigures> ProblemsAsync(string areaCode, OfficePeriod month, List<BulletinItem> atEnd, CancellationToken ct)
    {
        var created = await store.NewAsync(areaCode, month.Start, month.End, ct);
        var closed = await store.ClosedAsync(areaCode, month.Start, month.End, ct);
        var overdueIds = atEnd.Where(i => i.Kind == BulletinItemKind.Issue && i.Light == LightColour.Red).Select(i => i.Id).ToList();
        var overdue = (await store.PlacesAsync(overdueIds, ct)).Values.ToList();
        Dictionary<string, ProblemCounts> By<TKey>(IEnumerable<TKey> order, Func<ProblemGroup, TKey> key, Func<IssuePlace, TKey> placeKey, Func<TKey, string> code) =>
            order.Select(k => (Code: code(k), Counts: new ProblemCounts(created.Where(g => Equals(key(g), k)).Sum(g => g.Count),
                    closed.Where(g => Equals(key(g), k)).Sum(g => g.Count), overdue.Count(p => Equals(placeKey(p), k)))))
                .Where(x => x.Counts != new ProblemCounts(0, 0, 0)).ToDictionary(x => x.Code, x => x.Counts);
        var closedCount = closed.Sum(g => g.Count);
        var onTime = closed.Sum(g => g.OnTime);
        return new ProblemFigures(created.Sum(g => g.Count), closedCount, onTime, Percent(onTime, closedCount), overdue.Count,
            By(IssueCategories.All, g => g.Category, p => p.Category, c => c.ToCode()),
            By(Enum.GetValues<IssueSource>(), g => g.Source, p => p.Source, s => s.ToCode()),
            By(AdminLevels.TopDown.Cast<AdminLevel?>().Append(null), g => g.Level, p => p.Level, l => l?.ToCode() ?? "unknown"));
    }

    private async Task<TaskFigures> TasksAsync(string areaCode, OfficePeriod month, DateTimeOffset asOf, CancellationToken ct)
    {
        var lastDay = OfficePeriod.DayOf(asOf.AddTicks(-1));
        var rows = (await tasks.ListAsync(new PlanTaskFilter(Year: month.Year, AreaCode: areaCode), null, ct)).Where(t => t.CreatedOn <= lastDay).ToList();
        var facts = await tasks.ProgressFactsAsync(rows.Select(r => r.Id).ToList(), ct);
        var states = rows.Select(r => (Row: r, State: PlanTaskHistory.At(facts.GetValueOrDefault(r.Id) ?? [], asOf)))
            .Where(x => x.State.Status != PlanTaskStatus.Cancelled).ToList();
        var done = states.Count(x => x.State.Status == PlanTaskStatus.Done);
        var overdue = states.Count(x => PlanTaskLight.Of(x.State.Status, x.Row.Deadline, asOf, taskOptions.Value.DueSoonDays) == LightColour.Red);
        var byList = Enum.GetValues<PlanList>().Select(l => (l, Of: states.Where(x => x.Row.List == l).ToList())).Where(x => x.Of.Count > 0)
            .ToDictionary(x => x.l.ToCode(), x => new ProblemCounts(x.Of.Count, x.Of.Count(s => s.State.Status == PlanTaskStatus.Done),
                x.Of.Count(s => PlanTaskLight.Of(s.State.Status, s.Row.Deadline, asOf, taskOptions.Value.DueSoonDays) == LightColour.Red)));
        return new TaskFigures(states.Count, done, Percent(done, states.Count), overdue,
            states.Count > 0 ? Math.Round(states.Average(x => x.State.Progress), 1) : null, byList);
    }

    private async Task<List<RedItem>> RedItemsAsync(BulletinResponse bulletin, RiverSystem system, CancellationToken ct)
    {
        var red = bulletin.Items.Where(i => i.Light == LightColour.Red).ToList();
        var places = await store.PlacesAsync(red.Where(i => i.Kind == BulletinItemKind.Issue).Select(i => i.Id).ToList(), ct);
        var unitNames = (await units.ListAsync(includeRetired: true, ct)).ToDictionary(u => u.Code, u => u.Name);
        return red.OrderBy(i => i.Deadline).ThenBy(i => i.Kind).ThenBy(i => i.Id).Select(i =>
        {
            var unit = i.UnitCode is { } u ? unitNames.GetValueOrDefault(u, u) : null;
            var areaName = i.AreaCode is { } a && system.Areas.TryGetValue(a, out var entry) ? entry.Area.Name : null;
            var who = string.Join("；", new[] { unit, i.ChiefName is { } c ? $"河长 {c}" : null }.Where(x => x is not null));
            var place = places.GetValueOrDefault(i.Id);
            return new RedItem(i.Kind, i.Id, i.Title, i.Deadline, i.ChiefId, i.ChiefName, i.UnitCode, unit, i.AreaCode, areaName,
                who.Length > 0 ? who : areaName is null ? "（未明确）" : $"{areaName}河长办", i.Kind == BulletinItemKind.Issue ? place?.Lon : null,
                i.Kind == BulletinItemKind.Issue ? place?.Lat : null);
        }).ToList();
    }

    private async Task<List<AreaRollup>> ChildrenAsync(RiverSystem system, string areaCode, OfficePeriod month, BulletinResponse bulletin, List<BulletinItem> atEnd,
        CancellationToken ct)
    {
        var children = BulletinService.ChildAreas(system, areaCode).Where(a => a.Code != areaCode).ToList();
        if (children.Count == 0) return [];
        var counts = await store.PerAreaAsync(children.Select(c => c.Code).ToList(), month.Start, month.End, ct);
        var taskRows = await tasks.ListAsync(new PlanTaskFilter(Year: month.Year, AreaCode: areaCode), null, ct);
        return children.Select(c =>
        {
            var (created, closed) = counts.GetValueOrDefault(c.Code);
            var lit = bulletin.Items.Where(i => i.AreaCodes.Contains(c.Code)).ToList();
            var own = taskRows.Where(t => t.Status != PlanTaskStatus.Cancelled && system.AncestorsAndSelf(t.AreaCode).Any(a => a.Code == c.Code)).ToList();
            return new AreaRollup(c.Code, c.Name, c.Level, created, closed,
                atEnd.Count(i => i.Kind == BulletinItemKind.Issue && i.Light == LightColour.Red && i.AreaCodes.Contains(c.Code)),
                lit.Count(i => i.Light == LightColour.Red), lit.Count(i => i.Light == LightColour.Yellow), lit.Count(i => i.Light == LightColour.Green),
                Percent(own.Count(t => t.Status == PlanTaskStatus.Done), own.Count));
        }).ToList();
    }

    private async Task<List<MonthTrend>> TrendAsync(string areaCode, OfficePeriod month, CancellationToken ct)
    {
        var first = month;
        for (var i = 0; i < 11; i++) first = first.Previous();
        var counts = await store.TrendAsync(areaCode, first.Start, month.End, ct);
        var list = new List<MonthTrend>();
        for (var m = first; m.Start <= month.Start; m = m.Next())
        {
            var (created, closed) = counts.GetValueOrDefault(m.Code);
            list.Add(new MonthTrend(m.Code, created, closed));
        }
        return list;
    }

    private async Task<ReportSubmission> SubmissionAsync(string areaCode, OfficePeriod month, CancellationToken ct)
    {
        var due = Deadline.DueFor(month);
        if (await store.SubmissionAsync(areaCode, month.Code, ct) is not { } s) return new ReportSubmission(due, null, null, null, null);
        var p = s.OnTime ? Punctuality.OnTime : Punctuality.Late;
        return new ReportSubmission(due, s.SubmittedAt, p, p.ChineseLabel(), s.Actor);
    }

    public static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);
}
