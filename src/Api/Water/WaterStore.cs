using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Store;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>A sample ready to be stored: the measurement and its class as computed when it arrived.</summary>
public sealed record NewSample(WaterSample Sample, WaterQualityResult Quality);

/// <summary>A stored sample.</summary>
public sealed record SampleRow(long Id, string SectionCode, DateTimeOffset SampledAt, IReadOnlyDictionary<string, double> Factors, WaterClass WaterClass,
    IReadOnlyList<string> Deciding, string? Source);

/// <summary>A sample repeats a (section, time) already held: the transaction storing it is rolled back.</summary>
public sealed class DuplicateSampleException(string section, DateTimeOffset at)
    : Exception($"section '{section}' already has a sample taken at {at:O}")
{
    public string Section { get; } = section;
    public DateTimeOffset At { get; } = at;
}

/// <summary>
/// All SQL of monitoring sections and samples (migration 0080): samples by period, samples stored all-or-nothing in the
/// transaction that claims their Idempotency-Key, sections added, changed and removed by offices in their scope
/// (bumping the data version so the snapshots see them), and the office's decisions on proposed sections — every
/// change with its audit entry in its transaction.
/// </summary>
public sealed class WaterStore(NpgsqlDataSource dataSource, DataVersion dataVersion, AuditLog audit)
{
    private const string SampleColumns = "id, section_code, sampled_at, factors::text, water_class, deciding, source";

    /// <summary>Samples taken in [from, to), of one section or of all.</summary>
    public async Task<List<WaterSample>> SamplesAsync(DateTimeOffset from, DateTimeOffset to, string? sectionCode, CancellationToken ct) =>
        (await SampleRowsAsync(from, to, sectionCode, ct))
        .Select(r => new WaterSample(r.SectionCode, r.SampledAt, FactorJson.FromCodes(r.Factors), r.Source)).ToList();

    public async Task<List<SampleRow>> SampleRowsAsync(DateTimeOffset from, DateTimeOffset to, string? sectionCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {SampleColumns} FROM samples WHERE sampled_at >= $1 AND sampled_at < $2 AND ($3::text IS NULL OR section_code = $3) ORDER BY section_code, sampled_at");
        cmd.Parameters.AddWithValue(from.UtcDateTime);
        cmd.Parameters.AddWithValue(to.UtcDateTime);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)sectionCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>The samples with these ids (a replayed post answers with the sample it stored).</summary>
    public async Task<List<SampleRow>> SamplesByIdAsync(long[] ids, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {SampleColumns} FROM samples WHERE id = ANY ($1) ORDER BY id");
        cmd.Parameters.AddWithValue(ids);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>Which of these sections exist in the caller's scope.</summary>
    public async Task<HashSet<string>> SectionsInScopeAsync(IEnumerable<string> codes, Caller caller, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT code FROM sections WHERE code = ANY ($1) AND {WaterScope.Sections("$2")}");
        cmd.Parameters.AddWithValue(codes.Distinct(StringComparer.Ordinal).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)WaterScope.AreaOf(caller) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) set.Add(reader.GetString(0));
        return set;
    }

