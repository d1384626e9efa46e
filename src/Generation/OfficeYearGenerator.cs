using System.Globalization;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Tasks;

namespace RiverGis.Generation;

/// <summary>A plan item (一河一策) in the columns <c>POST /api/tasks/import</c> reads.</summary>
public sealed record GeneratedTask(
    string Code, string Title, PlanList List, string RiverCode, string AreaCode, string LeadUnitCode, IReadOnlyList<string> CooperatingUnitCodes,
    string? ChiefId, int Year, DateOnly CreatedOn, DateOnly Deadline, string Target, double TargetValue, string TargetUnit, int Progress);

/// <summary>One stored transition of a generated problem: what <c>issue_events</c> holds.</summary>
public sealed record GeneratedEvent(DateTimeOffset At, IssueActionKind Action, IssueStatus? From, IssueStatus To, string Actor, string? Note, string? ChiefId, string? UnitCode);

/// <summary>A problem of the ledger (<c>issues</c>) as routed to a segment's chief, with its events in order.</summary>
public sealed record GeneratedProblem(
    long Id, IssueCategory Category, IssueSource Source, string Description, DateTimeOffset ReportedAt, DateTimeOffset Deadline,
    Segment Segment, Chief? Chief, string AreaName, IReadOnlyList<string> AreaCodes, string? UnitCode, double Lon, double Lat, IReadOnlyList<GeneratedEvent> Events)
{
    public IssueStatus Status => Events[^1].To;

    /// <summary>When the issue was finished (closed or rejected); null while it is open (a reopened issue is open again).</summary>
    public DateTimeOffset? ClosedAt => Status.IsTerminal() ? Events[^1].At : null;
}

/// <summary>A year of the office's work over a generated province.</summary>
public sealed record OfficeYear(IReadOnlyList<Unit> Units, IReadOnlyList<GeneratedTask> Tasks, IReadOnlyList<GeneratedProblem> Problems);

/// <summary>
/// A year of the office's month over a generated province, so that reports and assessments can be measured at province
/// size: units (every county's member departments and river-chief office, every township's government, the province's
/// departments), plan items on the rivers of county level and above, and problems found on segments with lifecycles
/// like a ledger's — most closed by their deadline, some closed late, some never closed (overdue), a few rejected, some
/// failing verification once, a few reopened by a re-check (回头看). Every transition is one the ledger's
/// <see cref="IssueLifecycle"/> allows. Built from the dataset content alone, with its own random streams, so the
/// province's other files and the planted-defect manifest are unchanged by it.
/// </summary>
public static class OfficeYearGenerator
{
    /// <summary>The county departments (成员单位) and the office; the province gets the same.</summary>
    internal static readonly (string Code, string Name, UnitKind Kind)[] Departments =
    [
        ("SW", "水务局", UnitKind.Member), ("HB", "生态环境局", UnitKind.Member), ("ZR", "自然资源局", UnitKind.Member),
        ("NY", "农业农村局", UnitKind.Liaison), ("HZB", "河长制办公室", UnitKind.Office),
    ];

    private static readonly (IssueCategory Category, double Weight, string What)[] Categories =
    [
        (IssueCategory.Garbage, 30, "河面漂浮垃圾"), (IssueCategory.Dumping, 15, "岸坡堆放建筑垃圾"), (IssueCategory.Encroachment, 10, "侵占河道"),
        (IssueCategory.IllegalConstruction, 8, "河道管理范围内违法建设"), (IssueCategory.IllegalMining, 5, "非法采砂"),
        (IssueCategory.IllegalDischarge, 12, "排污口异常排放"), (IssueCategory.BlackOdorous, 5, "局部水体发黑发臭"), (IssueCategory.Other, 15, "其他问题"),
    ];

    private static readonly (IssueSource Source, double Weight, string Actor)[] Sources =
        [(IssueSource.Patrol, 60, "巡河员"), (IssueSource.Public, 25, "群众"), (IssueSource.Inspection, 15, "督查组")];

