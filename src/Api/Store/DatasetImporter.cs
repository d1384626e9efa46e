using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using System.Diagnostics;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;
using RiverGis.Api.Water;
using RiverGis.Api.Roster;
using RiverGis.Api.Units;

namespace RiverGis.Api.Store;

/// <param name="Warnings">What was repaired while reading (file, feature, what changed) and other notes; listed also when refused.</param>
public sealed record ImportResult(bool Ok, IReadOnlyList<DatasetProblem> Problems, IReadOnlyList<ImportedDataset> Datasets)
{
    public IReadOnlyList<DatasetProblem> Warnings { get; init; } = [];
}

public enum ImportPhase
{
    /// <summary>Reading and validating the files (Total unknown: features are counted as they are read).</summary>
    Read,
    /// <summary>Copying rows into a table (Done of Total rows).</summary>
    Load,
    /// <summary>Committing: the database checks the deferred constraints (Done 1 of 1 when committed).</summary>
    Commit,
}

/// <summary>How far an import is: the phase, what it works on (dataset/file, table), Done of Total (Total 0: unknown).</summary>
public readonly record struct ImportProgress(ImportPhase Phase, string Item, long Done, long Total = 0);

public sealed record ImportedDataset(string Code, string Name, int Areas, int Chiefs, int Rivers, int Segments, int Outlets, int PatrolTracks);

