using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace RiverGis.Api.Http;

/// <summary>One parameter as the OpenAPI document declares it: where it goes, its JSON-schema type and limits.</summary>
public sealed record ApiParameter(
    string Name,
    ParameterLocation In,
    JsonSchemaType Type,
    string Description,
    bool Required = false,
    JsonNode? Default = null,
    decimal? Minimum = null,
    decimal? Maximum = null,
    string[]? Values = null,
    string? Format = null)
{
    public static ApiParameter Query(string name, JsonSchemaType type, string description, JsonNode? @default = null, decimal? minimum = null,
        decimal? maximum = null, string[]? values = null, string? format = null) =>
        new(name, ParameterLocation.Query, type, description, false, @default, minimum, maximum, values, format);

    public static ApiParameter Path(string name, JsonSchemaType type, string description, string[]? values = null) =>
        new(name, ParameterLocation.Path, type, description, true, Values: values);

    public OpenApiSchema Schema() => new()
    {
        Type = Type,
        Format = Format,
        Default = Default,
        Minimum = Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Enum = Values?.Select(v => (JsonNode)JsonValue.Create(v)!).ToList(),
    };
}

/// <summary>
/// Declarations for operations whose handlers read the request themselves (to name every bad value in one 400):
/// the parameters and form fields they accept, so the OpenAPI document lists them with types, defaults and limits.
/// </summary>
public static class OpenApiDeclarations
{
    /// <summary>Declares parameters; one already inferred from the route (same name and location) is replaced.</summary>
    public static TBuilder WithParameters<TBuilder>(this TBuilder builder, params ApiParameter[] parameters) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var p in parameters)
            {
                var existing = operation.Parameters.FirstOrDefault(o => o.Name == p.Name && o.In == p.In);
                if (existing is not null) operation.Parameters.Remove(existing);
                operation.Parameters.Add(new OpenApiParameter { Name = p.Name, In = p.In, Required = p.Required, Description = p.Description, Schema = p.Schema() });
            }
            return Task.CompletedTask;
        });

    /// <summary>Declares an application/x-www-form-urlencoded request body with these fields.</summary>
    public static TBuilder WithFormBody<TBuilder>(this TBuilder builder, params ApiParameter[] fields) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)WithDescription(f.Schema(), f.Description)),
                Required = fields.Where(f => f.Required).Select(f => f.Name).ToHashSet(),
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = schema } },
            };
            return Task.CompletedTask;
        });

    private static OpenApiSchema WithDescription(OpenApiSchema schema, string description)
    {
        schema.Description = description;
        return schema;
    }
}
