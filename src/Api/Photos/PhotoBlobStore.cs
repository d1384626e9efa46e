using Npgsql;

namespace RiverGis.Api.Photos;

/// <summary>
/// Where photo bytes live, addressed by their SHA-256 (identical uploads are stored once). PostgreSQL by default
/// (<see cref="PostgresPhotoBlobStore"/>); an S3-compatible object store can replace it behind this interface (key =
/// the hash, PUT if absent, GET), nothing else in the service depends on where the bytes are.
/// </summary>
public interface IPhotoBlobStore
{
    Task PutAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken ct);

    Task<byte[]?> GetAsync(string sha256, CancellationToken ct);
}

/// <summary>Photo bytes in the photo_blobs table (bytea, TOAST-compressed out of line).</summary>
public sealed class PostgresPhotoBlobStore(NpgsqlDataSource dataSource) : IPhotoBlobStore
{
    public async Task PutAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("INSERT INTO photo_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING");
        cmd.Parameters.AddWithValue(sha256);
        cmd.Parameters.AddWithValue(content.ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT content FROM photo_blobs WHERE sha256 = $1");
        cmd.Parameters.AddWithValue(sha256);
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }
}
