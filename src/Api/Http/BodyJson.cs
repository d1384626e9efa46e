using System.Text.Json;

namespace RiverGis.Api.Http;

/// <summary>A JSON request body: its bytes (for hashing or streaming readers) and its parsed document.</summary>
public sealed class JsonBody(byte[] bytes, JsonDocument document) : IDisposable
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
    public JsonDocument Document { get; } = document;

    public void Dispose() => Document.Dispose();
}

/// <summary>
/// Reads a JSON request body, answering malformed JSON with a problem that names the line and position, and strings that
/// break <see cref="TextRules"/> (NUL, unpaired surrogates) with a problem naming their JSON path. Only JSON media
/// types are read (application/json, application/geo+json, any +json): text/plain and forms — what another site's page
/// can make a browser send without asking (a CORS "simple" request) — are a 415, so a cross-site POST changes nothing.
/// </summary>
public static class BodyJson
{
    public static async Task<(JsonBody? Body, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        if (NotJson(http) is { } unsupported) return (null, unsupported);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) return (null, ApiProblems.BadRequest("The request body is empty; a JSON document is expected.", new ProblemItem("body", "empty")));
        try
        {
            var document = JsonDocument.Parse(bytes);
            if (TextRules.FaultsIn(document.RootElement) is { Count: > 0 } faults)
            {
                document.Dispose();
                return (null, ApiProblems.BadRequest("The request body contains text that cannot be stored.", faults.ToArray()));
            }
            return (new JsonBody(bytes, document), null);
        }
        catch (JsonException ex)
        {
            return (null, Malformed(ex));
        }
    }

    /// <summary>A JSON body as <typeparamref name="T"/>; a problem naming the field when it does not fit.</summary>
    public static async Task<(T? Value, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext http, CancellationToken ct) where T : class
    {
        var (body, problem) = await ReadAsync(http, ct);
        if (body is null) return (null, problem);
        using var _ = body;
        try
        {
            return body.Document.Deserialize<T>(ApiJson.Options) is { } value
                ? (value, null)
                : (null, ApiProblems.BadRequest("The body must be a JSON object.", new ProblemItem("body", "expected an object")));
        }
        catch (JsonException ex)
        {
            var where = ex.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body";
            return (null, ApiProblems.BadRequest("The body does not fit.", new ProblemItem(where, ex.Message.Split(" Path:")[0])));
        }
    }

    /// <summary>The 415 for a body whose Content-Type is not a JSON media type; null when it is one.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? NotJson(HttpContext http)
    {
        var mediaType = http.Request.GetTypedHeaders().ContentType?.MediaType.Value;
        if (mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                                      || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))) return null;
        return ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"This endpoint reads JSON; Content-Type {mediaType ?? "(none)"} is not accepted. Send Content-Type: application/json.",
            [new("Content-Type", mediaType ?? "missing")]);
    }

    /// <summary>The 400 for a body that is not JSON, naming the line and position.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Malformed(JsonException ex) => ApiProblems.BadRequest("The request body is not valid JSON.",
        new ProblemItem("body", $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message.Split(" LineNumber")[0]}"));
}
