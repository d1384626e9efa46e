using NetTopologySuite.Geometries;
using Npgsql;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Store;

/// <summary>Loads the whole river-chief system from PostGIS into the plain lists the spatial analyses work on.</summary>
public sealed class RiverSystemLoader(NpgsqlDataSource dataSource)
{
    public async Task<RiverSystemData> LoadAsync(CancellationToken ct = default)
    {
        var areas = await ReadAsync("SELECT code, name, level, parent_code, geom FROM admin_areas ORDER BY code", r =>
            new AdminArea(r.GetString(0), r.GetString(1), AdminLevels.Parse(r.GetString(2)), NullableString(r, 3), r.GetFieldValue<Geometry>(4)), ct);
        var chiefs = await ReadAsync("SELECT id, name, role, area_code, phone FROM chiefs ORDER BY id", r =>
            new Chief(r.GetString(0), r.GetString(1), Parse<ChiefRole>(r.GetString(2)), r.GetString(3), NullableString(r, 4)), ct);
        var rivers = await ReadAsync("SELECT code, name, level, downstream_code, geom FROM rivers ORDER BY code", r =>
            new River(r.GetString(0), r.GetString(1), AdminLevels.Parse(r.GetString(2)), NullableString(r, 3), r.GetFieldValue<Geometry>(4)), ct);
        var segments = await ReadAsync("SELECT code, river_code, level, area_code, chief_id, name, geom FROM segments ORDER BY code", r =>
            new Segment(r.GetString(0), r.GetString(1), AdminLevels.Parse(r.GetString(2)), r.GetString(3), NullableString(r, 4), NullableString(r, 5), r.GetFieldValue<Geometry>(6)), ct);
        var outlets = await ReadAsync("SELECT code, name, kind, scale, permit, river_code, geom FROM outlets ORDER BY code", r =>
            new Outlet(r.GetString(0), r.GetString(1), Parse<OutletKind>(r.GetString(2)), Parse<OutletScale>(r.GetString(3)),
                Parse<PermitStatus>(r.GetString(4)), NullableString(r, 5), r.GetFieldValue<Point>(6)), ct);
        return new RiverSystemData(areas, chiefs, rivers, segments, outlets);
    }

    private static T Parse<T>(string code) where T : struct, Enum =>
        EnumCodes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"stored value '{code}' is not a {typeof(T).Name}");

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        var list = new List<T>();
        await using var cmd = dataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(map(reader));
        return list;
    }
}
