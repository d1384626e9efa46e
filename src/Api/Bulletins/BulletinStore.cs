using Npgsql;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using NpgsqlTypes;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Bulletins;

/// <summary>An open-at-some-time issue with its history (for replaying to a cut-off).</summary>
public sealed record LightSourceIssue(long Id, string Title, DateTimeOffset Deadline, string? SegmentCode, string? AreaCode, string[] AreaCodes,
    IReadOnlyList<IssueEventFact> Events);

/// <summary>A plan item with its progress notes (for replaying to a cut-off).</summary>
public sealed record LightSourceTask(long Id, string Title, DateOnly Deadline, string? SegmentCode, string? ChiefId, string? LeadUnitCode, string AreaCode,
    string[] AreaCodes, IReadOnlyList<ProgressFact> Notes);

/// <summary>The bulletins' SQL: what a bulletin is computed from, and the frozen bulletins (tables bulletins, bulletin_items).</summary>
public sealed class BulletinStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>Issues reported by <paramref name="at"/> (in the area's subtree) that were not finished before the month began, with their events up to then.</summary>
    public async Task<List<LightSourceIssue>> IssuesAsync(DateTimeOffset at, string? areaCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT i.id, i.description, i.category, i.deadline, i.segment_code, i.area_code, i.area_codes, e.at, e.to_status, e.chief_id, e.unit_code
            FROM issues i JOIN issue_events e ON e.issue_id = i.id AND e.at <= $1
            WHERE i.reported_at <= $1 AND ($2::text IS NULL OR i.area_codes @> ARRAY[$2::text])
              AND (i.closed_at IS NULL OR i.closed_at > $3 OR i.status NOT IN ('closed', 'rejected'))
            ORDER BY i.id, e.at, e.id
            """);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)areaCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(Geo.Calendar.OfficePeriod.Containing(Geo.Calendar.PeriodKind.Month, at).Start.UtcDateTime);
        var list = new List<LightSourceIssue>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        List<IssueEventFact>? events = null;
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            if (list.Count == 0 || list[^1].Id != id)
            {
                events = [];
                var category = EnumCodes.Parse<IssueCategory>(r.GetString(2)).ChineseLabel();
                var text = r.GetString(1);
                list.Add(new LightSourceIssue(id, $"[{category}] {(text.Length > 60 ? text[..60] + "…" : text)}", At(r, 3), r.IsDBNull(4) ? null : r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<string[]>(6), events));
            }
            events!.Add(new IssueEventFact(At(r, 7), EnumCodes.Parse<IssueStatus>(r.GetString(8)), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10)));
        }
        return list;
    }

    /// <summary>Plan items created by <paramref name="day"/> (in the area's subtree) with their progress notes up to <paramref name="at"/>.</summary>
    public async Task<List<LightSourceTask>> TasksAsync(DateOnly day, DateTimeOffset at, string? areaCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT t.id, t.title, t.deadline, t.segment_code, t.chief_id, t.lead_unit_code, t.area_code, t.area_codes, p.at, p.progress, p.cancelled
            FROM plan_tasks t LEFT JOIN plan_task_progress p ON p.task_id = t.id AND p.at <= $2
            WHERE t.created_on <= $1 AND ($3::text IS NULL OR t.area_codes @> ARRAY[$3::text])
            ORDER BY t.id, p.at, p.id
            """);
        cmd.Parameters.AddWithValue(day);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)areaCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var list = new List<LightSourceTask>();
        List<ProgressFact>? notes = null;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            if (list.Count == 0 || list[^1].Id != id)
            {
                notes = [];
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                list.Add(new LightSourceTask(id, r.GetString(1), r.GetFieldValue<DateOnly>(2), S(3), S(4), S(5), r.GetString(6), r.GetFieldValue<string[]>(7), notes));
            }
            if (!r.IsDBNull(8)) notes!.Add(new ProgressFact(At(r, 8), r.GetInt32(9), r.GetBoolean(10)));
        }
        return list;
    }

    public async Task<bool> IsFrozenAsync(string month, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM bulletins WHERE month = $1)");
        cmd.Parameters.AddWithValue(month);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<(BulletinHeader Header, List<BulletinItem> Items)?> FrozenAsync(string month, string? areaCode, CancellationToken ct)
    {
        BulletinHeader? header;
        await using (var cmd = dataSource.CreateCommand("SELECT month, cutoff, frozen_at, deduct_from, points_per_red_month FROM bulletins WHERE month = $1"))
        {
            cmd.Parameters.AddWithValue(month);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            header = await r.ReadAsync(ct) ? new BulletinHeader(r.GetString(0), At(r, 1), At(r, 2), r.GetInt32(3), r.GetDouble(4)) : null;
        }
        if (header is null) return null;
        await using var items = dataSource.CreateCommand("""
            SELECT kind, item_id, title, light, status, deadline, chief_id, chief_name, unit_code, area_code, area_codes FROM bulletin_items
            WHERE month = $1 AND ($2::text IS NULL OR area_codes @> ARRAY[$2::text]) ORDER BY kind, item_id
            """);
        items.Parameters.AddWithValue(month);
        items.Parameters.Add(new NpgsqlParameter { Value = (object?)areaCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var list = new List<BulletinItem>();
        await using (var r = await items.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                list.Add(new BulletinItem(EnumCodes.Parse<BulletinItemKind>(r.GetString(0)), r.GetInt64(1), r.GetString(2), EnumCodes.Parse<LightColour>(r.GetString(3)),
                    r.GetString(4), At(r, 5), S(6), S(7), S(8), S(9), r.GetFieldValue<string[]>(10)));
            }
        }
        return (header, list);
    }

    /// <summary>Stores a frozen bulletin with its items in one transaction; false when another process froze the month first.</summary>
    public async Task<bool> FreezeAsync(BulletinHeader header, IReadOnlyList<BulletinItem> items, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO bulletins (month, cutoff, frozen_at, deduct_from, points_per_red_month) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (month) DO NOTHING
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue(header.Month);
            cmd.Parameters.AddWithValue(header.Cutoff.UtcDateTime);
            cmd.Parameters.AddWithValue(header.FrozenAt.UtcDateTime);
            cmd.Parameters.AddWithValue(header.DeductFromRedMonth);
            cmd.Parameters.AddWithValue(header.PointsPerRedMonth);
            if (await cmd.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bulletin_items (month, kind, item_id, title, light, status, deadline, chief_id, chief_name, unit_code, area_code, area_codes) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var i in items)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(header.Month, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(i.Kind.ToCode(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(i.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(i.Title, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(i.Light.ToCode(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(i.Status, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(i.Deadline.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                foreach (var text in new[] { i.ChiefId, i.ChiefName, i.UnitCode, i.AreaCode })
                {
                    if (text is null) await copy.WriteNullAsync(ct);
                    else await copy.WriteAsync(text, NpgsqlDbType.Text, ct);
                }
                await copy.WriteAsync(i.AreaCodes, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // Frozen by the service (at the cut-off, or when first read after it), whoever asked.
        await audit.AppendAsync(tx, Caller.System, new AuditEntry("freeze", "bulletin", header.Month,
            new { header.Cutoff, items = items.Count, red = items.Count(i => i.Light == LightColour.Red) }), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Red months per subject in the frozen bulletins of <paramref name="year"/> before <paramref name="beforeMonth"/>:
    /// units (by unit_code), chiefs (by chief_id) and areas (every area of an item's chain).
    /// </summary>
    public Task<(Dictionary<string, int> Units, Dictionary<string, int> Chiefs, Dictionary<string, int> Areas)> RedMonthsAsync(int year, string beforeMonth,
        CancellationToken ct) => RedMonthsBetweenAsync($"{year:0000}-01", beforeMonth, ct);

    /// <summary>Red months per unit, chief and area in the frozen bulletins of months in [<paramref name="fromMonth"/>, <paramref name="beforeMonth"/>).</summary>
    public async Task<(Dictionary<string, int> Units, Dictionary<string, int> Chiefs, Dictionary<string, int> Areas)> RedMonthsBetweenAsync(string fromMonth,
        string beforeMonth, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT 'unit', unit_code, count(DISTINCT month) FROM bulletin_items WHERE light = 'red' AND month >= $1 AND month < $2 AND unit_code IS NOT NULL GROUP BY unit_code
            UNION ALL
            SELECT 'chief', chief_id, count(DISTINCT month) FROM bulletin_items WHERE light = 'red' AND month >= $1 AND month < $2 AND chief_id IS NOT NULL GROUP BY chief_id
            UNION ALL
            SELECT 'area', a, count(DISTINCT month) FROM bulletin_items, unnest(area_codes) a WHERE light = 'red' AND month >= $1 AND month < $2 GROUP BY a
            """);
        cmd.Parameters.AddWithValue(fromMonth);
        cmd.Parameters.AddWithValue(beforeMonth);
        var (units, chiefs, areas) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var target = r.GetString(0) switch { "unit" => units, "chief" => chiefs, _ => areas };
            target[r.GetString(1)] = (int)r.GetInt64(2);
        }
        return (units, chiefs, areas);
    }

    private static DateTimeOffset At(NpgsqlDataReader r, int i) => new(r.GetDateTime(i), TimeSpan.Zero);
}
