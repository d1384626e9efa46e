using System.Text.Json.Serialization;

namespace RiverGis.Api.Features;

/// <summary>JSON-schema type of a feature property, used for queryables and to parse equality filters.</summary>
public enum PropertyType { String, Number, Integer, Boolean, DateTime }

/// <summary>
/// The one GeoJSON geometry type of every feature of a collection. Clients such as QGIS and GDAL take a layer's type
/// from its first page, so a collection that mixed LineString and MultiLineString made their GeoPackage and SpatiaLite
/// exports warn or abort; lines and areas are therefore always served as their Multi* type.
/// </summary>
public enum FeatureGeometryType
{
    // Wire names are GeoJSON's geometry types (RFC 7946 §1.4), not snake_case.
    [JsonStringEnumMemberName("Point")] Point,
    [JsonStringEnumMemberName("MultiLineString")] MultiLineString,
    [JsonStringEnumMemberName("MultiPolygon")] MultiPolygon,
}

/// <summary>A property of a feature collection: its snake_case name, the SQL that yields it, and whether it can be filtered on.</summary>
public sealed record FeatureProperty(string Name, string Sql, PropertyType Type, bool Queryable, string Description);

/// <summary>
/// One OGC API Features collection backed by a PostGIS query. The key orders pages (keyset paging behind `next`),
/// `From` is the FROM clause with the main table aliased `t`, and the geometry is `t.geom` (SRID 4326), served as
/// <see cref="GeometryType"/>. `TemporalSql` (columns of `t` only) is the time range of a feature, for `datetime` and
/// the temporal extent. `CacheCounts` is false for collections that change without a data-version bump (the issue
/// ledger) or whose properties depend on the clock (the status light).
/// </summary>
public sealed record FeatureCollectionDefinition(
    string Id,
    string Title,
    string Description,
    string From,
    string KeySql,
    bool NumericKey,
    string Table,
    FeatureGeometryType GeometryType,
    IReadOnlyList<FeatureProperty> Properties,
    string? TemporalSql = null,
    bool CacheCounts = true)
{
    public FeatureProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    /// <summary>The served geometry: ST_Multi makes single lines and polygons one-part Multi* (cost not measurable next to ST_AsGeoJSON).</summary>
    public string GeometrySql => GeometryType switch
    {
        // RFC 7946 §3.1.6: exterior rings counter-clockwise. Only for polygons — PostGIS reverses lines too.
        FeatureGeometryType.MultiPolygon => "ST_ForcePolygonCCW(ST_Multi(t.geom))",
        FeatureGeometryType.MultiLineString => "ST_Multi(t.geom)",
        _ => "t.geom",
    };
}