    private static readonly (PlanList List, double Weight, string What, string Unit)[] TaskKinds =
    [
        (PlanList.Task, 45, "清理河道垃圾", "公里"), (PlanList.Task, 15, "整治入河排污口", "个"), (PlanList.Problem, 15, "拆除违法建筑", "处"),
        (PlanList.Target, 15, "水功能区水质达标", "%"), (PlanList.Responsibility, 10, "落实河段保洁责任", "人"),
    ];

    public static OfficeYear Generate(DatasetContent content, OfficeYearOptions options)
    {
        options.Validate();
        var areas = content.Areas.Select(a => a.Item).ToDictionary(a => a.Code, StringComparer.Ordinal);
        var units = Units(areas.Values);
        var governments = units.Where(u => u.Kind == UnitKind.Government).ToDictionary(u => u.AreaCode, u => u.Code, StringComparer.Ordinal);
        var chiefs = content.Chiefs.Select(c => c.Item).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var rivers = content.Rivers.Select(r => r.Item).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var tasks = Tasks(content, options, areas, rivers);
        var problems = Problems(content, options, areas, chiefs, governments);
        return new OfficeYear(units, tasks, problems);
    }

    /// <summary>The chain of an area from the top down to itself.</summary>
    internal static List<AdminArea> Chain(IReadOnlyDictionary<string, AdminArea> areas, string code)
    {
        var chain = new List<AdminArea>();
        for (var a = areas.GetValueOrDefault(code); a is not null; a = a.ParentCode is null ? null : areas.GetValueOrDefault(a.ParentCode)) chain.Add(a);
        chain.Reverse();
        return chain;
    }

    internal static string UnitCode(string areaCode, string department) => $"U{areaCode}-{department}";

    // ---------------------------------------------------------------- units

    private static List<Unit> Units(IEnumerable<AdminArea> areas)
    {
        var list = new List<Unit>();
        foreach (var area in areas.OrderBy(a => a.Level).ThenBy(a => a.Code, StringComparer.Ordinal))
        {
            if (area.Level is AdminLevel.Province or AdminLevel.County)
                list.AddRange(Departments.Select(d => new Unit(UnitCode(area.Code, d.Code), area.Name + d.Name, d.Kind, area.Code, null)));
            else if (area.Level == AdminLevel.Township)
                list.Add(new Unit(UnitCode(area.Code, "GOV"), area.Name + "人民政府", UnitKind.Government, area.Code, null));
        }
        return list;
    }

    // ---------------------------------------------------------------- plan items

    /// <summary>
    /// Plan items of the year on every county stretch of a river of county level or above (一河一策): issued in the
    /// first quarter, due during the year; those due by <see cref="OfficeYearOptions.End"/> mostly done (about one in
    /// four is not: overdue), the others part way.
    /// </summary>
    private static List<GeneratedTask> Tasks(DatasetContent content, OfficeYearOptions options, Dictionary<string, AdminArea> areas, Dictionary<string, River> rivers)
    {
        var random = Seeds.For(options.Seed, Stage.OfficeTasks);
        var tasks = new List<GeneratedTask>();
        var yearStart = DateOnly.FromDateTime(options.YearStart.DateTime);
        var yearEnd = yearStart.AddYears(1).AddDays(-1);
        var endDay = DateOnly.FromDateTime(options.End.ToOffset(OfficeYearOptions.ChinaStandardTime).AddTicks(-1).DateTime);
        var stretches = content.Segments.Select(s => s.Item)
            .Where(s => s.Level == AdminLevel.County && rivers.TryGetValue(s.RiverCode, out var r) && r.Level <= AdminLevel.County)
            .OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        var weights = TaskKinds.Select(k => k.Weight).ToList();
        foreach (var s in stretches)
        {
            var count = (int)Math.Floor(options.TasksPerCountyStretch + random.NextDouble());
            var county = areas[s.AreaCode];
            var river = rivers[s.RiverCode];
            for (var k = 0; k < count; k++)
            {
                var kind = TaskKinds[random.Weighted(weights)];
                var created = yearStart.AddDays(random.Next(4, 90));
                var deadline = created.AddDays(random.Next(60, 330));
                if (deadline > yearEnd) deadline = yearEnd;
                int progress;
                if (deadline <= endDay) progress = random.NextDouble() < 0.75 ? 100 : random.Next(3, 19) * 5;
                else
                {
                    var share = (endDay.DayNumber - created.DayNumber) / (double)Math.Max(1, deadline.DayNumber - created.DayNumber);
                    progress = endDay < created ? 0 : Math.Clamp((int)Math.Round(100 * share * random.Range(0.5, 1.3) / 5) * 5, 0, 100);
                }
                var lead = kind.List == PlanList.Target || kind.What.Contains("排污", StringComparison.Ordinal) ? "HB" : kind.List == PlanList.Problem ? "ZR" : "SW";
                var cooperating = new[] { "SW", "HB", "ZR", "NY" }.Where(d => d != lead && random.NextDouble() < 0.3).Select(d => UnitCode(county.Code, d)).ToList();
                var value = kind.Unit == "%" ? 100 : random.Next(1, 40);
                tasks.Add(new GeneratedTask(string.Create(CultureInfo.InvariantCulture, $"T{options.Year}-{tasks.Count + 1:D6}"),
                    $"{river.Name}{county.Name}段{kind.What}", kind.List, river.Code, county.Code, UnitCode(county.Code, lead), cooperating, s.ChiefId,
                    options.Year, created, deadline, string.Create(CultureInfo.InvariantCulture, $"{kind.What}{value}{kind.Unit}"), value, kind.Unit, progress));
            }
        }
        return tasks;
    }

