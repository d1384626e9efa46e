using RiverGis.Api.Http;
using RiverGis.Api.Store;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Analysis;

/// <summary>Do chiefs really patrol (巡河)? Patrols per chief in a period against the minimum frequency of their level.</summary>
public static class PatrolEndpoints
{
    public static void MapPatrols(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/analysis/patrols", Evaluate).WithTags("Responsibility analysis").WithName("PatrolCompliance")
            .WithDescription("Per chief holding segments: patrols recorded in [from, to) (default: the last 30 days), how many followed the chief's own segments, and whether the level's minimum frequency was met.");
    }

    private static async Task<IResult> Evaluate(HttpContext http, SystemSnapshots snapshots, PatrolTrackLoader tracks, TimeProvider clock, CancellationToken ct)
    {
        var q = new QueryValues(http.Request.Query, "from", "to", "level", "area_code");
        var now = clock.GetUtcNow();
        var to = q.Timestamp("to") ?? now;
        var from = q.Timestamp("from") ?? to.AddDays(-30);
        var level = q.Enum<AdminLevel>("level", c => (AdminLevels.TryParse(c, out var l), l), string.Join("|", AdminLevels.Codes));
        var area = q.String("area_code");
        if (from >= to) q.Errors.Add(new("from", "must be before `to`"));
        if ((to - from).TotalDays > 3660) q.Errors.Add(new("from", "the period is limited to ten years"));
        var snapshot = await snapshots.CurrentAsync(ct);
        if (area is not null && !snapshot.System.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid patrol query.");
        var records = PatrolCompliance.Evaluate(snapshot.System, await tracks.LoadAsync(from, to, ct), from, to, areaCode: area, level: level);
        return Results.Json(new
        {
            from,
            to,
            rules_days = PatrolRules.Default.Interval.ToDictionary(kv => kv.Key.ToCode(), kv => kv.Value.TotalDays),
            chiefs = records.Count,
            compliant = records.Count(r => r.Compliant),
            records,
        });
    }
}
