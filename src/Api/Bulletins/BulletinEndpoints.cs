using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;

namespace RiverGis.Api.Bulletins;

/// <summary>The monthly light bulletin (每月亮灯通报).</summary>
public static class BulletinEndpoints
{
    public static readonly TextParameter AreaCode = new("area_code", "only the items of this area and the areas under it (default: an office's own area)");

    public static void MapBulletins(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bulletins/{month}", Get).WithTags("Bulletins and reports").WithName("Bulletin")
            .WithSummary("The month's lights per unit, chief and area (亮灯通报), frozen at the cut-off")
            .WithDescription("Red, yellow and green per unit, chief and area with the items behind them, the red months of the year and the points they cost. "
                + "From the cut-off (default the end of the 25th, China Standard Time) the bulletin is frozen: stored once, never changed; before it, provisional as of now.")
            .WithPathParameters(new PathParameter("month", "the month, YYYY-MM (China Standard Time)")).WithQuery(AreaCode).ProducesProblems(400, 404)
            .Allow(Role.Office, Role.Admin).Scoped();
    }

    private static async Task<Results<Ok<BulletinResponse>, ProblemHttpResult>> Get(string month, HttpContext http, Caller caller, BulletinService bulletins,
        SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var area = q.Read(AreaCode) ?? AreaScope.DefaultArea(caller);
        if (!OfficePeriod.TryParse(month, out var period, out var error)) q.Errors.Add(new("month", error!));
        else if (period.Kind != PeriodKind.Month) q.Errors.Add(new("month", $"'{month}' is not a month; expected YYYY-MM"));
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (area is not null && !system.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid bulletin request.");
        if (area is not null && !AreaScope.Holds(caller, system, area)) return ApiProblems.NotFound(AreaScope.NotInScope(area));
        return TypedResults.Ok(await bulletins.GetAsync(period, area, ct));
    }
}