    // ---------------------------------------------------------------- problems

    private static List<GeneratedProblem> Problems(DatasetContent content, OfficeYearOptions options, Dictionary<string, AdminArea> areas,
        Dictionary<string, Chief> chiefs, Dictionary<string, string> governments)
    {
        var segments = content.Segments.Select(s => s.Item).Where(s => s.ChiefId is not null).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        var total = (int)Math.Round(content.Segments.Count * options.ProblemsPer100Segments / 100);
        if (segments.Count == 0 || total == 0) return [];
        var chains = new Dictionary<string, List<AdminArea>>(StringComparer.Ordinal);
        var drafts = new GeneratedProblem[total];
        var seconds = (long)(options.End - options.YearStart).TotalSeconds;
        for (var i = 0; i < total; i++)
        {
            var random = Seeds.For(options.Seed, Stage.OfficeProblems, i);
            var segment = segments[random.Next(segments.Count)];
            if (!chains.TryGetValue(segment.AreaCode, out var chain)) chains[segment.AreaCode] = chain = Chain(areas, segment.AreaCode);
            // Daytime reports (08:00–19:00 China Standard Time) on a day before the end.
            DateTimeOffset reported;
            do
            {
                var day = options.YearStart.AddDays(random.Next((int)(seconds / 86400) + 1));
                reported = day.AddSeconds(random.Next(8 * 3600, 19 * 3600));
            } while (reported >= options.End);
            var (category, _, what) = Categories[random.Weighted(Categories.Select(c => c.Weight).ToList())];
            var (source, _, reporter) = Sources[random.Weighted(Sources.Select(c => c.Weight).ToList())];
            var deadline = DeadlinePolicy.Default.DeadlineFor(category, reported);
            var chief = chiefs.GetValueOrDefault(segment.ChiefId!);
            // Handed to the township government of the place (交办乡镇), or to the county's water bureau above townships.
            var township = chain.LastOrDefault(a => a.Level == AdminLevel.Township);
            var county = chain.LastOrDefault(a => a.Level == AdminLevel.County);
            var unit = township is not null ? governments.GetValueOrDefault(township.Code) : county is not null ? UnitCode(county.Code, "SW") : null;
            var coordinates = segment.Geometry.Coordinates;
            var at = coordinates[random.Next(coordinates.Length)];
            var events = Lifecycle(random, reported, deadline, options.End, reporter, segment.ChiefId!, unit);
            drafts[i] = new GeneratedProblem(0, category, source, $"{segment.Name}{what}", reported, deadline, segment, chief, chain[^1].Name,
                chain.Select(a => a.Code).ToList(), events.Any(e => e.UnitCode is not null) ? unit : null, at.X, at.Y, events);
        }
        // Ids in the order the ledger would have given them: by report time.
        return drafts.OrderBy(p => p.ReportedAt).ThenBy(p => p.Segment.Code, StringComparer.Ordinal).Select((p, k) => p with { Id = k + 1 }).ToList();
    }

