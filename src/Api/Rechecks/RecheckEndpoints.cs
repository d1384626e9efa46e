using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;

namespace RiverGis.Api.Rechecks;

/// <summary>回头看: re-checks of closed issues and the quarterly samples drawn for them.</summary>
public static class RecheckEndpoints
{
    private const string Tag = "Re-checks (回头看)";

    public static readonly PeriodParameter Quarter = new("quarter", "the quarter (YYYY-Qn)", required: true);
    public static readonly TextParameter AreaCode = new("area_code", "the area whose closed issues are sampled (its subtree)", required: true);

    public static void MapRechecks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/issues/{id:long}/recheck", Recheck).WithTags(Tag).WithName("RecheckIssue")
            .WithSummary("Re-check a closed issue: passes, or reopens it with a reason")
            .WithDescription("By the office whose area holds the issue. Reopening is the lifecycle's `reopen` (closed → returned), kept in the issue's "
                + "history and the audit log with the re-check, in one transaction.")
            .DocumentsBody(typeof(RecheckRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 415).Allow(Role.Office).Scoped();
        app.MapGet("/api/issues/{id:long}/rechecks", List).WithTags(Tag).WithName("IssueRechecks").WithSummary("The re-checks of one issue").WithQuery()
            .ProducesProblems(404).Allow(Role.Chief, Role.Office, Role.Admin).Scoped();
        var samples = app.MapGroup("/api/rechecks/samples").WithTags(Tag);
        samples.MapGet("/", Get).WithName("RecheckSample").WithSummary("A quarter's sample of closed issues in an area, with what the re-checks found")
            .WithQuery(Quarter, AreaCode).ProducesProblems(400, 404, 409).Allow(Role.Office, Role.Admin).Scoped();
        samples.MapPost("/", Draw).WithName("DrawRecheckSample").WithSummary("Draw the quarter's sample for an area (once; drawing again returns the same sample)")
            .WithDescription("After the quarter has ended: a configured share (default 10 %, at least 1) of the issues closed (销号) in it, chosen by a hash of the quarter and the issue, not by time.")
            .WithQuery(Quarter, AreaCode).ProducesProblems(400, 404, 409).Allow(Role.Office, Role.Admin).Scoped();
    }

    private static async Task<Results<Ok<RecheckResponse>, Created<RecheckResponse>, ProblemHttpResult>> Recheck(long id, HttpContext http, Caller caller, RecheckService rechecks,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (request, problem) = await BodyJson.ReadAsync<RecheckRequest>(http, ct);
        if (request is null) return problem!;
        return (await rechecks.RecheckAsync(id, request, caller, ct)).ToResult();
    }

    private static async Task<Results<Ok<List<RecheckRecord>>, ProblemHttpResult>> List(long id, HttpContext http, Caller caller, RecheckService rechecks,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        return await rechecks.ForIssueAsync(id, caller, ct) is { } list ? TypedResults.Ok(list) : ApiProblems.NotFound($"There is no issue {id} in your scope.");
    }

    private static Task<Results<Ok<RecheckSampleResponse>, Created<RecheckSampleResponse>, ProblemHttpResult>> Get(HttpContext http, Caller caller, RecheckService rechecks,
        CancellationToken ct) => SampleAsync(http, caller, rechecks, draw: false, ct);

    private static Task<Results<Ok<RecheckSampleResponse>, Created<RecheckSampleResponse>, ProblemHttpResult>> Draw(HttpContext http, Caller caller, RecheckService rechecks,
        CancellationToken ct) => SampleAsync(http, caller, rechecks, draw: true, ct);

    private static async Task<Results<Ok<RecheckSampleResponse>, Created<RecheckSampleResponse>, ProblemHttpResult>> SampleAsync(HttpContext http, Caller caller,
        RecheckService rechecks, bool draw, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (quarter, area) = (q.Read(Quarter), q.Read(AreaCode));
        if (quarter is { Kind: not PeriodKind.Quarter } other) q.Errors.Add(new("quarter", $"'{other.Code}' is not a quarter; expected YYYY-Qn"));
        if (!q.Ok || quarter is null || area is null) return q.Problem("Invalid sample request.");
        return (await rechecks.SampleAsync(quarter.Value, area, draw, caller, ct)).ToResult();
    }
}
