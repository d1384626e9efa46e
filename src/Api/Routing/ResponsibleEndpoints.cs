using RiverGis.Api.Accounts;
using System.Diagnostics;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Routing;

/// <summary>"Who is responsible here?" — the first responsible chief (第一责任人) and the escalation chain for a coordinate.</summary>
public static class ResponsibleEndpoints
{
    public static readonly NumberParameter RadiusM = new("radius_m", "how far from the point a river is looked for, in metres", ResponsibilityIndex.DefaultRadiusM, 1, 50_000);
    public static readonly NumberParameter MarginM = new("margin_m", "alternatives within this many metres of the best answer are listed as candidates",
        ResponsibilityIndex.DefaultAmbiguityMarginM, 0, 5_000);

    public static void MapResponsible(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/responsible", Resolve).WithTags("Issue routing").WithName("Responsible").WithSummary("Who is responsible for a point (第一责任人)")
            .WithDescription("The chief responsible for the river stretch nearest to lon/lat (within radius_m), the chain above, and candidates near boundaries.")
            .WithQuery(Coordinates.Lon, Coordinates.Lat, RadiusM, MarginM).ProducesProblems(400, 404).AllowAnyone();
    }

    private static async Task<Results<Ok<ResponsibleDto>, ProblemHttpResult>> Resolve(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var radius = q.Read(RadiusM);
        var margin = q.Read(MarginM);
        var snapshot = await snapshots.CurrentAsync(ct);
        var position = Coordinates.Read(q, snapshot.Routing);
        if (position is null || !q.Ok) return q.Problem("Invalid position.");
        var watch = Stopwatch.StartNew();
        var result = snapshot.Routing.Resolve(position.Value.Lon, position.Value.Lat, radius, margin);
        var elapsed = watch.Elapsed;
        return result.Status switch
        {
            ResolveStatus.InvalidCoordinate => ApiProblems.BadRequest(result.Message ?? "Invalid position.", new ProblemItem("lon,lat", result.Message ?? "invalid")),
            ResolveStatus.NotFound => ApiProblems.NotFound(
                $"No river within {radius} m and no administrative area contains ({position.Value.Lon}, {position.Value.Lat}): nobody in this river-chief system is responsible there."),
            _ => TypedResults.Ok(ResponsibleDto.From(result, snapshot.Version, Math.Round(elapsed.TotalMicroseconds))),
        };
    }
}

/// <summary>What /api/responsible answers (snake_case on the wire); mapped from <see cref="ResponsibilityResult"/> by Mapster.</summary>
public sealed class ResponsibleDto
{
    public ResponsibleChief? Chief { get; set; }
    public List<ResponsibleChief> Chain { get; set; } = [];
    public bool Escalated { get; set; }
    public EscalationReason? EscalationReason { get; set; }
    public List<SkippedLevel> SkippedLevels { get; set; } = [];
    public bool OffRiver { get; set; }
    public bool GeneralChiefFallback { get; set; }
    public string? RiverCode { get; set; }
    public string? RiverName { get; set; }
    public string? SegmentCode { get; set; }
    public double? DistanceM { get; set; }
    public double? MeasureM { get; set; }
    public GeoPosition? Snapped { get; set; }
    public string? AreaCode { get; set; }
    public Geo.Model.AdminLevel? ExpectedLevel { get; set; }
    public Geo.Model.AdminLevel? ResponsibleLevel { get; set; }
    public List<RoutingCandidate> Candidates { get; set; } = [];
    public long DataVersion { get; set; }
    public double ComputedUs { get; set; }

    public static ResponsibleDto From(ResponsibilityResult result, long dataVersion, double computedUs)
    {
        var dto = result.Adapt<ResponsibleDto>();
        dto.DataVersion = dataVersion;
        dto.ComputedUs = computedUs;
        return dto;
    }
}
