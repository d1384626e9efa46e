using System.Globalization;
using Npgsql;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Assessment;

/// <summary>The sanctions log's SQL (table sanctions, migration 0071): appended (with an audit entry), never edited.</summary>
public sealed class SanctionStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    public async Task<SanctionRecord> InsertAsync(SanctionKind kind, SanctionSubject subject, string code, string name, string[] areaCodes, DateOnly day,
        string reason, string decidedBy, DateTimeOffset at, Caller caller, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO sanctions (kind, subject_type, subject_code, subject_name, area_code, area_codes, on_day, reason, decided_by, recorded_at, recorded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
            """, connection, tx);
        foreach (var value in new object[] { kind.ToCode(), subject.ToCode(), code, name, areaCodes[0], areaCodes, day, reason, decidedBy, at.UtcDateTime, caller.Actor })
            cmd.Parameters.AddWithValue(value);
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var record = new SanctionRecord(id, kind, kind.ChineseLabel(), subject, code, name, areaCodes[0], day, reason, decidedBy, at, caller.Actor);
        await audit.AppendAsync(tx, caller, new AuditEntry("record", "sanction", id.ToString(CultureInfo.InvariantCulture), record, areaCodes), ct);
        await tx.CommitAsync(ct);
        return record;
    }

    /// <summary>Sanctions of an area's subtree (null: all) decided in [from, to].</summary>
    public async Task<List<SanctionRecord>> ListAsync(string? areaCode, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, kind, subject_type, subject_code, subject_name, area_code, on_day, reason, decided_by, recorded_at, recorded_by FROM sanctions
            WHERE ($1::text IS NULL OR area_codes @> ARRAY[$1::text]) AND on_day BETWEEN $2 AND $3 ORDER BY on_day, id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)areaCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        var list = new List<SanctionRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var kind = EnumCodes.Parse<SanctionKind>(r.GetString(1));
            list.Add(new SanctionRecord(r.GetInt64(0), kind, kind.ChineseLabel(), EnumCodes.Parse<SanctionSubject>(r.GetString(2)), r.GetString(3), r.GetString(4),
                r.GetString(5), r.GetFieldValue<DateOnly>(6), r.GetString(7), r.GetString(8), new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero), r.GetString(10)));
        }
        return list;
    }
}
