using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Store;
using RiverGis.Geo.Model;
using RiverGis.Geo.Roster;

namespace RiverGis.Api.Roster;

/// <summary>An appointment an office makes (任命), validated by <see cref="RosterService"/>.</summary>
public sealed record NewAppointment(string ChiefId, string ChiefName, string? Post, ChiefDuty Duty, string AreaCode, string? SegmentCode, DateOnly AppointedOn, string? Note);

/// <summary>The roster's SQL (table appointments, migration 0070): reads, and the office's edits.</summary>
public sealed class RosterStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    private const string Columns = "id, chief_id, chief_name, post, duty, area_code, segment_code, appointed_on, ended_on";

    public async Task<List<Appointment>> AllAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM appointments ORDER BY id");
        return await ReadAllAsync(cmd, ct);
    }

    public async Task<Appointment?> GetAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM appointments WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadAllAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>
    /// Stores an appointment in one transaction. A new 河长 ends the segment's open 河长 appointment on the day the new
    /// one starts and becomes the segment's chief_id (routing answers with today's holder); the data version is bumped.
    /// Returns the new appointment and the one it replaced; a replaced appointment that started after the new one is a
    /// conflict (null, with the blocking appointment).
    /// </summary>
    public async Task<(Appointment? Created, Appointment? Replaced, Appointment? Blocking)> AppointAsync(NewAppointment a, Caller caller, IReadOnlyList<string> areaCodes,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        Appointment? replaced = null;
        if (a.Duty.IsExclusive())
        {
            await using var open = new NpgsqlCommand($"SELECT {Columns} FROM appointments WHERE segment_code = $1 AND duty = $2 AND ended_on IS NULL FOR UPDATE", connection, tx);
            open.Parameters.AddWithValue(a.SegmentCode!);
            open.Parameters.AddWithValue(a.Duty.ToCode());
            replaced = (await ReadAllAsync(open, ct)).FirstOrDefault();
            if (replaced is { AppointedOn: { } since } && since > a.AppointedOn) return (null, null, replaced);
            if (replaced is not null) await EndAsync(connection, tx, replaced.Id, a.AppointedOn, a.Note, ct);
        }
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO appointments (chief_id, chief_name, post, duty, area_code, segment_code, appointed_on, origin, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'edit', $8) RETURNING id
            """, connection, tx))
        {
            insert.Parameters.AddWithValue(a.ChiefId);
            insert.Parameters.AddWithValue(a.ChiefName);
            insert.Parameters.Add(Text(a.Post));
            insert.Parameters.AddWithValue(a.Duty.ToCode());
            insert.Parameters.AddWithValue(a.AreaCode);
            insert.Parameters.Add(Text(a.SegmentCode));
            insert.Parameters.AddWithValue(a.AppointedOn);
            insert.Parameters.Add(Text(a.Note));
            id = (long)(await insert.ExecuteScalarAsync(ct))!;
        }
        if (a.Duty.IsExclusive()) await SetSegmentChiefAsync(connection, tx, a.SegmentCode!, a.ChiefId, ct);
        await audit.AppendAsync(tx, caller, new AuditEntry("appoint", "appointment", id.ToString(CultureInfo.InvariantCulture),
            new { a.ChiefId, a.Duty, a.SegmentCode, a.AreaCode, a.AppointedOn, a.Note, replaced = replaced?.Id }, areaCodes), ct);
        await DataVersion.BumpAsync(connection, ct);
        await tx.CommitAsync(ct);
        return (await GetAsync(id, ct), replaced is null ? null : await GetAsync(replaced.Id, ct), null);
    }

    /// <summary>Ends an open appointment (免职); a 河长 leaving leaves the segment vacant (chief_id NULL). Null when the id is unknown.</summary>
    public async Task<Appointment?> EndAsync(long id, DateOnly endedOn, string? note, Caller caller, IReadOnlyList<string> areaCodes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var ended = await EndAsync(connection, tx, id, endedOn, note, ct);
        if (ended is null) return null;
        if (ended.Duty.IsExclusive()) await SetSegmentChiefAsync(connection, tx, ended.SegmentCode!, null, ct, onlyIf: ended.ChiefId);
        await audit.AppendAsync(tx, caller, new AuditEntry("end", "appointment", id.ToString(CultureInfo.InvariantCulture),
            new { ended_on = endedOn, note }, areaCodes), ct);
        await DataVersion.BumpAsync(connection, ct);
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    private static async Task<Appointment?> EndAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, DateOnly endedOn, string? note, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            UPDATE appointments SET ended_on = $2, note = coalesce($3, note) WHERE id = $1 AND ended_on IS NULL RETURNING {Columns}
            """, connection, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(endedOn);
        cmd.Parameters.Add(Text(note));
        return (await ReadAllAsync(cmd, ct)).FirstOrDefault();
    }

    private static async Task SetSegmentChiefAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string segment, string? chiefId, CancellationToken ct, string? onlyIf = null)
    {
        await using var cmd = new NpgsqlCommand("UPDATE segments SET chief_id = $2 WHERE code = $1 AND ($3::text IS NULL OR chief_id = $3)", connection, tx);
        cmd.Parameters.AddWithValue(segment);
        cmd.Parameters.Add(Text(chiefId));
        cmd.Parameters.Add(Text(onlyIf));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static async Task<List<Appointment>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<Appointment>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new Appointment(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), EnumCodes.Parse<ChiefDuty>(r.GetString(4)),
                r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8)));
        }
        return list;
    }
}
