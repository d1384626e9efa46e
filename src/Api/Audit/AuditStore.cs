using System.Text.Json;
using Npgsql;
using RiverGis.Api.Accounts;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Audit;

/// <summary>One audit entry as GET /api/audit shows it.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, string? Username, Role Role, string Action, string ResourceType, string? ResourceId,
    IReadOnlyList<string> AreaCodes, JsonElement Change, string? ClientAddress);

/// <summary>Filters of the audit log.</summary>
public sealed record AuditFilter(string? ResourceType, string? ResourceId, string? Username, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>One page of the audit log and how many entries match.</summary>
public sealed record AuditPage(List<AuditRecord> Entries, long NumberMatched);

/// <summary>Reads the audit log in the caller's scope: an office the entries of resources in its area's subtree, an administrator all.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    public async Task<AuditPage> PageAsync(AuditFilter filter, Caller caller, int limit, int offset, CancellationToken ct)
    {
        var where = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        string P(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + parameters.Count;
        }
        // Scope in SQL: an office sees its subtree; nobody but an administrator sees entries without an area.
        if (caller.Role != Role.Admin) where.Add(caller.Role == Role.Office && caller.AreaCode is { } area ? $"area_codes @> ARRAY[{P(area)}]::text[]" : "false");
        if (filter.ResourceType is { } type) where.Add($"resource_type = {P(type)}");
        if (filter.ResourceId is { } id) where.Add($"resource_id = {P(id)}");
        if (filter.Username is { } user) where.Add($"lower(username) = lower({P(user)})");
        if (filter.From is { } from) where.Add($"at >= {P(from.UtcDateTime)}");
        if (filter.To is { } to) where.Add($"at <= {P(to.UtcDateTime)}");
        var sql = where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        long matched;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM audit_log {sql}", connection, tx))
        {
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            matched = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        await using var page = new NpgsqlCommand($"""
            SELECT id, at, username, role, action, resource_type, resource_id, area_codes, change::text, client_address
            FROM audit_log {sql} ORDER BY at DESC, id DESC LIMIT {P(limit)} OFFSET {P(offset)}
            """, connection, tx);
        page.Parameters.AddRange(parameters.ToArray());
        var entries = new List<AuditRecord>();
        await using (var reader = await page.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                using var change = JsonDocument.Parse(reader.GetString(8));
                entries.Add(new AuditRecord(reader.GetInt64(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.IsDBNull(2) ? null : reader.GetString(2),
                    EnumCodes.Parse<Role>(reader.GetString(3)), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetFieldValue<string[]>(7), change.RootElement.Clone(), reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }
        await tx.CommitAsync(ct);
        return new AuditPage(entries, matched);
    }
}
