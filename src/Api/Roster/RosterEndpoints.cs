using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Roster;

namespace RiverGis.Api.Roster;

/// <summary>The chief roster over time (河长名录, 动态调整): who held which post when, the month's changes, and the office's edits.</summary>
public static class RosterEndpoints
{
    private const string Tag = "Chief roster";

    public static readonly TextParameter SegmentCode = new("segment_code", "only posts on this segment");
    public static readonly TextParameter ChiefId = new("chief_id", "only this chief's posts");
    public static readonly TextParameter AreaCode = new("area_code", "only posts in this area or an area under it");
    public static readonly DateParameter Date = new("date", "only posts held on this day (China Standard Time)");
    public static readonly BooleanParameter Open = new("open", "true: only posts still held; false: only ended ones");
    public static readonly PeriodParameter Month = new("month", "the month (YYYY-MM)", required: true);

    public static void MapRoster(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/roster").WithTags(Tag);
        group.MapGet("/", List).WithName("Roster").WithSummary("Appointments over time (河长名录), optionally those held on a day")
            .WithQuery(SegmentCode, ChiefId, AreaCode, Date, Open).ProducesProblems(400, 404).Allow(Role.Office, Role.Admin);
        group.MapGet("/changes", Changes).WithName("RosterChanges").WithSummary("The month's roster changes as an announcement (河长调整公告)")
            .WithQuery(Month, AreaCode).ProducesProblems(400).AllowAnyone();
        group.MapPost("/appointments", Appoint).WithName("Appoint").WithSummary("Record an appointment (任命); a new 河长 ends the previous one")
            .WithDescription("A new 河长 (duty `chief`) ends the segment's current 河长 on the day it starts and becomes the chief routing answers with. Kept as history; nothing is overwritten.")
            .DocumentsBody(typeof(AppointRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 415).Allow(Role.Office, Role.Admin).Scoped();
        group.MapPost("/appointments/{id:long}/end", End).WithName("EndAppointment").WithSummary("End an appointment (免职); a segment without 河长 is vacant")
            .DocumentsBody(typeof(EndAppointmentRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 415).Allow(Role.Office, Role.Admin).Scoped();
    }

    private static async Task<Results<Ok<RosterListResponse>, ProblemHttpResult>> List(HttpContext http, Caller caller, RosterService roster, SystemSnapshots snapshots,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var (segment, chief, area, date, open) = (q.Read(SegmentCode), q.Read(ChiefId), q.Read(AreaCode), q.Read(Date), q.Read(Open));
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (area is not null && !system.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid roster query.");
        if (area is not null && !AreaScope.Holds(caller, system, area)) return ApiProblems.NotFound(AreaScope.NotInScope(area));
        var current = await roster.CurrentAsync(ct);
        IEnumerable<Appointment> selected = segment is not null ? current.HistoryOf(segment).Where(a => a.SegmentCode == segment)
            : chief is not null ? current.AppointmentsOf(chief) : current.All;
        selected = selected.Where(a => AreaScope.Holds(caller, system, a.AreaCode));
        if (chief is not null) selected = selected.Where(a => a.ChiefId == chief);
        if (area is not null) selected = selected.Where(a => system.AncestorsAndSelf(a.AreaCode).Any(x => x.Code == area));
        if (date is { } day) selected = selected.Where(a => a.HoldsOn(day));
        if (open is { } o) selected = selected.Where(a => a.IsOpen == o);
        var list = selected.Adapt<List<AppointmentResponse>>();
        return TypedResults.Ok(new RosterListResponse(date, list.Count, list));
    }

    private static async Task<Results<Ok<RosterNoticeResponse>, ProblemHttpResult>> Changes(HttpContext http, RosterService roster, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var month = q.ReadMonth(Month);
        var area = q.Read(AreaCode);
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (area is not null && !system.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok || month is null) return q.Problem("Invalid roster query.");
        return TypedResults.Ok(RosterNotice.For(await roster.CurrentAsync(ct), month.Value, area, system));
    }

    private static async Task<Results<Ok<AppointResponse>, Created<AppointResponse>, ProblemHttpResult>> Appoint(HttpContext http, Caller caller, RosterService roster,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (request, problem) = await BodyJson.ReadAsync<AppointRequest>(http, ct);
        if (request is null) return problem!;
        var outcome = await roster.AppointAsync(request, caller, ct);
        if (outcome.Problem() is { } refused) return refused;
        var (created, replaced) = outcome.Value;
        return TypedResults.Created($"/api/roster?chief_id={Uri.EscapeDataString(created.ChiefId)}",
            new AppointResponse(created.Adapt<AppointmentResponse>(), replaced?.Adapt<AppointmentResponse>()));
    }

    private static async Task<Results<Ok<AppointmentResponse>, Created<AppointmentResponse>, ProblemHttpResult>> End(long id, HttpContext http, Caller caller, RosterService roster,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (request, problem) = await BodyJson.ReadAsync<EndAppointmentRequest>(http, ct);
        if (request is null) return problem!;
        var outcome = await roster.EndAsync(id, request, caller, ct);
        return outcome.Kind == OutcomeKind.Ok ? TypedResults.Ok(outcome.Value!.Adapt<AppointmentResponse>()) : outcome.Problem()!;
    }
}
