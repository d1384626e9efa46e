using RiverGis.Api.Accounts;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Api.Store;

namespace RiverGis.Api.Tiles;

/// <summary>
/// <c>/tiles/{layer}/{z}/{x}/{y}.mvt</c>: Mapbox Vector Tiles (Web Mercator XYZ scheme) made by PostGIS (ST_AsMVT), so a
/// web map can show a whole province at low zoom without downloading every feature as GeoJSON (at N = 20 000 rivers
/// the segments alone are ~180 MB of GeoJSON; see benchmarks/README.md). At low zoom only the upper levels are drawn
/// (z ≤ 6: province and city; z ≤ 8: + county; z ≤ 10: + township; then all), the way river-chief offices map
/// responsibility; geometry is reduced to the tile's 4096 grid by ST_AsMVTGeom. Tiles carry an ETag of the data
/// version, so an unchanged tile is a 304.
/// </summary>
public static class VectorTileEndpoints
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";
    public const int MaxZoom = 22;

    public static void MapVectorTiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{layer}/{z:int}/{x:int}/{y}.mvt", Tile).WithTags("Vector tiles").WithName("VectorTile")
            .WithSummary("A Mapbox Vector Tile (XYZ scheme, Web Mercator) of one layer")
            .WithDescription("Upper levels only at low zoom (z ≤ 6 province and city, ≤ 8 + county, ≤ 10 + township). ETag = data version: "
                + "If-None-Match answers 304.")
            .WithPathParameters(
                new PathParameter("layer", "the layer", VectorTileStore.Layers.Select(l => l.Id).ToList()),
                new PathParameter("z", $"zoom, 0 to {MaxZoom}", Minimum: 0, Maximum: MaxZoom),
                new PathParameter("x", "column (XYZ scheme), 0 to 2^z − 1", Minimum: 0),
                new PathParameter("y", "row (XYZ scheme), 0 to 2^z − 1, followed by .mvt in the path", Minimum: 0))
            .Produces(StatusCodes.Status200OK, typeof(Stream), ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).AllowAnyone();
        // Any other ending of the row (1.png, 1) is answered with what is expected instead of a bare 404.
        app.MapGet("/tiles/{layer}/{z:int}/{x:int}/{y}", (string y) =>
                ApiProblems.BadRequest("Invalid tile address.", new ProblemItem("y", $"'{y}' is not a tile row followed by .mvt (e.g. 53.mvt)")))
            .ExcludeFromDescription().AllowAnyone();
    }

    private static async Task<IResult> Tile(string layer, int z, int x, string y, HttpContext http, VectorTileStore store,
        DataVersion dataVersion, CancellationToken ct)
    {
        var errors = new List<ProblemItem>();
        if (VectorTileStore.Find(layer) is not { } tileLayer)
            return ApiProblems.NotFound($"There is no tile layer '{layer}'. Layers: {string.Join(", ", VectorTileStore.Layers.Select(l => l.Id))}.");
        if (!int.TryParse(y, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row))
        {
            errors.Add(new("y", $"'{y}.mvt': '{y}' is not a tile row (e.g. 53.mvt)"));
            row = -1;
        }
        if (z is < 0 or > MaxZoom) errors.Add(new("z", $"zoom {z} is out of range [0, {MaxZoom}]"));
        else
        {
            var size = 1L << z;
            if (x < 0 || x >= size) errors.Add(new("x", $"column {x} is out of range [0, {size - 1}] at zoom {z}"));
            if (row >= 0 && row >= size) errors.Add(new("y", $"row {row} is out of range [0, {size - 1}] at zoom {z}"));
        }
        if (errors.Count > 0) return ApiProblems.BadRequest("Invalid tile address.", errors.ToArray());

        var etag = $"\"v{await dataVersion.CurrentAsync(ct)}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=60";
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(await store.TileAsync(tileLayer, z, x, row, ct), ContentType);
    }
}
