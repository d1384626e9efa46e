using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Exports;
using RiverGis.Api.Http;
using RiverGis.Api.Idempotency;
using RiverGis.Api.Limits;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

/// <summary>
/// Patrols (巡河): intake from phones and GPX files, the ledger (巡河台账), compliance with the district plans' calendar
/// rules, and coverage of the chiefs' segments. A chief submits and reads their own patrols; an office submits for the
/// chiefs of its area and reads its area's (<see cref="PatrolScope"/>); an administrator reads every area's. A patrol
/// outside the caller's scope does not exist for it (404).
/// </summary>
public static class PatrolEndpoints
{
    private const string Tag = "Patrols";

    public static readonly TextParameter ChiefId = new("chief_id", "the chief (an office submitting a GPX file names the chief who patrolled)");
    public static readonly TextParameter AreaCode = new("area_code", "chiefs of this area or of an area under it");
    public static readonly PeriodParameter Period = new("period", "calendar period in China Standard Time: 2026, 2026-Q4, 2026-11, 2026-11-X2 (旬), 2026-W48 (default: this month)");
    public static readonly EnumParameter<AdminLevel> Level = new("level", "only chiefs of this level");
    public static readonly EnumParameter<ChiefRole> ChiefRoleFilter = new("role", "only general chiefs (总河长) or river chiefs (河长)");
    public static readonly EnumParameter<ExportFormat> Format = new("format", "json (default), or the same rows as csv or xlsx", ExportFormat.Json);
    public static readonly TimestampParameter From = new("from", "patrols started at or after (a bare date is a day in China Standard Time)");
    public static readonly TimestampParameter To = new("to", "patrols started before the end of (a bare date: that whole day)", endOfDay: true);
    public static readonly NumberParameter Limit = new("limit", "patrols per page", 100, 1, 1000, integer: true);
    public static readonly NumberParameter Offset = new("offset", "patrols to skip", 0, 0, int.MaxValue, integer: true);
    public static readonly BooleanParameter IncludePatrolled = new("include_patrolled", "also return the patrolled stretches (state = patrolled)");

