using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Api.Limits;
using RiverGis.Api.Water;
using RiverGis.Geo.Model;
using RiverGis.Geo.Network;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Outlets;

/// <summary>A change of an outlet's lifecycle: its status, and its approval (date and document number; the permit becomes approved).</summary>
public sealed record OutletChangeRequest(OutletStatus? Status, string? ApprovedOn, string? ApprovalNo);

/// <summary>An outlet's lifecycle as stored after a change.</summary>
public sealed record OutletLifecycleResponse(string Code, OutletStatus Status, string StatusLabel, PermitStatus Permit, string? ApprovedOn, string? ApprovalNo);

/// <summary>设置审批率 and 监测率 of an area's above-scale outlets in a month, and which were not monitored.</summary>
public sealed record OutletRatesResponse(string Period, IReadOnlyList<AreaOutletRatesResponse> Areas);

public sealed record AreaOutletRatesResponse(string AreaCode, string? AreaName, AdminLevel? Level, int AboveScale, int Approved, double? ApprovalRatePercent,
    int Monitored, double? MonitoringRatePercent, IReadOnlyList<string> Unmonitored);

/// <summary>Outlets upstream of a section up to the next sections (the suspects when it fails), and the section's standing.</summary>
public sealed record UpstreamOutletsResponse(string SectionCode, bool Failing, int ConsecutiveFailures, IReadOnlyList<string> StoppedAtSections,
    IReadOnlyList<StretchOutlet> Outlets);

/// <summary>
/// Sewage outlets' lifecycle (入河排污口): status (正常, 整治中, 已关停, 截污纳管), approval (设置审批), monitoring records;
/// per area and month the 设置审批率 and 监测率 of above-scale outlets with those not monitored; outlets upstream of a section.
/// </summary>
public static class OutletEndpoints
{
    private const string Tag = "Outlets";

    public static void MapOutlets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outlets").WithTags(Tag);
        group.MapMethods("/{code}", ["PATCH"], Change).WithName("ChangeOutlet").WithSummary("Change an outlet's status or record its approval")
            .DocumentsBody(typeof(OutletChangeRequest), "application/json").WithQuery().ProducesProblems(400, 404).Allow(Role.Office, Role.Admin).Scoped();
        group.MapPost("/{code}/monitoring", Monitor).WithName("PostOutletMonitoring").WithSummary("Store a monitoring record of an outlet")
            .DocumentsBody(typeof(SampleRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409).Allow(Role.Office, Role.Admin).Scoped();
        group.MapGet("/rates", Rates).WithName("OutletRates").WithSummary("设置审批率 and 监测率 of above-scale outlets per area in a month")
            .WithQuery(WaterEndpoints.Period, WaterEndpoints.AreaCode).ProducesProblems(400).AllowAnyone();
        app.MapGet("/api/sections/{code}/upstream-outlets", Upstream).WithTags(Tag).WithName("OutletsUpstreamOfSection")
            .WithSummary("Outlets upstream of a section up to the next sections (the suspects when it fails)").WithQuery(WaterEndpoints.Period).ProducesProblems(400, 404)
            .AllowAnyone();
    }

