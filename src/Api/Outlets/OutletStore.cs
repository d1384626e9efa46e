using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Water;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Outlets;

/// <summary>All SQL of the outlets' lifecycle: status and approval changes (bumping the data version), monitoring records.</summary>
public sealed class OutletStore(NpgsqlDataSource dataSource, WaterStore water)
{
    /// <summary>Changes an outlet in the caller's scope (false when there is none there), audited; the snapshot holds the status, so the data version moves.</summary>
    public Task<bool> ChangeAsync(string code, OutletStatus? status, DateOnly? approvedOn, string? approvalNo, Caller caller, string[] auditAreas,
        CancellationToken ct) =>
        water.ChangeAsync($"""
            UPDATE outlets SET status = coalesce($2::text, status),
                approved_on = coalesce($3::date, approved_on), approval_no = coalesce($4::text, approval_no),
                permit = CASE WHEN $3::date IS NULL THEN permit ELSE 'approved' END
            WHERE code = $1 AND {WaterScope.Outlets("$5")}
            """, caller, new AuditEntry("update", "outlet", code, new { status, approved_on = approvedOn, approval_no = approvalNo }, auditAreas), true, ct,
            code, status?.ToCode(), approvedOn is { } d ? d : null, approvalNo, WaterScope.AreaOf(caller));

    /// <summary>Whether the outlet exists in the caller's scope.</summary>
    public async Task<bool> InScopeAsync(string code, Caller caller, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM outlets WHERE code = $1 AND {WaterScope.Outlets("$2")})");
        cmd.Parameters.AddWithValue(code);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)WaterScope.AreaOf(caller) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Stores a monitoring record of an outlet in the caller's scope, audited; false when it already has one at that time (or is out of scope).</summary>
    public Task<bool> InsertMonitoringAsync(WaterSample record, Caller caller, string[] auditAreas, CancellationToken ct) =>
        water.ChangeAsync($"""
            INSERT INTO outlet_monitoring (outlet_code, sampled_at, factors, source)
            SELECT $1, $2, $3::jsonb, 'api' FROM outlets WHERE code = $1 AND {WaterScope.Outlets("$4")}
            ON CONFLICT (outlet_code, sampled_at) DO NOTHING
            """, caller, new AuditEntry("create", "outlet_monitoring", record.SiteCode, new { sampled_at = record.SampledAt }, auditAreas), false, ct,
            record.SiteCode, record.SampledAt.UtcDateTime, FactorJson.Serialize(record.Values), WaterScope.AreaOf(caller));

    /// <summary>Outlets with at least one monitoring record in [from, to).</summary>
    public async Task<HashSet<string>> MonitoredAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT DISTINCT outlet_code FROM outlet_monitoring WHERE sampled_at >= $1 AND sampled_at < $2");
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) set.Add(reader.GetString(0));
        return set;
    }

    public async Task<(OutletStatus Status, PermitStatus Permit, DateOnly? ApprovedOn, string? ApprovalNo)?> LifecycleAsync(string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT status, permit, approved_on, approval_no FROM outlets WHERE code = $1");
        cmd.Parameters.AddWithValue(code);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (EnumCodes.Parse<OutletStatus>(reader.GetString(0)), EnumCodes.Parse<PermitStatus>(reader.GetString(1)),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