    public static void MapPatrols(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patrols").WithTags(Tag);
        group.MapPost("/", Submit).WithName("SubmitPatrol").WithSummary("Submit a patrol track (巡河上报): GPX 1.1 or a GeoJSON LineString with times")
            .WithDescription("The body is a GPX 1.1 file (`application/gpx+xml`, timestamped trkpt) or a GeoJSON LineString Feature (`application/geo+json`) with "
                + "`properties.times` (ISO 8601, one per position) or `started_at`/`ended_at`, optional `findings`, `photo_urls`, `chief_id`. The patrolling chief "
                + "is the caller; an office names `chief_id`. 201 with the verdict (`valid`, `reasons`) and the segments followed; an `Idempotency-Key` or the same "
                + "track again returns the same patrol (200, `Idempotent-Replayed: true`).")
            .DocumentsBody(typeof(Feature<PatrolSubmissionProperties>), GeoJsonResults.MediaType, "application/json")
            .DocumentsBody(typeof(byte[]), GpxTrackReader.MediaType)
            .Produces<Feature<PatrolProperties>>(StatusCodes.Status201Created, GeoJsonResults.MediaType)
            .ProducesProblems(400, 403, 409, 413, 415, 422, 429).WithQuery(ChiefId).Allow(Role.Chief, Role.Office).AcceptsUpload();
        group.MapGet("/", List).WithName("ListPatrols").WithSummary("The patrol ledger (巡河台账) as GeoJSON, paged, or as CSV/XLSX")
            .WithDescription("Patrols newest first with their verdicts, findings, photos and the problems filed during them; `problems_by_level` counts the problems "
                + "found by the selected patrols per level of the patrolling chief.")
            .WithQuery(ChiefId, AreaCode, From, To, Limit, Offset, Format).ProducesProblems(400, 403).Allow(Role.Chief, Role.Office, Role.Admin);
        group.MapGet("/{id:long}", Get).WithName("GetPatrol").WithSummary("One patrol record (巡河记录) with its track, verdict, photos and problems")
            .WithQuery().ProducesProblems(404).Allow(Role.Chief, Role.Office, Role.Admin).Scoped();
        group.MapGet("/compliance", Compliance).WithName("PatrolCompliance").WithSummary("Patrol compliance per chief for a calendar period (巡河达标)")
            .WithDescription("Per chief: the rule of the chief's role and level (`required`, `per`, `per_xun`, in words), valid and invalid patrols, per-旬 counts "
                + "where the rule has them, `compliant`, `status` and `shortfall`; a summary per level and per area. `format=csv|xlsx` for the spreadsheet.")
            .WithQuery(Period, AreaCode, Level, ChiefRoleFilter, ChiefId, Format).ProducesProblems(400, 403).Allow(Role.Chief, Role.Office, Role.Admin);
        group.MapGet("/coverage", Coverage).WithName("PatrolCoverage").WithSummary("Unpatrolled stretches of each chief's segments in a period (未巡查河段)")
            .WithDescription("GeoJSON of the stretches of each river chief's segments that none of the chief's valid patrols of the period came within the "
                + "tolerance of (`state` unpatrolled; with `include_patrolled=true` also the patrolled ones), and patrolled % per segment.")
            .WithQuery(Period, ChiefId, AreaCode, IncludePatrolled).ProducesProblems(400, 403).Allow(Role.Chief, Role.Office, Role.Admin);
        group.MapGet("/rules", Rules).WithName("PatrolRules").WithSummary("When a patrol counts and how often each role and level must patrol").WithQuery().AllowAnyone();
        // The rolling-window analysis of earlier versions answers with the calendar rules now (README: Patrols).
        app.MapGet("/api/analysis/patrols", Redirect).WithTags(Tag).WithName("PatrolComplianceMoved")
            .WithSummary("Moved: patrol compliance is GET /api/patrols/compliance (308, query kept)").WithQuery(Period, AreaCode, Level, ChiefRoleFilter, ChiefId, Format)
            .AllowAnyone(); // a redirect shows nothing: the compliance endpoint decides who may read it
    }

    private static async Task<Results<GeoJsonResult<Feature<PatrolProperties>>, ProblemHttpResult>> Submit(HttpContext http, Caller caller, PatrolIntake intake,
        PatrolLedger ledger, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var queryChief = q.Read(ChiefId);
        if (!q.Ok) return q.Problem("Invalid query.");
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var mediaType = http.Request.ContentType;
        var refused = intake.Read(mediaType, body, queryChief, out var submission) ?? intake.CheckLimits(submission!);
        if (refused is not null) return refused.ToProblem();
        var (chiefId, forbidden) = await intake.ChiefFor(caller, submission!, ct);
        if (forbidden is not null) return forbidden.ToProblem();
        var track = new PatrolTrack(chiefId!, submission!.StartedAt, submission.EndedAt, submission.Track, submission.Times);
        var (key, keyError) = IdempotencyKey.Of(PatrolIntake.Scope, http.Request.Headers[IdempotencyKey.Header].FirstOrDefault(),
            PatrolIntake.RequestBytes(mediaType, http.Request.QueryString.Value ?? "", body));
        if (keyError is not null) return ApiProblems.BadRequest("Invalid header.", keyError);
        var filed = await intake.FileAsync(caller, track, submission, key, ct);
        if (filed.Refusal is not null) return filed.ToProblem();
        if (filed.Stored is { } stored)
        {
            var row = new PatrolRow(filed.Id!.Value, stored.Track, PatrolSource.Upload, null, stored.Findings, stored.PhotoUrls, stored.SubmittedBy,
                stored.SubmittedAt, stored.LengthM);
            http.Response.Headers.Location = $"/api/patrols/{row.Id}";
            return GeoJsonResults.Created((await ledger.DescribeNewAsync(row, stored.PhotoIds, http.Request, ct)).ToFeature(stored.Track.Track));
        }
        // A replay names a patrol of the caller's scope (its chief was authorised above).
        var (patrol, earlier) = (await ledger.GetAsync(filed.Id!.Value, caller, http.Request, ct))!.Value;
        var feature = patrol.ToFeature(earlier.Track.Track);
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return GeoJsonResults.Ok(feature);
    }

