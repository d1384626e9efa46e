using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Geo.Issues;

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
    IssueCategory Category, string Description, string Source, string? ReporterName, string? ReporterContact, string[] PhotoUrls,
    DateTimeOffset ReportedAt, DateTimeOffset Deadline, string? ChiefId, JsonNode? Chief, JsonNode Chain, JsonNode Routing,
    string? RiverCode, string? SegmentCode, string? AreaCode, string[] AreaCodes, double? MeasureM, double? DistanceM, bool OffRiver,
    long[] DuplicateOf, string? IdempotencyKey, string? RequestHash, double Lon, double Lat);

/// <summary>The problem ledger in PostGIS: issues and their transitions.</summary>
public sealed class IssueStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, category, description, source, reporter_name, reporter_contact, photo_urls, status, reported_at, deadline, closed_at,
        chief_id, chief::text, chain::text, routing::text, river_code, segment_code, area_code, measure_m, distance_m, off_river,
        duplicate_of, ST_X(geom), ST_Y(geom)
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
        return (Read(reader), reader.IsDBNull(24) ? null : reader.GetString(24));
    }

    /// <summary>Open issues of a category within <paramref name="radiusM"/> and <paramref name="window"/> of a report (duplicate candidates).</summary>
    public async Task<List<LedgerIssue>> NearbyOpenAsync(IssueCategory category, double lon, double lat, DateTimeOffset at, double radiusM, TimeSpan window, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, status, ST_X(geom), ST_Y(geom), reported_at FROM issues
            WHERE category = $1 AND status NOT IN ('closed', 'rejected')
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
                duplicate_of, idempotency_key, request_hash, geom)
            VALUES ($1, $2, $3, $4, $5, $6, 'reported', $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, $16, $17, $18, $19,
                $20, $21, $22, ST_SetSRID(ST_MakePoint($23, $24), 4326))
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id
            """, connection, tx);
        var routing = issue.Routing;
        const NpgsqlDbType text = NpgsqlDbType.Text, number = NpgsqlDbType.Double, time = NpgsqlDbType.TimestampTz;
        (object? Value, NpgsqlDbType Type)[] values =
        [
            (issue.Category.ToCode(), text), (issue.Description, text), (issue.Source, text), (issue.ReporterName, text),
            (issue.ReporterContact, text), (issue.PhotoUrls, NpgsqlDbType.Array | text), (issue.ReportedAt.UtcDateTime, time),
            (issue.Deadline.UtcDateTime, time), (issue.ChiefId, text), (issue.Chief?.ToJsonString(), text), (issue.Chain.ToJsonString(), text),
            (routing.ToJsonString(), text), (issue.RiverCode, text), (issue.SegmentCode, text), (issue.AreaCode, text),
            (issue.AreaCodes, NpgsqlDbType.Array | text), (issue.MeasureM, number), (issue.DistanceM, number), (issue.OffRiver, NpgsqlDbType.Boolean),
            (issue.DuplicateOf, NpgsqlDbType.Array | NpgsqlDbType.Bigint), (issue.IdempotencyKey, text), (issue.RequestHash, text), (issue.Lon, number), (issue.Lat, number),
        ];
        foreach (var (value, type) in values) cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        var id = await cmd.ExecuteScalarAsync(ct);
        if (id is null)
        {
            await tx.RollbackAsync(ct);
            return null;
        }
        await InsertEventAsync(connection, tx, (long)id, issue.ReportedAt, "report", null, IssueStatus.Reported, actor, issue.Description, issue.ChiefId, ct);
        await tx.CommitAsync(ct);
        return (long)id;
    }

    /// <summary>
    /// Applies a lifecycle transition under a row lock: reads the current status, asks <paramref name="decide"/> (pure rules),
    /// stores the outcome and its event in one transaction.
    /// </summary>
    public async Task<(IssueRow? Issue, TransitionError? Error)> TransitionAsync(long id,
        Func<IssueRow, (TransitionResult Result, JsonNode? NewChief)> decide, CancellationToken ct)
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
                closed_at = CASE WHEN $2 IN ('closed', 'rejected') THEN $5 ELSE closed_at END
            WHERE id = $1
            """, connection, tx))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(t.To.ToCode());
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)t.AssigneeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)newChief?.ToJsonString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.AddWithValue(t.At.UtcDateTime);
            await update.ExecuteNonQueryAsync(ct);
        }
        await InsertEventAsync(connection, tx, id, t.At, ActionCodes.ToCode(t.Action), t.From, t.To, t.Actor, t.Note, t.AssigneeId, ct);
        await tx.CommitAsync(ct);
        return (await GetAsync(id, ct), null);
    }

    public async Task<List<IssueEventDto>> EventsAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT at, action, from_status, to_status, actor, note, chief_id FROM issue_events WHERE issue_id = $1 ORDER BY at, id");
        cmd.Parameters.AddWithValue(id);
        var list = new List<IssueEventDto>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new IssueEventDto(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return list;
    }

    /// <summary>
    /// The ledger filtered; the light filter is applied here (the light depends on the clock), with the same rule as
    /// <see cref="StatusLight"/>, so the listing, the CSV and the map agree.
    /// </summary>
    public async Task<List<IssueRow>> ListAsync(IssueFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var where = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        string P(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + parameters.Count;
        }
        if (filter.Status is { } s) where.Add($"status = {P(s.ToCode())}");
        if (filter.Open is true) where.Add("status NOT IN ('closed', 'rejected')");
        if (filter.Open is false) where.Add("status IN ('closed', 'rejected')");
        if (filter.Category is { } c) where.Add($"category = {P(c.ToCode())}");
        if (filter.AreaCode is { } a) where.Add($"area_codes @> ARRAY[{P(a)}]::text[]");
        if (filter.ChiefId is { } chief) where.Add($"chief_id = {P(chief)}");
        if (filter.RiverCode is { } river) where.Add($"river_code = {P(river)}");
        if (filter.From is { } from) where.Add($"reported_at >= {P(from.UtcDateTime)}");
        if (filter.To is { } to) where.Add($"reported_at <= {P(to.UtcDateTime)}");
        var sql = $"SELECT {Columns} FROM issues {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY reported_at DESC, id DESC";
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters.ToArray());
        var list = new List<IssueRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = Read(reader);
            if (filter.Light is { } light && StatusLight.Of(row.Status, row.Deadline, now) != light) continue;
            list.Add(row);
        }
        return list;
    }

    private static IssueRow Read(NpgsqlDataReader r)
    {
        IssueCategories.TryParse(r.GetString(1), out var category);
        IssueStatuses.TryParse(r.GetString(7), out var status);
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        JsonNode? J(int i) => r.IsDBNull(i) ? null : JsonNode.Parse(r.GetString(i));
        return new IssueRow
        {
            Id = r.GetInt64(0),
            Category = category,
            Description = r.GetString(2),
            Source = r.GetString(3),
            ReporterName = S(4),
            ReporterContact = S(5),
            PhotoUrls = r.GetFieldValue<string[]>(6),
            Status = status,
            ReportedAt = new DateTimeOffset(r.GetDateTime(8), TimeSpan.Zero),
            Deadline = new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero),
            ClosedAt = r.IsDBNull(10) ? null : new DateTimeOffset(r.GetDateTime(10), TimeSpan.Zero),
            ChiefId = S(11),
            Chief = J(12),
            Chain = J(13),
            Routing = J(14),
            RiverCode = S(15),
            SegmentCode = S(16),
            AreaCode = S(17),
            MeasureM = r.IsDBNull(18) ? null : r.GetDouble(18),
            DistanceM = r.IsDBNull(19) ? null : r.GetDouble(19),
            OffRiver = r.GetBoolean(20),
            DuplicateOf = r.GetFieldValue<long[]>(21),
            Lon = r.GetDouble(22),
            Lat = r.GetDouble(23),
        };
    }

    private static async Task InsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, DateTimeOffset at, string action,
        IssueStatus? from, IssueStatus to, string actor, string? note, string? chiefId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO issue_events (issue_id, at, action, from_status, to_status, actor, note, chief_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", connection, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.AddWithValue(action);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.ToCode() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(to.ToCode());
        cmd.Parameters.AddWithValue(actor);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)chiefId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The ledger as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese correctly).</summary>
    public static string ToCsv(IEnumerable<IssueDto> issues)
    {
        var sb = new StringBuilder("\uFEFF");
        sb.AppendLine("id,category,类别,status,状态,light,红黄绿灯,reported_at,deadline,closed_at,chief_id,chief_name,chief_phone,river_code,segment_code,area_code,lon,lat,description");
        foreach (var i in issues)
        {
            string[] fields =
            [
                i.Id.ToString(), i.Category, i.CategoryLabel, i.Status, i.StatusLabel, i.Light, i.LightLabel,
                i.ReportedAt.ToString("yyyy-MM-ddTHH:mm:ssZ"), i.Deadline.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                i.ClosedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ") ?? "", i.ChiefId ?? "", i.Chief?["name"]?.GetValue<string>() ?? "",
                i.Chief?["phone"]?.GetValue<string>() ?? "", i.RiverCode ?? "", i.SegmentCode ?? "", i.AreaCode ?? "",
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
