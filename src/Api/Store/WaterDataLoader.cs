using NetTopologySuite.Geometries;
using Npgsql;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Store;

/// <summary>
/// Loads the water layers of the river-chief system (sections, lakes and reservoirs, zones, signboards) for a snapshot,
/// in the river system's transaction so both are one data version.
/// </summary>
public static class WaterDataLoader
{
    public static async Task<WaterData> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct) => RiverSystemLoader.ReadAsync(connection, tx, sql, map, ct);
        var sections = await ReadAsync("SELECT code, name, kind, target_class, river_code, water_body_code, area_codes, geom FROM sections ORDER BY code", r =>
        {
            SurfaceWaterStandard.TryParseClass(r.GetString(3), out var target);
            return new MonitoringSection(r.GetString(0), r.GetString(1), EnumCodes.Parse<SectionKind>(r.GetString(2)), target, S(r, 4), S(r, 5),
                r.GetFieldValue<string[]>(6), r.GetFieldValue<Point>(7));
        }, ct);
        var bodies = await ReadAsync("SELECT code, name, kind, level, geom FROM water_bodies ORDER BY code", r =>
            new WaterBody(r.GetString(0), r.GetString(1), EnumCodes.Parse<WaterBodyType>(r.GetString(2)), AdminLevels.Parse(r.GetString(3)), r.GetFieldValue<Geometry>(4)), ct);
        var zones = await ReadAsync("SELECT code, water_body_code, name, level, area_code, chief_id, geom FROM water_body_zones ORDER BY code", r =>
            new WaterBodyZone(r.GetString(0), r.GetString(1), S(r, 2), AdminLevels.Parse(r.GetString(3)), r.GetString(4), S(r, 5), r.GetFieldValue<Geometry>(6)), ct);
        var boards = await ReadAsync("""
            SELECT code, segment_code, zone_code, chief_name, chief_post, chief_phone, extent, duties, target, supervision_phone, printed_on, geom
            FROM signboards ORDER BY code
            """, r => new Signboard(r.GetString(0), S(r, 1), S(r, 2), r.GetString(3), S(r, 4), S(r, 5), S(r, 6), S(r, 7), S(r, 8), S(r, 9),
                r.IsDBNull(10) ? null : r.GetFieldValue<DateOnly>(10), r.GetFieldValue<Point>(11)), ct);
        return new WaterData(sections, bodies, zones, boards);
    }

    private static string? S(NpgsqlDataReader reader, int ordinal) => RiverSystemLoader.NullableString(reader, ordinal);
}
