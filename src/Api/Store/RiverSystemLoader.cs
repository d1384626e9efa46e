using NetTopologySuite.Geometries;
using Npgsql;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Store;

/// <summary>The river-chief system and its water layers as loaded, with the data version they were read at.</summary>
public sealed record LoadedSystem(RiverSystemData Data, Geo.Water.WaterData Water, long Version);

/// <summary>
/// Loads the whole river-chief system from PostGIS into the plain lists the spatial analyses work on — from the read
/// replica when there is one, in one snapshot (REPEATABLE READ) together with its data version, so a load during an
/// import never mixes two versions.
/// </summary>
public sealed class RiverSystemLoader(NpgsqlDataSource primary, ReadReplica replica)
{
    /// <summary>How long to wait for the replica to replay a version the primary announced before loading from the primary.</summary>
    private static readonly TimeSpan ReplicaPatience = TimeSpan.FromSeconds(3);

    /// <summary>A loader reading from one database only (the command-line verbs).</summary>
    public RiverSystemLoader(NpgsqlDataSource dataSource) : this(dataSource, new ReadReplica(dataSource, false)) { }

    public async Task<RiverSystemData> LoadAsync(CancellationToken ct = default) => (await LoadAsync(0, ct)).Data;

    /// <summary>Loads a version at least <paramref name="minimumVersion"/> (the one announced).</summary>
    public async Task<LoadedSystem> LoadAsync(long minimumVersion, CancellationToken ct)
    {
        if (replica.Separate)
        {
            var deadline = DateTime.UtcNow + ReplicaPatience;
            while (true)
            {
                LoadedSystem? loaded;
                try
                {
                    loaded = await LoadFromAsync(replica.DataSource, minimumVersion, ct);
                }
                catch (Exception ex) when (Faults.DatabaseFaults.IsUnavailable(ex))
                {
                    break; // the replica is away: the primary answers
                }
                if (loaded is not null) return loaded;
                if (DateTime.UtcNow > deadline) break;
                await Task.Delay(100, ct);
            }
        }
        return await LoadFromAsync(primary, 0, ct) ?? throw new InvalidOperationException("no data version");
    }

    private static async Task<LoadedSystem?> LoadFromAsync(NpgsqlDataSource dataSource, long minimumVersion, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        long version;
        await using (var cmd = new NpgsqlCommand("SELECT version FROM data_version", connection, tx)) version = (long)(await cmd.ExecuteScalarAsync(ct))!;
        if (version < minimumVersion) return null;
        var areas = await ReadAsync(connection, tx, "SELECT code, name, level, parent_code, geom FROM admin_areas ORDER BY code", r =>
            new AdminArea(r.GetString(0), r.GetString(1), AdminLevels.Parse(r.GetString(2)), NullableString(r, 3), r.GetFieldValue<Geometry>(4)), ct);
        var chiefs = await ReadAsync(connection, tx, "SELECT id, name, role, area_code, phone, post FROM chiefs ORDER BY id", r =>
            new Chief(r.GetString(0), r.GetString(1), Parse<ChiefRole>(r.GetString(2)), r.GetString(3), NullableString(r, 4), NullableString(r, 5)), ct);
        var rivers = await ReadAsync(connection, tx, "SELECT code, name, level, downstream_code, geom FROM rivers ORDER BY code", r =>
            new River(r.GetString(0), r.GetString(1), AdminLevels.Parse(r.GetString(2)), NullableString(r, 3), r.GetFieldValue<Geometry>(4)), ct);
        var segments = await ReadAsync(connection, tx, "SELECT code, river_code, level, area_code, chief_id, name, geom FROM segments ORDER BY code", r =>
            new Segment(r.GetString(0), r.GetString(1), AdminLevels.Parse(r.GetString(2)), r.GetString(3), NullableString(r, 4), NullableString(r, 5), r.GetFieldValue<Geometry>(6)), ct);
        var outlets = await ReadAsync(connection, tx, "SELECT code, name, kind, scale, permit, river_code, geom, status, approved_on, approval_no FROM outlets ORDER BY code", r =>
            new Outlet(r.GetString(0), r.GetString(1), Parse<OutletKind>(r.GetString(2)), Parse<OutletScale>(r.GetString(3)),
                Parse<PermitStatus>(r.GetString(4)), NullableString(r, 5), r.GetFieldValue<Point>(6), Parse<Geo.Water.OutletStatus>(r.GetString(7)),
                r.IsDBNull(8) ? null : new Geo.Water.OutletApproval(r.GetFieldValue<DateOnly>(8), NullableString(r, 9))), ct);
        var water = await WaterDataLoader.LoadAsync(connection, tx, ct);
        await tx.CommitAsync(ct);
        return new LoadedSystem(new RiverSystemData(areas, chiefs, rivers, segments, outlets), water, version);
    }

    private static T Parse<T>(string code) where T : struct, Enum =>
        EnumCodes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"stored value '{code}' is not a {typeof(T).Name}");

    internal static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Every row of a query, mapped (the loaders of the snapshot, in its transaction).</summary>
    internal static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        var list = new List<T>();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(map(reader));
        return list;
    }
}
