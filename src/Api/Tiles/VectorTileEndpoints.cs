using RiverGis.Api.Accounts;
using Npgsql;
using RiverGis.Api.Http;
using RiverGis.Api.Store;

namespace RiverGis.Api.Tiles;

/// <summary>One layer served as Mapbox Vector Tiles: the table, the attributes carried and the levels shown per zoom.</summary>
/// <param name="Id">Layer name in the URL and inside the tile.</param>
/// <param name="From">FROM clause, main table aliased <c>t</c> with a <c>geom</c> column (SRID 4326).</param>
/// <param name="Attributes">SELECT list of the attributes (aliased), kept small: a map needs codes and classes, not records.</param>
/// <param name="LevelSql">SQL of the feature's level, for the zoom generalisation; null when the layer has no level.</param>
public sealed record VectorTileLayer(string Id, string From, string Attributes, string? LevelSql);

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
    public const int Extent = 4096;
    public const int Buffer = 64;
    public const int MaxZoom = 22;

    public static readonly IReadOnlyList<VectorTileLayer> Layers =
    [
        new("admin-areas", "admin_areas t", "t.code, t.name, t.level, t.parent_code", "t.level"),
        new("rivers", "rivers t", "t.code, t.name, t.level", "t.level"),
        new("segments", "segments t LEFT JOIN chiefs c ON c.id = t.chief_id",
            "t.code, t.river_code, t.level, t.area_code, t.chief_id, c.name AS chief_name, (t.chief_id IS NULL) AS vacant", "t.level"),
        new("outlets", "outlets t", "t.code, t.name, t.kind, t.scale, t.permit, t.river_code", null),
    ];

    public static void MapVectorTiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{layer}/{z:int}/{x:int}/{y}", Tile).WithTags("Vector tiles").WithName("VectorTile").WithSummary("A Mapbox Vector Tile of one layer")
            .WithDescription("A Mapbox Vector Tile (XYZ, Web Mercator) of one layer: admin-areas, rivers, segments or outlets; y ends in .mvt.").AllowAnyone();
    }

    /// <summary>The levels drawn at a zoom (top-down codes).</summary>
    public static string[] LevelsAt(int z) => z switch
    {
        <= 6 => ["province", "city"],
        <= 8 => ["province", "city", "county"],
        <= 10 => ["province", "city", "county", "township"],
        _ => ["province", "city", "county", "township", "village"],
    };

    /// <summary>The SQL of one tile: parameters $1 = z, $2 = x, $3 = y, $4 = levels (text[]).</summary>
    public static string Sql(VectorTileLayer layer) => $"""
        WITH bounds AS (
          SELECT ST_TileEnvelope($1, $2, $3) AS tile,
                 ST_Transform(ST_TileEnvelope($1, $2, $3, margin => {(double)Buffer / Extent}), 4326) AS box)
        SELECT ST_AsMVT(q, '{layer.Id}', {Extent}, 'geom') FROM (
          SELECT ST_AsMVTGeom(ST_Transform(t.geom, 3857), bounds.tile, {Extent}, {Buffer}, true) AS geom, {layer.Attributes}
          FROM {layer.From}, bounds
          WHERE t.geom && bounds.box{(layer.LevelSql is null ? "" : $" AND {layer.LevelSql} = ANY($4)")}
        ) q WHERE q.geom IS NOT NULL
        """;

    /// <summary>The tile's bytes (empty when nothing is there); null when the layer is unknown.</summary>
    public static async Task<byte[]?> TileAsync(NpgsqlDataSource dataSource, string layerId, int z, int x, int y, CancellationToken ct)
    {
        if (Layers.FirstOrDefault(l => l.Id == layerId) is not { } layer) return null;
        await using var cmd = dataSource.CreateCommand(Sql(layer));
        cmd.Parameters.AddWithValue(z);
        cmd.Parameters.AddWithValue(x);
        cmd.Parameters.AddWithValue(y);
        cmd.Parameters.AddWithValue(LevelsAt(z));
        return await cmd.ExecuteScalarAsync(ct) as byte[] ?? [];
    }

    private static async Task<IResult> Tile(string layer, int z, int x, string y, HttpContext http, NpgsqlDataSource dataSource,
        DataVersion dataVersion, CancellationToken ct)
    {
        var errors = new List<ProblemItem>();
        if (Layers.All(l => l.Id != layer))
            return ApiProblems.NotFound($"There is no tile layer '{layer}'. Layers: {string.Join(", ", Layers.Select(l => l.Id))}.");
        if (!y.EndsWith(".mvt", StringComparison.Ordinal) || !int.TryParse(y[..^4], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var row))
        {
            errors.Add(new("y", $"'{y}' is not a tile row followed by .mvt (e.g. 53.mvt)"));
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
        var bytes = await TileAsync(dataSource, layer, z, x, row, ct);
        return Results.Bytes(bytes!, ContentType);
    }
}
