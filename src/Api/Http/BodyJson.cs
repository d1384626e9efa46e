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
/// break <see cref="TextRules"/> (NUL, unpaired surrogates) with a problem naming their JSON path.
/// </summary>
public static class BodyJson
{
    public static async Task<(JsonBody? Body, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
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

    /// <summary>The 400 for a body that is not JSON, naming the line and position.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Malformed(JsonException ex) => ApiProblems.BadRequest("The request body is not valid JSON.",
        new ProblemItem("body", $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message.Split(" LineNumber")[0]}"));
}