    private static async Task<Results<Ok<OutletLifecycleResponse>, ProblemHttpResult>> Change(string code, HttpContext http, Caller caller, OutletStore store,
        SystemSnapshots snapshots, CancellationToken ct)
    {
        var (request, problem) = await WaterEndpoints.ReadBody<OutletChangeRequest>(http, ct);
        if (request is null) return problem!;
        DateOnly? approvedOn = null;
        if (request.ApprovedOn is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day)) return ApiProblems.BadRequest("Invalid approval.", new ProblemItem("approved_on", $"'{text}' is not a date (yyyy-MM-dd)"));
            approvedOn = day;
        }
        if (request.ApprovalNo is not null && approvedOn is null)
            return ApiProblems.BadRequest("Invalid approval.", new ProblemItem("approved_on", "required with approval_no"));
        if (request.Status is null && approvedOn is null) return ApiProblems.BadRequest("Nothing to change.", new ProblemItem("body", "give status or approved_on"));
        if (request.ApprovalNo is { Length: > FieldLimits.Code }) return ApiProblems.BadRequest("Invalid approval.", new ProblemItem("approval_no", $"longer than {FieldLimits.Code} characters"));
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!await store.ChangeAsync(code, request.Status, approvedOn, request.ApprovalNo, caller, AuditAreas(snapshot, code), ct))
            return ApiProblems.NotFound($"There is no outlet '{code}'.");
        await snapshots.FreshAsync(ct);
        var (status, permit, on, no) = (await store.LifecycleAsync(code, ct))!.Value;
        return TypedResults.Ok(new OutletLifecycleResponse(code, status, status.ChineseLabel(), permit, on?.ToString("yyyy-MM-dd"), no));
    }

    private static async Task<Results<Created<SampleResponse>, ProblemHttpResult>> Monitor(string code, HttpContext http, Caller caller, OutletStore store,
        SampleIntake intake, SystemSnapshots snapshots, CancellationToken ct)
    {
        var (parsed, _, problem) = await intake.ReadAsync(http, ct);
        if (parsed is null) return problem!;
        if (!await store.InScopeAsync(code, caller, ct)) return ApiProblems.NotFound($"There is no outlet '{code}'.");
        var snapshot = await snapshots.CurrentAsync(ct);
        var record = new WaterSample(code, parsed.SampledAt, parsed.Values);
        if (!await store.InsertMonitoringAsync(record, caller, AuditAreas(snapshot, code), ct))
            return ApiProblems.Create(409, "Conflict", $"Outlet '{code}' already has a record at {parsed.SampledAt:O}.", [new ProblemItem("sampled_at", "already recorded")]);
        var quality = WaterQualityClassifier.Classify(WaterBodyKind.River, parsed.Values);
        return TypedResults.Created($"/api/outlets/{code}", new SampleResponse(0, code, parsed.SampledAt, FactorJson.ToCodes(parsed.Values), quality.Class,
            quality.Class.ChineseLabel(), quality.DecidingFactors.Select(f => f.ToCode()).ToList(), "api"));
    }

    /// <summary>The areas an outlet lies in, with their ancestors (for the audit log).</summary>
    private static string[] AuditAreas(SystemSnapshot snapshot, string code) =>
        snapshot.System.Data.Outlets.FirstOrDefault(o => o.Code == code) is { } outlet ? WaterScope.Lineage(snapshot.System, OutletRates.AreasOf(snapshot.System, outlet)) : [];

    private static async Task<Results<Ok<OutletRatesResponse>, ProblemHttpResult>> Rates(HttpContext http, OutletStore store, SystemSnapshots snapshots,
        WaterQualityService quality, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var period = WaterEndpoints.ReadMonth(q, WaterEndpoints.Period, quality.CurrentMonth);
        var area = q.Read(WaterEndpoints.AreaCode);
        var snapshot = await snapshots.CurrentAsync(ct);
        if (area is not null && !snapshot.System.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid rates query.");
        var monitored = await store.MonitoredAsync(period.Start, period.End, ct);
        var rates = OutletRates.Compute(snapshot.System, period, monitored)
            .Where(r => area is null || snapshot.System.AncestorsAndSelf(r.AreaCode).Any(a => a.Code == area))
            .Select(r =>
            {
                var entry = snapshot.System.Areas.GetValueOrDefault(r.AreaCode)?.Area;
                return new AreaOutletRatesResponse(r.AreaCode, entry?.Name, entry?.Level, r.AboveScale, r.Approved, r.ApprovalRatePercent, r.Monitored,
                    r.MonitoringRatePercent, r.Unmonitored);
            }).ToList();
        return TypedResults.Ok(new OutletRatesResponse(period.Code, rates));
    }

    private static async Task<Results<Ok<UpstreamOutletsResponse>, ProblemHttpResult>> Upstream(string code, HttpContext http, SystemSnapshots snapshots,
        WaterQualityService quality, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var period = WaterEndpoints.ReadMonth(q, WaterEndpoints.Period, quality.CurrentMonth);
        if (!q.Ok) return q.Problem("Invalid period.");
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.Water.Sections.TryGetValue(code, out var section)) return ApiProblems.NotFound($"There is no monitoring section '{code}'.");
        var catchment = quality.CatchmentOf(snapshot, section);
        var standing = (await quality.ComplianceAsync(period, null, ct)).Sections.Single(s => s.Section.Section.Code == code);
        var failures = standing.Latest?.ConsecutiveFailures ?? 0;
        return TypedResults.Ok(new UpstreamOutletsResponse(code, failures > 0, failures, catchment?.StoppedAt ?? [], catchment?.Outlets ?? []));
    }
}
