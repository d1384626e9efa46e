using Npgsql;

namespace RiverGis.Api.Store;

/// <summary>
/// A load into empty tables (the first import of a database, a province): inside the import's transaction the loaded
/// tables' secondary indexes and foreign keys are dropped before the COPY and recreated after it — each index built
/// once from all rows (GiST sorted build) instead of row by row, and each foreign key validated by one anti-join when
/// it is added instead of one deferred per-row check at COMMIT per reference. Primary keys, unique and CHECK
/// constraints (ST_IsValid, ST_IsSimple, codes) stay in place and check every row as it is copied. The definitions
/// are read from the catalogue, so the schema after the load is exactly the migrated one; a violation found while
/// re-adding a key fails the import like the deferred check would, and the transaction rolls back with the tables
/// as they were.
/// <para>
/// Dropping takes ACCESS EXCLUSIVE locks on the loaded tables until COMMIT: readers wait for the load, which is why
/// this is only done when every loaded table is empty (nothing to read yet) — an import into tables that hold data
/// keeps the indexes and locks nothing beyond its rows.
/// </para>
/// </summary>
public sealed class EmptyTablesBulkLoad
{
    /// <summary>The tables an import writes, parents first.</summary>
    public static readonly string[] Tables = ["admin_areas", "chiefs", "rivers", "segments", "outlets", "patrol_tracks"];

    private readonly List<string> _indexes;
    private readonly List<(string Table, string Name, string Definition)> _foreignKeys;

    private EmptyTablesBulkLoad(List<string> indexes, List<(string, string, string)> foreignKeys)
    {
        _indexes = indexes;
        _foreignKeys = foreignKeys;
    }

    /// <summary>
    /// When every loaded table is empty: locks them, drops their secondary indexes and foreign keys, and returns what
    /// <see cref="FinishAsync"/> recreates; otherwise null (nothing changed). Call inside the import's transaction.
    /// </summary>
    public static async Task<EmptyTablesBulkLoad?> TryBeginAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tables = string.Join(", ", Tables);
        await ExecAsync(connection, $"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE", ct);
        var anyRow = string.Join(" OR ", Tables.Select(t => $"EXISTS (SELECT 1 FROM {t})"));
        await using (var cmd = new NpgsqlCommand($"SELECT {anyRow}", connection))
        {
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return null;
        }
        var foreignKeys = new List<(string, string, string)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c " +
            "WHERE c.contype = 'f' AND c.conrelid = ANY (@tables::regclass[]) ORDER BY c.conrelid::regclass::text, c.conname", connection))
        {
            cmd.Parameters.AddWithValue("tables", Tables);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i " +
            "WHERE i.indrelid = ANY (@tables::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) " +
            "ORDER BY 1", connection))
        {
            cmd.Parameters.AddWithValue("tables", Tables);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (table, name, _) in foreignKeys) await ExecAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT {Quote(name)}", ct);
        foreach (var (name, _) in indexes) await ExecAsync(connection, $"DROP INDEX {name}", ct);
        return new EmptyTablesBulkLoad(indexes.Select(i => i.Definition).ToList(), foreignKeys);
    }

    /// <summary>After the COPY: builds the indexes from all rows and adds the foreign keys back (each validated set-based).</summary>
    public async Task FinishAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        foreach (var definition in _indexes) await ExecAsync(connection, definition, ct);
        foreach (var (table, name, definition) in _foreignKeys)
            await ExecAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT {Quote(name)} {definition}", ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
