using Microsoft.Extensions.Options;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Limits;
using RiverGis.Api.Bulletins;
using RiverGis.Api.Figures;
using RiverGis.Api.Http;
using RiverGis.Api.Reports;
using RiverGis.Api.Roster;
using RiverGis.Api.Tasks;
using RiverGis.Api.Units;
using RiverGis.Geo.Assessment;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Roster;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Assessment;

/// <summary>
/// The assessment (考核) of a period: for every area of a level (its subtree) and every unit of those areas, what was
/// measured — patrol compliance, problems closed on time, red months (deducted from the n-th of the year), vacancies
/// at the period's end, reports late or missing, plan items due that were done, water quality where sections exist —
/// scored by the configured sheet, graded and ranked. Months of the period whose cut-off has passed are frozen first, so
/// red months come from the frozen bulletins. Also the sanctions log (提示, 通报, 约谈, 问责).
/// </summary>
public sealed class AssessmentService(
    BulletinService bulletins, BulletinStore bulletinStore, ReportStore reports, PlanTaskStore tasks, UnitStore units, SanctionStore sanctions,
    PastSystems past, SystemSnapshots snapshots, IPatrolComplianceFigures patrols, IWaterQualityFigures water, MonthlyReportService monthly,
    TimeProvider clock, IOptions<AssessmentOptions> options, ILogger<AssessmentService> logger)
{
    /// <summary>The assessment of the areas of a level under <paramref name="areaCode"/> (an office: its own area by default; an area outside the scope is not found).</summary>
    public async Task<Outcome<AssessmentResponse>> AssessAsync(OfficePeriod period, AdminLevel level, string? areaCode, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (areaCode is not null && !system.Areas.ContainsKey(areaCode)) return Outcome<AssessmentResponse>.Invalid("Unknown area.", "area_code", $"unknown area '{areaCode}'");
        if (areaCode is not null && !AreaScope.Holds(caller, system, areaCode)) return Outcome<AssessmentResponse>.NotFound(AreaScope.NotInScope(areaCode));
        if (areaCode is not null && system.Areas[areaCode].Area.Level > level)
            return Outcome<AssessmentResponse>.Invalid("The area is below the level.", "area_code", $"'{areaCode}' is {system.Areas[areaCode].Area.Level.ToCode()}, below {level.ToCode()}");
        var now = clock.GetUtcNow();
        if (period.Start > now) return Outcome<AssessmentResponse>.Invalid("The period has not begun.", "period", $"{period.Code} is in the future");
        var asOf = now < period.End ? now : period.End;
        var lastDay = OfficePeriod.DayOf(asOf.AddTicks(-1));

        var areas = system.Areas.Values.Select(a => a.Area).Where(a => a.Level == level)
            .Where(a => areaCode is null || system.AncestorsAndSelf(a.Code).Any(x => x.Code == areaCode)).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var areaCodes = areas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var unitList = (await units.ListAsync(includeRetired: false, ct)).Where(u => areaCodes.Contains(u.AreaCode)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();

        var phases = new PhaseLog(logger, $"assessment {period.Code} {level.ToCode()} {areaCode}");
        phases.Lap("areas+units");
        var months = await FrozenMonthsAsync(period, now, ct);
        phases.Lap("freeze months");
        var (unitRed, _, areaRed) = months.Count == 0 ? ([], [], []) : await bulletinStore.RedMonthsBetweenAsync(months[0].Code, months[^1].Next().Code, ct);
        var (unitRedBefore, _, areaRedBefore) = await bulletinStore.RedMonthsBetweenAsync($"{period.Year:0000}-01", (months.Count > 0 ? months[0] : OfficePeriod.MonthOf(period.Year, period.FirstDay.Month)).Code, ct);
        phases.Lap("red months");
        var (closedAreas, closedUnits) = await reports.ClosedPerSubjectAsync(areaCodes.ToList(), unitList.Select(u => u.Code).ToList(), period.Start, asOf, ct, areaCode);
        phases.Lap("closed on time");
        var patrolFigures = await patrols.ForPeriodAsync(period, areaCode, null, ct);
        phases.Lap("patrols");
        var vacant = Vacancies(await past.OnAsync(lastDay, ct));
        phases.Lap("vacancies");
        var submissionMonths = months.Where(m => monthly.Deadline.DueFor(m) <= now).ToList();
        var submissions = submissionMonths.Count == 0 ? [] : await reports.SubmissionsAsync(areaCodes.ToList(), submissionMonths[0].Code, submissionMonths[^1].Code, ct);
        phases.Lap("submissions");
        var taskStates = await TaskStatesAsync(period, areaCode, asOf, lastDay, system, ct);
        phases.Lap("tasks");
        var sanctionLog = await sanctions.ListAsync(areaCode, period.FirstDay, period.LastDay, ct);
        var sheet = options.Value.Sheet(bulletins.Options.Deduction);

        // Each figure is filed once under every area of its chain (was: every figure tested against every area — 67 000
        // chiefs × 2 500 townships at province size), and the water figures are judged once per month for all areas.
        var chiefsOf = ByArea(patrolFigures, f => system.AncestorsAndSelf(f.AreaCode).Select(a => a.Code));
        var tasksOf = ByArea(taskStates, t => t.AreaCodes);
        var waterOf = await water.TargetMetPercentByAreaAsync(period, areaCode, areaCodes, ct);
        phases.Lap("sanctions+water");
        var areaMeasures = new List<(AdminArea Area, Measures M)>();
        foreach (var area in areas)
        {
            var chiefs = chiefsOf.GetValueOrDefault(area.Code) ?? [];
            var closed = closedAreas.GetValueOrDefault(area.Code);
            var due = tasksOf.GetValueOrDefault(area.Code) ?? [];
            var late = submissionMonths.Count(m => submissions.TryGetValue((area.Code, m.Code), out var onTime) && !onTime);
            var missing = submissionMonths.Count(m => !submissions.ContainsKey((area.Code, m.Code)));
            areaMeasures.Add((area, new Measures(
                MonthlyReportService.Percent(chiefs.Count(c => c.Compliant), chiefs.Count), MonthlyReportService.Percent(closed.OnTime, closed.Closed),
                areaRed.GetValueOrDefault(area.Code), vacant.GetValueOrDefault(area.Code), late, missing,
                MonthlyReportService.Percent(due.Count(t => t.Done), due.Count), waterOf.GetValueOrDefault(area.Code),
                areaRedBefore.GetValueOrDefault(area.Code))));
        }
        var tasksLedBy = taskStates.Where(t => t.LeadUnit is not null).ToLookup(t => t.LeadUnit!, StringComparer.Ordinal);
        var unitMeasures = unitList.Select(u =>
        {
            var closed = closedUnits.GetValueOrDefault(u.Code);
            var due = tasksLedBy[u.Code].ToList();
            return (Unit: u, M: new Measures(ClosedOnTimePercent: MonthlyReportService.Percent(closed.OnTime, closed.Closed), RedMonths: unitRed.GetValueOrDefault(u.Code),
                TaskCompletionPercent: MonthlyReportService.Percent(due.Count(t => t.Done), due.Count), RedMonthsBefore: unitRedBefore.GetValueOrDefault(u.Code)));
        }).ToList();

        phases.Lap("measures");
        var areaScores = Rank(areaMeasures.Select(x => (SubjectKind.Area, x.Area.Code, x.Area.Name, x.Area.Code, sheet.Score(x.M))).ToList(), sanctionLog, system);
        var unitScores = Rank(unitMeasures.Select(x => (SubjectKind.Unit, x.Unit.Code, x.Unit.Name, x.Unit.AreaCode, sheet.Score(x.M))).ToList(), sanctionLog, system);
        phases.Lap("scores");
        phases.Done();
        return Outcome<AssessmentResponse>.Ok(new AssessmentResponse(period.Code, period.ChineseLabel, level.ToCode(), areaCode, asOf, areaScores, unitScores));
    }

    private static Dictionary<string, List<T>> ByArea<T>(IEnumerable<T> items, Func<T, IEnumerable<string>> areasOf)
    {
        var byArea = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var code in areasOf(item).Distinct())
            {
                if (!byArea.TryGetValue(code, out var list)) byArea[code] = list = [];
                list.Add(item);
            }
        }
        return byArea;
    }

    /// <summary>The period's months whose cut-off has passed, each frozen now if it was not (a frozen bulletin is computed as of its cut-off).</summary>
    private async Task<List<OfficePeriod>> FrozenMonthsAsync(OfficePeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var months = period.Kind == PeriodKind.Month ? [period] : period.Subperiods(PeriodKind.Month).ToList();
        var frozen = months.Where(m => bulletins.Options.Cutoff.IsFrozen(m, now)).ToList();
        foreach (var m in frozen) await bulletins.FreezeAsync(m, ct);
        return frozen;
    }

    /// <summary>Segments without a 河长 in the system of the period's last day, counted for every area of their area's chain.</summary>
    private static Dictionary<string, int> Vacancies(RiverSystem system)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var segment in system.Segments.Values.Select(s => s.Segment).Where(s => s.ChiefId is null))
        {
            foreach (var area in system.AncestorsAndSelf(segment.AreaCode)) counts[area.Code] = counts.GetValueOrDefault(area.Code) + 1;
        }
        return counts;
    }

    private sealed record TaskState(string[] AreaCodes, string? LeadUnit, bool Done);

    /// <summary>Plan items due in the period up to now (not cancelled), done or not as of <paramref name="asOf"/>.</summary>
    private async Task<List<TaskState>> TaskStatesAsync(OfficePeriod period, string? areaCode, DateTimeOffset asOf, DateOnly lastDay, RiverSystem system, CancellationToken ct)
    {
        var rows = (await tasks.ListAsync(new PlanTaskFilter(AreaCode: areaCode), null, ct)).Where(t => t.Deadline >= period.FirstDay && t.Deadline <= lastDay).ToList();
        var facts = await tasks.ProgressFactsAsync(rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => (Row: r, Status: PlanTaskHistory.At(facts.GetValueOrDefault(r.Id) ?? [], asOf).Status))
            .Where(x => x.Status != PlanTaskStatus.Cancelled)
            .Select(x => new TaskState(system.AncestorsAndSelf(x.Row.AreaCode).Select(a => a.Code).DefaultIfEmpty(x.Row.AreaCode).ToArray(), x.Row.LeadUnitCode,
                x.Status == PlanTaskStatus.Done)).ToList();
    }

    private static List<SubjectScore> Rank(List<(SubjectKind Kind, string Code, string Name, string AreaCode, ScoreCard Card)> scored, List<SanctionRecord> log, RiverSystem system)
    {
        var ranks = Ranking.Of(scored.Select(s => s.Card.Total).ToList());
        return scored.Select((s, i) => new SubjectScore(s.Kind, s.Code, s.Name, s.AreaCode,
                s.Card.Items.Select(it => new ItemScoreResponse(it.Item, it.Item.ChineseLabel(), Math.Round(it.Measured, 2), it.Score, it.Weight)).ToList(),
                s.Card.Total, s.Card.Grade, s.Card.Grade.ChineseLabel(), ranks[i],
                log.Where(l => s.Kind == SubjectKind.Unit ? l.SubjectType == SanctionSubject.Unit && l.SubjectCode == s.Code : l.SubjectType == SanctionSubject.Area && l.SubjectCode == s.Code
                    || l.SubjectType == SanctionSubject.Chief && l.AreaCode == s.Code).ToList()))
            .OrderBy(s => s.Rank).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>Records a sanction against a chief, unit or area known to the data.</summary>
    /// <summary>Records a sanction against a subject of the caller's subtree (one elsewhere is not found).</summary>
    public async Task<Outcome<SanctionRecord>> SanctionAsync(SanctionRequest r, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        var errors = new List<ProblemItem>();
        if (r.Kind is null) errors.Add(new("kind", "required (reminder|notice|interview|accountability)"));
        if (r.SubjectType is null) errors.Add(new("subject_type", "required (chief|unit|area)"));
        if (string.IsNullOrWhiteSpace(r.Reason)) errors.Add(new("reason", "required"));
        else if (r.Reason.Length > FieldLimits.Note) errors.Add(new("reason", $"at most {FieldLimits.Note} characters"));
        if (string.IsNullOrWhiteSpace(r.DecidedBy)) errors.Add(new("decided_by", "required"));
        var today = OfficePeriod.DayOf(clock.GetUtcNow());
        if (r.OnDay is { } day && day > today) errors.Add(new("on_day", $"{day:yyyy-MM-dd} is in the future"));
        (string Name, string Area)? subject = null;
        if (r.SubjectCode is null) errors.Add(new("subject_code", "required"));
        else if (r.SubjectType is { } type)
        {
            subject = type switch
            {
                SanctionSubject.Chief => system.Chiefs.TryGetValue(r.SubjectCode, out var c) ? (c.Name, c.AreaCode) : null,
                SanctionSubject.Area => system.Areas.TryGetValue(r.SubjectCode, out var a) ? (a.Area.Name, a.Area.Code) : null,
                _ => await units.GetAsync(r.SubjectCode, ct) is { } u ? (u.Name, u.AreaCode) : null,
            };
            if (subject is null) errors.Add(new("subject_code", $"unknown {type.ToCode()} '{r.SubjectCode}'"));
        }
        if (errors.Count > 0 || subject is not { } s) return Outcome<SanctionRecord>.Invalid("The sanction is not valid.", errors);
        if (!AreaScope.Holds(caller, system, s.Area)) return Outcome<SanctionRecord>.NotFound(AreaScope.NotInScope(s.Area));
        var chain = AreaScope.Chain(system, s.Area);
        return Outcome<SanctionRecord>.Created(await sanctions.InsertAsync(r.Kind!.Value, r.SubjectType!.Value, r.SubjectCode!, s.Name, chain.Length > 0 ? chain : [s.Area],
            r.OnDay ?? today, r.Reason!.Trim(), r.DecidedBy!.Trim(), clock.GetUtcNow(), caller, ct));
    }

    /// <summary>The sanctions of an area's subtree (null: all, for an administrator) decided in the period.</summary>
    public Task<List<SanctionRecord>> SanctionsAsync(string? areaCode, OfficePeriod period, CancellationToken ct) => sanctions.ListAsync(areaCode, period.FirstDay, period.LastDay, ct);
}
