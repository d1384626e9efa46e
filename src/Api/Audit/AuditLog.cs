using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Http;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Audit;

/// <summary>
/// One change as the audit log keeps it: what was done (<paramref name="Action"/>, e.g. <c>transition</c>), to which
/// resource, a compact JSON of the change, and the resource's area with its ancestors (so an office reads the entries
/// of its subtree; none for resources without an area, such as users).
/// </summary>
public sealed record AuditEntry(string Action, string ResourceType, string? ResourceId, object? Change = null, IReadOnlyList<string>? AreaCodes = null);

/// <summary>
/// Appends to the audit log (table audit_log, append-only by trigger) inside the transaction of the change it records,
/// so a change and its entry are stored together or not at all. Every write of every store goes through here:
/// <c>await audit.AppendAsync(tx, caller, new AuditEntry("transition", "issue", id, change, areaCodes), ct);</c>
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    public async Task AppendAsync(NpgsqlTransaction tx, Caller caller, AuditEntry entry, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO audit_log (at, username, role, action, resource_type, resource_id, area_codes, change, client_address)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
            """, tx.Connection, tx);
        const NpgsqlDbType text = NpgsqlDbType.Text;
        (object? Value, NpgsqlDbType Type)[] values =
        [
            (clock.GetUtcNow().UtcDateTime, NpgsqlDbType.TimestampTz), (caller.Username, text), (caller.Role.ToCode(), text),
            (entry.Action, text), (entry.ResourceType, text), (entry.ResourceId, text),
            (entry.AreaCodes?.ToArray() ?? [], NpgsqlDbType.Array | text),
            (JsonSerializer.Serialize(entry.Change ?? new { }, ApiJson.Options), text), (caller.ClientAddress, text),
        ];
        foreach (var (value, type) in values) cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
