using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace RiverGis.Api.Http;

/// <summary>
/// Builds RFC 7946 FeatureCollections from result records: the record's `Geometry` becomes the feature geometry
/// (coordinates rounded as <see cref="RiverGis.Geo.GeoJson.GeoJsonPrecision"/> says), every other member a snake_case property.
/// </summary>
public static class GeoJsonResults
{
    public const string MediaType = "application/geo+json";

    public static JsonObject Feature(object item, Geometry? geometry, JsonNode? id = null)
    {
        var properties = JsonSerializer.SerializeToNode(item, item.GetType(), ApiJson.Options)!.AsObject();
        properties.Remove("geometry");
        var feature = new JsonObject { ["type"] = "Feature" };
        if (id is not null) feature["id"] = id;
        feature["geometry"] = geometry is null ? null : JsonSerializer.SerializeToNode(Rounded(geometry), ApiJson.Options);
        feature["properties"] = properties;
        return feature;
    }

    public static JsonObject FeatureCollection<T>(IEnumerable<T> items, Func<T, Geometry?> geometry, Func<T, JsonNode?>? id = null) where T : notnull
    {
        var features = new JsonArray();
        foreach (var item in items) features.Add(Feature(item, geometry(item), id?.Invoke(item)));
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }

    /// <summary>Plain JSON of a record list without its geometries (summaries next to the features).</summary>
    public static JsonArray WithoutGeometry<T>(IEnumerable<T> items) where T : notnull
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            var node = JsonSerializer.SerializeToNode(item, item.GetType(), ApiJson.Options)!.AsObject();
            node.Remove("geometry");
            array.Add(node);
        }
        return array;
    }

    public static IResult Ok(JsonNode body, string mediaType = MediaType) =>
        Results.Text(body.ToJsonString(ApiJson.Options), mediaType, System.Text.Encoding.UTF8);

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
