using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Exports;
using RiverGis.Api.Http;
using RiverGis.Api.Issues;
using RiverGis.Api.Limits;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Tasks;

/// <summary>How a list is answered: JSON, GeoJSON (items on their river stretch), or a spreadsheet.</summary>
public enum ListFormat
{
    Json,
    Geojson,
    Csv,
    Xlsx,
}

/// <summary>The 一河一策 plan items on the office's four lists (四张清单): CRUD, progress notes, spreadsheets, a map view.</summary>
public static class PlanTaskEndpoints
{
    private const string Tag = "Plan items (一河一策)";

    public static readonly NumberParameter Year = new("year", "only items of this plan year", min: 1990, max: 2100, integer: true);
    public static readonly EnumParameter<PlanList> List = new("list", "only items on this list (target 目标, problem 问题, task 任务, responsibility 责任)");
    public static readonly TextParameter AreaCode = new("area_code", "only items of this area or an area under it");
    public static readonly TextParameter RiverCode = new("river_code", "only items on this river");
    public static readonly TextParameter UnitCode = new("unit_code", "only items this unit leads or cooperates on");
    public static readonly EnumParameter<PlanTaskStatus> Status = new("status", "only items in this status");
    public static readonly EnumParameter<LightColour> Light = new("light", "only items with this light (red = overdue, yellow = due within the configured days)");
    public static readonly EnumParameter<ListFormat> Format = new("format", "json, geojson (each item on its river stretch), csv or xlsx", ListFormat.Json);

