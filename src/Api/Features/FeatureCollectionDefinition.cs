namespace RiverGis.Api.Features;

/// <summary>JSON-schema type of a feature property, used for queryables and to parse equality filters.</summary>
public enum PropertyType { String, Number, Integer, Boolean, DateTime }

/// <summary>A property of a feature collection: its snake_case name, the SQL that yields it, and whether it can be filtered on.</summary>
public sealed record FeatureProperty(string Name, string Sql, PropertyType Type, bool Queryable, string Description);

/// <summary>
/// One OGC API Features collection backed by a PostGIS query. The key orders pages (keyset paging behind `next`),
/// `From` is the FROM clause with the main table aliased `t`, and the geometry is `t.geom` (SRID 4326).
/// `CacheCounts` is false for collections that change without a data-version bump (the issue ledger) or whose
/// properties depend on the clock (the status light).
/// </summary>
public sealed record FeatureCollectionDefinition(
    string Id,
    string Title,
    string Description,
    string From,
    string KeySql,
    bool NumericKey,
    string Table,
    IReadOnlyList<FeatureProperty> Properties,
    string? TemporalSql = null,
    bool CacheCounts = true,
    string GeometrySql = "t.geom")
{
    public FeatureProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}
