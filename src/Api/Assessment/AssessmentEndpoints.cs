using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Exports;
using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Assessment;

/// <summary>How the assessment is answered.</summary>
public enum AssessmentFormat
{
    Json,
    Xlsx,
}

/// <summary>The assessment (考核) and the sanctions log (提示、通报、约谈、问责).</summary>
public static class AssessmentEndpoints
{
    private const string Tag = "Assessment (考核)";

    public static readonly PeriodParameter Period = new("period", "the period: a year (2026), a quarter (2026-Q4) or a month (2026-11)", required: true);
    public static readonly EnumParameter<AdminLevel> Level = new("level", "the level of the areas assessed", required: true,
        allowed: [AdminLevel.City, AdminLevel.County, AdminLevel.Township, AdminLevel.Village]);
    public static readonly TextParameter AreaCode = new("area_code", "only areas under this area (default: an office's own area)");
    public static readonly EnumParameter<AssessmentFormat> Format = new("format", "json or xlsx", AssessmentFormat.Json);
    public static readonly PeriodParameter SanctionPeriod = new("period", "only sanctions decided in this period (default: this year)");

    public static void MapAssessment(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assessment", Get).WithTags(Tag).WithName("Assessment")
            .WithSummary("Scores, grades and ranks per area of a level and per unit (考核), by the configured score sheet")
            .WithQuery(Period, Level, AreaCode, Format).Produces<byte[]>(StatusCodes.Status200OK, TableExport.XlsxType).ProducesProblems(400, 404)
            .Allow(Role.Office, Role.Admin).Scoped();
        var sanctions = app.MapGroup("/api/sanctions").WithTags(Tag);
        sanctions.MapGet("/", List).WithName("Sanctions").WithSummary("The sanctions log (提示、通报、约谈、问责)").WithQuery(AreaCode, SanctionPeriod)
            .ProducesProblems(400, 404).Allow(Role.Office, Role.Admin).Scoped();
        sanctions.MapPost("/", Record).WithName("RecordSanction").WithSummary("Record a sanction against a chief, unit or area")
            .DocumentsBody(typeof(SanctionRequest), "application/json").WithQuery().ProducesProblems(400, 404, 415).Allow(Role.Office, Role.Admin).Scoped();
    }

    private static async Task<Results<Ok<AssessmentResponse>, FileContentHttpResult, ProblemHttpResult>> Get(HttpContext http, Caller caller, AssessmentService assessment,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (period, level, area, format) = (q.Read(Period), q.Read(Level), q.Read(AreaCode) ?? AreaScope.DefaultArea(caller), q.Read(Format) ?? AssessmentFormat.Json);
        if (period is { Kind: PeriodKind.Xun or PeriodKind.Week } p) q.Errors.Add(new("period", $"'{p.Code}' is not a year, quarter or month"));
        if (!q.Ok || period is null || level is null) return q.Problem("Invalid assessment request.");
        var outcome = await assessment.AssessAsync(period.Value, level.Value, area, caller, ct);
        if (outcome.Problem() is { } refused) return refused;
        return format == AssessmentFormat.Xlsx
            ? TypedResults.File(AssessmentSheets.Xlsx(outcome.Value!), TableExport.XlsxType, $"assessment-{period.Value.Code}-{level.Value.ToCode()}.xlsx")
            : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<Ok<SanctionListResponse>, ProblemHttpResult>> List(HttpContext http, Caller caller, AssessmentService assessment,
        SystemSnapshots snapshots, TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (area, period) = (q.Read(AreaCode) ?? AreaScope.DefaultArea(caller), q.Read(SanctionPeriod));
        if (!q.Ok) return q.Problem("Invalid sanctions query.");
        if (area is not null && !AreaScope.Holds(caller, (await snapshots.CurrentAsync(ct)).System, area)) return ApiProblems.NotFound(AreaScope.NotInScope(area));
        var list = await assessment.SanctionsAsync(area, period ?? OfficePeriod.Containing(PeriodKind.Year, clock.GetUtcNow()), ct);
        return TypedResults.Ok(new SanctionListResponse(list.Count, list));
    }

    private static async Task<Results<Ok<SanctionRecord>, Created<SanctionRecord>, ProblemHttpResult>> Record(HttpContext http, Caller caller, AssessmentService assessment,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (request, problem) = await BodyJson.ReadAsync<SanctionRequest>(http, ct);
        if (request is null) return problem!;
        var outcome = await assessment.SanctionAsync(request, caller, ct);
        return outcome.ToResult(outcome.Value is { } v ? $"/api/sanctions?area_code={Uri.EscapeDataString(v.AreaCode)}" : null);
    }
}
