using RiverGis.Api.Accounts;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Routing;
using RiverGis.Geo.Network;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Network;

/// <summary>
/// River network navigation in the USGS NLDI modes: snap a point to the network, then follow the flow upstream on the
/// main stem (UM), upstream with tributaries (UT) or downstream (DM), with the segments, chiefs and outlets on the way.
/// </summary>
public static class NetworkEndpoints
{
    public static readonly NumberParameter RadiusM = new("radius_m", "how far from the point a river is looked for, in metres", 500, 1, 50_000);
    public static readonly EnumParameter<NavigationMode> Mode = new("mode", "UM upstream main stem, UT upstream with tributaries, DM downstream main stem",
        required: true, ignoreCase: true);
    public static readonly NumberParameter DistanceKm = new("distance_km", "how far to navigate along the flow, in kilometres", 10, 0.001, 10_000);

    public static void MapNetwork(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/network").WithTags("River network").ProducesProblems(400, 404).AllowAnyone();
        group.MapGet("/snap", Snap).WithName("SnapToNetwork").WithSummary("Snap a point to the nearest river, with its measure")
            .WithQuery(Coordinates.Lon, Coordinates.Lat, RadiusM);
        group.MapGet("/navigate", Navigate).WithName("NavigateNetwork").WithSummary("Navigate upstream or downstream from a point (NLDI modes)")
            .WithQuery(Coordinates.Lon, Coordinates.Lat, Mode, DistanceKm, RadiusM);
    }

    private static async Task<Results<Ok<RiverSnap>, ProblemHttpResult>> Snap(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var radius = q.Read(RadiusM);
        var snapshot = await snapshots.CurrentAsync(ct);
        var position = Coordinates.Read(q, snapshot.Routing);
        if (position is null || !q.Ok) return q.Problem("Invalid position.");
        var snap = snapshot.Routing.Snap(position.Value.Lon, position.Value.Lat, radius);
        return snap is null
            ? ApiProblems.NotFound($"No river within {radius} m of ({position.Value.Lon}, {position.Value.Lat}).")
            : TypedResults.Ok(snap);
    }

    private static async Task<Results<GeoJsonResult<NavigationResponse>, ProblemHttpResult>> Navigate(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var mode = q.Read(Mode);
        var distance = q.Read(DistanceKm);
        var radius = q.Read(RadiusM);
        var snapshot = await snapshots.CurrentAsync(ct);
        var position = Coordinates.Read(q, snapshot.Routing);
        if (position is null || !q.Ok || mode is null) return q.Problem("Invalid navigation request.");
        var snap = snapshot.Routing.Snap(position.Value.Lon, position.Value.Lat, radius);
        if (snap is null) return ApiProblems.NotFound($"No river within {radius} m of ({position.Value.Lon}, {position.Value.Lat}).");
        var result = snapshot.Network.Navigate(snap.RiverCode, snap.MeasureM, mode.Value, distance)!;
        var features = GeoJsonResults.Features(result.Stretches, s => s.Geometry, s => s.Adapt<StretchProperties>());
        var outlets = result.Stretches.SelectMany(s => s.Outlets).OrderBy(o => o.DistanceFromStartM).ToList();
        var chiefs = result.Stretches.SelectMany(s => s.Segments).Where(s => s.Chief is not null).Select(s => s.Chief!).DistinctBy(c => c.Id).ToList();
        return GeoJsonResults.Ok(new NavigationResponse(features, mode.Value, distance, snap, outlets, chiefs));
    }
}
