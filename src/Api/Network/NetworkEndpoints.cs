using System.Text.Json.Nodes;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Routing;
using RiverGis.Geo.Network;

namespace RiverGis.Api.Network;

/// <summary>
/// River network navigation in the USGS NLDI modes: snap a point to the network, then follow the flow upstream on the
/// main stem (UM), upstream with tributaries (UT) or downstream (DM), with the segments, chiefs and outlets on the way.
/// </summary>
public static class NetworkEndpoints
{
    public static void MapNetwork(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/network").WithTags("River network");
        group.MapGet("/snap", Snap).WithName("SnapToNetwork");
        group.MapGet("/navigate", Navigate).WithName("NavigateNetwork");
    }

    private static async Task<IResult> Snap(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = new QueryValues(http.Request.Query, "lon", "lat", "radius_m");
        var radius = q.Number("radius_m", 500, 1, 50_000);
        var snapshot = await snapshots.CurrentAsync(ct);
        var position = Coordinates.Read(q, snapshot.Routing);
        if (position is null || !q.Ok) return q.Problem("Invalid position.");
        var snap = snapshot.Routing.Snap(position.Value.Lon, position.Value.Lat, radius);
        return snap is null
            ? ApiProblems.NotFound($"No river within {radius} m of ({position.Value.Lon}, {position.Value.Lat}).")
            : Results.Json(snap);
    }

    private static async Task<IResult> Navigate(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = new QueryValues(http.Request.Query, "lon", "lat", "mode", "distance_km", "radius_m");
        var mode = q.Enum<NavigationMode>("mode", c => (NavigationModes.TryParse(c, out var m), m), "UM|UT|DM", required: true);
        var distance = q.Number("distance_km", 10, 0.001, 10_000);
        var radius = q.Number("radius_m", 500, 1, 50_000);
        var snapshot = await snapshots.CurrentAsync(ct);
        var position = Coordinates.Read(q, snapshot.Routing);
        if (position is null || !q.Ok || mode is null) return q.Problem("Invalid navigation request.");
        var snap = snapshot.Routing.Snap(position.Value.Lon, position.Value.Lat, radius);
        if (snap is null) return ApiProblems.NotFound($"No river within {radius} m of ({position.Value.Lon}, {position.Value.Lat}).");
        var result = snapshot.Network.Navigate(snap.RiverCode, snap.MeasureM, mode.Value, distance)!;
        var body = GeoJsonResults.FeatureCollection(result.Stretches, s => s.Geometry);
        body["mode"] = mode.Value.ToCode();
        body["distance_km"] = distance;
        body["start"] = System.Text.Json.JsonSerializer.SerializeToNode(snap, ApiJson.Options);
        body["outlets"] = GeoJsonResults.WithoutGeometry(result.Stretches.SelectMany(s => s.Outlets).OrderBy(o => o.DistanceFromStartM));
        body["chiefs"] = new JsonArray(result.Stretches.SelectMany(s => s.Segments).Where(s => s.Chief is not null)
            .Select(s => s.Chief!).DistinctBy(c => c.Id)
            .Select(c => System.Text.Json.JsonSerializer.SerializeToNode(c, ApiJson.Options)).ToArray());
        return GeoJsonResults.Ok(body);
    }
}