    public static void MapPlanTasks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags(Tag);
        group.MapGet("/", List_).WithName("PlanTasks").WithSummary("Plan items with their lights; as JSON, GeoJSON on the river stretch, CSV or XLSX")
            .WithQuery(Year, List, AreaCode, RiverCode, UnitCode, Status, Light, Format)
            .Produces<FeatureCollection<PlanTaskProperties>>(StatusCodes.Status200OK, GeoJsonResults.MediaType)
            .Produces<byte[]>(StatusCodes.Status200OK, TableExport.CsvType, TableExport.XlsxType).ProducesProblems(400, 404)
            .Allow(Role.Chief, Role.Office, Role.Admin);
        group.MapGet("/{id:long}", Get).WithName("GetPlanTask").WithSummary("One plan item with its progress notes").WithQuery().ProducesProblems(404)
            .Allow(Role.Chief, Role.Office, Role.Admin).Scoped();
        group.MapPost("/", Create).WithName("CreatePlanTask").WithSummary("Create a plan item")
            .DocumentsBody(typeof(PlanTaskRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 415).Allow(Role.Office, Role.Admin).Scoped();
        group.MapPut("/{id:long}", Update).WithName("UpdatePlanTask").WithSummary("Edit a plan item")
            .DocumentsBody(typeof(PlanTaskRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 415).Allow(Role.Office, Role.Admin).Scoped();
        group.MapPost("/{id:long}/progress", Progress).WithName("PlanTaskProgress").WithSummary("Add a dated progress note (进展), or cancel the item")
            .DocumentsBody(typeof(ProgressRequest), "application/json").WithQuery().ProducesProblems(400, 404, 415).Allow(Role.Office, Role.Admin).Scoped();
        group.MapPost("/import", Import).WithName("ImportPlanTasks").WithSummary("Import plan items from CSV or XLSX (the export's columns); all or nothing")
            .WithDescription("Rows with a `code` update the item of that code; other rows create items. Every problem is listed with its line and column, and nothing is stored unless every row is valid.")
            .DocumentsBody(typeof(string), TableExport.CsvType, TableExport.XlsxType).WithQuery().ProducesProblems(400, 404, 413, 415)
            .Allow(Role.Office, Role.Admin).Scoped().AcceptsUpload();
    }

    private static async Task<Results<Ok<PlanTaskListResponse>, GeoJsonResult<FeatureCollection<PlanTaskProperties>>, FileContentHttpResult, ProblemHttpResult>> List_(
        HttpContext http, Caller caller, PlanTaskStore store, PlanTaskService tasks, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var year = q.ReadOptional(Year);
        var filter = new PlanTaskFilter(year is { } y ? (int)y : null, q.Read(List), q.Read(AreaCode), q.Read(RiverCode), q.Read(UnitCode), q.Read(Status));
        var (light, format) = (q.Read(Light), q.Read(Format) ?? ListFormat.Json);
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (filter.AreaCode is { } area && !system.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid plan item query.");
        if (filter.AreaCode is { } asked && caller.Role == Role.Office && !AreaScope.Holds(caller, system, asked)) return ApiProblems.NotFound(AreaScope.NotInScope(asked));
        var all = (await store.ListAsync(filter, caller, ct)).Select(tasks.Show).ToList();
        var counts = new LightCounts(all.Count(t => t.Light == LightColour.Green), all.Count(t => t.Light == LightColour.Yellow), all.Count(t => t.Light == LightColour.Red));
        var shown = light is { } l ? all.Where(t => t.Light == l).ToList() : all;
        var name = $"tasks-{tasks.Now.ToOffset(Geo.Calendar.OfficePeriod.Offset):yyyyMMdd}";
        return format switch
        {
            ListFormat.Csv => PlanTaskSheet.Export.Result(shown, ExportFormat.Csv, name),
            ListFormat.Xlsx => PlanTaskSheet.Export.Result(shown, ExportFormat.Xlsx, name),
            ListFormat.Geojson => GeoJsonResults.Ok(new FeatureCollection<PlanTaskProperties>(
                GeoJsonResults.Features(shown, t => TaskStretch.Of(system, t.RiverCode, t.SegmentCode, t.AreaCode), t => t, t => t.Id))),
            _ => TypedResults.Ok(new PlanTaskListResponse(shown.Count, counts, shown)),
        };
    }

    private static async Task<Results<Ok<PlanTaskProperties>, ProblemHttpResult>> Get(long id, HttpContext http, Caller caller, PlanTaskStore store, PlanTaskService tasks,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        if (await store.GetAsync(id, caller, ct) is not { } row) return ApiProblems.NotFound($"There is no plan item {id} in your scope.");
        return TypedResults.Ok(await DetailAsync(row, store, tasks, ct));
    }

    private static async Task<Results<Ok<PlanTaskProperties>, Created<PlanTaskProperties>, ProblemHttpResult>> Create(HttpContext http, Caller caller,
        PlanTaskStore store, PlanTaskService tasks, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync<PlanTaskRequest>(http, ct);
        if (request is null) return problem!;
        var outcome = await tasks.CreateAsync(request, caller, ct);
        if (outcome.Problem() is { } refused) return refused;
        return TypedResults.Created($"/api/tasks/{outcome.Value!.Id}", await DetailAsync(outcome.Value, store, tasks, ct));
    }

    private static Task<Results<Ok<PlanTaskProperties>, Created<PlanTaskProperties>, ProblemHttpResult>> Update(long id, HttpContext http, Caller caller,
        PlanTaskStore store, PlanTaskService tasks, CancellationToken ct) =>
        EditAsync<PlanTaskRequest>(http, request => tasks.UpdateAsync(id, request, caller, ct), store, tasks, ct);

    private static Task<Results<Ok<PlanTaskProperties>, Created<PlanTaskProperties>, ProblemHttpResult>> Progress(long id, HttpContext http, Caller caller,
        PlanTaskStore store, PlanTaskService tasks, CancellationToken ct) =>
        EditAsync<ProgressRequest>(http, request => tasks.ProgressAsync(id, request, caller, ct), store, tasks, ct);

    /// <summary>An edit of one item: the body read as <typeparamref name="T"/>, the edit, the item as it is now (or the problem).</summary>
    private static async Task<Results<Ok<PlanTaskProperties>, Created<PlanTaskProperties>, ProblemHttpResult>> EditAsync<T>(HttpContext http,
        Func<T, Task<Outcome<PlanTaskRow>>> edit, PlanTaskStore store, PlanTaskService tasks, CancellationToken ct) where T : class
    {
        var (request, problem) = await ReadAsync<T>(http, ct);
        if (request is null) return problem!;
        var outcome = await edit(request);
        if (outcome.Problem() is { } refused) return refused;
        return TypedResults.Ok(await DetailAsync(outcome.Value!, store, tasks, ct));
    }

    private static async Task<Results<Ok<PlanTaskImportResponse>, ProblemHttpResult>> Import(HttpContext http, Caller caller, PlanTaskService tasks, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var type = http.Request.ContentType?.Split(';')[0].Trim();
        if (!SheetReader.IsCsv(type) && !SheetReader.IsXlsx(type))
            return ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the plan list as {TableExport.CsvType} (UTF-8) or {TableExport.XlsxType}.", [new ProblemItem("Content-Type", $"'{type}' is not CSV or XLSX")]);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var problems = new List<DatasetProblem>();
        var file = SheetReader.IsXlsx(type) ? "tasks.xlsx" : "tasks.csv";
        var table = CsvRecords.FromRows(SheetReader.Rows(buffer.ToArray(), type, file, problems), file, PlanTaskSheet.Required, PlanTaskSheet.Optional, problems);
        if (table is null)
            return ApiProblems.BadRequest("The spreadsheet cannot be read; nothing was imported.",
                problems.Select(p => new ProblemItem(p.Line is { } l ? $"line {l}: {p.Property ?? "row"}" : p.Property ?? "body", p.Message)).ToArray());
        var outcome = await tasks.ImportAsync(table, problems, caller, ct);
        return outcome.Problem() ?? (Results<Ok<PlanTaskImportResponse>, ProblemHttpResult>)TypedResults.Ok(outcome.Value!);
    }

    private static async Task<PlanTaskProperties> DetailAsync(PlanTaskRow row, PlanTaskStore store, PlanTaskService tasks, CancellationToken ct)
    {
        var p = tasks.Show(row);
        p.ProgressNotes = await store.NotesAsync(row.Id, ct);
        return p;
    }

    private static async Task<(T? Request, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext http, CancellationToken ct) where T : class
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return (null, q.Problem("This endpoint takes no query parameters."));
        return await BodyJson.ReadAsync<T>(http, ct);
    }
}
