using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.IO.Converters;

namespace RiverGis.Api.Http;

/// <summary>
/// JSON conventions of the service: snake_case property names and enum values (matching the dataset format),
/// geometries as RFC 7946 GeoJSON (NetTopologySuite.IO.GeoJSON4STJ), no nulls dropped (a vacant chief is `null`).
/// </summary>
public static class ApiJson
{
    /// <summary>Responses are JSON documents, never inlined into HTML: escape only what JSON requires.</summary>
    public static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder =
        System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // Chinese names stay readable in responses instead of \uXXXX escapes.
        options.Encoder = Encoder;
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        // Enums are their wire codes (EnumCodes: snake_case names unless a member names its own); numbers are not accepted.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new GeoJsonConverterFactory());
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return options;
    }
}
