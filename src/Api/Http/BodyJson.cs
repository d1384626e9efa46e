using System.Text.Json;

namespace RiverGis.Api.Http;

/// <summary>Reads a JSON request body, answering malformed JSON with a problem that names the line and position.</summary>
public static class BodyJson
{
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) return (bytes, ApiProblems.BadRequest("The request body is empty; a JSON document is expected.", new ProblemItem("body", "empty")));
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return (bytes, null);
        }
        catch (JsonException ex)
        {
            return (bytes, ApiProblems.BadRequest("The request body is not valid JSON.",
                new ProblemItem("body", $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message.Split(" LineNumber")[0]}")));
        }
    }
}