    public static ProblemHttpResult ToProblem(this PatrolFiled filed)
    {
        var errors = filed.Errors?.ToArray() ?? [];
        return filed.Refusal switch
        {
            PatrolRefusal.Unprocessable => ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "Unusable patrol track", filed.Detail!, errors),
            PatrolRefusal.KeyReused => ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused", filed.Detail!, errors),
            PatrolRefusal.Forbidden => ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden", filed.Detail!, errors),
            PatrolRefusal.SameStart => ApiProblems.Create(StatusCodes.Status409Conflict, "Conflict", filed.Detail!, errors),
            PatrolRefusal.UnsupportedMediaType => ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", filed.Detail!, errors),
            _ => ApiProblems.BadRequest(filed.Detail!, errors),
        };
    }

    private static async Task<Results<GeoJsonResult<PatrolLedgerResponse>, FileContentHttpResult, ProblemHttpResult>> List(HttpContext http, Caller caller,
        PatrolLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (chief, area, from, to) = (q.Read(ChiefId), q.Read(AreaCode), q.Read(From), q.Read(To));
        var (limit, offset, format) = (q.ReadInt(Limit), q.ReadInt(Offset), q.Read(Format) ?? ExportFormat.Json);
        if (from is { } f && to is { } t && f > t) q.Errors.Add(new("from", "must not be after `to`"));
        if (!q.Ok) return q.Problem("Invalid ledger filter.");
        var (chiefs, refused, unknownArea) = await ledger.ScopeAsync(caller, chief, area, ct);
        if (refused is not null) return ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden", "A chief reads their own patrols.", [refused]);
        if (unknownArea is not null) return ApiProblems.BadRequest("Invalid ledger filter.", unknownArea);
        // `to` is inclusive to the tick; the store's bound is exclusive.
        var filter = new PatrolFilter(chiefs, from, to?.AddTicks(1));
        if (format != ExportFormat.Json)
        {
            var rows = new List<PatrolProperties>();
            await foreach (var p in ledger.AllAsync(filter, http.Request, ct)) rows.Add(p);
            return PatrolExports.Ledger.Result(rows, format, $"patrols-{clock.GetUtcNow().ToOffset(OfficePeriod.Offset):yyyyMMdd}");
        }
        return GeoJsonResults.Ok(await ledger.PageAsync(filter, limit, offset, http.Request, ct));
    }

    private static async Task<Results<GeoJsonResult<Feature<PatrolProperties>>, ProblemHttpResult>> Get(long id, HttpContext http, Caller caller,
        PatrolLedger ledger, CancellationToken ct)
    {
        if (QueryValues.Of(http) is { Ok: false } q) return q.Problem("This endpoint takes no query parameters.");
        if (await ledger.GetAsync(id, caller, http.Request, ct) is not { } found) return ApiProblems.NotFound($"There is no patrol {id}.");
        return GeoJsonResults.Ok(found.Properties.ToFeature(found.Row.Track.Track));
    }

    private static async Task<Results<Ok<PatrolComplianceResponse>, FileContentHttpResult, ProblemHttpResult>> Compliance(HttpContext http, Caller caller,
        PatrolComplianceService service, SystemSnapshots snapshots, TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (period, format) = (q.Read(Period), q.Read(Format) ?? ExportFormat.Json);
        var requested = new ComplianceScope(q.Read(AreaCode), q.Read(Level), q.Read(ChiefRoleFilter), q.Read(ChiefId));
        if (!q.Ok) return q.Problem("Invalid compliance query.");
        var (scope, refused) = await ScopeFor(caller, requested, q, snapshots, ct);
        if (refused is not null) return refused;
        var report = await service.ForPeriodAsync(period ?? OfficePeriod.Containing(PeriodKind.Month, clock.GetUtcNow()), scope!, ct);
        var response = report.ToResponse();
        if (format != ExportFormat.Json)
            return PatrolExports.Compliance.Result(response.Chiefs, format, $"patrol-compliance-{response.Period}{(scope!.AreaCode is { } a ? "-" + a : "")}");
        return TypedResults.Ok(response);
    }

    private static async Task<Results<GeoJsonResult<PatrolCoverageResponse>, ProblemHttpResult>> Coverage(HttpContext http, Caller caller,
        PatrolComplianceService service, PatrolRoster roster, SystemSnapshots snapshots, TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (period, patrolled) = (q.Read(Period), q.Read(IncludePatrolled) ?? false);
        var requested = new ComplianceScope(q.Read(AreaCode), ChiefId: q.Read(ChiefId));
        if (!q.Ok) return q.Problem("Invalid coverage query.");
        var (scope, refused) = await ScopeFor(caller, requested, q, snapshots, ct);
        if (refused is not null) return refused;
        var report = await service.CoverageAsync(period ?? OfficePeriod.Containing(PeriodKind.Month, clock.GetUtcNow()), scope!, ct);
        return GeoJsonResults.Ok(report.ToResponse(roster.Validator.Rules.NearSegmentM, patrolled));
    }

    private static Ok<PatrolRulesResponse> Rules(PatrolRoster roster) => TypedResults.Ok(roster.ToResponse());

    private static RedirectHttpResult Redirect(HttpContext http) =>
        TypedResults.Redirect("/api/patrols/compliance" + http.Request.QueryString.Value, permanent: true, preserveMethod: true);

    /// <summary>
    /// The chiefs judged for <paramref name="caller"/>: a chief only themselves (naming another is a 403); an office its
    /// area's subtree (its own area when none is asked for; an area outside it is as unknown as one that does not exist);
    /// an administrator what was asked.
    /// </summary>
    private static async Task<(ComplianceScope? Scope, ProblemHttpResult? Refused)> ScopeFor(Caller caller, ComplianceScope requested, QueryValues q,
        SystemSnapshots snapshots, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (requested.AreaCode is { } area && (!system.Areas.ContainsKey(area) || caller.Role == Role.Office && !PatrolScope.Serves(caller, system, area)))
        {
            q.Errors.Add(new("area_code", $"unknown area '{area}'"));
            return (null, q.Problem("Invalid query."));
        }
        return caller.Role switch
        {
            Role.Chief when requested.ChiefId is { } named && named != caller.ChiefId =>
                (null, ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden", "A chief reads their own patrols.", [new("chief_id", $"another chief ({named})")])),
            Role.Chief => (requested with { ChiefId = caller.ChiefId }, null),
            Role.Office => (requested with { AreaCode = requested.AreaCode ?? caller.AreaCode }, null),
            _ => (requested, null),
        };
    }
}

/// <summary>The properties of a GeoJSON patrol submission (its schema in the OpenAPI document).</summary>
/// <param name="Times">One ISO 8601 time (with time zone) per position of the LineString.</param>
/// <param name="StartedAt">Start of the patrol, when there are no per-position times.</param>
/// <param name="ChiefId">The chief who patrolled (offices; a chief's own patrol needs none).</param>
/// <param name="Findings">What the chief found (巡河情况).</param>
/// <param name="PhotoUrls">Photos, e.g. URLs POST /api/photos returned.</param>
public sealed record PatrolSubmissionProperties(IReadOnlyList<DateTimeOffset>? Times, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? ChiefId,
    string? Findings, IReadOnlyList<string>? PhotoUrls);
