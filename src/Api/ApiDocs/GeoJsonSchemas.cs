using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RiverGis.Api.ApiDocs;

/// <summary>
/// RFC 7946 geometry schemas for the OpenAPI document. NetTopologySuite geometries are written by their own JSON
/// converter, so the generator knows nothing of their shape; wherever a <see cref="NetTopologySuite.Geometries.Geometry"/>
/// appears, its schema becomes one of the GeoJSON geometry components (told apart by <c>type</c>).
/// </summary>
public static class GeoJsonSchemas
{
    private static readonly string[] Kinds = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

    private static string Id(string kind) => "GeoJson" + kind;

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (!typeof(NetTopologySuite.Geometries.Geometry).IsAssignableFrom(type)) return Task.CompletedTask;
        // A concrete geometry type has one GeoJSON type; the abstract Geometry any of them.
        var kinds = Kinds.Contains(type.Name) ? [type.Name] : Kinds;
        // The references must resolve while the generator walks this schema: the components go in first.
        if (context.Document is { } document) AddComponents(document);
        schema.Type = null;
        schema.Properties = null;
        schema.Required = null;
        schema.AdditionalProperties = null;
        schema.Description = $"RFC 7946 geometry: longitude, latitude (WGS84), {RiverGis.Geo.GeoJson.GeoJsonPrecision.Decimals} decimals";
        schema.OneOf = kinds.Select(k => (IOpenApiSchema)new OpenApiSchemaReference(Id(k), context.Document)).ToList();
        return Task.CompletedTask;
    }

    /// <summary>Adds the geometry components the transformed schemas refer to (once).</summary>
    public static void AddComponents(OpenApiDocument document)
    {
        if (document.Components?.Schemas?.ContainsKey(Id("Point")) == true) return;
        var position = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "[longitude, latitude] (an optional third value is the elevation)",
            MinItems = 2,
            MaxItems = 3,
            Items = new OpenApiSchema { Type = JsonSchemaType.Number },
        };
        static OpenApiSchema ArrayOf(IOpenApiSchema items, int minItems = 0) =>
            new() { Type = JsonSchemaType.Array, Items = items, MinItems = minItems > 0 ? minItems : null };
        var line = ArrayOf(position, 2);
        var ring = ArrayOf(position, 4);
        var polygon = ArrayOf(ring);
        var coordinates = new Dictionary<string, IOpenApiSchema>
        {
            ["Point"] = position,
            ["MultiPoint"] = ArrayOf(position),
            ["LineString"] = line,
            ["MultiLineString"] = ArrayOf(line),
            ["Polygon"] = polygon,
            ["MultiPolygon"] = ArrayOf(polygon),
        };
        foreach (var kind in Kinds)
        {
            var member = kind == "GeometryCollection" ? "geometries" : "coordinates";
            var value = kind == "GeometryCollection"
                ? ArrayOf(new OpenApiSchema { OneOf = Kinds.Where(k => k != kind).Select(k => (IOpenApiSchema)new OpenApiSchemaReference(Id(k), document)).ToList() })
                : coordinates[kind];
            document.AddComponent(Id(kind), new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"GeoJSON {kind} (RFC 7946)",
                Required = new HashSet<string> { "type", member },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(kind)] },
                    [member] = value,
                },
            });
        }
    }

    /// <summary>
    /// The generator resolves references while it builds the document and copies the geometry components into the
    /// schemas that use them; this points those copies back at the components (one definition each in the document).
    /// </summary>
    public static void Relink(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            if (schema is not OpenApiSchema { OneOf: { Count: > 0 } oneOf } holder) continue;
            for (var i = 0; i < oneOf.Count; i++)
            {
                if (oneOf[i] is OpenApiSchema { Properties: { } properties } && properties.TryGetValue("type", out var type)
                    && type.Enum is [JsonValue value] && value.TryGetValue<string>(out var kind) && Kinds.Contains(kind)
                    && !ReferenceEquals(document.Components!.Schemas![Id(kind)], holder))
                    oneOf[i] = new OpenApiSchemaReference(Id(kind), document);
            }
        }
    }
}
