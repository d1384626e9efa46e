using System.Diagnostics;
using System.Text.Json.Nodes;
using RiverGis.Api.Http;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;

namespace RiverGis.Api.Analysis;

/// <summary>
/// Responsibility analysis for planners and river-chief offices: coverage gaps (覆盖缺口), overlaps, cross-boundary
/// segments (跨界河段), boundary crossings (交界断面), border rivers (界河) and the one-river-one-file profile (一河一档).
/// The computations are the src/Geo classes; this only reads parameters and presents the results as GeoJSON.
/// </summary>
public static class AnalysisEndpoints
{
    private static readonly string[] Common = ["level", "area_code", "river_code", "tolerance_m"];

    public static void MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analysis").WithTags("Responsibility analysis");
        group.MapGet("/coverage-gaps", CoverageGaps).WithName("CoverageGaps")
            .WithDescription("Stretches of rivers managed at `level` or above, inside the areas of `level`, that no segment of that level with a chief covers.");
        group.MapGet("/overlaps", Overlaps).WithName("Overlaps");
        group.MapGet("/cross-boundary", CrossBoundary).WithName("CrossBoundarySegments");
        group.MapGet("/boundary-crossings", Crossings).WithName("BoundaryCrossings");
        group.MapGet("/border-rivers", BorderRiverStretches).WithName("BorderRivers");
        app.MapGet("/api/rivers/{code}/profile", Profile).WithTags("Responsibility analysis").WithName("RiverProfile");
    }

    /// <summary>The common parameters, validated against the data (unknown codes are named, not thrown).</summary>
    private sealed record Filters(AdminLevel? Level, string? AreaCode, string? RiverCode, double ToleranceM);

    private static Filters? Read(QueryValues q, RiverSystem system, bool levelRequired)
    {
        var level = q.Enum<AdminLevel>("level", c => (AdminLevels.TryParse(c, out var l) && l != AdminLevel.Province, l),
            "city|county|township|village", required: levelRequired);
        var area = q.String("area_code");
        var river = q.String("river_code");
        var tolerance = q.Number("tolerance_m", ResponsibilityCodes.DefaultToleranceM, 0, 1000);
        if (area is not null && !system.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (river is not null && !system.Rivers.ContainsKey(river)) q.Errors.Add(new("river_code", $"unknown river '{river}'"));
        if (level is { } l && area is not null && system.Areas.TryGetValue(area, out var a) && a.Area.Level > l)
            q.Errors.Add(new("area_code", $"area '{area}' is a {a.Area.Level.ToCode()}, below the {l.ToCode()} level asked for"));
        return q.Ok ? new Filters(level, area, river, tolerance) : null;
    }

    private static async Task<IResult> Run(HttpContext http, SystemSnapshots snapshots, string[] extra, bool levelRequired,
        Func<SystemSnapshot, Filters, QueryValues, JsonObject> compute, CancellationToken ct)
    {
        var q = new QueryValues(http.Request.Query, [.. Common, .. extra]);
        var snapshot = await snapshots.CurrentAsync(ct);
        var filters = Read(q, snapshot.System, levelRequired);
        if (filters is null) return q.Problem("Invalid analysis parameters.");
        var watch = Stopwatch.StartNew();
        var body = compute(snapshot, filters, q);
        if (!q.Ok) return q.Problem("Invalid analysis parameters.");
        body["data_version"] = snapshot.Version;
        body["computed_ms"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
        return GeoJsonResults.Ok(body);
    }

    private static Task<IResult> CoverageGaps(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, [], levelRequired: true, (s, f, _) =>
        {
            var report = CoverageAnalyzer.Analyze(s.System, new CoverageQuery(f.Level!.Value, f.AreaCode, f.RiverCode, f.ToleranceM));
            var body = GeoJsonResults.FeatureCollection(report.Gaps, g => g.Geometry);
            body["level"] = report.Level;
            body["tolerance_m"] = report.ToleranceM;
            body["summary"] = new JsonObject
            {
                ["totals"] = System.Text.Json.JsonSerializer.SerializeToNode(report.Totals, ApiJson.Options),
                ["rivers"] = GeoJsonResults.WithoutGeometry(report.Rivers),
                ["areas"] = GeoJsonResults.WithoutGeometry(report.Areas),
            };
            return body;
        }, ct);

    private static Task<IResult> Overlaps(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, [], levelRequired: false, (s, f, _) =>
            GeoJsonResults.FeatureCollection(OverlapFinder.Find(s.System, new OverlapQuery(f.Level, f.RiverCode, f.AreaCode, f.ToleranceM)), o => o.Geometry), ct);

    private static Task<IResult> CrossBoundary(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, [], levelRequired: false, (s, f, _) =>
            GeoJsonResults.FeatureCollection(CrossBoundarySegments.Find(s.System, new CrossBoundaryQuery(f.Level, RiverCode: f.RiverCode, AreaCode: f.AreaCode, ToleranceM: f.ToleranceM)), c => c.Geometry), ct);

    private static Task<IResult> Crossings(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, [], levelRequired: true, (s, f, _) =>
            GeoJsonResults.FeatureCollection(BoundaryCrossings.Find(s.System, new BoundaryCrossingQuery(f.Level!.Value, f.AreaCode, f.RiverCode, f.ToleranceM)), c => c.Geometry), ct);

    private static Task<IResult> BorderRiverStretches(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, ["distance_m", "min_length_m"], levelRequired: true, (s, f, q) =>
        {
            var distance = q.Number("distance_m", 50, 1, 1000);
            var minLength = q.Number("min_length_m", 200, 0, 100_000);
            if (!q.Ok) return new JsonObject();
            var query = new BorderRiverQuery(f.Level!.Value, f.AreaCode, f.RiverCode, distance, minLength);
            return GeoJsonResults.FeatureCollection(BorderRivers.Find(s.System, query), b => b.Geometry);
        }, ct);

    private static async Task<IResult> Profile(string code, HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = new QueryValues(http.Request.Query, "tolerance_m");
        var tolerance = q.Number("tolerance_m", ResponsibilityCodes.DefaultToleranceM, 0, 1000);
        if (!q.Ok) return q.Problem("Invalid profile parameters.");
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.System.Rivers.ContainsKey(code)) return ApiProblems.NotFound($"There is no river '{code}'.");
        var profile = RiverProfileBuilder.Build(snapshot.System, code, new RiverProfileOptions(tolerance));
        var node = System.Text.Json.JsonSerializer.SerializeToNode(profile, ApiJson.Options)!;
        return GeoJsonResults.Ok(node, "application/json");
    }
}
