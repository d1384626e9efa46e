using Npgsql;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Tiles;

/// <summary>One layer served as Mapbox Vector Tiles: the table, the attributes carried and whether it is generalised by level.</summary>
/// <param name="Id">Layer name in the URL and inside the tile.</param>
/// <param name="From">FROM clause, main table aliased <c>t</c> with a <c>geom</c> column (SRID 4326).</param>
/// <param name="Attributes">SELECT list of the attributes (aliased), kept small: a map needs codes and classes, not records.</param>
/// <param name="LevelSql">SQL of the feature's level, for the zoom generalisation; null when the layer has no level.</param>
public sealed record VectorTileLayer(string Id, string From, string Attributes, string? LevelSql);

/// <summary>
/// The SQL of the vector tiles: PostGIS makes each tile (ST_AsMVT) with geometry reduced to the tile's grid
/// (ST_AsMVTGeom, Web Mercator), only the levels <see cref="ZoomGeneralisation"/> draws at the tile's zoom.
/// </summary>
public sealed class VectorTileStore(NpgsqlDataSource dataSource)
{
    public const int Extent = 4096;
    public const int Buffer = 64;

    public static readonly IReadOnlyList<VectorTileLayer> Layers =
    [
        new("admin-areas", "admin_areas t", "t.code, t.name, t.level, t.parent_code", "t.level"),
        new("rivers", "rivers t", "t.code, t.name, t.level", "t.level"),
        new("segments", "segments t LEFT JOIN chiefs c ON c.id = t.chief_id",
            "t.code, t.river_code, t.level, t.area_code, t.chief_id, c.name AS chief_name, (t.chief_id IS NULL) AS vacant", "t.level"),
        new("outlets", "outlets t", "t.code, t.name, t.kind, t.scale, t.permit, t.river_code", null),
    ];

    public static VectorTileLayer? Find(string id) => Layers.FirstOrDefault(l => l.Id == id);

    /// <summary>The SQL of one tile: parameters $1 = z, $2 = x, $3 = y, $4 = level codes (text[]).</summary>
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

    /// <summary>The tile's bytes (empty when nothing is there).</summary>
    public async Task<byte[]> TileAsync(VectorTileLayer layer, int z, int x, int y, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Sql(layer));
        cmd.Parameters.AddWithValue(z);
        cmd.Parameters.AddWithValue(x);
        cmd.Parameters.AddWithValue(y);
        cmd.Parameters.AddWithValue(ZoomGeneralisation.LevelsAt(z).Select(l => l.ToCode()).ToArray());
        return await cmd.ExecuteScalarAsync(ct) as byte[] ?? [];
    }
}
