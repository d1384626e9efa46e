using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Issues;

/// <summary>Filters of the ledger listing and its CSV export.</summary>
public sealed record IssueFilter(
    IssueStatus? Status = null,
    bool? Open = null,
    LightColour? Light = null,
    IssueCategory? Category = null,
    string? AreaCode = null,
    string? ChiefId = null,
    string? RiverCode = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

/// <summary>A new issue ready to be stored (already validated and routed).</summary>
public sealed record NewIssue(
    IssueCategory Category, string Description, IssueSource Source, string? ReporterName, string? ReporterContact, string[] PhotoUrls,
    DateTimeOffset ReportedAt, DateTimeOffset Deadline, string? ChiefId, ResponsibleChief? Chief, IReadOnlyList<ResponsibleChief> Chain, IssueRouting Routing,
    string? RiverCode, string? SegmentCode, string? AreaCode, string[] AreaCodes, double? MeasureM, double? DistanceM, bool OffRiver,
    long[] DuplicateOf, string? IdempotencyKey, string? RequestHash, double Lon, double Lat, long? PatrolId = null);

/// <summary>One page of the ledger: the issues, how many match the filter, and the light counts of the filter without its light criterion.</summary>
public sealed record LedgerPage(List<IssueRow> Issues, int NumberMatched, LightCounts Lights);

/// <summary>
/// The problem ledger in PostGIS: issues and their transitions. Routing snapshots (chief, chain, routing) are typed
/// records stored as jsonb in the service's JSON conventions. "Open" and the light are the SQL functions of migration
/// 0003 (issue_is_open, issue_light), the same rules as <see cref="IssueStatuses.IsTerminal"/> and <see cref="StatusLight"/>.
/// </summary>
public sealed class IssueStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, category, description, source, reporter_name, reporter_contact, photo_urls, status, reported_at, deadline, closed_at,
        chief_id, chief::text, chain::text, routing::text, river_code, segment_code, area_code, measure_m, distance_m, off_river,
        duplicate_of, ST_X(geom), ST_Y(geom), patrol_id
        """;

    public async Task<IssueRow?> GetAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM issues WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The issue filed earlier under an idempotency key, with the hash of the request that filed it.</summary>
    public async Task<(IssueRow Issue, string? RequestHash)?> FindByIdempotencyKeyAsync(string key, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns}, request_hash FROM issues WHERE idempotency_key = $1");
        cmd.Parameters.AddWithValue(key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (Read(reader), reader.IsDBNull(25) ? null : reader.GetString(25));
    }

    /// <summary>Open issues of a category within <paramref name="radiusM"/> and <paramref name="window"/> of a report (duplicate candidates).</summary>
    public async Task<List<LedgerIssue>> NearbyOpenAsync(IssueCategory category, double lon, double lat, DateTimeOffset at, double radiusM, TimeSpan window, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, status, ST_X(geom), ST_Y(geom), reported_at FROM issues
            WHERE category = $1 AND issue_is_open(status)
              AND reported_at BETWEEN $4 AND $5
              AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, $6)
            """);
        cmd.Parameters.AddWithValue(category.ToCode());
        cmd.Parameters.AddWithValue(lon);
        cmd.Parameters.AddWithValue(lat);
        cmd.Parameters.AddWithValue(at.UtcDateTime - window);
        cmd.Parameters.AddWithValue(at.UtcDateTime + window);
        cmd.Parameters.AddWithValue(radiusM * 1.01);
        var list = new List<LedgerIssue>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            IssueStatuses.TryParse(reader.GetString(1), out var status);
            list.Add(new LedgerIssue(reader.GetInt64(0).ToString(), category, status, reader.GetDouble(2), reader.GetDouble(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero)));
        }
        return list;
    }

    /// <summary>Stores a new issue with its first event; null when the idempotency key was taken concurrently.</summary>
    public async Task<long?> InsertAsync(NewIssue issue, string actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO issues (category, description, source, reporter_name, reporter_contact, photo_urls, status, reported_at, deadline,
                chief_id, chief, chain, routing, river_code, segment_code, area_code, area_codes, measure_m, distance_m, off_river,
                duplicate_of, idempotency_key, request_hash, geom, patrol_id)
            VALUES ($1, $2, $3, $4, $5, $6, $25, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, $16, $17, $18, $19,
                $20, $21, $22, ST_SetSRID(ST_MakePoint($23, $24), 4326), $26)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id
            """, connection, tx);
        const NpgsqlDbType text = NpgsqlDbType.Text, number = NpgsqlDbType.Double, time = NpgsqlDbType.TimestampTz;
        (object? Value, NpgsqlDbType Type)[] values =
        [
            (issue.Category.ToCode(), text), (issue.Description, text), (issue.Source.ToCode(), text), (issue.ReporterName, text),
            (issue.ReporterContact, text), (issue.PhotoUrls, NpgsqlDbType.Array | text), (issue.ReportedAt.UtcDateTime, time),
            (issue.Deadline.UtcDateTime, time), (issue.ChiefId, text), (Json(issue.Chief), text), (Json(issue.Chain), text),
            (Json(issue.Routing), text), (issue.RiverCode, text), (issue.SegmentCode, text), (issue.AreaCode, text),
            (issue.AreaCodes, NpgsqlDbType.Array | text), (issue.MeasureM, number), (issue.DistanceM, number), (issue.OffRiver, NpgsqlDbType.Boolean),
            (issue.DuplicateOf, NpgsqlDbType.Array | NpgsqlDbType.Bigint), (issue.IdempotencyKey, text), (issue.RequestHash, text), (issue.Lon, number), (issue.Lat, number),
            (IssueStatus.Reported.ToCode(), text), (issue.PatrolId, NpgsqlDbType.Bigint),
        ];
        foreach (var (value, type) in values) cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        var id = await cmd.ExecuteScalarAsync(ct);
        if (id is null)
        {
            await tx.RollbackAsync(ct);
            return null;
        }
        await InsertEventAsync(connection, tx, (long)id, issue.ReportedAt, IssueActionKind.Report, null, IssueStatus.Reported, actor, issue.Description, issue.ChiefId, ct);
        await tx.CommitAsync(ct);
        return (long)id;
    }

    /// <summary>
    /// Applies a lifecycle transition under a row lock: reads the current status, asks <paramref name="decide"/> (pure rules),
    /// stores the outcome and its event in one transaction.
    /// </summary>
    public async Task<(IssueRow? Issue, TransitionError? Error)> TransitionAsync(long id,
        Func<IssueRow, (TransitionResult Result, ResponsibleChief? NewChief)> decide, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        IssueRow? row;
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM issues WHERE id = $1 FOR UPDATE", connection, tx))
        {
            select.Parameters.AddWithValue(id);
            await using var reader = await select.ExecuteReaderAsync(ct);
            row = await reader.ReadAsync(ct) ? Read(reader) : null;
        }
        if (row is null) return (null, null);
        var (result, newChief) = decide(row);
        if (!result.Ok || result.Transition is not { } t) return (row, result.Error);
        await using (var update = new NpgsqlCommand("""
            UPDATE issues SET status = $2,
                chief_id = coalesce($3, chief_id), chief = coalesce($4::jsonb, chief),
                closed_at = CASE WHEN issue_is_open($2) THEN closed_at ELSE $5 END
            WHERE id = $1
            """, connection, tx))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(t.To.ToCode());
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)t.AssigneeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)Json(newChief) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.AddWithValue(t.At.UtcDateTime);
            await update.ExecuteNonQueryAsync(ct);
        }
        await InsertEventAsync(connection, tx, id, t.At, t.Action, t.From, t.To, t.Actor, t.Note, t.AssigneeId, ct);
        await tx.CommitAsync(ct);
        return (await GetAsync(id, ct), null);
    }

    public async Task<List<IssueEvent>> EventsAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT at, action, from_status, to_status, actor, note, chief_id FROM issue_events WHERE issue_id = $1 ORDER BY at, id");
        cmd.Parameters.AddWithValue(id);
        var list = new List<IssueEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new IssueEvent(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), EnumCodes.Parse<IssueActionKind>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : EnumCodes.Parse<IssueStatus>(reader.GetString(2)), EnumCodes.Parse<IssueStatus>(reader.GetString(3)),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return list;
    }

    /// <summary>Every issue of the filter, newest first (the CSV export and Open311 listings).</summary>
    public async Task<List<IssueRow>> ListAsync(IssueFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var where = Where(filter, now, out var parameters);
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM issues {where} ORDER BY reported_at DESC, id DESC");
        cmd.Parameters.AddRange(parameters.ToArray());
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>
    /// One page of the ledger, paged, counted and coloured in SQL (issue_light): the page, the number matching the
    /// filter, and the light counts of the filter without its light criterion (the three-colour summary of the selection).
    /// Both are read in one snapshot, so the counts agree with the page.
    /// </summary>
    public async Task<LedgerPage> PageAsync(IssueFilter filter, DateTimeOffset now, int limit, int offset, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var counts = new Dictionary<LightColour, int>();
        var unlit = Where(filter with { Light = null }, now, out var countParameters);
        var n = countParameters.Count;
        await using (var count = new NpgsqlCommand(
            $"SELECT issue_light(status, deadline, ${n + 1}, ${n + 2}), count(*) FROM issues {unlit} GROUP BY 1", connection, tx))
        {
            count.Parameters.AddRange(countParameters.Append(Parameter(now.UtcDateTime)).Append(Parameter(StatusLight.DueSoon)).ToArray());
            await using var reader = await count.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) counts[EnumCodes.Parse<LightColour>(reader.GetString(0))] = (int)reader.GetInt64(1);
        }
        var lights = new LightCounts(counts.GetValueOrDefault(LightColour.Green), counts.GetValueOrDefault(LightColour.Yellow), counts.GetValueOrDefault(LightColour.Red));
        var matched = filter.Light is { } light ? counts.GetValueOrDefault(light) : counts.Values.Sum();
        var where = Where(filter, now, out var parameters);
        await using var page = new NpgsqlCommand(
            $"SELECT {Columns} FROM issues {where} ORDER BY reported_at DESC, id DESC LIMIT ${parameters.Count + 1} OFFSET ${parameters.Count + 2}", connection, tx);
        page.Parameters.AddRange(parameters.Append(Parameter(limit)).Append(Parameter(offset)).ToArray());
        var issues = await ReadAllAsync(page, ct);
        await tx.CommitAsync(ct);
        return new LedgerPage(issues, matched, lights);
    }

    private static NpgsqlParameter Parameter(object value) => new() { Value = value };

    /// <summary>The WHERE clause of a filter with its positional parameters ($1…); the light through issue_light at <paramref name="now"/>.</summary>
    private static string Where(IssueFilter filter, DateTimeOffset now, out List<NpgsqlParameter> parameters)
    {
        var where = new List<string>();
        var list = new List<NpgsqlParameter>();
        string P(object value)
        {
            list.Add(Parameter(value));
            return "$" + list.Count;
        }
        if (filter.Status is { } s) where.Add($"status = {P(s.ToCode())}");
        if (filter.Open is { } open) where.Add($"issue_is_open(status) = {P(open)}");
        if (filter.Category is { } c) where.Add($"category = {P(c.ToCode())}");
        if (filter.AreaCode is { } a) where.Add($"area_codes @> ARRAY[{P(a)}]::text[]");
        if (filter.ChiefId is { } chief) where.Add($"chief_id = {P(chief)}");
        if (filter.RiverCode is { } river) where.Add($"river_code = {P(river)}");
        if (filter.From is { } from) where.Add($"reported_at >= {P(from.UtcDateTime)}");
        if (filter.To is { } to) where.Add($"reported_at <= {P(to.UtcDateTime)}");
        if (filter.Light is { } light) where.Add($"issue_light(status, deadline, {P(now.UtcDateTime)}, {P(StatusLight.DueSoon)}) = {P(light.ToCode())}");
        parameters = list;
        return where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "";
    }

    private static async Task<List<IssueRow>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<IssueRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    private static string? Json<T>(T value) => value is null ? null : JsonSerializer.Serialize(value, ApiJson.Options);

    private static T? FromJson<T>(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? default : JsonSerializer.Deserialize<T>(r.GetString(i), ApiJson.Options);

    private static IssueRow Read(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new IssueRow
        {
            Id = r.GetInt64(0),
            Category = EnumCodes.Parse<IssueCategory>(r.GetString(1)),
            Description = r.GetString(2),
            Source = EnumCodes.Parse<IssueSource>(r.GetString(3)),
            ReporterName = S(4),
            ReporterContact = S(5),
            PhotoUrls = r.GetFieldValue<string[]>(6),
            Status = EnumCodes.Parse<IssueStatus>(r.GetString(7)),
            ReportedAt = new DateTimeOffset(r.GetDateTime(8), TimeSpan.Zero),
            Deadline = new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero),
            ClosedAt = r.IsDBNull(10) ? null : new DateTimeOffset(r.GetDateTime(10), TimeSpan.Zero),
            ChiefId = S(11),
            Chief = FromJson<ResponsibleChief>(r, 12),
            Chain = FromJson<List<ResponsibleChief>>(r, 13) ?? [],
            Routing = FromJson<IssueRouting>(r, 14),
            RiverCode = S(15),
            SegmentCode = S(16),
            AreaCode = S(17),
            MeasureM = r.IsDBNull(18) ? null : r.GetDouble(18),
            DistanceM = r.IsDBNull(19) ? null : r.GetDouble(19),
            OffRiver = r.GetBoolean(20),
            DuplicateOf = r.GetFieldValue<long[]>(21),
            Lon = r.GetDouble(22),
            Lat = r.GetDouble(23),
            PatrolId = r.IsDBNull(24) ? null : r.GetInt64(24),
        };
    }

    private static async Task InsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, DateTimeOffset at, IssueActionKind action,
        IssueStatus? from, IssueStatus to, string actor, string? note, string? chiefId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO issue_events (issue_id, at, action, from_status, to_status, actor, note, chief_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", connection, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.AddWithValue(action.ToCode());
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.ToCode() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(to.ToCode());
        cmd.Parameters.AddWithValue(actor);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)chiefId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The ledger as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese correctly).</summary>
    public static string ToCsv(IEnumerable<IssueProperties> issues)
    {
        var sb = new StringBuilder("\uFEFF");
        sb.AppendLine("id,category,类别,status,状态,light,红黄绿灯,reported_at,deadline,closed_at,chief_id,chief_name,chief_phone,river_code,segment_code,area_code,lon,lat,description");
        foreach (var i in issues)
        {
            string[] fields =
            [
                i.Id.ToString(), i.Category.ToCode(), i.CategoryLabel, i.Status.ToCode(), i.StatusLabel, i.Light.ToCode(), i.LightLabel,
                i.ReportedAt.ToString("yyyy-MM-ddTHH:mm:ssZ"), i.Deadline.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                i.ClosedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ") ?? "", i.ChiefId ?? "", i.Chief?.Name ?? "",
                i.Chief?.Phone ?? "", i.RiverCode ?? "", i.SegmentCode ?? "", i.AreaCode ?? "",
                i.Lon.ToString("0.0000000", CultureInfo.InvariantCulture), i.Lat.ToString("0.0000000", CultureInfo.InvariantCulture), i.Description,
            ];
            sb.AppendLine(string.Join(",", fields.Select(Quote)));
        }
        return sb.ToString();
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    public static Point PointOf(IssueRow row) => new(row.Lon, row.Lat) { SRID = 4326 };
}
