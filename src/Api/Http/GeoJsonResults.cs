using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Metadata;
using NetTopologySuite.Geometries;

namespace RiverGis.Api.Http;

/// <summary>An RFC 7946 Feature with typed properties; <see cref="Id"/> is left out when null.</summary>
public record Feature<TProperties>(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    Geometry? Geometry,
    TProperties Properties)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

/// <summary>
/// An RFC 7946 FeatureCollection with typed feature properties. Responses that say more about the collection (a
/// summary, the parameters used) derive from it and add members after <c>features</c>.
/// </summary>
public record FeatureCollection<TProperties>(IReadOnlyList<Feature<TProperties>> Features)
{
    [JsonPropertyOrder(-2)]
    public string Type => "FeatureCollection";

    [JsonPropertyOrder(-1)]
    public IReadOnlyList<Feature<TProperties>> Features { get; init; } = Features;
}

/// <summary>
/// The GeoJSON writers of the service: features from geometries and typed properties, coordinates rounded as
/// <see cref="RiverGis.Geo.GeoJson.GeoJsonPrecision"/> says (the one rule), written as <c>application/geo+json</c>.
/// </summary>
public static class GeoJsonResults
{
    public const string MediaType = "application/geo+json";

    public static Feature<T> Feature<T>(T properties, Geometry? geometry, long? id = null) =>
        new(id, geometry is null ? null : Rounded(geometry), properties);

    /// <summary>Features of <paramref name="items"/>: each item's geometry and its properties mapped by <paramref name="properties"/>.</summary>
    public static List<Feature<TProperties>> Features<TItem, TProperties>(IEnumerable<TItem> items, Func<TItem, Geometry?> geometry,
        Func<TItem, TProperties> properties, Func<TItem, long?>? id = null) =>
        items.Select(item => Feature(properties(item), geometry(item), id?.Invoke(item))).ToList();

    public static GeoJsonResult<T> Ok<T>(T body) => new(body, StatusCodes.Status200OK);

    public static GeoJsonResult<T> Created<T>(T body) => new(body, StatusCodes.Status201Created);

    /// <summary>
    /// A line result as a MultiLineString (a stretch within one part is a LineString in the domain): one geometry type
    /// per output, so clients that type a layer from its first feature (QGIS, ogr2ogr to SpatiaLite) take every feature.
    /// </summary>
    public static Geometry AsMultiLine(Geometry geometry) =>
        geometry is LineString line ? geometry.Factory.CreateMultiLineString([line]) : geometry;

    public static Geometry Rounded(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new RoundFilter());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class RoundFilter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, RiverGis.Geo.GeoJson.GeoJsonPrecision.Round(seq.GetX(i)));
                seq.SetY(i, RiverGis.Geo.GeoJson.GeoJsonPrecision.Round(seq.GetY(i)));
            }
        }
    }
}

/// <summary>
/// A typed GeoJSON response (<c>application/geo+json</c>, the service's JSON conventions). As endpoint metadata it
/// documents its body type for both 200 and 201, so the OpenAPI document shows the schema.
/// </summary>
public sealed class GeoJsonResult<T>(T value, int statusCode) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public T Value { get; } = value;
    public int StatusCode { get; } = statusCode;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    object? IValueHttpResult.Value => Value;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCode;
        http.Response.ContentType = GeoJsonResults.MediaType + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, Value, ApiJson.Options, http.RequestAborted);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), [GeoJsonResults.MediaType]));
}
