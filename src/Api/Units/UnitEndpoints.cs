using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Units;

/// <summary>Units of the river-chief system (成员单位, 联络员单位, 乡镇政府, 河长办): loaded with datasets, edited by offices.</summary>
public static class UnitEndpoints
{
    private const string Tag = "Units";

    public static readonly TextParameter AreaCode = new("area_code", "only units of this area or an area under it");
    public static readonly EnumParameter<UnitKind> Kind = new("kind", "only units of this kind");
    public static readonly BooleanParameter IncludeRetired = new("include_retired", "also units removed from the data (kept for what names them)");

    public static void MapUnits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units").WithTags(Tag);
        group.MapGet("/", List).WithName("Units").WithSummary("Units, by area and kind: an office's subtree and the areas above it")
            .WithQuery(AreaCode, Kind, IncludeRetired).ProducesProblems(400).Allow(Role.Office, Role.Admin);
        group.MapGet("/{code}", Get).WithName("GetUnit").WithSummary("One unit").WithQuery().ProducesProblems(404).Allow(Role.Office, Role.Admin).Scoped();
        group.MapPost("/", Create).WithName("CreateUnit").WithSummary("Create a unit (an office: in its area's subtree)")
            .DocumentsBody(typeof(UnitRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 415).Allow(Role.Office, Role.Admin).Scoped();
        group.MapPut("/{code}", Update).WithName("UpdateUnit").WithSummary("Edit a unit (name, kind, area, phone)")
            .DocumentsBody(typeof(UnitRequest), "application/json").WithQuery().ProducesProblems(400, 404, 415).Allow(Role.Office, Role.Admin).Scoped();
        group.MapDelete("/{code}", Retire).WithName("RetireUnit").WithSummary("Retire a unit (kept for the tasks, issues and bulletins that name it)")
            .WithQuery().ProducesProblems(404, 409).Allow(Role.Office, Role.Admin).Scoped();
    }

    private static async Task<Results<Ok<UnitListResponse>, ProblemHttpResult>> List(HttpContext http, Caller caller, UnitStore store, SystemSnapshots snapshots,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (area, kind, retired) = (q.Read(AreaCode), q.Read(Kind), q.Read(IncludeRetired));
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (area is not null && !system.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid unit query.");
        var units = (await store.ListAsync(retired ?? false, ct))
            .Where(u => UnitService.Sees(caller, system, u))
            .Where(u => kind is null || u.Kind == kind)
            .Where(u => area is null || system.AncestorsAndSelf(u.AreaCode).Any(a => a.Code == area) || u.AreaCode == area)
            .Adapt<List<UnitResponse>>();
        return TypedResults.Ok(new UnitListResponse(units.Count, units));
    }

    private static async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> Get(string code, HttpContext http, Caller caller, UnitService units, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        return await units.GetAsync(code, caller, ct) is { } unit ? TypedResults.Ok(unit.Adapt<UnitResponse>()) : ApiProblems.NotFound($"There is no unit '{code}' in your scope.");
    }

    private static async Task<Results<Ok<UnitResponse>, Created<UnitResponse>, ProblemHttpResult>> Create(HttpContext http, Caller caller, UnitService units,
        CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(http, ct);
        if (request is null) return problem!;
        var outcome = await units.CreateAsync(request, caller, ct);
        return outcome.Problem() ?? (Results<Ok<UnitResponse>, Created<UnitResponse>, ProblemHttpResult>)TypedResults.Created($"/api/units/{Uri.EscapeDataString(outcome.Value!.Code)}", outcome.Value.Adapt<UnitResponse>());
    }

    private static async Task<Results<Ok<UnitResponse>, Created<UnitResponse>, ProblemHttpResult>> Update(string code, HttpContext http, Caller caller,
        UnitService units, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(http, ct);
        if (request is null) return problem!;
        var outcome = await units.UpdateAsync(code, request, caller, ct);
        return outcome.Problem() ?? (Results<Ok<UnitResponse>, Created<UnitResponse>, ProblemHttpResult>)TypedResults.Ok(outcome.Value!.Adapt<UnitResponse>());
    }

    private static async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> Retire(string code, HttpContext http, Caller caller, UnitService units,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var outcome = await units.RetireAsync(code, caller, ct);
        return outcome.Problem() ?? (Results<Ok<UnitResponse>, ProblemHttpResult>)TypedResults.Ok(outcome.Value!.Adapt<UnitResponse>());
    }

    private static async Task<(UnitRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return (null, q.Problem("This endpoint takes no query parameters."));
        return await BodyJson.ReadAsync<UnitRequest>(http, ct);
    }
}
