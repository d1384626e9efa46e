using System.Security.Cryptography;
using Npgsql;
using RiverGis.Api.Http;

namespace RiverGis.Api.Idempotency;

/// <summary>
/// A client's Idempotency-Key for one kind of write (<see cref="Scope"/>: "issues"; later patrol uploads, water
/// samples), with the hash of the request it came with, so a retry (same body) is told from a reuse (another body).
/// </summary>
public sealed record IdempotencyKey(string Scope, string Key, string RequestHash)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>The key of a request (null without the header), or the problem with the header.</summary>
    public static (IdempotencyKey? Key, ProblemItem? Error) Of(string scope, string? header, ReadOnlySpan<byte> requestBytes)
    {
        if (string.IsNullOrWhiteSpace(header)) return (null, null);
        var key = header.Trim();
        if (key.Length > MaxLength) return (null, new ProblemItem(Header, $"longer than {MaxLength} characters"));
        return (new IdempotencyKey(scope, key, Convert.ToHexString(SHA256.HashData(requestBytes))), null);
    }
}

/// <summary>What became of an idempotent write.</summary>
public enum IdempotentResult
{
    /// <summary>Written now: the resource is new.</summary>
    Created,
    /// <summary>The key was used before with the same request: the earlier resource is the answer (nothing written).</summary>
    Replayed,
    /// <summary>The key was used before with another request: refused (422), nothing written.</summary>
    KeyReused,
}

public sealed record IdempotentOutcome(IdempotentResult Result, long ResourceId);

/// <summary>
/// Writes at most once per Idempotency-Key: the key is claimed (a row of idempotency_keys) in the same transaction that
/// writes the resource. A concurrent request with the same key waits on the claim until the first commits or rolls
/// back, then sees it — so two racing requests store one resource, and the loser is answered by comparing request
/// hashes (same body: replay; another: 422), never with the other client's resource. A write that failed (e.g. the
/// database went away) leaves no claim, so the retry after recovery writes exactly once.
/// </summary>
public sealed class IdempotentWrites(NpgsqlDataSource primary)
{
    /// <summary>What an earlier request with this key produced, or null when the key is new (a fast path before expensive work).</summary>
    public async Task<IdempotentOutcome?> LookupAsync(IdempotencyKey key, CancellationToken ct)
    {
        await using var connection = await primary.OpenConnectionAsync(ct);
        return await FindAsync(connection, null, key, ct);
    }

    /// <summary>Runs <paramref name="write"/> (which returns the new resource's id) in a transaction that claims <paramref name="key"/>.</summary>
    public async Task<IdempotentOutcome> WriteOnceAsync(IdempotencyKey? key,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<long>> write, CancellationToken ct)
    {
        await using var connection = await primary.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (key is not null)
        {
            await using var claim = new NpgsqlCommand(
                "INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING true", connection, tx);
            claim.Parameters.AddWithValue(key.Scope);
            claim.Parameters.AddWithValue(key.Key);
            claim.Parameters.AddWithValue(key.RequestHash);
            if (await claim.ExecuteScalarAsync(ct) is null)
            {
                // Claimed by an earlier (now committed) request: its outcome is visible to this new statement.
                var earlier = await FindAsync(connection, tx, key, ct) ?? throw new InvalidOperationException($"idempotency key '{key.Key}' claimed but not found");
                await tx.RollbackAsync(ct);
                return earlier;
            }
        }
        var id = await write(connection, tx, ct);
        if (key is not null)
        {
            await using var link = new NpgsqlCommand("UPDATE idempotency_keys SET resource_id = $3 WHERE scope = $1 AND key = $2", connection, tx);
            link.Parameters.AddWithValue(key.Scope);
            link.Parameters.AddWithValue(key.Key);
            link.Parameters.AddWithValue(id);
            await link.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new IdempotentOutcome(IdempotentResult.Created, id);
    }

    private static async Task<IdempotentOutcome?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IdempotencyKey key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT request_hash, resource_id FROM idempotency_keys WHERE scope = $1 AND key = $2", connection, tx);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.Key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var id = reader.IsDBNull(1) ? -1 : reader.GetInt64(1);
        return new IdempotentOutcome(reader.GetString(0) == key.RequestHash ? IdempotentResult.Replayed : IdempotentResult.KeyReused, id);
    }
}
