using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Issues;

/// <summary>
/// The problem ledger (问题台账): report → assign → rectify → verify → close (上报→交办→整改→验收→销号). Anyone may report
/// and follow their own report by its token; the ledger itself is for chiefs, offices and administrators, each in
/// their scope (<see cref="IssueScope"/>), and an issue outside it does not exist for them (404).
/// </summary>
public static class IssueEndpoints
{
    private const string Tag = "Problem ledger";

    public static readonly EnumParameter<IssueStatus> Status = new("status", "only issues in this status");
    public static readonly BooleanParameter Open = new("open", "true: only open issues; false: only closed or rejected ones");
    public static readonly EnumParameter<LightColour> Light = new("light", "only issues with this light (red = overdue, yellow = due within 3 days)");
    public static readonly EnumParameter<IssueCategory> Category = new("category", "only this category");
    public static readonly TextParameter AreaCode = new("area_code", "only issues in this area or an area under it");
    public static readonly TextParameter ChiefId = new("chief_id", "only issues of this chief");
    public static readonly TextParameter RiverCode = new("river_code", "only issues on this river");
    public static readonly TextParameter UnitCode = new("unit_code", "only issues handed to this unit");
    public static readonly TimestampParameter From = new("from", "reported at or after (a bare date is a day in China Standard Time)");
    public static readonly TimestampParameter To = new("to", "reported at or before (a bare date: up to the end of that day)", endOfDay: true);
    public static readonly NumberParameter Limit = new("limit", "issues per page", 1000, 1, 10_000, integer: true);
    public static readonly NumberParameter Offset = new("offset", "issues to skip", 0, 0, int.MaxValue, integer: true);

    private static readonly QueryParameter[] Filters = [Status, Open, Light, Category, AreaCode, ChiefId, RiverCode, From, To, UnitCode];

    public static void MapIssues(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/issues").WithTags(Tag);
        group.MapPost("/", Create).WithName("ReportIssue").WithSummary("Report a problem at a point (上报)")
            .WithDescription("File a problem reported at a point (GeoJSON Point Feature). Routed to the responsible chief; `category` takes a code or its "
                + "Chinese label. An `Idempotency-Key` header makes retries return the same issue (200 with `Idempotent-Replayed: true`). The answer "
                + "carries `follow_up`: a token and the status URL where the reporter follows the report.")
            .DocumentsBody(typeof(Feature<IssueReportProperties>), GeoJsonResults.MediaType, "application/json")
            .Produces<Feature<IssueProperties>>(StatusCodes.Status201Created, GeoJsonResults.MediaType)
            .ProducesProblems(400, 413, 415, 422, 429).WithQuery().AllowAnyone();
        group.MapGet("/", List).WithName("ListIssues").WithSummary("The ledger (问题台账) in the caller's scope as GeoJSON, with red/yellow/green counts")
            .WithQuery([.. Filters, Limit, Offset]).ProducesProblems(400).Allow(Role.Chief, Role.Office, Role.Admin);
        group.MapGet("/export.csv", Csv).WithName("ExportIssuesCsv").WithSummary("The ledger in the caller's scope as CSV (UTF-8 with BOM)")
            .WithQuery(Filters).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblems(400).Allow(Role.Chief, Role.Office, Role.Admin);
        group.MapGet("/categories", Categories).WithName("IssueCategories").WithSummary("Problem categories with their labels and deadline days").AllowAnyone();
        group.MapGet("/status/{token}", FollowUp).WithName("IssueStatusForReporter").WithSummary("A report as its reporter follows it (by the token given when it was filed)")
            .ProducesProblems(404).AllowAnyone();
        group.MapGet("/{id:long}", Get).WithName("GetIssue").WithSummary("One issue with its history (the reporter's contact for the office in scope)")
            .ProducesProblems(404).Allow(Role.Chief, Role.Office, Role.Admin).Scoped().BearsContacts();
        group.MapPost("/{id:long}/transitions", Transition).WithName("TransitionIssue").WithSummary("Move an issue along its lifecycle (交办, 整改, 验收, 销号 …)")
            .WithDescription("A chief starts rectification and submits for verification on issues assigned to them; an office assigns, reassigns (to a "
                + "chief and/or a unit (`unit_code`, 交办单位) of the issue's area or an area above it), verifies, closes, rejects and reopens (a re-check, "
                + "reason required) in its area. The actor is the signed-in user (a body's "
                + "`actor` is ignored). A refused transition is a 409 whose problem has `code` (stable) and `message_zh`.")
            .DocumentsBody(typeof(TransitionRequest), "application/json").ProducesProblems(400, 404, 409, 415).WithQuery()
            .Allow(Role.Chief, Role.Office).Scoped();
    }

    private static async Task<Results<GeoJsonResult<Feature<IssueProperties>>, ProblemHttpResult>> Create(HttpContext http, Caller caller, IssueIntake intake,
        TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return problem!;
        using var _ = body;
        var (report, errors) = intake.Parse(body.Document.RootElement);
        if (report is null) return ApiProblems.BadRequest("The report is not a valid GeoJSON Point Feature with the required properties.", errors.ToArray());
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var filed = await intake.FileAsync(report, caller, string.IsNullOrWhiteSpace(key) ? null : key.Trim(), body.Bytes, ct);
        if (filed.Refused) return filed.ToProblem();
        var issue = filed.Issue!.ToProperties(clock.GetUtcNow(), caller);
        if (filed.FollowUpToken is { } token) issue.FollowUp = new FollowUp(token, StatusPath(token));
        var feature = issue.ToFeature();
        if (!filed.Replayed) return GeoJsonResults.Created(feature);
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return GeoJsonResults.Ok(feature);
    }

