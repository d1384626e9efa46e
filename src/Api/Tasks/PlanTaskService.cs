using Mapster;
using Microsoft.Extensions.Options;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Figures;
using RiverGis.Api.Http;
using RiverGis.Api.Limits;
using RiverGis.Api.Units;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Tasks;

/// <summary>Configuration section <c>Tasks</c>.</summary>
public sealed class PlanTaskOptions
{
    /// <summary>An unfinished item turns yellow this many days before the end of its deadline day (default 15).</summary>
    public int DueSoonDays { get; set; } = PlanTaskLight.DefaultDueSoonDays;
}

/// <summary>
/// The 一河一策 plan items (四张清单) of the offices: validation of every write against the current data (rivers,
/// segments, areas, units, chiefs, sections), progress notes, spreadsheet import, and the items as the API shows them
/// with their lights.
/// </summary>
public sealed class PlanTaskService(PlanTaskStore store, UnitStore units, SystemSnapshots snapshots, IWaterQualityFigures water, TimeProvider clock,
    IOptions<PlanTaskOptions> options)
{
    public static readonly string[] WaterClasses = ["I", "II", "III", "IV", "V", "劣V"];

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The properties of a stored item as of now (light, days left).</summary>
    public PlanTaskProperties Show(PlanTaskRow row)
    {
        var p = row.Adapt<PlanTaskProperties>();
        var now = Now;
        p.Light = PlanTaskLight.Of(row.Status, row.Deadline, now, options.Value.DueSoonDays);
        p.LightLabel = p.Light.ChineseLabel();
        p.DaysLeft = row.Deadline.DayNumber - OfficePeriod.DayOf(now).DayNumber;
        return p;
    }

    /// <summary>Creates an item in the caller's subtree (an area elsewhere is not found).</summary>
    public async Task<Outcome<PlanTaskRow>> CreateAsync(PlanTaskRequest request, Caller caller, CancellationToken ct)
    {
        var (record, errors) = await ValidateAsync(request, null, "", ct);
        if (record is null) return Outcome<PlanTaskRow>.Invalid("The plan item is not valid.", errors);
        if (await OutOfScopeAsync(caller, record.AreaCode, ct) is { } notFound) return notFound;
        if (record.Code is { } code && await store.IdOfCodeAsync(code, ct) is not null)
            return Outcome<PlanTaskRow>.Conflict("The code is taken.", "code", $"an item with code '{code}' exists; PUT /api/tasks/{{id}} edits it");
        var saved = await store.SaveAsync([(null, record)], Now, caller, null, ct);
        return Outcome<PlanTaskRow>.Created((await store.GetAsync(saved[0].Id, null, ct))!);
    }

    /// <summary>Edits an item of the caller's subtree; unknown, out of scope or moved out of scope: not found.</summary>
    public async Task<Outcome<PlanTaskRow>> UpdateAsync(long id, PlanTaskRequest request, Caller caller, CancellationToken ct)
    {
        var current = await store.GetAsync(id, caller, ct);
        if (current is null) return Outcome<PlanTaskRow>.NotFound($"There is no plan item {id} in your scope.");
        var (record, errors) = await ValidateAsync(request with { Progress = request.Progress ?? current.Progress }, current, "", ct);
        if (record is null) return Outcome<PlanTaskRow>.Invalid("The plan item is not valid.", errors);
        if (await OutOfScopeAsync(caller, record.AreaCode, ct) is { } notFound) return notFound;
        if (record.Code is { } code && await store.IdOfCodeAsync(code, ct) is { } other && other != id)
            return Outcome<PlanTaskRow>.Conflict("The code is taken.", "code", $"plan item {other} has code '{code}'");
        await store.SaveAsync([(id, record)], Now, caller, null, ct);
        return Outcome<PlanTaskRow>.Ok((await store.GetAsync(id, null, ct))!);
    }

    public async Task<Outcome<PlanTaskRow>> ProgressAsync(long id, ProgressRequest request, Caller caller, CancellationToken ct)
    {
        var current = await store.GetAsync(id, caller, ct);
        if (current is null) return Outcome<PlanTaskRow>.NotFound($"There is no plan item {id} in your scope.");
        var progress = request.Progress ?? current.Progress;
        if (progress is < 0 or > 100) return Outcome<PlanTaskRow>.Invalid("The progress note is not valid.", "progress", $"{progress} is outside 0–100");
        if (request.Progress is null && request.Cancelled is null)
            return Outcome<PlanTaskRow>.Invalid("The progress note is not valid.", "progress", "required (or cancelled: true)");
        if (request.Note is { Length: > FieldLimits.Note }) return Outcome<PlanTaskRow>.Invalid("The progress note is not valid.", "note", $"at most {FieldLimits.Note} characters");
        var system = (await snapshots.CurrentAsync(ct)).System;
        var row = await store.ProgressAsync(id, progress, request.Cancelled ?? false, request.Note, caller, AreaScope.Chain(system, current.AreaCode), Now, ct);
        return row is null ? Outcome<PlanTaskRow>.NotFound($"There is no plan item {id}.") : Outcome<PlanTaskRow>.Ok(row);
    }

    /// <summary>Not found when <paramref name="areaCode"/> lies outside the caller's subtree; null when it may write there.</summary>
    private async Task<Outcome<PlanTaskRow>?> OutOfScopeAsync(Caller caller, string areaCode, CancellationToken ct) =>
        AreaScope.Holds(caller, (await snapshots.CurrentAsync(ct)).System, areaCode) ? null : Outcome<PlanTaskRow>.NotFound(AreaScope.NotInScope(areaCode));

    /// <summary>
    /// Imports spreadsheet rows (CSV or XLSX, the export's columns): every row is validated first and every problem
    /// reported with its line and column; then all rows are stored in one transaction, updating items by code.
    /// </summary>
    public async Task<Outcome<PlanTaskImportResponse>> ImportAsync(CsvRecords table, List<Geo.Dataset.DatasetProblem> readProblems, Caller caller, CancellationToken ct)
    {
        var problems = new List<ProblemItem>(readProblems.Select(Item));
        var rows = new List<(long? Id, PlanTaskRecord Record)>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowProblems = new List<Geo.Dataset.DatasetProblem>();
        var active = await ActiveUnitsAsync(ct);
        var system = (await snapshots.CurrentAsync(ct)).System;
        var outside = new List<string>();
        foreach (var row in table.Records(rowProblems))
        {
            var request = PlanTaskSheet.Request(row);
            if (request.Code is { } code && !codes.TryAdd(code, row.Line)) row.Problem("code", $"duplicate '{code}' (first at line {codes[code]})");
            var (record, errors) = await ValidateAsync(request, null, $"line {row.Line}: ", ct, active);
            foreach (var e in errors) problems.Add(e);
            if (record is not null && !AreaScope.Holds(caller, system, record.AreaCode)) outside.Add($"line {row.Line}: '{record.AreaCode}'");
            else if (record?.Code is { } existing && await store.IdOfCodeAsync(existing, ct) is { } id && await store.GetAsync(id, caller, ct) is null)
                outside.Add($"line {row.Line}: item '{existing}'");
            if (record is not null && !row.Failed) rows.Add((null, record));
        }
        if (outside.Count > 0)
            return Outcome<PlanTaskImportResponse>.NotFound($"Areas not in your scope ({string.Join(", ", outside)}); nothing was imported.");
        problems.AddRange(rowProblems.Select(Item));
        if (problems.Count > 0) return Outcome<PlanTaskImportResponse>.Invalid("The spreadsheet has problems; nothing was imported.", problems);
        if (rows.Count == 0) return Outcome<PlanTaskImportResponse>.Invalid("The spreadsheet has no rows.", "body", "no data rows under the header");
        var saved = await store.SaveAsync(rows, Now, caller, "导入", ct);
        return Outcome<PlanTaskImportResponse>.Ok(new PlanTaskImportResponse(saved.Count(s => s.Created), saved.Count(s => !s.Created), saved.Select(s => s.Id).ToList()));

        static ProblemItem Item(Geo.Dataset.DatasetProblem p) => new(p.Line is { } l ? $"line {l}: {p.Property ?? "row"}" : p.Property ?? "body", p.Message);
    }

    /// <summary>Checks a request against the data; <paramref name="where"/> prefixes the field names (an import row's line).</summary>
    private async Task<(PlanTaskRecord? Record, List<ProblemItem> Errors)> ValidateAsync(PlanTaskRequest r, PlanTaskRow? current, string where, CancellationToken ct,
        IReadOnlySet<string>? activeUnits = null)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        var errors = new List<ProblemItem>();
        void Error(string field, string message) => errors.Add(new(where + field, message));
        var title = r.Title?.Trim();
        if (string.IsNullOrEmpty(title)) Error("title", "required");
        else if (title.Length > 200) Error("title", "at most 200 characters");
        if (r.List is null) Error("list", "required (target|problem|task|responsibility)");
        if (r.Code is { } code && !DatasetValidator.IsCode(code)) Error("code", $"'{code}' is not a usable code (letters, digits, '-', '_', '.', at most 64)");
        var area = Scope(r, system, Error);
        CheckUnits(r, activeUnits ?? await ActiveUnitsAsync(ct), Error);
        if (r.ChiefId is { } chief && !system.Chiefs.ContainsKey(chief)) Error("chief_id", $"unknown chief '{chief}'");
        var today = OfficePeriod.DayOf(Now);
        var created = r.CreatedOn ?? current?.CreatedOn ?? today;
        if (r.Deadline is not { } deadline) Error("deadline", "required (yyyy-MM-dd)");
        else if (deadline < created) Error("deadline", $"{deadline:yyyy-MM-dd} is before the item was created ({created:yyyy-MM-dd})");
        var year = r.Year ?? created.Year;
        if (year is < OfficePeriod.MinYear or > OfficePeriod.MaxYear) Error("year", $"{year} is outside {OfficePeriod.MinYear}–{OfficePeriod.MaxYear}");
        var progress = r.Progress ?? 0;
        if (progress is < 0 or > 100) Error("progress", $"{progress} is outside 0–100");
        if (r.WaterClass is { } wc)
        {
            if (!WaterClasses.Contains(wc)) Error("water_class", $"unknown value '{wc}', expected one of {string.Join("|", WaterClasses)}");
            else if (r.List is not null and not PlanList.Target) Error("water_class", "only a target-list item (list: target) sets a water-quality class");
        }
        if (r.SectionCode is { } section && !await water.SectionExistsAsync(section, ct)) Error("section_code", $"unknown monitoring section '{section}'");
        if (r.TargetValue is { } value && !double.IsFinite(value)) Error("target_value", "must be a finite number");
        if (errors.Count > 0 || area is null) return (null, errors);
        var chain = system.AncestorsAndSelf(area).Select(a => a.Code).ToArray();
        return (new PlanTaskRecord(r.Code, title!, r.List!.Value, r.RiverCode, r.SegmentCode, area, chain, r.LeadUnitCode,
            (r.CooperatingUnitCodes ?? []).ToArray(), r.ChiefId, year, created, r.Deadline!.Value, r.Target?.Trim(), r.TargetValue,
            r.TargetUnit?.Trim(), r.WaterClass, r.SectionCode, progress), errors);
    }

    /// <summary>The item's area: the named one, else the segment's; the river and segment must exist and agree with it.</summary>
    private static string? Scope(PlanTaskRequest r, RiverSystem system, Action<string, string> error)
    {
        Geo.Model.Segment? segment = null;
        if (r.RiverCode is { } river && !system.Rivers.ContainsKey(river)) error("river_code", $"unknown river '{river}'");
        if (r.SegmentCode is { } code)
        {
            if (!system.Segments.TryGetValue(code, out var entry)) error("segment_code", $"unknown segment '{code}'");
            else if (r.RiverCode is not null && entry.Segment.RiverCode != r.RiverCode)
                error("segment_code", $"segment '{code}' is on river '{entry.Segment.RiverCode}', not '{r.RiverCode}'");
            else segment = entry.Segment;
        }
        if (r.AreaCode is { } area && !system.Areas.ContainsKey(area))
        {
            error("area_code", $"unknown area '{area}'");
            return null;
        }
        if (r.AreaCode is null && segment is null && r.SegmentCode is null)
        {
            error("area_code", r.RiverCode is null ? "name a segment_code, a river_code with an area_code, or an area_code" : "required with river_code (the area whose stretch of the river the item concerns)");
            return null;
        }
        if (segment is not null && r.AreaCode is { } named && system.AncestorsAndSelf(segment.AreaCode).All(a => a.Code != named))
            error("area_code", $"segment '{segment.Code}' lies in area '{segment.AreaCode}', which is not '{named}' nor under it");
        return r.AreaCode ?? segment?.AreaCode;
    }

    private async Task<IReadOnlySet<string>> ActiveUnitsAsync(CancellationToken ct) =>
        (await units.ListAsync(includeRetired: false, ct)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);

    private static void CheckUnits(PlanTaskRequest r, IReadOnlySet<string> active, Action<string, string> error)
    {
        if (r.LeadUnitCode is { } lead && !active.Contains(lead)) error("lead_unit_code", $"unknown unit '{lead}'");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (unit, i) in (r.CooperatingUnitCodes ?? []).Select((u, i) => (u, i)))
        {
            if (!seen.Add(unit)) error($"cooperating_unit_codes[{i}]", $"'{unit}' is listed twice");
            else if (unit == r.LeadUnitCode) error($"cooperating_unit_codes[{i}]", $"'{unit}' is the lead unit");
            else if (!active.Contains(unit)) error($"cooperating_unit_codes[{i}]", $"unknown unit '{unit}'");
        }
    }
}
