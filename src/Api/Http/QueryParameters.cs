using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Http;

/// <summary>
/// One query parameter of an endpoint, declared once in the endpoint's route table (<see cref="QueryParameterConventions.WithQuery"/>):
/// <see cref="QueryValues"/> reads and validates it by this declaration (and refuses parameters that are not declared),
/// and the OpenAPI document describes it from the same declaration, so the two cannot drift apart.
/// </summary>
public abstract class QueryParameter(string name, string description, bool required)
{
    public string Name { get; } = name;
    public string Description { get; } = description;
    public bool Required { get; } = required;

    /// <summary>Whether the parameter may be given more than once; single-valued ones repeated are a 400 (<see cref="RequestScreening"/>).</summary>
    public bool Repeatable { get; init; }

    /// <summary>The parameter's JSON schema for the OpenAPI document.</summary>
    public abstract OpenApiSchema Schema();
}

/// <summary>A number in [Min, Max]; <see cref="Integer"/> refuses fractions.</summary>
public sealed class NumberParameter(string name, string description, double? fallback = null, double min = double.MinValue,
    double max = double.MaxValue, bool required = false, bool integer = false) : QueryParameter(name, description, required)
{
    public double? Default { get; } = fallback;
    public double Min { get; } = min;
    public double Max { get; } = max;
    public bool Integer { get; } = integer;

    public override OpenApiSchema Schema() => new()
    {
        Type = Integer ? JsonSchemaType.Integer : JsonSchemaType.Number,
        Format = Integer ? (Max <= int.MaxValue && Min >= int.MinValue ? "int32" : "int64") : "double",
        Default = Default is { } d ? (Integer ? JsonValue.Create((long)d) : JsonValue.Create(d)) : null,
        Minimum = Min > double.MinValue ? Min.ToString(CultureInfo.InvariantCulture) : null,
        Maximum = Max < double.MaxValue ? Max.ToString(CultureInfo.InvariantCulture) : null,
    };
}

/// <summary>Free text (a code, an id).</summary>
public sealed class TextParameter(string name, string description, bool required = false) : QueryParameter(name, description, required)
{
    public override OpenApiSchema Schema() => new() { Type = JsonSchemaType.String };
}

/// <summary>true or false.</summary>
public sealed class BooleanParameter(string name, string description) : QueryParameter(name, description, false)
{
    public override OpenApiSchema Schema() => new() { Type = JsonSchemaType.Boolean };
}

/// <summary>
/// An ISO 8601 instant, or a bare date (yyyy-MM-dd) meaning a whole day in China Standard Time: its first instant, or
/// with <see cref="EndOfDay"/> its last, so that from=D&amp;to=D selects day D.
/// </summary>
public sealed class TimestampParameter(string name, string description, bool endOfDay = false) : QueryParameter(name, description, false)
{
    public bool EndOfDay { get; } = endOfDay;

    // Either form: a date or a date-time (OpenAPI 3.0 has no "one of two formats" short of oneOf, which clients handle badly).
    public override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = @"^\d{4}-\d{2}-\d{2}([T ].+)?$",
    };
}

/// <summary>An office period code (China Standard Time): <c>2026</c>, <c>2026-Q4</c>, <c>2026-11</c>, <c>2026-11-X2</c> (旬), <c>2026-W48</c>.</summary>
public sealed class PeriodParameter(string name, string description, bool required = false) : QueryParameter(name, description, required)
{
    public override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = @"^\d{4}(-Q[1-4]|-\d{2}(-X[1-3])?|-W\d{2})?$",
    };
}

/// <summary>A wire code of <typeparamref name="T"/> (see <see cref="EnumCodes"/>), optionally limited to some members.</summary>
public sealed class EnumParameter<T>(string name, string description, T? fallback = null, bool required = false,
    IReadOnlyList<T>? allowed = null, bool ignoreCase = false) : QueryParameter(name, description, required) where T : struct, Enum
{
    public T? Default { get; } = fallback;
    public IReadOnlyList<T> Allowed { get; } = allowed ?? Enum.GetValues<T>();
    public bool IgnoreCase { get; } = ignoreCase;

    public string Expected => string.Join("|", Allowed.Select(v => v.ToCode()));

    public bool TryParse(string text, out T value)
    {
        foreach (var candidate in Allowed)
        {
            if (!string.Equals(candidate.ToCode(), text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) continue;
            value = candidate;
            return true;
        }
        value = default;
        return false;
    }

    public override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = Allowed.Select(v => (JsonNode)JsonValue.Create(v.ToCode())).ToList(),
        Default = Default is { } d ? JsonValue.Create(d.ToCode()) : null,
    };
}

/// <summary>The query parameters an endpoint accepts (endpoint metadata).</summary>
public sealed class QuerySpec(IReadOnlyList<QueryParameter> parameters)
{
    public IReadOnlyList<QueryParameter> Parameters { get; } = parameters;

    public bool Declares(QueryParameter parameter) => Parameters.Contains(parameter);
}

public static class QueryParameterConventions
{
    /// <summary>Declares the query parameters of an endpoint, for validation and for the OpenAPI document.</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, params QueryParameter[] parameters) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QuerySpec(parameters));
}