    /// <summary>Where a reporter follows a report: GET /api/issues/status/{token}.</summary>
    public static string StatusPath(string token) => "/api/issues/status/" + Uri.EscapeDataString(token);

    /// <summary>The problem response of a refused report (also for the Open311 facade).</summary>
    public static ProblemHttpResult ToProblem(this IssueIntake.Filed filed) => filed.Refusal switch
    {
        FilingRefusal.KeyReused => ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused", filed.Detail!, [filed.Error!]),
        FilingRefusal.NobodyResponsible => ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "Nobody responsible", filed.Detail!, [filed.Error!]),
        FilingRefusal.UnknownPatrol => ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "Unknown patrol", filed.Detail!, [filed.Error!]),
        _ => ApiProblems.BadRequest(filed.Detail!, filed.Error!),
    };

    private static async Task<Results<GeoJsonResult<Feature<IssueProperties>>, ProblemHttpResult>> Get(long id, Caller caller, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var row = await store.GetAsync(id, caller, ct);
        if (row is null) return NotFound(id);
        var issue = row.ToProperties(clock.GetUtcNow(), caller);
        issue.Events = await store.EventsAsync(id, ct);
        return GeoJsonResults.Ok(issue.ToFeature());
    }

    /// <summary>Not there, or not in the caller's scope: the same answer, so ids of other areas cannot be probed.</summary>
    private static ProblemHttpResult NotFound(long id) => ApiProblems.NotFound($"There is no issue {id} in your scope.");

    private static async Task<Results<Ok<ReporterStatus>, ProblemHttpResult>> FollowUp(string token, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var row = token.Length is > 0 and <= 100 ? await store.FindByFollowUpAsync(IssueIntake.FollowUpHash(token), ct) : null;
        if (row is null) return ApiProblems.NotFound("No report has this follow-up token.");
        var events = await store.EventsAsync(row.Id, ct);
        return TypedResults.Ok(row.ToReporterStatus(clock.GetUtcNow(), events));
    }

    private static IssueFilter ReadFilter(QueryValues q) =>
        new(q.Read(Status), q.Read(Open), q.Read(Light), q.Read(Category), q.Read(AreaCode), q.Read(ChiefId), q.Read(RiverCode), q.Read(From), q.Read(To), UnitCode: q.Read(UnitCode));

    private static async Task<Results<GeoJsonResult<IssueLedgerResponse>, ProblemHttpResult>> List(HttpContext http, Caller caller, IssueStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var filter = ReadFilter(q);
        var limit = q.ReadInt(Limit);
        var offset = q.ReadInt(Offset);
        if (!q.Ok) return q.Problem("Invalid ledger filter.");
        var now = clock.GetUtcNow();
        var page = await store.PageAsync(filter, caller, now, limit, offset, ct);
        var features = page.Issues.Select(row => row.ToProperties(now, caller).ToFeature()).ToList();
        return GeoJsonResults.Ok(new IssueLedgerResponse(features, page.NumberMatched, features.Count, page.Lights));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Csv(HttpContext http, Caller caller, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var filter = ReadFilter(q);
        if (!q.Ok) return q.Problem("Invalid ledger filter.");
        var now = clock.GetUtcNow();
        var rows = await store.ListAsync(filter, caller, now, ct);
        var csv = IssueCsv.Write(rows.Select(r => r.ToProperties(now, caller)));
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"issues-{now:yyyyMMdd}.csv\"";
        return TypedResults.Text(csv, "text/csv", System.Text.Encoding.UTF8);
    }

    private static Ok<IssueCategoryInfo[]> Categories(IssueIntake intake) =>
        TypedResults.Ok(IssueCategories.All.Select(c => new IssueCategoryInfo(c, c.ChineseLabel(), intake.Deadlines.DaysFor(c))).ToArray());

    private static async Task<Results<GeoJsonResult<Feature<IssueProperties>>, ProblemHttpResult>> Transition(long id, HttpContext http, Caller caller,
        IssueTransitions transitions, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return problem!;
        using var _ = body;
        TransitionRequest? request;
        try
        {
            request = body.Document.Deserialize<TransitionRequest>(ApiJson.Options);
        }
        catch (JsonException ex)
        {
            var where = ex.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body";
            return ApiProblems.BadRequest("The body must be {\"action\": …, \"note\": …, \"chief_id\": …}.",
                where == "action"
                    ? new ProblemItem("action", $"unknown value {Shown(body.Document.RootElement.GetProperty("action"))}, expected one of {ExpectedActions}")
                    : new ProblemItem(where, ex.Message.Split(" Path:")[0]));
        }
        var outcome = await transitions.ApplyAsync(id, request ?? new TransitionRequest(null, null, null, null), caller, ct);
        switch (outcome)
        {
            case { NotFound: true }:
                return NotFound(id);
            case { Invalid: { } invalid }:
                return ApiProblems.BadRequest(invalid.Where == "action" ? "Unknown action." : "Invalid transition request.", invalid);
            case { Denied: { } denied }:
                return ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden", $"You may not do this: {denied}.", []);
            case { Refused: { } error }:
                return ApiProblems.Create(StatusCodes.Status409Conflict, "Transition not allowed", error.Message, [],
                    new Dictionary<string, object?> { ["code"] = error.Code, ["message_zh"] = error.MessageZh, ["issue_status"] = outcome.Issue!.Status });
        }
        var issue = outcome.Issue!.ToProperties(clock.GetUtcNow(), caller);
        issue.Events = await store.EventsAsync(id, ct);
        return GeoJsonResults.Ok(issue.ToFeature());
    }

    private static string Shown(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();

    private static string ExpectedActions => string.Join("|", IssueLifecycle.Transitions.Select(a => a.ToCode()));
}
