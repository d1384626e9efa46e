using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RiverGis.Api.Http;

namespace RiverGis.Api.ApiDocs;

/// <summary>
/// Makes the generated schemas say what the service writes (ApiJson): numbers are JSON numbers (the converter may
/// write NaN as a string, which the service never produces, so the document does not advertise it); members written
/// only when set are not required; a GeoJSON object's <c>type</c> is its constant.
/// </summary>
public static class WireSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
        {
            var nullable = underlying != type || (schema.Type is { } t && t.HasFlag(JsonSchemaType.Null));
            schema.AnyOf = null;
            schema.OneOf = null;
            schema.Enum = null;
            schema.Pattern = null;
            schema.Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number;
            schema.Format = "double";
            return Task.CompletedTask;
        }
        if (underlying.IsEnum)
        {
            // Enums are written as their wire codes (strings); say so beside the values.
            schema.Type = underlying != type ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            return Task.CompletedTask;
        }
        if (schema.Required is { Count: > 0 } required)
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (property.ShouldSerialize is not null) required.Remove(property.Name);
            }
        }
        if (GeoJsonType(type) is { } geoJsonType && schema.Properties is { } properties)
        {
            properties["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(geoJsonType)] };
            schema.Required ??= new HashSet<string>();
            schema.Required.Add("type");
        }
        return Task.CompletedTask;
    }

    private static string? GeoJsonType(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            if (!t.IsGenericType) continue;
            var definition = t.GetGenericTypeDefinition();
            if (definition == typeof(Feature<>)) return "Feature";
            if (definition == typeof(FeatureCollection<>)) return "FeatureCollection";
        }
        return null;
    }
}
