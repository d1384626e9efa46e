using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Photos;

/// <summary>A stored photo: what it shows, who uploaded it, what it belongs to (table photos; the bytes are in the blob store).</summary>
public sealed record PhotoRow(long Id, string Sha256, string ContentType, int Bytes, DateTimeOffset? TakenAt, double? Lon, double? Lat,
    string? ChiefId, string UploadedBy, DateTimeOffset UploadedAt, long? PatrolId, long? IssueId)
{
    public PhotoFacts Facts => new(TakenAt, Lon, Lat);
}

/// <summary>The photos' metadata in PostGIS.</summary>
public sealed class PhotoStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    private const string Columns = "id, sha256, content_type, bytes, taken_at, lon, lat, chief_id, uploaded_by, uploaded_at, patrol_id, issue_id";

    /// <summary>Stores a photo's row and its audit entry (for the offices of <paramref name="areaCodes"/>) in one transaction.</summary>
    public async Task<PhotoRow> InsertAsync(PhotoRow photo, Caller caller, IReadOnlyList<string> areaCodes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO photos (sha256, content_type, bytes, taken_at, lon, lat, chief_id, uploaded_by, uploaded_at, patrol_id, issue_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {Columns}
            """, connection, tx);
        cmd.Parameters.AddWithValue(photo.Sha256);
        cmd.Parameters.AddWithValue(photo.ContentType);
        cmd.Parameters.AddWithValue(photo.Bytes);
        cmd.Parameters.Add(Nullable(photo.TakenAt?.UtcDateTime, NpgsqlDbType.TimestampTz));
        cmd.Parameters.Add(Nullable(photo.Lon, NpgsqlDbType.Double));
        cmd.Parameters.Add(Nullable(photo.Lat, NpgsqlDbType.Double));
        cmd.Parameters.Add(Nullable(photo.ChiefId, NpgsqlDbType.Text));
        cmd.Parameters.AddWithValue(photo.UploadedBy);
        cmd.Parameters.AddWithValue(photo.UploadedAt.UtcDateTime);
        cmd.Parameters.Add(Nullable(photo.PatrolId, NpgsqlDbType.Bigint));
        cmd.Parameters.Add(Nullable(photo.IssueId, NpgsqlDbType.Bigint));
        PhotoRow row;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            row = Read(reader);
        }
        await audit.AppendAsync(tx, caller, new AuditEntry("upload", "photo", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { sha256 = row.Sha256, bytes = row.Bytes, patrol_id = row.PatrolId, issue_id = row.IssueId }, areaCodes), ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>An earlier upload of the same bytes by the same uploader for the same patrol or issue (a retry).</summary>
    public async Task<PhotoRow?> FindSameAsync(string sha256, string uploadedBy, long? patrolId, long? issueId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM photos WHERE sha256 = $1 AND uploaded_by = $2
              AND patrol_id IS NOT DISTINCT FROM $3 AND issue_id IS NOT DISTINCT FROM $4 ORDER BY id LIMIT 1
            """);
        cmd.Parameters.AddWithValue(sha256);
        cmd.Parameters.AddWithValue(uploadedBy);
        cmd.Parameters.Add(Nullable(patrolId, NpgsqlDbType.Bigint));
        cmd.Parameters.Add(Nullable(issueId, NpgsqlDbType.Bigint));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<PhotoRow?> GetAsync(long id, CancellationToken ct) => (await ListAsync("id = $1", id, ct)).FirstOrDefault();

    public async Task<List<PhotoRow>> GetManyAsync(long[] ids, CancellationToken ct) => await ListAsync("id = ANY($1)", ids, ct);

    /// <summary>The photos of the given patrols, by patrol.</summary>
    public async Task<ILookup<long, PhotoRow>> ForPatrolsAsync(IReadOnlyList<long> patrolIds, CancellationToken ct) =>
        patrolIds.Count == 0 ? Array.Empty<PhotoRow>().ToLookup(p => 0L)
            : (await ListAsync("patrol_id = ANY($1)", patrolIds.ToArray(), ct)).ToLookup(p => p.PatrolId!.Value);

    private async Task<List<PhotoRow>> ListAsync(string where, object value, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM photos WHERE {where} ORDER BY id");
        cmd.Parameters.AddWithValue(value);
        var list = new List<PhotoRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static PhotoRow Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3),
        r.IsDBNull(4) ? null : new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero), r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero),
        r.IsDBNull(10) ? null : r.GetInt64(10), r.IsDBNull(11) ? null : r.GetInt64(11));
}
