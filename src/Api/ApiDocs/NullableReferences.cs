using Microsoft.OpenApi;

namespace RiverGis.Api.ApiDocs;

/// <summary>
/// OpenAPI 3.0 has no null type: the generator writes a nullable reference as <c>oneOf: [{type: null}, {$ref}]</c>, which
/// comes out as <c>oneOf: [{enum: [null], nullable: true}, {$ref}]</c>, a `nullable` without a `type`, which 3.0 tools reject (3.0.3 says nullable needs a type beside it).
/// This rewrites each one the 3.0 way — <c>{type: T, nullable: true, allOf: [{$ref}]}</c> with T the referenced type.
/// </summary>
public static class NullableReferences
{
    public static void Rewrite(OpenApiDocument document)
    {
        var visited = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? []) Visit(schema, document, visited);
        foreach (var (_, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                foreach (var parameter in operation.Parameters ?? []) Visit(parameter.Schema, document, visited);
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) Visit(media.Schema, document, visited);
                foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                    foreach (var media in response.Content?.Values ?? []) Visit(media.Schema, document, visited);
            }
        }
    }

    private static void Visit(IOpenApiSchema? candidate, OpenApiDocument document, HashSet<IOpenApiSchema> visited)
    {
        if (candidate is not OpenApiSchema schema || !visited.Add(schema)) return;
        if (schema.OneOf is { Count: 2 } oneOf
            && oneOf.OfType<OpenApiSchemaReference>().SingleOrDefault() is { } reference
            && oneOf.OfType<OpenApiSchema>().SingleOrDefault() is { Type: JsonSchemaType.Null })
        {
            var target = reference.Reference.Id is { } id && document.Components?.Schemas?.TryGetValue(id, out var t) == true ? t : null;
            schema.OneOf = null;
            schema.AllOf = [reference];
            schema.Type = ((target?.Type ?? JsonSchemaType.Object) & ~JsonSchemaType.Null) | JsonSchemaType.Null;
        }
        // double members of structs reach the document without passing the schema transformers: the same rule as WireSchemas.
        if (schema.AnyOf is { Count: 2 } anyOf && anyOf.OfType<OpenApiSchema>().Any(s => s.Type == JsonSchemaType.Number)
            && anyOf.OfType<OpenApiSchema>().Any(s => s.Enum is { Count: 3 }))
        {
            schema.AnyOf = null;
            schema.Type = JsonSchemaType.Number | (schema.Type is { } t && t.HasFlag(JsonSchemaType.Null) ? JsonSchemaType.Null : 0);
            schema.Format = "double";
        }
        foreach (var child in Children(schema)) Visit(child, document, visited);
    }

    private static IEnumerable<IOpenApiSchema?> Children(OpenApiSchema schema) =>
        (schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            .Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties);
}