    /// <summary>
    /// Stores samples in the caller's transaction (the one claiming an Idempotency-Key, with the audit entry); throws
    /// <see cref="DuplicateSampleException"/> when one of them repeats a (section, time) already held, so nothing is stored.
    /// </summary>
    public async Task<List<SampleRow>> InsertSamplesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<NewSample> samples, string source,
        Caller caller, string[] auditAreas, CancellationToken ct)
    {
        var stored = new List<SampleRow>();
        foreach (var (sample, quality) in samples)
        {
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO samples (section_code, sampled_at, factors, water_class, deciding, source)
                VALUES ($1, $2, $3::jsonb, $4, $5, $6)
                ON CONFLICT (section_code, sampled_at) DO NOTHING
                RETURNING {SampleColumns}
                """, connection, tx);
            cmd.Parameters.AddWithValue(sample.SiteCode);
            cmd.Parameters.AddWithValue(sample.SampledAt.UtcDateTime);
            cmd.Parameters.AddWithValue(FactorJson.Serialize(sample.Values));
            cmd.Parameters.AddWithValue(quality.Class.ToCode());
            cmd.Parameters.AddWithValue(quality.DecidingFactors.Select(f => f.ToCode()).ToArray());
            cmd.Parameters.AddWithValue(sample.Source ?? source);
            var rows = await ReadAllAsync(cmd, ct);
            if (rows.Count == 0) throw new DuplicateSampleException(sample.SiteCode, sample.SampledAt);
            stored.AddRange(rows);
        }
        var entry = stored.Count == 1
            ? new AuditEntry("create", "sample", stored[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { section_code = stored[0].SectionCode, sampled_at = stored[0].SampledAt, water_class = stored[0].WaterClass.ToCode() }, auditAreas)
            : new AuditEntry("import", "samples", null, new { samples = stored.Count, sections = stored.Select(r => r.SectionCode).Distinct().Order(StringComparer.Ordinal) },
                auditAreas);
        await audit.AppendAsync(tx, caller, entry, ct);
        return stored;
    }

    /// <summary>
    /// Adds a section (false when the code is taken) or replaces one in the caller's scope (false when there is none
    /// there), with its audit entry.
    /// </summary>
    public async Task<bool> SaveSectionAsync(MonitoringSection section, bool create, Caller caller, string[] auditAreas, CancellationToken ct)
    {
        var sql = create
            ? """
              INSERT INTO sections (code, origin, name, kind, target_class, river_code, water_body_code, area_codes, geom)
              VALUES ($1, 'office', $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326)) ON CONFLICT (code) DO NOTHING
              """
            : $"""
              UPDATE sections SET name = $2, kind = $3, target_class = $4, river_code = $5, water_body_code = $6, area_codes = $7,
                  geom = ST_SetSRID(ST_MakePoint($8, $9), 4326)
              WHERE code = $1 AND {WaterScope.Sections("$10")}
              """;
        var change = new { section.Name, section.Kind, target_class = section.TargetClass.ToCode(), section.RiverCode, section.WaterBodyCode, section.AreaCodes,
            lon = section.Location.X, lat = section.Location.Y };
        object?[] values = [section.Code, section.Name, section.Kind.ToCode(), section.TargetClass.ToCode(), section.RiverCode, section.WaterBodyCode,
            section.AreaCodes.ToArray(), section.Location.X, section.Location.Y];
        return await ChangeAsync(sql, caller, new AuditEntry(create ? "create" : "update", "section", section.Code, change, auditAreas), true, ct,
            create ? values : [.. values, WaterScope.AreaOf(caller)]);
    }

    /// <summary>Removes a section in the caller's scope with its samples (false when there is none there).</summary>
    public Task<bool> DeleteSectionAsync(string code, Caller caller, string[] auditAreas, CancellationToken ct) =>
        ChangeAsync($"DELETE FROM sections WHERE code = $1 AND {WaterScope.Sections("$2")}", caller, new AuditEntry("delete", "section", code, null, auditAreas),
            true, ct, code, WaterScope.AreaOf(caller));

    /// <summary>The office's decisions on proposed sections, by candidate key.</summary>
    public async Task<Dictionary<string, string>> DecisionsAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT candidate_key, decision FROM section_candidate_decisions");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetString(1);
        return result;
    }

    /// <summary>Records a decision (false when the candidate was decided before); an accepted candidate's section is added with it, audited.</summary>
    public async Task<bool> DecideAsync(string key, bool accept, MonitoringSection? section, Caller caller, string? note, DateTimeOffset at, string[] auditAreas,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO section_candidate_decisions (candidate_key, decision, section_code, decided_at, decided_by, note)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (candidate_key) DO NOTHING
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue(key);
            cmd.Parameters.AddWithValue(accept ? "accepted" : "rejected");
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)section?.Code ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue(at.UtcDateTime);
            cmd.Parameters.AddWithValue(caller.Actor);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }
        if (section is not null)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO sections (code, origin, name, kind, target_class, river_code, area_codes, geom)
                VALUES ($1, 'office', $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326))
                """, connection, tx);
            foreach (var value in new object?[] { section.Code, section.Name, section.Kind.ToCode(), section.TargetClass.ToCode(), section.RiverCode,
                         section.AreaCodes.ToArray(), section.Location.X, section.Location.Y })
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            await insert.ExecuteNonQueryAsync(ct);
            await DataVersion.BumpAsync(connection, ct);
        }
        await audit.AppendAsync(tx, caller, new AuditEntry(accept ? "accept" : "reject", "section_candidate", key,
            new { section_code = section?.Code, note }, auditAreas), ct);
        await tx.CommitAsync(ct);
        dataVersion.Invalidate();
        return true;
    }

    /// <summary>
    /// Runs one change of the water data with its audit entry and bumps the data version with it (unless
    /// <paramref name="bump"/> is false: what changed is not in the snapshot); false when no row was touched — nothing
    /// there, or not in the caller's scope — and then nothing is stored.
    /// </summary>
    internal async Task<bool> ChangeAsync(string sql, Caller caller, AuditEntry entry, bool bump, CancellationToken ct, params object?[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in values) cmd.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        var changed = await cmd.ExecuteNonQueryAsync(ct);
        if (changed == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        await audit.AppendAsync(tx, caller, entry, ct);
        if (bump) await DataVersion.BumpAsync(connection, ct);
        await tx.CommitAsync(ct);
        if (bump) dataVersion.Invalidate();
        return true;
    }

    private static async Task<List<SampleRow>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<SampleRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    private static SampleRow Read(NpgsqlDataReader r)
    {
        SurfaceWaterStandard.TryParseClass(r.GetString(4), out var waterClass);
        return new SampleRow(r.GetInt64(0), r.GetString(1), new DateTimeOffset(r.GetDateTime(2), TimeSpan.Zero),
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(3)) ?? [], waterClass,
            r.GetFieldValue<string[]>(5), r.IsDBNull(6) ? null : r.GetString(6));
    }
}
