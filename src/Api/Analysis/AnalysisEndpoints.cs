using RiverGis.Api.Accounts;
using System.Diagnostics;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
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
    private const string Tag = "Responsibility analysis";

    private static readonly AdminLevel[] AnalysedLevels = [AdminLevel.City, AdminLevel.County, AdminLevel.Township, AdminLevel.Village];

    public static readonly EnumParameter<AdminLevel> RequiredLevel = new("level", "the level whose areas and segments are analysed", required: true, allowed: AnalysedLevels);
    public static readonly EnumParameter<AdminLevel> OptionalLevel = new("level", "only this level (default: every level, each on its own)", allowed: AnalysedLevels);
    public static readonly TextParameter AreaCode = new("area_code", "only areas under this area (the area itself or any area whose parent chain reaches it)");
    public static readonly TextParameter RiverCode = new("river_code", "only this river");
    public static readonly NumberParameter ToleranceM = new("tolerance_m", "digitising tolerance in metres", ResponsibilityCodes.DefaultToleranceM, 0, 1000);
    public static readonly NumberParameter DistanceM = new("distance_m", "a river point is along a boundary within this many metres of it", 50, 1, 1000);
    public static readonly NumberParameter MinLengthM = new("min_length_m", "only stretches along a boundary for at least this many metres", 200, 0, 100_000);

    public static void MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analysis").WithTags(Tag).ProducesProblems(400).AllowAnyone();
        group.MapGet("/coverage-gaps", CoverageGaps).WithName("CoverageGaps").WithSummary("Coverage gaps (覆盖缺口) at a level")
            .WithDescription("Stretches of rivers managed at `level` or above, inside the areas of `level`, that no segment of that level with a chief covers; with per-river and per-area coverage.")
            .WithQuery(RequiredLevel, AreaCode, RiverCode, ToleranceM);
        group.MapGet("/overlaps", Overlaps).WithName("Overlaps").WithSummary("Stretches covered twice at one level (重复划分)")
            .WithQuery(OptionalLevel, AreaCode, RiverCode, ToleranceM);
        group.MapGet("/cross-boundary", CrossBoundary).WithName("CrossBoundarySegments").WithSummary("Parts of segments outside their own area (跨界河段)")
            .WithQuery(OptionalLevel, AreaCode, RiverCode, ToleranceM);
        group.MapGet("/boundary-crossings", Crossings).WithName("BoundaryCrossings").WithSummary("Where rivers cross boundaries between areas of a level (交界断面)")
            .WithQuery(RequiredLevel, AreaCode, RiverCode, ToleranceM);
        group.MapGet("/border-rivers", BorderRiverStretches).WithName("BorderRivers").WithSummary("Stretches running along a boundary (界河)")
            .WithQuery(RequiredLevel, AreaCode, RiverCode, ToleranceM, DistanceM, MinLengthM);
        app.MapGet("/api/rivers/{code}/profile", Profile).WithTags(Tag).WithName("RiverProfile").WithSummary("One river's file (一河一档)")
            .WithDescription("Length, downstream river, areas crossed and segments (chief, phone) per level, covered % per level, gaps, overlaps, crossings and outlets of one river.")
            .WithQuery(ToleranceM).ProducesProblems(400, 404).AllowAnyone();
    }

    /// <summary>The common parameters, validated against the data (unknown codes are named, not thrown).</summary>
    private sealed record Filters(AdminLevel? Level, string? AreaCode, string? RiverCode, double ToleranceM);

    private static Filters? Read(QueryValues q, RiverSystem system, EnumParameter<AdminLevel> levelParameter)
    {
        var level = q.Read(levelParameter);
        var area = q.Read(AreaCode);
        var river = q.Read(RiverCode);
        var tolerance = q.Read(ToleranceM);
        if (area is not null && !system.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (river is not null && !system.Rivers.ContainsKey(river)) q.Errors.Add(new("river_code", $"unknown river '{river}'"));
        if (level is { } l && area is not null && system.Areas.TryGetValue(area, out var a) && a.Area.Level > l)
            q.Errors.Add(new("area_code", $"area '{area}' is a {a.Area.Level.ToCode()}, below the {l.ToCode()} level asked for"));
        return q.Ok ? new Filters(level, area, river, tolerance) : null;
    }

    /// <summary>Reads the filters, computes on the current snapshot and times the computation.</summary>
    private static async Task<Results<GeoJsonResult<TResponse>, ProblemHttpResult>> Run<TResponse>(HttpContext http, SystemSnapshots snapshots,
        EnumParameter<AdminLevel> level, Func<SystemSnapshot, Filters, QueryValues, Func<double>, TResponse?> compute, CancellationToken ct)
        where TResponse : class
    {
        var q = QueryValues.Of(http);
        var snapshot = await snapshots.CurrentAsync(ct);
        var filters = Read(q, snapshot.System, level);
        if (filters is null) return q.Problem("Invalid analysis parameters.");
        var watch = Stopwatch.StartNew();
        var body = compute(snapshot, filters, q, () => Math.Round(watch.Elapsed.TotalMilliseconds, 1));
        if (!q.Ok || body is null) return q.Problem("Invalid analysis parameters.");
        return GeoJsonResults.Ok(body);
    }

    private static AnalysisCollection<TProperties> Collection<TItem, TProperties>(IEnumerable<TItem> items, Func<TItem, NetTopologySuite.Geometries.Geometry> geometry,
        SystemSnapshot snapshot, Func<double> elapsed) =>
        new(GeoJsonResults.Features(items, geometry, i => i.Adapt<TItem, TProperties>()), snapshot.Version, elapsed());

    private static Task<Results<GeoJsonResult<CoverageGapsResponse>, ProblemHttpResult>> CoverageGaps(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, RequiredLevel, (s, f, _, elapsed) =>
        {
            var report = CoverageAnalyzer.Analyze(s.System, new CoverageQuery(f.Level!.Value, f.AreaCode, f.RiverCode, f.ToleranceM));
            var features = GeoJsonResults.Features(report.Gaps, g => g.Geometry, g => g.Adapt<CoverageGapProperties>());
            var summary = new CoverageSummary(report.Totals, report.Rivers.Adapt<List<CoverageRiverRow>>(), report.Areas.Adapt<List<CoverageAreaRow>>());
            return new CoverageGapsResponse(features, report.Level, report.ToleranceM, summary, s.Version, elapsed());
        }, ct);

    private static Task<Results<GeoJsonResult<AnalysisCollection<OverlapProperties>>, ProblemHttpResult>> Overlaps(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, OptionalLevel, (s, f, _, elapsed) =>
            Collection<SegmentOverlap, OverlapProperties>(OverlapFinder.Find(s.System, new OverlapQuery(f.Level, f.RiverCode, f.AreaCode, f.ToleranceM)), o => o.Geometry, s, elapsed), ct);

    private static Task<Results<GeoJsonResult<AnalysisCollection<CrossBoundaryProperties>>, ProblemHttpResult>> CrossBoundary(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, OptionalLevel, (s, f, _, elapsed) =>
            Collection<CrossBoundarySegment, CrossBoundaryProperties>(CrossBoundarySegments.Find(s.System,
                new CrossBoundaryQuery(f.Level, RiverCode: f.RiverCode, AreaCode: f.AreaCode, ToleranceM: f.ToleranceM)), c => c.Geometry, s, elapsed), ct);

    private static Task<Results<GeoJsonResult<AnalysisCollection<BoundaryCrossingProperties>>, ProblemHttpResult>> Crossings(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, RequiredLevel, (s, f, _, elapsed) =>
            Collection<BoundaryCrossing, BoundaryCrossingProperties>(BoundaryCrossings.Find(s.System,
                new BoundaryCrossingQuery(f.Level!.Value, f.AreaCode, f.RiverCode, f.ToleranceM)), c => c.Geometry, s, elapsed), ct);

    private static Task<Results<GeoJsonResult<AnalysisCollection<BorderRiverProperties>>, ProblemHttpResult>> BorderRiverStretches(HttpContext http, SystemSnapshots snapshots, CancellationToken ct) =>
        Run(http, snapshots, RequiredLevel, (s, f, q, elapsed) =>
        {
            var distance = q.Read(DistanceM);
            var minLength = q.Read(MinLengthM);
            if (!q.Ok) return null;
            var query = new BorderRiverQuery(f.Level!.Value, f.AreaCode, f.RiverCode, distance, minLength);
            return Collection<BorderStretch, BorderRiverProperties>(BorderRivers.Find(s.System, query), b => b.Geometry, s, elapsed);
        }, ct);

    private static async Task<Results<Ok<RiverProfileResponse>, ProblemHttpResult>> Profile(string code, HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var tolerance = q.Read(ToleranceM);
        if (!q.Ok) return q.Problem("Invalid profile parameters.");
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.System.Rivers.ContainsKey(code)) return ApiProblems.NotFound($"There is no river '{code}'.");
        var profile = RiverProfileBuilder.Build(snapshot.System, code, new RiverProfileOptions(tolerance));
        return TypedResults.Ok(profile.Adapt<RiverProfileResponse>());
    }
}
