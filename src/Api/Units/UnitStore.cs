using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Units;

/// <summary>A unit as stored: the dataset that brought it (null: created by an office) and the day it was retired.</summary>
public sealed record StoredUnit(string Code, string Name, UnitKind Kind, string AreaCode, string? Phone, string? DatasetCode, DateOnly? RetiredOn)
{
    public Unit ToUnit() => new(Code, Name, Kind, AreaCode, Phone);
}

/// <summary>The units' SQL (table units, migration 0070).</summary>
public sealed class UnitStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    private const string Columns = "code, name, kind, area_code, phone, dataset_code, retired_on";

    public async Task<List<StoredUnit>> ListAsync(bool includeRetired, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM units WHERE $1 OR retired_on IS NULL ORDER BY area_code, code");
        cmd.Parameters.AddWithValue(includeRetired);
        return await ReadAllAsync(cmd, ct);
    }

    public async Task<StoredUnit?> GetAsync(string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM units WHERE code = $1");
        cmd.Parameters.AddWithValue(code);
        return (await ReadAllAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>Stores a new unit with its audit entry; false when the code is taken (nothing stored).</summary>
    public Task<bool> InsertAsync(Unit unit, Caller caller, IReadOnlyList<string> areaCodes, CancellationToken ct) =>
        WriteAsync("INSERT INTO units (code, name, kind, area_code, phone) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING",
            cmd => AddFields(cmd, unit), caller, new AuditEntry("create", "unit", unit.Code, unit, areaCodes), ct);

    /// <summary>Updates a unit's fields (a retired unit is active again) with its audit entry; false when unknown.</summary>
    public Task<bool> UpdateAsync(Unit unit, Caller caller, IReadOnlyList<string> areaCodes, CancellationToken ct) =>
        WriteAsync("UPDATE units SET name = $2, kind = $3, area_code = $4, phone = $5, retired_on = NULL, updated_at = now() WHERE code = $1",
            cmd => AddFields(cmd, unit), caller, new AuditEntry("update", "unit", unit.Code, unit, areaCodes), ct);

    /// <summary>Retires a unit (kept for what names it) with its audit entry; false when unknown or retired already.</summary>
    public Task<bool> RetireAsync(string code, DateOnly day, Caller caller, IReadOnlyList<string> areaCodes, CancellationToken ct) =>
        WriteAsync("UPDATE units SET retired_on = $2, updated_at = now() WHERE code = $1 AND retired_on IS NULL", cmd =>
        {
            cmd.Parameters.AddWithValue(code);
            cmd.Parameters.AddWithValue(day);
        }, caller, new AuditEntry("retire", "unit", code, new { retired_on = day }, areaCodes), ct);

    /// <summary>One write of one row and its audit entry in a transaction; false (and nothing stored) when no row changed.</summary>
    private async Task<bool> WriteAsync(string sql, Action<NpgsqlCommand> parameters, Caller caller, AuditEntry entry, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        parameters(cmd);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        await audit.AppendAsync(tx, caller, entry, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static void AddFields(NpgsqlCommand cmd, Unit unit)
    {
        cmd.Parameters.AddWithValue(unit.Code);
        cmd.Parameters.AddWithValue(unit.Name);
        cmd.Parameters.AddWithValue(unit.Kind.ToCode());
        cmd.Parameters.AddWithValue(unit.AreaCode);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)unit.Phone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private static async Task<List<StoredUnit>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<StoredUnit>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredUnit(r.GetString(0), r.GetString(1), EnumCodes.Parse<UnitKind>(r.GetString(2)), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6)));
        }
        return list;
    }
}
