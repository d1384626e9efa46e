using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace RiverGis.Api.ApiDocs;

/// <summary>
/// A path parameter as the OpenAPI document shows it: its values (a collection id, a format) or its integer range (a tile
/// address). Route templates give the generator only names; a parameter the handler does not bind (Open311's
/// <c>{format}</c>, read by the group's filter) is not known to it at all.
/// </summary>
public sealed record PathParameter(string Name, string Description, IReadOnlyList<string>? Values = null, int? Minimum = null, int? Maximum = null)
{
    public OpenApiParameter ToOpenApi() => new()
    {
        Name = Name,
        In = ParameterLocation.Path,
        Required = true,
        Description = Description,
        Schema = Values is not null
            ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList() }
            : Minimum is null && Maximum is null
                ? new OpenApiSchema { Type = JsonSchemaType.String }
                : new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = Minimum?.ToString(CultureInfo.InvariantCulture),
                    Maximum = Maximum?.ToString(CultureInfo.InvariantCulture),
                },
    };
}

public static class PathParameterConventions
{
    /// <summary>Describes path parameters of an endpoint (one the generator inferred from the route is replaced).</summary>
    public static TBuilder WithPathParameters<TBuilder>(this TBuilder builder, params PathParameter[] parameters) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var p in parameters)
            {
                if (operation.Parameters.FirstOrDefault(o => o.Name == p.Name && o.In == ParameterLocation.Path) is { } inferred)
                    operation.Parameters.Remove(inferred);
                operation.Parameters.Add(p.ToOpenApi());
            }
            return Task.CompletedTask;
        });
}
