using Npgsql;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using NpgsqlTypes;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Reports;

/// <summary>One group of problems counted by the report: category, source, the routed chief's level, and the areas counted for.</summary>
public sealed record ProblemGroup(IssueCategory Category, IssueSource Source, AdminLevel? Level, int Count, int OnTime);

/// <summary>What the report reads of an issue behind a red light: its kind of problem and where it is.</summary>
public sealed record IssuePlace(IssueCategory Category, IssueSource Source, AdminLevel? Level, double Lon, double Lat);

/// <summary>The monthly report's SQL: problem counts of a period in an area's subtree, the trend, and report submissions.</summary>
public sealed class ReportStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    private const string Level = "CASE WHEN chief ? 'level' THEN chief->>'level' END";

    /// <summary>Problems reported in [from, to), grouped.</summary>
    public Task<List<ProblemGroup>> NewAsync(string areaCode, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => GroupsAsync($"""
        SELECT category, source, {Level}, count(*), 0 FROM issues
        WHERE area_codes @> ARRAY[$1::text] AND reported_at >= $2 AND reported_at < $3 GROUP BY 1, 2, 3
        """, areaCode, from, to, ct);

    /// <summary>Problems closed (销号) in [from, to), grouped, with how many by their deadline.</summary>
    public Task<List<ProblemGroup>> ClosedAsync(string areaCode, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => GroupsAsync($"""
        SELECT category, source, {Level}, count(*), count(*) FILTER (WHERE c.at <= i.deadline) FROM issues i
        CROSS JOIN LATERAL (SELECT max(at) AS at FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'pass_verification' AND e.at >= $2 AND e.at < $3) c
        WHERE i.area_codes @> ARRAY[$1::text] AND c.at IS NOT NULL GROUP BY 1, 2, 3
        """, areaCode, from, to, ct);

    /// <summary>New and closed problems per area of <paramref name="areaCodes"/> (each counting its subtree) in [from, to).</summary>
    public async Task<Dictionary<string, (int New, int Closed)>> PerAreaAsync(IReadOnlyList<string> areaCodes, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT a, count(*) FILTER (WHERE reported_at >= $2 AND reported_at < $3),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'pass_verification' AND e.at >= $2 AND e.at < $3))
            FROM issues i, unnest(i.area_codes) a
            WHERE i.area_codes && $1 AND a = ANY($1) AND (i.reported_at >= $2 OR i.closed_at >= $2) GROUP BY a
            """);
        cmd.Parameters.AddWithValue(areaCodes.ToArray());
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        var result = new Dictionary<string, (int, int)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[r.GetString(0)] = ((int)r.GetInt64(1), (int)r.GetInt64(2));
        return result;
    }

    /// <summary>
    /// Problems closed (销号) in [from, to) and how many by their deadline, per area of <paramref name="areaCodes"/> (each its
    /// subtree) and per unit of <paramref name="unitCodes"/> (handed to it). <paramref name="scopeAreaCode"/> (null: all)
    /// is the subtree they all lie in: only its issues (and the units') are looked at, through the area index.
    /// </summary>
    public async Task<(Dictionary<string, (int Closed, int OnTime)> Areas, Dictionary<string, (int Closed, int OnTime)> Units)> ClosedPerSubjectAsync(
        IReadOnlyList<string> areaCodes, IReadOnlyList<string> unitCodes, DateTimeOffset from, DateTimeOffset to, CancellationToken ct, string? scopeAreaCode = null)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH closed AS (
                SELECT i.area_codes, i.unit_code, c.at <= i.deadline AS on_time FROM issues i
                CROSS JOIN LATERAL (SELECT max(at) AS at FROM issue_events e WHERE e.issue_id = i.id AND e.action = 'pass_verification' AND e.at >= $3 AND e.at < $4) c
                WHERE ($5::text IS NULL OR i.area_codes @> ARRAY[$5::text] OR i.unit_code = ANY($2)) AND c.at IS NOT NULL)
            SELECT 'area', a, count(*), count(*) FILTER (WHERE on_time) FROM closed, unnest(area_codes) a WHERE a = ANY($1) GROUP BY a
            UNION ALL
            SELECT 'unit', unit_code, count(*), count(*) FILTER (WHERE on_time) FROM closed WHERE unit_code = ANY($2) GROUP BY unit_code
            """);
        cmd.Parameters.AddWithValue(areaCodes.ToArray());
        cmd.Parameters.AddWithValue(unitCodes.ToArray());
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scopeAreaCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var (areas, units) = (new Dictionary<string, (int, int)>(), new Dictionary<string, (int, int)>());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) (r.GetString(0) == "area" ? areas : units)[r.GetString(1)] = ((int)r.GetInt64(2), (int)r.GetInt64(3));
        return (areas, units);
    }

    /// <summary>Category, source, level and point of the issues <paramref name="ids"/>.</summary>
    public async Task<Dictionary<long, IssuePlace>> PlacesAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT id, category, source, {Level}, ST_X(geom), ST_Y(geom) FROM issues WHERE id = ANY($1)");
        cmd.Parameters.AddWithValue(ids.ToArray());
        var result = new Dictionary<long, IssuePlace>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[r.GetInt64(0)] = new IssuePlace(EnumCodes.Parse<IssueCategory>(r.GetString(1)), EnumCodes.Parse<IssueSource>(r.GetString(2)),
                r.IsDBNull(3) ? null : AdminLevels.Parse(r.GetString(3)), r.GetDouble(4), r.GetDouble(5));
        return result;
    }

    /// <summary>New and closed problems per month (China Standard Time) in [from, to).</summary>
    public async Task<Dictionary<string, (int New, int Closed)>> TrendAsync(string areaCode, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT m, sum(n)::int, sum(c)::int FROM (
                SELECT to_char((reported_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS m, 1 AS n, 0 AS c FROM issues
                WHERE area_codes @> ARRAY[$1::text] AND reported_at >= $2 AND reported_at < $3
                UNION ALL
                SELECT to_char((e.at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM'), 0, 1 FROM issues i JOIN issue_events e ON e.issue_id = i.id
                WHERE i.area_codes @> ARRAY[$1::text] AND e.action = 'pass_verification' AND e.at >= $2 AND e.at < $3) x
            GROUP BY m
            """);
        cmd.Parameters.AddWithValue(areaCode);
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        var result = new Dictionary<string, (int, int)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[r.GetString(0)] = (r.GetInt32(1), r.GetInt32(2));
        return result;
    }

    public async Task<(DateTimeOffset SubmittedAt, bool OnTime, string Actor)?> SubmissionAsync(string areaCode, string month, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT submitted_at, on_time, actor FROM report_submissions WHERE area_code = $1 AND month = $2");
        cmd.Parameters.AddWithValue(areaCode);
        cmd.Parameters.AddWithValue(month);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (new DateTimeOffset(r.GetDateTime(0), TimeSpan.Zero), r.GetBoolean(1), r.GetString(2)) : null;
    }

    /// <summary>Every submission of the areas in a period: (area, month) → on time.</summary>
    public async Task<Dictionary<(string Area, string Month), bool>> SubmissionsAsync(IReadOnlyList<string> areaCodes, string fromMonth, string toMonth, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT area_code, month, on_time FROM report_submissions WHERE area_code = ANY($1) AND month >= $2 AND month <= $3");
        cmd.Parameters.AddWithValue(areaCodes.ToArray());
        cmd.Parameters.AddWithValue(fromMonth);
        cmd.Parameters.AddWithValue(toMonth);
        var result = new Dictionary<(string, string), bool>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[(r.GetString(0), r.GetString(1))] = r.GetBoolean(2);
        return result;
    }

    /// <summary>Marks a report submitted; false when it was submitted already (the first submission counts).</summary>
    public async Task<bool> SubmitAsync(string areaCode, string month, DateTimeOffset at, DateTimeOffset due, bool onTime, Caller caller, IReadOnlyList<string> areaCodes,
        string? note, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO report_submissions (area_code, month, submitted_at, due_at, on_time, actor, note) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (area_code, month) DO NOTHING
            """, connection, tx);
        cmd.Parameters.AddWithValue(areaCode);
        cmd.Parameters.AddWithValue(month);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.AddWithValue(due.UtcDateTime);
        cmd.Parameters.AddWithValue(onTime);
        cmd.Parameters.AddWithValue(caller.Actor);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        await audit.AppendAsync(tx, caller, new AuditEntry("submit", "monthly_report", $"{areaCode}/{month}", new { on_time = onTime, note }, areaCodes), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<List<ProblemGroup>> GroupsAsync(string sql, string areaCode, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(areaCode);
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        var list = new List<ProblemGroup>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ProblemGroup(EnumCodes.Parse<IssueCategory>(r.GetString(0)), EnumCodes.Parse<IssueSource>(r.GetString(1)),
                r.IsDBNull(2) ? null : AdminLevels.Parse(r.GetString(2)), (int)r.GetInt64(3), (int)r.GetInt64(4)));
        return list;
    }
}
