using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Http;
using RiverGis.Api.Store;
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
    DateTimeOffset? To = null,
    IReadOnlyCollection<IssueCategory>? Categories = null,
    string? UnitCode = null);

/// <summary>A new issue ready to be stored (already validated and routed).</summary>
public sealed record NewIssue(
    IssueCategory Category, string Description, IssueSource Source, string? ReporterName, string? ReporterContact, string[] PhotoUrls,
    DateTimeOffset ReportedAt, DateTimeOffset Deadline, string? ChiefId, ResponsibleChief? Chief, IReadOnlyList<ResponsibleChief> Chain, IssueRouting Routing,
    string? RiverCode, string? SegmentCode, string? AreaCode, string[] AreaCodes, double? MeasureM, double? DistanceM, bool OffRiver,
    long[] DuplicateOf, double Lon, double Lat, string? FollowUpHash, long? PatrolId = null);

/// <summary>
/// What the ledger decides about a transition on the locked issue: the lifecycle's result (stored when it is ok) and the
/// chief assigned, or why the caller may not (a 403) or what is wrong with the request (a 400) — then nothing is stored.
/// </summary>
public sealed record TransitionDecision(TransitionResult? Result, ResponsibleChief? NewChief = null, string? Denied = null, ProblemItem? Invalid = null);

/// <summary>One page of the ledger: the issues, how many match the filter, and the light counts of the filter without its light criterion.</summary>
public sealed record LedgerPage(List<IssueRow> Issues, int NumberMatched, LightCounts Lights);

/// <summary>
/// The problem ledger in PostGIS: issues and their transitions. Routing snapshots (chief, chain, routing) are typed
/// records stored as jsonb in the service's JSON conventions. "Open" and the light are the SQL functions of migration
/// 0003 (issue_is_open, issue_light), the same rules as <see cref="IssueStatuses.IsTerminal"/> and <see cref="StatusLight"/>.
/// </summary>
public sealed class IssueStore(NpgsqlDataSource dataSource, ReadReplica replica, AuditLog audit)
{
    // Single issues (what a client just filed or changed) and every write go to the primary; lists may come from the
    // read replica (ReadReplica), a moment behind.
    /// <summary>The columns of <see cref="Read"/>; the reporter's name and contact only when <paramref name="contacts"/> says so (else NULL).</summary>
    private static string Columns(string contacts) => $"""
        id, category, description, source, {contacts}, photo_urls, status, reported_at, deadline, closed_at,
        chief_id, chief::text, chain::text, routing::text, river_code, segment_code, area_code, measure_m, distance_m, off_river,
        duplicate_of, ST_X(geom), ST_Y(geom), area_codes, unit_code, patrol_id
        """;

    /// <summary>The reporter's own view (follow-up token, idempotent replay): with the contact they gave.</summary>
    private static readonly string ReporterColumns = Columns("reporter_name, reporter_contact");

    /// <summary>
    /// One issue as <paramref name="caller"/> may see it: null when it does not exist or lies outside the caller's scope
    /// (the same answer, on purpose). A null caller is the public face (Open311): any issue, never a contact.
    /// </summary>
    public async Task<IssueRow?> GetAsync(long id, Caller? caller, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter> { Parameter(id) };
        var scope = caller is null ? null : IssueScope.Sql(caller, v => Add(parameters, v));
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns(IssueScope.ContactColumns(caller))} FROM issues WHERE id = $1{(scope is null ? "" : " AND " + scope)}");
        cmd.Parameters.AddRange(parameters.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>One issue as its reporter sees it (just filed, or replayed under the same Idempotency-Key): with the contact they gave.</summary>
    public async Task<IssueRow?> GetAsReporterAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {ReporterColumns} FROM issues WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The issue a follow-up token (by its SHA-256) was given for, with the reporter's own contact.</summary>
    public async Task<IssueRow?> FindByFollowUpAsync(string tokenHash, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {ReporterColumns} FROM issues WHERE follow_up_hash = $1");
        cmd.Parameters.AddWithValue(tokenHash);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
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

    /// <summary>Stores a new issue with its first event and its audit entry in the transaction that claims the idempotency key.</summary>
    public async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, NewIssue issue, Caller caller, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO issues (category, description, source, reporter_name, reporter_contact, photo_urls, status, reported_at, deadline,
                chief_id, chief, chain, routing, river_code, segment_code, area_code, area_codes, measure_m, distance_m, off_river,
                duplicate_of, geom, follow_up_hash, reported_by, patrol_id)
            VALUES ($1, $2, $3, $4, $5, $6, $23, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, $16, $17, $18, $19,
                $20, ST_SetSRID(ST_MakePoint($21, $22), 4326), $24, $25, $26)
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
            (issue.DuplicateOf, NpgsqlDbType.Array | NpgsqlDbType.Bigint), (issue.Lon, number), (issue.Lat, number),
            (IssueStatus.Reported.ToCode(), text), (issue.FollowUpHash, text), (caller.Username, text), (issue.PatrolId, NpgsqlDbType.Bigint),
        ];
        foreach (var (value, type) in values) cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await InsertEventAsync(connection, tx, id, issue.ReportedAt, IssueActionKind.Report, null, IssueStatus.Reported, caller.Actor, null, issue.ChiefId, ct);
        await audit.AppendAsync(tx, caller, new AuditEntry(IssueActionKind.Report.ToCode(), "issue", id.ToString(CultureInfo.InvariantCulture),
            new { category = issue.Category, source = issue.Source, chief_id = issue.ChiefId }, issue.AreaCodes), ct);
        return id;
    }

