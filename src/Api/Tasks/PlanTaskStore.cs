using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Geo.Model;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Tasks;

/// <summary>Filters of the plan item list.</summary>
public sealed record PlanTaskFilter(int? Year = null, PlanList? List = null, string? AreaCode = null, string? RiverCode = null, string? UnitCode = null,
    PlanTaskStatus? Status = null);

/// <summary>The plan items' SQL (tables plan_tasks and plan_task_progress, migration 0071).</summary>
public sealed class PlanTaskStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    private const string Columns = """
        id, code, title, list, river_code, segment_code, area_code, lead_unit_code, cooperating_units, chief_id, year, created_on, deadline,
        target, target_value, target_unit, water_class, section_code, progress, status, completed_on, updated_at
        """;

    /// <summary>One item as <paramref name="caller"/> may see it (null: unknown or out of scope, the same answer); a null caller is the service itself.</summary>
    public async Task<PlanTaskRow?> GetAsync(long id, Caller? caller, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand();
        cmd.Parameters.AddWithValue(id);
        var scope = caller is null ? null : AreaScope.Sql(caller, "area_codes", v => Add(cmd, v), "chief_id");
        cmd.CommandText = $"SELECT {Columns} FROM plan_tasks WHERE id = $1{(scope is null ? "" : " AND " + scope)}";
        return (await ReadAllAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>The items of the filter in <paramref name="caller"/>'s scope (an office its subtree, a chief the items naming it); a null caller: all.</summary>
    public async Task<List<PlanTaskRow>> ListAsync(PlanTaskFilter filter, Caller? caller, CancellationToken ct)
    {
        var where = new List<string>();
        await using var cmd = dataSource.CreateCommand();
        string P(object value) => Add(cmd, value);
        if (caller is not null && AreaScope.Sql(caller, "area_codes", P, "chief_id") is { } scope) where.Add(scope);
        if (filter.Year is { } year) where.Add($"year = {P(year)}");
        if (filter.List is { } list) where.Add($"list = {P(list.ToCode())}");
        if (filter.AreaCode is { } area) where.Add($"area_codes @> ARRAY[{P(area)}]::text[]");
        if (filter.RiverCode is { } river) where.Add($"river_code = {P(river)}");
        if (filter.UnitCode is { } unit) where.Add($"(lead_unit_code = {P(unit)} OR cooperating_units @> ARRAY[{P(unit)}]::text[])");
        if (filter.Status is { } status) where.Add($"status = {P(status.ToCode())}");
        cmd.CommandText = $"SELECT {Columns} FROM plan_tasks {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY deadline, id";
        return await ReadAllAsync(cmd, ct);
    }

    private static string Add(NpgsqlCommand cmd, object value)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + cmd.Parameters.Count;
    }

    public async Task<List<ProgressNote>> NotesAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT at, progress, cancelled, note, actor FROM plan_task_progress WHERE task_id = $1 ORDER BY at, id");
        cmd.Parameters.AddWithValue(id);
        var list = new List<ProgressNote>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ProgressNote(new DateTimeOffset(r.GetDateTime(0), TimeSpan.Zero), r.GetInt32(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)));
        return list;
    }

    /// <summary>
    /// Stores items in one transaction (all or nothing): an item whose code exists is updated, any other inserted; each
    /// gets a progress note when created or when its progress changed. Returns the ids and whether each was created.
    /// </summary>
    public async Task<List<(long Id, bool Created)>> SaveAsync(IReadOnlyList<(long? Id, PlanTaskRecord Record)> items, DateTimeOffset now, Caller caller, string? note,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var saved = new List<(long, bool)>();
        foreach (var (id, record) in items)
        {
            var existing = id ?? (record.Code is null ? null : await IdOfCodeAsync(connection, tx, record.Code, ct));
            var previous = existing is { } e ? await ProgressOfAsync(connection, tx, e, ct) : (int?)null;
            var newId = existing is { } known ? await UpdateAsync(connection, tx, known, record, now, ct) : await InsertAsync(connection, tx, record, now, ct);
            if (previous != record.Progress) await AddNoteAsync(connection, tx, newId, now, record.Progress, false, note ?? (previous is null ? "创建" : "更新"), caller.Actor, ct);
            await audit.AppendAsync(tx, caller, new AuditEntry(existing is null ? "create" : "update", "plan_task", newId.ToString(CultureInfo.InvariantCulture),
                record with { AreaCodes = [] }, record.AreaCodes), ct);
            saved.Add((newId, existing is null));
        }
        await tx.CommitAsync(ct);
        return saved;
    }

    /// <summary>Appends a progress note and sets the item's progress and status; null when the id is unknown.</summary>
    public async Task<PlanTaskRow?> ProgressAsync(long id, int progress, bool cancelled, string? note, Caller caller, IReadOnlyList<string> areaCodes, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var status = PlanTasks.StatusOf(progress, cancelled);
        await using (var cmd = new NpgsqlCommand("""
            UPDATE plan_tasks SET progress = $2, status = $3, updated_at = $4,
                completed_on = CASE WHEN $3 = 'done' THEN coalesce(completed_on, $5) ELSE NULL END
            WHERE id = $1
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(progress);
            cmd.Parameters.AddWithValue(status.ToCode());
            cmd.Parameters.AddWithValue(now.UtcDateTime);
            cmd.Parameters.AddWithValue(Geo.Calendar.OfficePeriod.DayOf(now));
            if (await cmd.ExecuteNonQueryAsync(ct) == 0) return null;
        }
        await AddNoteAsync(connection, tx, id, now, progress, cancelled, note, caller.Actor, ct);
        await audit.AppendAsync(tx, caller, new AuditEntry("progress", "plan_task", id.ToString(CultureInfo.InvariantCulture), new { progress, cancelled, note }, areaCodes), ct);
        await tx.CommitAsync(ct);
        return await GetAsync(id, null, ct);
    }

    /// <summary>Every item's progress notes, for replaying items to an instant (bulletins).</summary>
    public async Task<Dictionary<long, List<ProgressFact>>> ProgressFactsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT task_id, at, progress, cancelled FROM plan_task_progress WHERE task_id = ANY($1) ORDER BY task_id, at, id");
        cmd.Parameters.AddWithValue(ids.ToArray());
        var facts = new Dictionary<long, List<ProgressFact>>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            if (!facts.TryGetValue(id, out var list)) facts[id] = list = [];
            list.Add(new ProgressFact(new DateTimeOffset(r.GetDateTime(1), TimeSpan.Zero), r.GetInt32(2), r.GetBoolean(3)));
        }
        return facts;
    }

    /// <summary>The id of the item with <paramref name="code"/>, if any (codes are unique).</summary>
    public async Task<long?> IdOfCodeAsync(string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id FROM plan_tasks WHERE code = $1");
        cmd.Parameters.AddWithValue(code);
        return await cmd.ExecuteScalarAsync(ct) as long?;
    }

    private static async Task<long?> IdOfCodeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id FROM plan_tasks WHERE code = $1 FOR UPDATE", connection, tx);
        cmd.Parameters.AddWithValue(code);
        return await cmd.ExecuteScalarAsync(ct) as long?;
    }

    private static async Task<int?> ProgressOfAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT progress FROM plan_tasks WHERE id = $1 FOR UPDATE", connection, tx);
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    private const string WriteColumns = """
        code, title, list, river_code, segment_code, area_code, area_codes, lead_unit_code, cooperating_units, chief_id, year, created_on,
        deadline, target, target_value, target_unit, water_class, section_code, progress, status, completed_on, updated_at
        """;

    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, PlanTaskRecord r, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO plan_tasks ({WriteColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            RETURNING id
            """, connection, tx);
        AddRecord(cmd, r, now);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<long> UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, PlanTaskRecord r, DateTimeOffset now, CancellationToken ct)
    {
        // A cancelled item stays cancelled unless its progress is set again by a progress note.
        await using var cmd = new NpgsqlCommand($"""
            UPDATE plan_tasks SET ({WriteColumns}) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                CASE WHEN status = 'cancelled' THEN status ELSE $20 END, CASE WHEN $20 = 'done' THEN coalesce(completed_on, $21) END, $22)
            WHERE id = $23
            """, connection, tx);
        AddRecord(cmd, r, now);
        cmd.Parameters.AddWithValue(id);
        await cmd.ExecuteNonQueryAsync(ct);
        return id;
    }

    private static void AddRecord(NpgsqlCommand cmd, PlanTaskRecord r, DateTimeOffset now)
    {
        var status = PlanTasks.StatusOf(r.Progress, false);
        object?[] values =
        [
            r.Code, r.Title, r.List.ToCode(), r.RiverCode, r.SegmentCode, r.AreaCode, r.AreaCodes, r.LeadUnitCode, r.CooperatingUnitCodes, r.ChiefId,
            r.Year, r.CreatedOn, r.Deadline, r.Target, r.TargetValue, r.TargetUnit, r.WaterClass, r.SectionCode, r.Progress, status.ToCode(),
            status == PlanTaskStatus.Done ? Geo.Calendar.OfficePeriod.DayOf(now) : null, now.UtcDateTime,
        ];
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Date, NpgsqlDbType.Date,
            NpgsqlDbType.Text, NpgsqlDbType.Double, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text,
            NpgsqlDbType.Date, NpgsqlDbType.TimestampTz,
        ];
        for (var i = 0; i < values.Length; i++) cmd.Parameters.Add(new NpgsqlParameter { Value = values[i] ?? DBNull.Value, NpgsqlDbType = types[i] });
    }

    private static async Task AddNoteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, DateTimeOffset at, int progress, bool cancelled, string? note,
        string actor, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("INSERT INTO plan_task_progress (task_id, at, progress, cancelled, note, actor) VALUES ($1, $2, $3, $4, $5, $6)", connection, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.AddWithValue(progress);
        cmd.Parameters.AddWithValue(cancelled);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(actor);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<PlanTaskRow>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<PlanTaskRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            list.Add(new PlanTaskRow
            {
                Id = r.GetInt64(0), Code = S(1), Title = r.GetString(2), List = EnumCodes.Parse<PlanList>(r.GetString(3)), RiverCode = S(4), SegmentCode = S(5),
                AreaCode = r.GetString(6), LeadUnitCode = S(7), CooperatingUnitCodes = r.GetFieldValue<string[]>(8), ChiefId = S(9), Year = r.GetInt32(10),
                CreatedOn = r.GetFieldValue<DateOnly>(11), Deadline = r.GetFieldValue<DateOnly>(12), Target = S(13), TargetValue = r.IsDBNull(14) ? null : r.GetDouble(14),
                TargetUnit = S(15), WaterClass = S(16), SectionCode = S(17), Progress = r.GetInt32(18), Status = EnumCodes.Parse<PlanTaskStatus>(r.GetString(19)),
                CompletedOn = r.IsDBNull(20) ? null : r.GetFieldValue<DateOnly>(20), UpdatedAt = new DateTimeOffset(r.GetDateTime(21), TimeSpan.Zero),
            });
        }
        return list;
    }
}
