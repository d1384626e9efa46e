using Npgsql;

namespace RiverGis.Api.Datasets;

/// <summary>A loaded dataset as stored: identity, import time, row counts per table and the lon/lat extent of its areas and rivers.</summary>
public sealed record StoredDataset(string Code, string Name, DateTimeOffset ImportedAt, long AdminAreas, long Chiefs, long Rivers, long Segments,
    long Outlets, long PatrolTracks, double? XMin, double? YMin, double? XMax, double? YMax);

/// <summary>The datasets table and what each dataset holds.</summary>
public sealed class DatasetStore(NpgsqlDataSource dataSource)
{
    public async Task<List<StoredDataset>> ListAsync(CancellationToken ct)
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
        var list = new List<StoredDataset>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            double? D(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
            list.Add(new StoredDataset(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8),
                D(9), D(10), D(11), D(12)));
        }
        return list;
    }
}
