using RiverGis.Api.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Http;
using RiverGis.Api.Store;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Analysis;

/// <summary>Do chiefs really patrol (巡河)? Patrols per chief in a period against the minimum frequency of their level.</summary>
public static class PatrolEndpoints
{
    public static readonly TimestampParameter From = new("from", "start of the period (default: 30 days before `to`)");
    public static readonly TimestampParameter To = new("to", "end of the period, exclusive (default: now)");
    public static readonly EnumParameter<AdminLevel> Level = new("level", "only chiefs of this level");
    public static readonly TextParameter AreaCode = new("area_code", "only chiefs of this area or of an area under it");

    public static void MapPatrols(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/analysis/patrols", Evaluate).WithTags("Responsibility analysis").WithName("PatrolCompliance")
            .WithSummary("Patrol compliance (巡河) per chief")
            .WithDescription("Per chief holding segments: patrols recorded in [from, to) (default: the last 30 days), how many followed the chief's own segments, and whether the level's minimum frequency was met.")
            .WithQuery(From, To, Level, AreaCode).ProducesProblems(400).AllowAnyone();
    }

    private static async Task<Results<Ok<PatrolComplianceResponse>, ProblemHttpResult>> Evaluate(HttpContext http, SystemSnapshots snapshots,
        PatrolTrackLoader tracks, TimeProvider clock, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var to = q.Read(To) ?? clock.GetUtcNow();
        var from = q.Read(From) ?? to.AddDays(-30);
        var level = q.Read(Level);
        var area = q.Read(AreaCode);
        if (from >= to) q.Errors.Add(new("from", "must be before `to`"));
        if ((to - from).TotalDays > 3660) q.Errors.Add(new("from", "the period is limited to ten years"));
        var snapshot = await snapshots.CurrentAsync(ct);
        if (area is not null && !snapshot.System.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid patrol query.");
        var records = PatrolCompliance.Evaluate(snapshot.System, await tracks.LoadAsync(from, to, ct), from, to, areaCode: area, level: level);
        return TypedResults.Ok(new PatrolComplianceResponse(from, to,
            PatrolRules.Default.Interval.ToDictionary(kv => kv.Key, kv => kv.Value.TotalDays), records.Count, records.Count(r => r.Compliant), records));
    }
}