    /// <summary>
    /// The transitions of one problem from its report, every one checked by <see cref="IssueLifecycle.Transition"/>,
    /// cut at <paramref name="end"/> (the ledger as it stood then). Shares: ~4 % rejected; of the rest ~62 % fixed by the
    /// deadline, ~20 % late, ~10 % very late, ~8 % never (overdue); ~15 % fail verification once; ~6 % of the closed are
    /// reopened by a re-check 20–120 days later.
    /// </summary>
    internal static List<GeneratedEvent> Lifecycle(Random random, DateTimeOffset reported, DateTimeOffset deadline, DateTimeOffset end, string reporter,
        string chiefId, string? unitCode)
    {
        var events = new List<GeneratedEvent> { new(reported, IssueActionKind.Report, null, IssueStatus.Reported, reporter, null, chiefId, null) };
        var status = IssueStatus.Reported;
        var t = reported;
        bool Step(double minDays, double maxDays, IssueAction action, string actor, string? note = null)
        {
            t = t.AddSeconds(Math.Max(60, Math.Round(random.Range(minDays, maxDays) * 86400)));
            if (t >= end) return false;
            var result = IssueLifecycle.Transition(status, action, actor, note, t);
            if (result.Error is { } error) throw new InvalidOperationException($"generated an invalid transition: {error.Message}");
            status = result.Status;
            var tr = result.Transition!;
            events.Add(new GeneratedEvent(t, tr.Action, tr.From, tr.To, tr.Actor, tr.Note, tr.AssigneeId, tr.UnitCode));
            return true;
        }
        var days = (deadline - reported).TotalDays;
        if (random.NextDouble() < 0.04)
        {
            Step(0.2, 3, IssueActionKind.Reject, "河长办", "不属于河湖管理范围，不予受理");
            return events;
        }
        if (!Step(0.05, 1.5, new IssueAction(IssueActionKind.Assign, chiefId, unitCode), "河长办")) return events;
        if (!Step(0.05, 2, IssueActionKind.StartRectification, "责任单位")) return events;
        var fate = random.NextDouble();
        var elapsed = (t - reported).TotalDays;
        double fixDays = fate switch
        {
            < 0.62 => Math.Max(0.1, random.Range(0.3, 0.95) * days - elapsed - 1),
            < 0.82 => days * random.Range(1.05, 2.5) - elapsed,
            < 0.92 => days * random.Range(2.5, 8) - elapsed,
            _ => double.NaN,
        };
        if (double.IsNaN(fixDays)) return events; // never fixed: overdue from its deadline on
        if (!Step(fixDays * 0.9, fixDays, IssueActionKind.SubmitForVerification, "责任单位")) return events;
        if (random.NextDouble() < 0.15)
        {
            if (!Step(0.2, 0.5, IssueActionKind.FailVerification, "河长办", "整改不到位，退回重新整改")) return events;
            if (!Step(0.2, 2, IssueActionKind.StartRectification, "责任单位")) return events;
            if (!Step(1, 8, IssueActionKind.SubmitForVerification, "责任单位")) return events;
        }
        if (!Step(0.1, 0.5, IssueActionKind.PassVerification, "河长办")) return events;
        if (random.NextDouble() < 0.06)
        {
            if (!Step(20, 120, IssueActionKind.Reopen, "河长办", "回头看发现问题反弹，重新整改")) return events;
            if (!Step(0.5, 4, IssueActionKind.StartRectification, "责任单位")) return events;
            if (random.NextDouble() < 0.6 && Step(5, 30, IssueActionKind.SubmitForVerification, "责任单位")) Step(0.1, 1, IssueActionKind.PassVerification, "河长办");
        }
        return events;
    }
}
