using Npgsql;

namespace RiverGis.Api.Datasets;

/// <summary>The datasets loaded (code, name, when, counts, lon/lat extent): what a client offers as "districts" to zoom to.</summary>
public static class DatasetEndpoints
{
    public static void MapDatasets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/datasets", List).WithTags("Service").WithName("Datasets");
    }

    private static async Task<IResult> List(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT d.code, d.name, d.imported_at,
                (SELECT count(*) FROM admin_areas WHERE dataset_code = d.code),
                (SELECT count(*) FROM chiefs WHERE dataset_code = d.code),
                (SELECT count(*) FROM rivers WHERE dataset_code = d.code),
                (SELECT count(*) FROM segments WHERE dataset_code = d.code),
                (SELECT count(*) FROM outlets WHERE dataset_code = d.code),
                (SELECT count(*) FROM patrol_tracks WHERE dataset_code = d.code),
                e.xmin, e.ymin, e.xmax, e.ymax
            FROM datasets d
            LEFT JOIN LATERAL (
                SELECT ST_XMin(x) xmin, ST_YMin(x) ymin, ST_XMax(x) xmax, ST_YMax(x) ymax
                FROM (SELECT ST_Extent(geom) x FROM (SELECT geom FROM admin_areas WHERE dataset_code = d.code
                                                    UNION ALL SELECT geom FROM rivers WHERE dataset_code = d.code) g) s) e ON true
            ORDER BY d.code
            """);
        var list = new List<object>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new
            {
                code = reader.GetString(0),
                name = reader.GetString(1),
                imported_at = new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero),
                counts = new
                {
                    admin_areas = reader.GetInt64(3), chiefs = reader.GetInt64(4), rivers = reader.GetInt64(5),
                    segments = reader.GetInt64(6), outlets = reader.GetInt64(7), patrol_tracks = reader.GetInt64(8),
                },
                bbox = reader.IsDBNull(9) ? null : new[] { reader.GetDouble(9), reader.GetDouble(10), reader.GetDouble(11), reader.GetDouble(12) },
            });
        }
        return Results.Json(list);
    }
}
