using System.Text.Json.Serialization;

namespace RiverGis.Api.Features;

/// <summary>A web link of OGC API resources (RFC 8288 relation, media type).</summary>
public sealed record OgcLink(string Href, string Rel, string Type, string? Title = null);

/// <summary>The landing page of /features.</summary>
public sealed record LandingPage(string Title, string Description, IReadOnlyList<OgcLink> Links);

/// <summary>The conformance declaration (OGC fixes the member name `conformsTo`).</summary>
public sealed record ConformanceDeclaration([property: JsonPropertyName("conformsTo")] IReadOnlyList<string> ConformsTo);

/// <summary>/features/collections: every collection's metadata.</summary>
public sealed record CollectionList(IReadOnlyList<OgcLink> Links, IReadOnlyList<CollectionDocument> Collections);

/// <summary>
/// One collection's metadata (OGC API Features 7.14), plus `geometry_type`: the one GeoJSON geometry type of all its
/// features, so a client can create a typed layer before reading any feature.
/// </summary>
public sealed record CollectionDocument(
    string Id,
    string Title,
    string Description,
    [property: JsonPropertyName("itemType")] string ItemType,
    [property: JsonPropertyName("geometry_type")] FeatureGeometryType GeometryType,
    IReadOnlyList<string> Crs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CollectionExtentDocument? Extent,
    IReadOnlyList<OgcLink> Links);

/// <summary>Spatial extent, and the temporal extent of collections whose features have a time.</summary>
public sealed record CollectionExtentDocument(
    SpatialExtent Spatial,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TemporalExtent? Temporal);

/// <summary>Lon/lat bounding boxes (minLon, minLat, maxLon, maxLat) in CRS84.</summary>
public sealed record SpatialExtent(IReadOnlyList<double[]> Bbox, string Crs);

/// <summary>Time intervals [start, end] (RFC 3339, UTC) in the Gregorian calendar.</summary>
public sealed record TemporalExtent(IReadOnlyList<DateTimeOffset?[]> Interval, string Trs);

/// <summary>The queryables of a collection (OGC API Features Part 3): a JSON Schema of the properties `items` filters on.</summary>
public sealed record QueryablesDocument(
    [property: JsonPropertyName("$schema")] string Schema,
    [property: JsonPropertyName("$id")] string Id,
    string Type,
    string Title,
    IReadOnlyDictionary<string, QueryableProperty> Properties,
    [property: JsonPropertyName("additionalProperties")] bool AdditionalProperties);

/// <summary>One queryable property: its JSON-schema type and description.</summary>
public sealed record QueryableProperty(
    string Title,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format = null);

/// <summary>A page of features as `items` writes it (streamed; this record documents its shape).</summary>
public sealed record OgcFeatureCollection(
    string Type,
    [property: JsonPropertyName("timeStamp")] DateTimeOffset TimeStamp,
    // Absent on a full page of a bbox or datetime query (see OgcFeaturesEndpoints.NumberMatchedAsync).
    [property: JsonPropertyName("numberMatched"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NumberMatched,
    [property: JsonPropertyName("numberReturned")] int NumberReturned,
    IReadOnlyList<OgcFeature> Features,
    IReadOnlyList<OgcLink> Links);

/// <summary>A GeoJSON Feature of a collection: id (code, or number for tracks and issues), geometry, properties, links.</summary>
public sealed record OgcFeature(
    string Type,
    System.Text.Json.JsonElement Id,
    NetTopologySuite.Geometries.Geometry Geometry,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement> Properties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OgcLink>? Links = null);
