using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Audit;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>A user of RiverGis's own sign-in (table users).</summary>
public sealed record UserAccount(long Id, string Username, string? DisplayName, string PasswordHash, Role Role, string? AreaCode, string? ChiefId,
    bool Disabled, int FailedAttempts, DateTimeOffset? LockedUntil, string SecurityStamp, DateTimeOffset CreatedAt);

/// <summary>A user to create: the password is already hashed.</summary>
public sealed record NewUser(string Username, string? DisplayName, string PasswordHash, Role Role, string? AreaCode, string? ChiefId);

/// <summary>All SQL of the accounts: users, their lockout counters, and the audit entries of every change to them.</summary>
public sealed class UserStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    private const string Columns = "id, username, display_name, password_hash, role, area_code, chief_id, disabled, failed_attempts, locked_until, security_stamp, created_at";

    public async Task<UserAccount?> FindAsync(string username, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE lower(username) = lower($1)");
        cmd.Parameters.AddWithValue(username);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<List<UserAccount>> ListAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM users ORDER BY lower(username)");
        var list = new List<UserAccount>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM users");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Creates a user; null when the name is taken (in any case).</summary>
    public async Task<UserAccount?> CreateAsync(NewUser user, Caller caller, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO users (username, display_name, password_hash, role, area_code, chief_id, security_stamp)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING
            RETURNING {Columns}
            """, connection, tx);
        foreach (var value in new object?[] { user.Username, user.DisplayName, user.PasswordHash, user.Role.ToCode(), user.AreaCode, user.ChiefId, NewStamp() })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        UserAccount? created;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            created = await reader.ReadAsync(ct) ? Read(reader) : null;
        }
        if (created is null) return null;
        await audit.AppendAsync(tx, caller, new AuditEntry("create", "user", created.Username,
            new { role = created.Role, area_code = created.AreaCode, chief_id = created.ChiefId }), ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>Disables or enables a user (a new security stamp: the user's tokens stop working); false when there is no such user.</summary>
    public Task<bool> SetDisabledAsync(string username, bool disabled, Caller caller, CancellationToken ct) =>
        UpdateAsync(username, "disabled = $2, failed_attempts = 0, locked_until = NULL", disabled,
            new AuditEntry(disabled ? "disable" : "enable", "user", username), caller, ct);

    /// <summary>Sets a new password hash (a new security stamp: tokens issued before stop working).</summary>
    public Task<bool> SetPasswordAsync(string username, string passwordHash, Caller caller, CancellationToken ct) =>
        UpdateAsync(username, "password_hash = $2, failed_attempts = 0, locked_until = NULL", passwordHash,
            new AuditEntry("set_password", "user", username), caller, ct);

    private async Task<bool> UpdateAsync(string username, string set, object value, AuditEntry entry, Caller caller, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand($"UPDATE users SET {set}, security_stamp = $3 WHERE lower(username) = lower($1) RETURNING username", connection, tx);
        cmd.Parameters.AddWithValue(username);
        cmd.Parameters.AddWithValue(value);
        cmd.Parameters.AddWithValue(NewStamp());
        if (await cmd.ExecuteScalarAsync(ct) is not string stored) return false;
        await audit.AppendAsync(tx, caller, entry with { ResourceId = stored }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Counts a failed sign-in; at <paramref name="maxAttempts"/> failures in a row the account is locked until
    /// <paramref name="lockedUntil"/> (and the counter starts again). Returns whether this failure locked it.
    /// </summary>
    public async Task<bool> RecordFailureAsync(long id, int maxAttempts, DateTimeOffset lockedUntil, Caller caller, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE users SET
                locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END,
                failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END
            WHERE id = $1
            RETURNING username, locked_until = $3
            """, connection, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(maxAttempts);
        cmd.Parameters.AddWithValue(lockedUntil.UtcDateTime);
        string? username = null;
        var locked = false;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                username = reader.GetString(0);
                locked = !reader.IsDBNull(1) && reader.GetBoolean(1);
            }
        }
        if (locked) await audit.AppendAsync(tx, caller, new AuditEntry("lockout", "user", username, new { locked_until = lockedUntil }), ct);
        await tx.CommitAsync(ct);
        return locked;
    }

    /// <summary>A successful sign-in clears the failure counter.</summary>
    public async Task RecordSuccessAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1 AND (failed_attempts > 0 OR locked_until IS NOT NULL)");
        cmd.Parameters.AddWithValue(id);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The security stamp of an enabled user (null: no such user, or disabled): tokens must carry it.</summary>
    public async Task<string?> ActiveStampAsync(string username, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT security_stamp FROM users WHERE lower(username) = lower($1) AND NOT disabled");
        cmd.Parameters.AddWithValue(username);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>A township with a chief holding one of its township segments, with its county (for the demo accounts); null when there is none.</summary>
    public async Task<(string CountyCode, string CountyName, string TownshipCode, string TownshipName, string ChiefId, string ChiefName)?> DemoScopeAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT c.code, c.name, t.code, t.name, ch.id, ch.name
            FROM admin_areas t JOIN admin_areas c ON c.code = t.parent_code AND c.level = 'county'
            JOIN segments s ON s.area_code = t.code AND s.level = 'township' JOIN chiefs ch ON ch.id = s.chief_id
            WHERE t.level = 'township'
            ORDER BY (t.dataset_code = 'jinkouhe') DESC, t.code, ch.id LIMIT 1
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
    }

    public Task<bool> AreaExistsAsync(string code, CancellationToken ct) => ExistsAsync("SELECT EXISTS (SELECT 1 FROM admin_areas WHERE code = $1)", code, ct);

    public Task<bool> ChiefExistsAsync(string id, CancellationToken ct) => ExistsAsync("SELECT EXISTS (SELECT 1 FROM chiefs WHERE id = $1)", id, ct);

    private async Task<bool> ExistsAsync(string sql, string value, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(value);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static UserAccount Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), EnumCodes.Parse<Role>(r.GetString(4)),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetBoolean(7), r.GetInt32(8),
        r.IsDBNull(9) ? null : new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero), r.GetString(10), new DateTimeOffset(r.GetDateTime(11), TimeSpan.Zero));
}
