using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Store;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Patrols;

/// <summary>Where a stored patrol came from.</summary>
public enum PatrolSource
{
    /// <summary>Loaded with a dataset (patrol_tracks.geojson).</summary>
    Dataset,
    /// <summary>Submitted to POST /api/patrols (a phone, a GPX file).</summary>
    Upload,
}

/// <summary>A stored patrol (table patrol_tracks).</summary>
public sealed record PatrolRow(long Id, PatrolTrack Track, PatrolSource Source, string? DatasetCode, string? Findings, string[] PhotoUrls,
    string? SubmittedBy, DateTimeOffset? SubmittedAt, double LengthM);

/// <summary>A patrol ready to be stored (read and authorised).</summary>
/// <param name="AreaCodes">The chief's area and its ancestors (the offices whose audit log shows the submission).</param>
public sealed record NewPatrol(PatrolTrack Track, string? Findings, string[] PhotoUrls, long[] PhotoIds, string SubmittedBy, DateTimeOffset SubmittedAt,
    string TrackHash, double LengthM, string[] AreaCodes);

/// <summary>Filters of the patrol ledger.</summary>
/// <param name="ChiefIds">Only these chiefs (a chief, or the chiefs of an area); null: everyone.</param>
public sealed record PatrolFilter(IReadOnlyList<string>? ChiefIds, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>A problem filed during a patrol.</summary>
public sealed record LinkedIssue(long Id, string Category, string Status, DateTimeOffset ReportedAt);

/// <summary>What storing a patrol came to: its id, or the patrol the chief already has at that start (and that one's track hash).</summary>
public sealed record PatrolInsert(long? Id, long? ExistingId = null, string? ExistingHash = null);

/// <summary>
/// Patrols in PostGIS (patrol_tracks, with per-fix times as milliseconds after started_at). Queries of a period select
/// by started_at, so they read that period's partitions only (patrol_tracks is partitioned by month, migration 0041).
/// Writes and single patrols go to the primary; the ledger's lists and the period's tracks may come from the read
/// replica (a moment behind). Reads take the chiefs in the caller's scope (<see cref="PatrolScope"/>; null: all).
/// </summary>
public sealed class PatrolStore(NpgsqlDataSource dataSource, ReadReplica replica, AuditLog audit)
{
    private const string Columns = """
        t.id, t.chief_id, t.started_at, t.ended_at, t.geom, t.point_offsets_ms, t.source, t.dataset_code, t.findings, t.photo_urls,
        t.submitted_by, t.submitted_at, t.length_m
        """;

    /// <summary>
    /// Stores a patrol, the links of its photos and its audit entry in the caller's transaction (the one that claims the
    /// Idempotency-Key). When the chief already has a patrol starting at that instant nothing is stored and that
    /// patrol is named. The unique key (chief_id, started_at) holds the partition key, so it is one across the months.
    /// </summary>
    public async Task<PatrolInsert> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, NewPatrol patrol, Caller caller, CancellationToken ct)
    {
        long? id;
        var track = patrol.Track;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO patrol_tracks (dataset_code, chief_id, started_at, ended_at, length_m, geom, point_offsets_ms, source, findings, photo_urls,
                submitted_by, submitted_at, track_hash)
            VALUES (NULL, $1, $2, $3, $4, $5, $6, 'upload', $7, $8, $9, $10, $11)
            ON CONFLICT (chief_id, started_at) DO NOTHING
            RETURNING id
            """, connection, tx))
        {
            insert.Parameters.AddWithValue(track.ChiefId);
            insert.Parameters.AddWithValue(track.StartedAt.UtcDateTime);
            insert.Parameters.AddWithValue(track.EndedAt.UtcDateTime);
            insert.Parameters.AddWithValue(patrol.LengthM);
            insert.Parameters.Add(new NpgsqlParameter { Value = track.Track, NpgsqlDbType = NpgsqlDbType.Geometry });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)track.Times?.OffsetsMs.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)patrol.Findings ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.AddWithValue(patrol.PhotoUrls);
            insert.Parameters.AddWithValue(patrol.SubmittedBy);
            insert.Parameters.AddWithValue(patrol.SubmittedAt.UtcDateTime);
            insert.Parameters.AddWithValue(patrol.TrackHash);
            id = await insert.ExecuteScalarAsync(ct) as long?;
        }
        if (id is null)
        {
            await using var existing = new NpgsqlCommand("SELECT id, track_hash FROM patrol_tracks WHERE chief_id = $1 AND started_at = $2", connection, tx);
            existing.Parameters.AddWithValue(track.ChiefId);
            existing.Parameters.AddWithValue(track.StartedAt.UtcDateTime);
            await using var reader = await existing.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? new(null, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : new(null);
        }
        if (patrol.PhotoIds.Length > 0)
        {
            await using var photos = new NpgsqlCommand("UPDATE photos SET patrol_id = $1 WHERE id = ANY($2) AND patrol_id IS NULL", connection, tx);
            photos.Parameters.AddWithValue(id.Value);
            photos.Parameters.AddWithValue(patrol.PhotoIds);
            await photos.ExecuteNonQueryAsync(ct);
        }
        await audit.AppendAsync(tx, caller, new AuditEntry("submit", "patrol", id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { chief_id = track.ChiefId, started_at = track.StartedAt, ended_at = track.EndedAt, length_m = Math.Round(patrol.LengthM, 1), photos = patrol.PhotoIds },
            patrol.AreaCodes), ct);
        return new(id.Value);
    }

    /// <summary>One patrol, if it is of one of <paramref name="chiefIds"/> (null: any chief).</summary>
    public async Task<PatrolRow?> GetAsync(long id, IReadOnlyList<string>? chiefIds, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM patrol_tracks t WHERE t.id = $1" + (chiefIds is null ? "" : " AND t.chief_id = ANY($2)"));
        cmd.Parameters.AddWithValue(id);
        if (chiefIds is not null) cmd.Parameters.AddWithValue(chiefIds.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>One page of the ledger, newest first, and how many patrols match.</summary>
    public async Task<(List<PatrolRow> Rows, int Matched)> PageAsync(PatrolFilter filter, int limit, int offset, CancellationToken ct)
    {
        var where = Where(filter, out var parameters);
        await using var connection = await replica.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        int matched;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM patrol_tracks t {where}", connection, tx))
        {
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            matched = (int)(long)(await count.ExecuteScalarAsync(ct))!;
        }
        await using var page = new NpgsqlCommand(
            $"SELECT {Columns} FROM patrol_tracks t {where} ORDER BY t.started_at DESC, t.id DESC LIMIT ${parameters.Count + 1} OFFSET ${parameters.Count + 2}", connection, tx);
        page.Parameters.AddRange(parameters.ToArray());
        page.Parameters.AddWithValue(limit);
        page.Parameters.AddWithValue(offset);
        var rows = new List<PatrolRow>();
        await using (var reader = await page.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        }
        await tx.CommitAsync(ct);
        return (rows, matched);
    }

    /// <summary>Every patrol of the filter, newest first (exports).</summary>
    public async IAsyncEnumerable<PatrolRow> ListAsync(PatrolFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var where = Where(filter, out var parameters);
        await using var cmd = replica.DataSource.CreateCommand($"SELECT {Columns} FROM patrol_tracks t {where} ORDER BY t.started_at DESC, t.id DESC");
        cmd.Parameters.AddRange(parameters.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return Read(reader);
    }

    /// <summary>
    /// The tracks (chief, times, geometry; nothing else) of patrols starting in [from, to), of the given chiefs or of
    /// everyone, streamed: a province's month is read once and never held whole.
    /// </summary>
    public async IAsyncEnumerable<(long Id, PatrolTrack Track)> TracksAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string>? chiefIds,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = replica.DataSource.CreateCommand(
            "SELECT t.id, t.chief_id, t.started_at, t.ended_at, t.geom, t.point_offsets_ms FROM patrol_tracks t WHERE t.started_at >= $1 AND t.started_at < $2"
            + (chiefIds is null ? "" : " AND t.chief_id = ANY($3)"));
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        if (chiefIds is not null) cmd.Parameters.AddWithValue(chiefIds.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            var chief = reader.GetString(1);
            var started = new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero);
            var ended = new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero);
            var geometry = reader.GetFieldValue<LineString>(4);
            var times = reader.IsDBNull(5) ? null : new TrackTimes(started, reader.GetFieldValue<int[]>(5));
            yield return (id, new PatrolTrack(chief, started, ended, geometry, times));
        }
    }

    /// <summary>Problems filed during the given patrols.</summary>
    public async Task<Dictionary<long, List<LinkedIssue>>> LinkedIssuesAsync(IReadOnlyList<long> patrolIds, CancellationToken ct)
    {
        var map = new Dictionary<long, List<LinkedIssue>>();
        if (patrolIds.Count == 0) return map;
        await using var cmd = dataSource.CreateCommand("SELECT patrol_id, id, category, status, reported_at FROM issues WHERE patrol_id = ANY($1) ORDER BY reported_at, id");
        cmd.Parameters.AddWithValue(patrolIds.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var patrol = reader.GetInt64(0);
            if (!map.TryGetValue(patrol, out var list)) map[patrol] = list = [];
            list.Add(new LinkedIssue(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero)));
        }
        return map;
    }

    /// <summary>Problems found by the patrols of the filter, per level of the patrolling chief (巡河发现问题数).</summary>
    public async Task<Dictionary<AdminLevel, int>> ProblemsByLevelAsync(PatrolFilter filter, CancellationToken ct)
    {
        var where = Where(filter, out var parameters);
        await using var cmd = replica.DataSource.CreateCommand($"""
            SELECT a.level, count(*) FROM patrol_tracks t
            JOIN issues i ON i.patrol_id = t.id
            JOIN chiefs c ON c.id = t.chief_id JOIN admin_areas a ON a.code = c.area_code
            {where} GROUP BY a.level
            """);
        cmd.Parameters.AddRange(parameters.ToArray());
        var counts = new Dictionary<AdminLevel, int>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts[AdminLevels.Parse(reader.GetString(0))] = (int)reader.GetInt64(1);
        return counts;
    }

    /// <summary>Whether a patrol exists, and whose it is.</summary>
    public async Task<string?> ChiefOfAsync(long patrolId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT chief_id FROM patrol_tracks WHERE id = $1");
        cmd.Parameters.AddWithValue(patrolId);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static string Where(PatrolFilter filter, out List<NpgsqlParameter> parameters)
    {
        var where = new List<string>();
        var list = new List<NpgsqlParameter>();
        string P(object value)
        {
            list.Add(new NpgsqlParameter { Value = value });
            return "$" + list.Count;
        }
        if (filter.ChiefIds is { } chiefs) where.Add($"t.chief_id = ANY({P(chiefs.ToArray())})");
        if (filter.From is { } from) where.Add($"t.started_at >= {P(from.UtcDateTime)}");
        if (filter.To is { } to) where.Add($"t.started_at < {P(to.UtcDateTime)}");
        parameters = list;
        return where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "";
    }

    private static PatrolRow Read(NpgsqlDataReader r)
    {
        var started = new DateTimeOffset(r.GetDateTime(2), TimeSpan.Zero);
        var times = r.IsDBNull(5) ? null : new TrackTimes(started, r.GetFieldValue<int[]>(5));
        var track = new PatrolTrack(r.GetString(1), started, new DateTimeOffset(r.GetDateTime(3), TimeSpan.Zero), r.GetFieldValue<LineString>(4), times);
        return new PatrolRow(r.GetInt64(0), track, EnumCodes.Parse<PatrolSource>(r.GetString(6)), r.IsDBNull(7) ? null : r.GetString(7),
            r.IsDBNull(8) ? null : r.GetString(8), r.GetFieldValue<string[]>(9), r.IsDBNull(10) ? null : r.GetString(10),
            r.IsDBNull(11) ? null : new DateTimeOffset(r.GetDateTime(11), TimeSpan.Zero), r.GetDouble(12));
    }
}
