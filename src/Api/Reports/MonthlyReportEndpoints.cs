using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Exports;
using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;

namespace RiverGis.Api.Reports;

/// <summary>How the monthly report is answered.</summary>
public enum ReportFormat
{
    Json,
    Xlsx,
    Html,
}

/// <summary>The monthly report (月报) and its submission (上报).</summary>
public static class MonthlyReportEndpoints
{
    private const string Tag = "Bulletins and reports";

    public static readonly TextParameter AreaCode = new("area_code", "the area (its subtree rolls up into it)", required: true);
    public static readonly PeriodParameter Month = new("month", "the month, YYYY-MM", required: true);
    public static readonly EnumParameter<ReportFormat> Format = new("format", "json, xlsx (the workbook) or html (printable, zh-CN)", ReportFormat.Json);

    public static void MapMonthlyReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports/monthly").WithTags(Tag);
        group.MapGet("/", Get).WithName("MonthlyReport").WithSummary("The monthly report (月报) of an area: JSON, XLSX or a printable page")
            .WithDescription("Coverage % and vacancies per level, patrol compliance per level, problems new/closed/overdue by category, source and level, lights per unit, "
                + "plan items, red items with who must act, the child areas and a year's trend. Contract: problems.new, problems.closed, problems.overdue, "
                + "problems.by_category, lights.red|yellow|green, coverage.<level>.covered_pct, patrols.<level>.compliant_pct, tasks.done_pct.")
            .WithQuery(AreaCode, Month, Format).Produces<byte[]>(StatusCodes.Status200OK, TableExport.XlsxType, "text/html").ProducesProblems(400, 404)
            .Allow(Role.Office, Role.Admin).Scoped();
        group.MapPost("/submissions", Submit).WithName("SubmitMonthlyReport").WithSummary("Mark an area's monthly report submitted (on time or late)")
            .WithDescription("Due on the 1st of the next month at 18:00 China Standard Time by default (Reports:DueDay, Reports:DueHour). The first submission counts.")
            .DocumentsBody(typeof(SubmitReportRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 415)
            .Allow(Role.Office, Role.Admin).Scoped();
    }

    private static async Task<Results<Ok<MonthlyReport>, FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> Get(HttpContext http, Caller caller,
        MonthlyReportService reports, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (area, month, format) = (q.Read(AreaCode), q.ReadMonth(Month), q.Read(Format) ?? ReportFormat.Json);
        if (!q.Ok || area is null || month is null) return q.Problem("Invalid report request.");
        var outcome = await reports.ReportAsync(area, month.Value, caller, ct);
        if (outcome.Problem() is { } refused) return refused;
        var report = outcome.Value!;
        return format switch
        {
            ReportFormat.Xlsx => TypedResults.File(MonthlyReportSheets.Xlsx(report), TableExport.XlsxType, $"monthly-report-{report.AreaCode}-{report.Month}.xlsx"),
            ReportFormat.Html => TypedResults.Content(MonthlyReportPage.Html(report), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(report),
        };
    }

    private static async Task<Results<Ok<ReportSubmission>, Created<ReportSubmission>, ProblemHttpResult>> Submit(HttpContext http, Caller caller, MonthlyReportService reports,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (request, problem) = await BodyJson.ReadAsync<SubmitReportRequest>(http, ct);
        if (request is null) return problem!;
        return (await reports.SubmitAsync(request, caller, ct)).ToResult($"/api/reports/monthly?area_code={Uri.EscapeDataString(request.AreaCode ?? "")}&month={request.Month}");
    }
}
