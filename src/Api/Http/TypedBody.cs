using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Http;

/// <summary>
/// Reads a JSON request body into a typed request record (snake_case, enums as their wire codes, unknown fields
/// refused), answering a body that does not fit with a 400 naming the field: malformed JSON with its line, an unknown
/// enum value with the codes expected, a wrong type, a field the request does not have.
/// </summary>
public static class TypedBody
{
    private static readonly JsonSerializerOptions Strict = new(ApiJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext http, CancellationToken ct) where T : class
    {
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return (null, problem);
        using var _ = body;
        if (body.Document.RootElement.ValueKind != JsonValueKind.Object)
            return (null, ApiProblems.BadRequest("The body must be a JSON object.", new ProblemItem("body", "expected an object")));
        try
        {
            return (body.Document.Deserialize<T>(Strict), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.BadRequest($"The body is not a valid {typeof(T).Name}.", Explain<T>(ex, body.Document.RootElement)));
        }
    }

    private static ProblemItem Explain<T>(JsonException ex, JsonElement root)
    {
        var path = ex.Path?.TrimStart('$', '.') ?? "";
        var unmapped = ex.Message.StartsWith("The JSON property '", StringComparison.Ordinal);
        if (unmapped)
        {
            var name = ex.Message.Split('\'')[1];
            return new ProblemItem(name, "unknown field");
        }
        var where = path.Length > 0 ? path : "body";
        var property = typeof(T).GetProperties().FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == where);
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type is { IsEnum: true } && root.TryGetProperty(where, out var value))
        {
            var codes = (IEnumerable<string>)typeof(EnumCodes).GetMethod(nameof(EnumCodes.All))!.MakeGenericMethod(type).Invoke(null, null)!;
            var shown = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
            return new ProblemItem(where, $"unknown value {shown}, expected one of {string.Join("|", codes)}");
        }
        var expected = type is null ? null : type == typeof(DateOnly) ? "a date (yyyy-MM-dd)" : type == typeof(string) ? "a string" : type == typeof(bool) ? "true or false"
            : type.IsPrimitive || type == typeof(decimal) ? "a number" : type.IsArray || type.IsGenericType ? "a list" : null;
        return new ProblemItem(where, expected is null ? ex.Message.Split(" Path:")[0] : $"expected {expected}");
    }
}
