using System.Globalization;
using Npgsql;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Issues;
using NpgsqlTypes;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Rechecks;

namespace RiverGis.Api.Rechecks;

/// <summary>The re-checks' SQL (tables issue_rechecks and recheck_samples, migration 0071).</summary>
public sealed class RecheckStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>Stores a re-check and its audit entry inside the transaction of the transition it reopens with.</summary>
    public async Task<RecheckRecord> InsertAsync(NpgsqlTransaction tx, Caller caller, IssueRow issue, DateTimeOffset at, RecheckResult result, string? reason,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO issue_rechecks (issue_id, at, result, reason, actor, quarter)
            VALUES ($1, $2, $3, $4, $5, (SELECT min(quarter) FROM recheck_samples WHERE issue_id = $1))
            RETURNING id, quarter
            """, tx.Connection, tx);
        cmd.Parameters.AddWithValue(issue.Id);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.AddWithValue(result.ToCode());
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(caller.Actor);
        RecheckRecord record;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            record = new RecheckRecord(r.GetInt64(0), issue.Id, at, result, reason, caller.Actor, r.IsDBNull(1) ? null : r.GetString(1));
        }
        await audit.AppendAsync(tx, caller, new AuditEntry("recheck", "issue", issue.Id.ToString(CultureInfo.InvariantCulture),
            new { result, reason, recheck_id = record.Id }, issue.AreaCodes), ct);
        return record;
    }

    /// <summary>Stores a re-check that passes (the issue stays closed) with its audit entry.</summary>
    public async Task<RecheckRecord> InsertAsync(Caller caller, IssueRow issue, DateTimeOffset at, RecheckResult result, string? reason, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var record = await InsertAsync(tx, caller, issue, at, result, reason, ct);
        await tx.CommitAsync(ct);
        return record;
    }

    /// <summary>Ids of the issues closed (销号) in [from, to) in the area's subtree.</summary>
    public async Task<List<long>> ClosedAsync(DateTimeOffset from, DateTimeOffset to, string areaCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT DISTINCT i.id FROM issues i JOIN issue_events e ON e.issue_id = i.id
            WHERE e.action = 'pass_verification' AND e.at >= $1 AND e.at < $2 AND i.area_codes @> ARRAY[$3::text] ORDER BY i.id
            """);
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        cmd.Parameters.AddWithValue(areaCode);
        var ids = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        return ids;
    }

    /// <summary>Stores a drawn sample (with its audit entry) unless one was drawn for the quarter and area already (the first draw stands).</summary>
    public async Task SaveSampleAsync(Caller caller, string quarter, string areaCode, IReadOnlyList<string> areaCodes, IReadOnlyList<long> ids, DateTimeOffset at,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO recheck_samples (quarter, area_code, issue_id, drawn_at)
            SELECT $1, $2, id, $4 FROM unnest($3::bigint[]) AS id
            WHERE NOT EXISTS (SELECT 1 FROM recheck_samples WHERE quarter = $1 AND area_code = $2)
            """, connection, tx);
        cmd.Parameters.AddWithValue(quarter);
        cmd.Parameters.AddWithValue(areaCode);
        cmd.Parameters.AddWithValue(ids.ToArray());
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        if (await cmd.ExecuteNonQueryAsync(ct) > 0)
            await audit.AppendAsync(tx, caller, new AuditEntry("draw", "recheck_sample", $"{quarter}/{areaCode}", new { issue_ids = ids }, areaCodes), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A stored sample with each issue's latest re-check; null when none was drawn.</summary>
    public async Task<(DateTimeOffset DrawnAt, List<SampledIssue> Issues)?> SampleAsync(string quarter, string areaCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT s.drawn_at, i.id, i.description, i.area_code, c.at, i.status,
                   (SELECT result FROM issue_rechecks r WHERE r.issue_id = i.id ORDER BY r.at DESC, r.id DESC LIMIT 1)
            FROM recheck_samples s JOIN issues i ON i.id = s.issue_id
            CROSS JOIN LATERAL (SELECT max(at) AS at FROM issue_events WHERE issue_id = i.id AND action = 'pass_verification') c
            WHERE s.quarter = $1 AND s.area_code = $2 ORDER BY i.id
            """);
        cmd.Parameters.AddWithValue(quarter);
        cmd.Parameters.AddWithValue(areaCode);
        var list = new List<SampledIssue>();
        DateTimeOffset? drawn = null;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            drawn = new DateTimeOffset(r.GetDateTime(0), TimeSpan.Zero);
            list.Add(new SampledIssue(r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero),
                EnumCodes.Parse<IssueStatus>(r.GetString(5)), r.IsDBNull(6) ? null : EnumCodes.Parse<RecheckResult>(r.GetString(6))));
        }
        return drawn is { } at ? (at, list) : null;
    }

    /// <summary>The re-checks of one issue, oldest first.</summary>
    public async Task<List<RecheckRecord>> ForIssueAsync(long issueId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id, at, result, reason, actor, quarter FROM issue_rechecks WHERE issue_id = $1 ORDER BY at, id");
        cmd.Parameters.AddWithValue(issueId);
        var list = new List<RecheckRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new RecheckRecord(r.GetInt64(0), issueId, new DateTimeOffset(r.GetDateTime(1), TimeSpan.Zero), EnumCodes.Parse<RecheckResult>(r.GetString(2)),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
        return list;
    }
}