/// <summary>
/// Imports dataset folders into PostGIS: validates everything first (every problem reported with file, feature/line and
/// property), then loads all datasets in one transaction — all or nothing. Rows are keyed by code, so re-importing a
/// dataset updates it in place; rows of that dataset that are no longer in its files are removed.
/// </summary>
public sealed class DatasetImporter(NpgsqlDataSource dataSource, DataVersion dataVersion, AuditLog audit, TimeProvider clock, ILogger<DatasetImporter> logger)
{
    /// <param name="options">The CRS of files that state none, and strict mode (refuse what would be repaired).</param>
    /// <param name="caller">Who imports, for the audit log (default: the console's user).</param>
    public async Task<ImportResult> ImportAsync(string folder, IProgress<ImportProgress>? progress = null, CancellationToken ct = default,
        DatasetReadOptions? options = null, Caller? caller = null)
    {
        var folders = DatasetReader.FindDatasetFolders(folder);
        if (folders.Count == 0)
            return new(false, [new DatasetProblem(folder, null, null, null, "not a dataset folder (no dataset.json) and holds no dataset folders")], []);

        var problems = new List<DatasetProblem>();
        var warnings = new List<DatasetProblem>();
        var contents = new List<DatasetContent>();
        var phase = Stopwatch.StartNew();
        foreach (var datasetFolder in folders)
        {
            var dataset = Path.GetFileName(datasetFolder);
            var reader = new DatasetReader(new SynchronousProgress<DatasetProgress>(p => progress?.Report(new(ImportPhase.Read, $"{dataset}/{p.File}", p.Features))),
                options);
            var (content, found) = reader.Read(datasetFolder);
            var prefix = folders.Count > 1 ? Path.GetFileName(datasetFolder) + "/" : "";
            problems.AddRange(found.Select(p => p with { File = prefix + p.File }));
            if (content is null) continue;
            contents.Add(content);
            warnings.AddRange(content.Warnings.Select(p => p with { File = prefix + p.File }));
        }
        problems.AddRange(CrossDatasetDuplicates(contents));
        logger.LogInformation("Read and validated {Count} dataset(s) in {Ms} ms", contents.Count, phase.ElapsedMilliseconds);
        if (problems.Count == 0) problems.AddRange(await CodesOwnedElsewhereAsync(contents, ct));
        if (problems.Count > 0) return new(false, problems, []) { Warnings = warnings };
        phase.Restart();

        var imported = new List<ImportedDataset>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await Exec(connection, "SET CONSTRAINTS ALL DEFERRED", ct);
            var bulk = await EmptyTablesBulkLoad.TryBeginAsync(connection, ct);
            foreach (var content in contents)
            {
                var watch = Stopwatch.StartNew();
                await LoadAsync(connection, content, progress, ct);
                imported.Add(new(content.Code, content.Name, content.Areas.Count, content.Chiefs.Count, content.Rivers.Count,
                    content.Segments.Count, content.Outlets.Count, content.PatrolTracks.Count));
                await audit.AppendAsync(tx, caller ?? Caller.Console, new AuditEntry("import", "dataset", content.Code, imported[^1]), ct);
                logger.LogInformation("Loaded dataset {Code}: {Features} records in {Ms} ms", content.Code, content.FeatureCount, watch.ElapsedMilliseconds);
            }
            if (bulk is not null)
            {
                var watch = Stopwatch.StartNew();
                await bulk.FinishAsync(connection, ct);
                logger.LogInformation("Empty tables loaded in bulk: indexes built and foreign keys validated in {Ms} ms", watch.ElapsedMilliseconds);
            }
            // Units and the roster over time, once the river-chief data is in place (indexes rebuilt). Changes take
            // effect on the import day (China Standard Time): a changed chief's appointment ends and the new one starts.
            var asOf = Geo.Calendar.OfficePeriod.DayOf(clock.GetUtcNow());
            foreach (var content in contents)
            {
                await UnitImport.SyncAsync(connection, content, asOf, ct);
                await RosterImport.SyncAsync(connection, content, asOf, ct);
            }
            await DataVersion.BumpAsync(connection, ct);
            logger.LogInformation("Copied in {Ms} ms", phase.ElapsedMilliseconds);
            progress?.Report(new(ImportPhase.Commit, "commit", 0, 1));
            await tx.CommitAsync(ct);
            progress?.Report(new(ImportPhase.Commit, "commit", 1, 1));
        }
        catch (PostgresException ex)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return new(false, [new DatasetProblem(ex.TableName ?? "database", null, null, ex.ConstraintName ?? ex.ColumnName,
                $"rejected by the database: {ex.MessageText}{(ex.Detail is { } d ? " — " + d : "")}")], []);
        }
        dataVersion.Invalidate();
        return new(true, [], imported) { Warnings = warnings };
    }

    /// <summary>Codes are global keys: the same code in two datasets of one import is a conflict.</summary>
    private static IEnumerable<DatasetProblem> CrossDatasetDuplicates(List<DatasetContent> contents)
    {
        if (contents.Count < 2) yield break;
        foreach (var (kind, file, codes) in KeysByKind(contents))
        {
            foreach (var group in codes.GroupBy(c => c.Code).Where(g => g.Select(c => c.Dataset).Distinct().Count() > 1))
            {
                yield return new(file, null, null, "code",
                    $"{kind} code '{group.Key}' appears in datasets {string.Join(", ", group.Select(c => c.Dataset).Distinct())}");
            }
        }
    }

    private async Task<List<DatasetProblem>> CodesOwnedElsewhereAsync(List<DatasetContent> contents, CancellationToken ct)
    {
        var problems = new List<DatasetProblem>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var (kind, file, codes) in KeysByKind(contents))
        {
            var table = kind switch
            {
                "area" => "admin_areas", "chief" => "chiefs", "river" => "rivers", "segment" => "segments", "section" => "sections",
                "water body" => "water_bodies", "zone" => "water_body_zones", "signboard" => "signboards", "unit" => "units", _ => "outlets",
            };
            var key = kind == "chief" ? "id" : "code";
            await using var cmd = new NpgsqlCommand(
                $"SELECT t.{key}, t.dataset_code, x.dataset FROM {table} t JOIN unnest(@codes, @datasets) AS x(code, dataset) ON x.code = t.{key} WHERE t.dataset_code <> x.dataset LIMIT 1000",
                connection);
            cmd.Parameters.AddWithValue("codes", codes.Select(c => c.Code).ToArray());
            cmd.Parameters.AddWithValue("datasets", codes.Select(c => c.Dataset).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                problems.Add(new($"{reader.GetString(2)}/{file}", null, null, key,
                    $"{kind} '{reader.GetString(0)}' already belongs to dataset '{reader.GetString(1)}'"));
            }
        }
        return problems;
    }

    private static IEnumerable<(string Kind, string File, List<(string Code, string Dataset)> Codes)> KeysByKind(List<DatasetContent> contents)
    {
        yield return ("area", DatasetFiles.AdminAreas, contents.SelectMany(c => c.Areas.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("chief", DatasetFiles.Chiefs, contents.SelectMany(c => c.Chiefs.Select(a => (a.Item.Id, c.Code))).ToList());
        yield return ("river", DatasetFiles.Rivers, contents.SelectMany(c => c.Rivers.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("segment", DatasetFiles.Segments, contents.SelectMany(c => c.Segments.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("outlet", DatasetFiles.Outlets, contents.SelectMany(c => c.Outlets.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("section", DatasetFiles.Sections, contents.SelectMany(c => c.Sections.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("water body", DatasetFiles.WaterBodies, contents.SelectMany(c => c.WaterBodies.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("zone", DatasetFiles.Zones, contents.SelectMany(c => c.Zones.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("signboard", DatasetFiles.Signboards, contents.SelectMany(c => c.Signboards.Select(a => (a.Item.Code, c.Code))).ToList());
        yield return ("unit", DatasetFiles.Units, contents.SelectMany(c => c.Units.Select(u => (u.Item.Code, c.Code))).ToList());
    }

    private static async Task LoadAsync(NpgsqlConnection connection, DatasetContent content, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        // A dataset seen for the first time has no rows to update or remove, and its codes belong to no other dataset
        // (checked before): its rows are copied straight into the tables instead of through staging tables and an
        // upsert, which writes every row once instead of twice (N=20000 province: 35 s → see benchmarks/README.md).
        bool isNew;
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO datasets (code, name) VALUES (@c, @n) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, imported_at = now() RETURNING (xmax = 0)", connection))
        {
            cmd.Parameters.AddWithValue("c", content.Code);
            cmd.Parameters.AddWithValue("n", content.Name);
            isNew = (bool)(await cmd.ExecuteScalarAsync(ct))!;
        }
        var ds = content.Code;
        var target = isNew ? StageTarget.Table : StageTarget.Staging;

        await Stage(connection, target, "admin_areas", Columns("admin_areas"), content.Areas, async (w, a) =>
        {
            await w.WriteAsync(a.Item.Code, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(a.Item.Name, ct);
            await w.WriteAsync(a.Item.Level.ToCode(), ct);
            await WriteNullable(w, a.Item.ParentCode, ct);
            await w.WriteAsync(a.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(AsMultiPolygon(a.Item.Geometry), NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        await Stage(connection, target, "chiefs", Columns("chiefs"), content.Chiefs, async (w, c) =>
        {
            await w.WriteAsync(c.Item.Id, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(c.Item.Name, ct);
            await w.WriteAsync(c.Item.Role.ToCode(), ct);
            await w.WriteAsync(c.Item.AreaCode, ct);
            await WriteNullable(w, c.Item.Phone, ct);
            await WriteNullable(w, c.Item.Post, ct);
        }, progress, ct);
        await Stage(connection, target, "rivers", Columns("rivers"), content.Rivers, async (w, r) =>
        {
            await w.WriteAsync(r.Item.Code, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(r.Item.Name, ct);
            await w.WriteAsync(r.Item.Level.ToCode(), ct);
            await WriteNullable(w, r.Item.DownstreamCode, ct);
            await w.WriteAsync(Geodesic.Length(r.Item.Geometry), ct);
            await w.WriteAsync(r.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(r.Item.Geometry, NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        await Stage(connection, target, "segments", Columns("segments"), content.Segments, async (w, s) =>
        {
            await w.WriteAsync(s.Item.Code, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(s.Item.RiverCode, ct);
            await w.WriteAsync(s.Item.Level.ToCode(), ct);
            await w.WriteAsync(s.Item.AreaCode, ct);
            await WriteNullable(w, s.Item.ChiefId, ct);
            await WriteNullable(w, s.Item.Name, ct);
            await w.WriteAsync(Geodesic.Length(s.Item.Geometry), ct);
            await w.WriteAsync(s.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(s.Item.Geometry, NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        await Stage(connection, target, "outlets", Columns("outlets"), content.Outlets, async (w, o) =>
        {
            await w.WriteAsync(o.Item.Code, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(o.Item.Name, ct);
            await w.WriteAsync(o.Item.Kind.ToCode(), ct);
            await w.WriteAsync(o.Item.Scale.ToCode(), ct);
            await w.WriteAsync(o.Item.Permit.ToCode(), ct);
            await WriteNullable(w, o.Item.RiverCode, ct);
            await w.WriteAsync(o.Item.Status.ToCode(), ct);
            if (o.Item.Approval is { } approval) await w.WriteAsync(approval.ApprovedOn, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
            await WriteNullable(w, o.Item.Approval?.DocumentNo, ct);
            await w.WriteAsync(o.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync((Geometry)o.Item.Location, NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        await Stage(connection, target, "water_bodies", Columns("water_bodies"), content.WaterBodies, async (w, b) =>
        {
            await w.WriteAsync(b.Item.Code, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(b.Item.Name, ct);
            await w.WriteAsync(b.Item.Type.ToCode(), ct);
            await w.WriteAsync(b.Item.Level.ToCode(), ct);
            await w.WriteAsync(b.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(AsMultiPolygon(b.Item.Geometry), NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        await Stage(connection, target, "water_body_zones", Columns("water_body_zones"), content.Zones, async (w, z) =>
        {
            await w.WriteAsync(z.Item.Code, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(z.Item.WaterBodyCode, ct);
            await WriteNullable(w, z.Item.Name, ct);
            await w.WriteAsync(z.Item.Level.ToCode(), ct);
            await w.WriteAsync(z.Item.AreaCode, ct);
            await WriteNullable(w, z.Item.ChiefId, ct);
            await w.WriteAsync(z.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(AsMultiPolygon(z.Item.Geometry), NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        await Stage(connection, target, "sections", Columns("sections"), content.Sections, async (w, sec) =>
        {
            await w.WriteAsync(sec.Item.Code, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(sec.Item.Name, ct);
            await w.WriteAsync(sec.Item.Kind.ToCode(), ct);
            await w.WriteAsync(sec.Item.TargetClass.ToCode(), ct);
            await WriteNullable(w, sec.Item.RiverCode, ct);
            await WriteNullable(w, sec.Item.WaterBodyCode, ct);
            await w.WriteAsync(sec.Item.AreaCodes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(sec.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync((Geometry)sec.Item.Location, NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        await Stage(connection, target, "signboards", Columns("signboards"), content.Signboards, async (w, b) =>
        {
            var board = b.Item;
            await w.WriteAsync(board.Code, ct);
            await w.WriteAsync(ds, ct);
            foreach (var value in new[] { board.SegmentCode, board.ZoneCode, board.ChiefName, board.ChiefPost, board.ChiefPhone, board.Extent, board.Duties,
                         board.Target, board.SupervisionPhone })
                await WriteNullable(w, value, ct);
            if (board.PrintedOn is { } on) await w.WriteAsync(on, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(b.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync((Geometry)board.Location, NpgsqlDbType.Geometry, ct);
        }, progress, ct);
        var sectionsByCode = content.Sections.ToDictionary(x => x.Item.Code, x => x.Item, StringComparer.Ordinal);
        await Stage(connection, target, "samples", SampleColumns, content.Samples, async (w, x) =>
        {
            var quality = WaterQualityClassifier.Classify(sectionsByCode[x.Item.SiteCode].ClassificationKind(), x.Item.Values, sectionsByCode[x.Item.SiteCode].TargetClass);
            await w.WriteAsync(x.Item.SiteCode, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(x.Item.SampledAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(FactorJson.Serialize(x.Item.Values), NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(quality.Class.ToCode(), ct);
            await w.WriteAsync(quality.DecidingFactors.Select(f => f.ToCode()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await WriteNullable(w, x.Item.Source, ct);
        }, progress, ct);
        await Stage(connection, target, "outlet_monitoring", MonitoringColumns, content.OutletMonitoring, async (w, x) =>
        {
            await w.WriteAsync(x.Item.SiteCode, ct);
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(x.Item.SampledAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(FactorJson.Serialize(x.Item.Values), NpgsqlDbType.Jsonb, ct);
            await WriteNullable(w, x.Item.Source, ct);
        }, progress, ct);
        await Stage(connection, target, "patrol_tracks", TrackColumns, content.PatrolTracks, async (w, t) =>
        {
            await w.WriteAsync(ds, ct);
            await w.WriteAsync(t.Item.ChiefId, ct);
            await w.WriteAsync(t.Item.StartedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(t.Item.EndedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(Geodesic.Length(t.Item.Track), ct);
            await w.WriteAsync(t.ExtraProperties ?? "{}", NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync((Geometry)t.Item.Track, NpgsqlDbType.Geometry, ct);
            if (t.Item.Times is { } times) await w.WriteAsync(times.OffsetsMs.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
            else await w.WriteNullAsync(ct);
        }, progress, ct);

        if (isNew) return;

        // Upsert by key, then drop what this dataset no longer contains (dependents first).
        await Exec(connection, $"DELETE FROM patrol_tracks p WHERE dataset_code = '{Escape(ds)}' AND NOT EXISTS (SELECT 1 FROM stage_patrol_tracks s WHERE s.chief_id = p.chief_id AND s.started_at = p.started_at)", ct);
        await Exec(connection, $"INSERT INTO patrol_tracks ({TrackColumns}) SELECT {TrackColumns} FROM stage_patrol_tracks ON CONFLICT (chief_id, started_at) DO UPDATE SET dataset_code = EXCLUDED.dataset_code, ended_at = EXCLUDED.ended_at, length_m = EXCLUDED.length_m, attributes = EXCLUDED.attributes, geom = EXCLUDED.geom, point_offsets_ms = EXCLUDED.point_offsets_ms", ct);
        foreach (var (table, key, _) in KeyedTables.Reverse())
        {
            await Exec(connection, $"DELETE FROM {table} t WHERE dataset_code = '{Escape(ds)}' AND NOT EXISTS (SELECT 1 FROM stage_{table} s WHERE s.{key} = t.{key})", ct);
        }
        foreach (var (table, key, columns) in KeyedTables)
        {
            var update = string.Join(", ", columns.Split(", ").Where(c => c != key).Select(c => $"{c} = EXCLUDED.{c}"));
            await Exec(connection, $"INSERT INTO {table} ({columns}) SELECT {columns} FROM stage_{table} ON CONFLICT ({key}) DO UPDATE SET {update}", ct);
        }
        // Measurements are keyed by (site, time); those of other origins (posted, imported from a spreadsheet) stay.
        foreach (var (table, site, columns) in new[] { ("samples", "section_code", SampleColumns), ("outlet_monitoring", "outlet_code", MonitoringColumns) })
        {
            await Exec(connection, $"DELETE FROM {table} t WHERE dataset_code = '{Escape(ds)}' AND NOT EXISTS (SELECT 1 FROM stage_{table} s WHERE s.{site} = t.{site} AND s.sampled_at = t.sampled_at)", ct);
            var update = string.Join(", ", columns.Split(", ").Skip(1).Select(c => $"{c} = EXCLUDED.{c}"));
            await Exec(connection, $"INSERT INTO {table} ({columns}) SELECT {columns} FROM stage_{table} ON CONFLICT ({site}, sampled_at) DO UPDATE SET {update}", ct);
        }
        foreach (var table in new[] { "admin_areas", "chiefs", "rivers", "segments", "outlets", "patrol_tracks", "water_bodies", "water_body_zones", "sections",
                     "signboards", "samples", "outlet_monitoring" })
        {
            await Exec(connection, $"DROP TABLE stage_{table}", ct);
        }
    }

    /// <summary>Tables keyed by code (or id), parents first, with the columns an import writes (the key first).</summary>
    private static readonly (string Table, string Key, string Columns)[] KeyedTables =
    [
        ("admin_areas", "code", "code, dataset_code, name, level, parent_code, attributes, geom"),
        ("chiefs", "id", "id, dataset_code, name, role, area_code, phone, post"),
        ("rivers", "code", "code, dataset_code, name, level, downstream_code, length_m, attributes, geom"),
        ("segments", "code", "code, dataset_code, river_code, level, area_code, chief_id, name, length_m, attributes, geom"),
        ("outlets", "code", "code, dataset_code, name, kind, scale, permit, river_code, status, approved_on, approval_no, attributes, geom"),
        ("water_bodies", "code", "code, dataset_code, name, kind, level, attributes, geom"),
        ("water_body_zones", "code", "code, dataset_code, water_body_code, name, level, area_code, chief_id, attributes, geom"),
        ("sections", "code", "code, dataset_code, name, kind, target_class, river_code, water_body_code, area_codes, attributes, geom"),
        ("signboards", "code", "code, dataset_code, segment_code, zone_code, chief_name, chief_post, chief_phone, extent, duties, target, supervision_phone, printed_on, attributes, geom"),
    ];

    /// <summary>Samples and outlet monitoring are keyed by (site, sampled_at).</summary>
    private const string SampleColumns = "section_code, dataset_code, sampled_at, factors, water_class, deciding, source";
    private const string MonitoringColumns = "outlet_code, dataset_code, sampled_at, factors, source";

    /// <summary>Patrol tracks have no code: they are keyed by (chief_id, started_at). Times per fix as milliseconds after started_at.</summary>
    private const string TrackColumns = "dataset_code, chief_id, started_at, ended_at, length_m, attributes, geom, point_offsets_ms";

    private static string Columns(string table) => KeyedTables.Single(t => t.Table == table).Columns;

    private enum StageTarget { Staging, Table }

    private static async Task Stage<T>(NpgsqlConnection connection, StageTarget target, string table, string columns, List<Sourced<T>> rows,
        Func<NpgsqlBinaryImporter, Sourced<T>, Task> write, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var into = target == StageTarget.Table ? table : "stage_" + table;
        if (target == StageTarget.Staging) await Exec(connection, $"CREATE TEMP TABLE stage_{table} AS SELECT {columns} FROM {table} WITH NO DATA", ct);
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {into} ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            var n = 0;
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                await write(importer, row);
                if (++n % 10_000 == 0) progress?.Report(new(ImportPhase.Load, table, n, rows.Count));
            }
            await importer.CompleteAsync(ct);
        }
        progress?.Report(new(ImportPhase.Load, table, rows.Count, rows.Count));
    }

    private static Task WriteNullable(NpgsqlBinaryImporter writer, string? value, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, ct);

    private static Geometry AsMultiPolygon(Geometry geometry) => geometry is Polygon polygon
        ? geometry.Factory.CreateMultiPolygon([polygon])
        : geometry;

    private static string Escape(string value) => value.Replace("'", "''");

    private static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Reports on the reporting thread, in order (<see cref="Progress{T}"/> posts to the thread pool and can report after the work ended).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