    /// <summary>
    /// Applies a lifecycle transition under a row lock: reads the issue in <paramref name="caller"/>'s scope (null: none
    /// there), asks <paramref name="decide"/> (permissions and the lifecycle's pure rules), and stores the outcome, its
    /// event and its audit entry in one transaction — or nothing when the decision refuses.
    /// </summary>
    /// <param name="record">More to store in the same transaction when the transition happens (a re-check's record).</param>
    public async Task<(IssueRow? Issue, TransitionDecision? Decision)> TransitionAsync(long id, Caller caller,
        Func<IssueRow, TransitionDecision> decide, CancellationToken ct, Func<NpgsqlTransaction, IssueTransition, Task>? record = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        IssueRow? row;
        var parameters = new List<NpgsqlParameter> { Parameter(id) };
        var scope = IssueScope.Sql(caller, v => Add(parameters, v));
        await using (var select = new NpgsqlCommand(
            $"SELECT {Columns(IssueScope.ContactColumns(caller))} FROM issues WHERE id = $1{(scope is null ? "" : " AND " + scope)} FOR UPDATE", connection, tx))
        {
            select.Parameters.AddRange(parameters.ToArray());
            await using var reader = await select.ExecuteReaderAsync(ct);
            row = await reader.ReadAsync(ct) ? Read(reader) : null;
        }
        if (row is null) return (null, null);
        var decision = decide(row);
        if (decision.Result is not { Ok: true, Transition: { } t }) return (row, decision);
        var newChief = decision.NewChief;
        await using (var update = new NpgsqlCommand("""
            UPDATE issues SET status = $2,
                chief_id = coalesce($3, chief_id), chief = coalesce($4::jsonb, chief), unit_code = coalesce($6, unit_code),
                closed_at = CASE WHEN issue_is_open($2) THEN NULL ELSE $5 END
            WHERE id = $1
            """, connection, tx))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(t.To.ToCode());
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)t.AssigneeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)Json(newChief) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.AddWithValue(t.At.UtcDateTime);
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)t.UnitCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await update.ExecuteNonQueryAsync(ct);
        }
        await InsertEventAsync(connection, tx, id, t.At, t.Action, t.From, t.To, t.Actor, t.Note, t.AssigneeId, ct, t.UnitCode);
        await audit.AppendAsync(tx, caller, new AuditEntry(t.Action.ToCode(), "issue", id.ToString(),
            new { from = t.From, to = t.To, chief_id = t.AssigneeId, unit_code = t.UnitCode, note = t.Note }, row.AreaCodes), ct);
        if (record is not null) await record(tx, t);
        await tx.CommitAsync(ct);
        return (await GetAsync(id, caller, ct), decision);
    }

    public async Task<List<IssueEvent>> EventsAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT at, action, from_status, to_status, actor, note, chief_id, unit_code FROM issue_events WHERE issue_id = $1 ORDER BY at, id");
        cmd.Parameters.AddWithValue(id);
        var list = new List<IssueEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new IssueEvent(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), EnumCodes.Parse<IssueActionKind>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : EnumCodes.Parse<IssueStatus>(reader.GetString(2)), EnumCodes.Parse<IssueStatus>(reader.GetString(3)),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return list;
    }

    /// <summary>
    /// Every issue of the filter in <paramref name="caller"/>'s scope, newest first (the CSV export); a null caller is the
    /// public face (Open311 listings): every issue, never a contact.
    /// </summary>
    public async Task<List<IssueRow>> ListAsync(IssueFilter filter, Caller? caller, DateTimeOffset now, CancellationToken ct, int? limit = null)
    {
        var where = Where(filter, caller, now, out var parameters);
        var top = limit is { } n ? $" LIMIT {n.ToString(CultureInfo.InvariantCulture)}" : "";
        await using var cmd = replica.DataSource.CreateCommand($"SELECT {Columns(IssueScope.ContactColumns(null))} FROM issues {where} ORDER BY reported_at DESC, id DESC{top}");
        cmd.Parameters.AddRange(parameters.ToArray());
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>
    /// One page of the ledger, paged, counted and coloured in SQL (issue_light): the page, the number matching the
    /// filter, and the light counts of the filter without its light criterion (the three-colour summary of the selection).
    /// Both are read in one snapshot, so the counts agree with the page.
    /// </summary>
    public async Task<LedgerPage> PageAsync(IssueFilter filter, Caller caller, DateTimeOffset now, int limit, int offset, CancellationToken ct)
    {
        await using var connection = await replica.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var counts = new Dictionary<LightColour, int>();
        var unlit = Where(filter with { Light = null }, caller, now, out var countParameters);
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
        var where = Where(filter, caller, now, out var parameters);
        // Lists never carry contacts, not even the office's (it reads them one issue at a time).
        await using var page = new NpgsqlCommand(
            $"SELECT {Columns(IssueScope.ContactColumns(null))} FROM issues {where} ORDER BY reported_at DESC, id DESC LIMIT ${parameters.Count + 1} OFFSET ${parameters.Count + 2}", connection, tx);
        page.Parameters.AddRange(parameters.Append(Parameter(limit)).Append(Parameter(offset)).ToArray());
        var issues = await ReadAllAsync(page, ct);
        await tx.CommitAsync(ct);
        return new LedgerPage(issues, matched, lights);
    }

    private static NpgsqlParameter Parameter(object value) => new() { Value = value };

    private static string Add(List<NpgsqlParameter> parameters, object value)
    {
        parameters.Add(Parameter(value));
        return "$" + parameters.Count;
    }

    /// <summary>
    /// The WHERE clause of a filter in the caller's scope (<see cref="IssueScope"/>; none for the public face) with its
    /// positional parameters ($1…); the light through issue_light at <paramref name="now"/>.
    /// </summary>
    private static string Where(IssueFilter filter, Caller? caller, DateTimeOffset now, out List<NpgsqlParameter> parameters)
    {
        var where = new List<string>();
        var list = new List<NpgsqlParameter>();
        string P(object value) => Add(list, value);
        if (caller is not null && IssueScope.Sql(caller, P) is { } scope) where.Add(scope);
        if (filter.Status is { } s) where.Add($"status = {P(s.ToCode())}");
        if (filter.Open is { } open) where.Add($"issue_is_open(status) = {P(open)}");
        if (filter.Category is { } c) where.Add($"category = {P(c.ToCode())}");
        if (filter.Categories is { } cs) where.Add($"category = ANY({P(cs.Select(x => x.ToCode()).ToArray())})");
        if (filter.AreaCode is { } a) where.Add($"area_codes @> ARRAY[{P(a)}]::text[]");
        if (filter.ChiefId is { } chief) where.Add($"chief_id = {P(chief)}");
        if (filter.RiverCode is { } river) where.Add($"river_code = {P(river)}");
        if (filter.UnitCode is { } unit) where.Add($"unit_code = {P(unit)}");
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
            AreaCodes = r.GetFieldValue<string[]>(24),
            UnitCode = S(25),
            PatrolId = r.IsDBNull(26) ? null : r.GetInt64(26),
        };
    }

    private static async Task InsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, DateTimeOffset at, IssueActionKind action,
        IssueStatus? from, IssueStatus to, string actor, string? note, string? chiefId, CancellationToken ct, string? unitCode = null)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO issue_events (issue_id, at, action, from_status, to_status, actor, note, chief_id, unit_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", connection, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.AddWithValue(action.ToCode());
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.ToCode() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(to.ToCode());
        cmd.Parameters.AddWithValue(actor);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)chiefId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)unitCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static Point PointOf(IssueRow row) => new(row.Lon, row.Lat) { SRID = 4326 };
}
