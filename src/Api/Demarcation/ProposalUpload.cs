using System.Text.Json;
using RiverGis.Api.Http;
using RiverGis.Geo.Dataset.Formats;

namespace RiverGis.Api.Demarcation;

/// <summary>
/// The body of a demarcation check: a GeoJSON FeatureCollection (<c>application/geo+json</c>, <c>application/json</c>),
/// a zipped Shapefile (<c>application/zip</c>) or a GeoPackage (<c>application/geopackage+sqlite3</c>). The bytes must
/// be what the content type says (without one, they are taken for what they are); malformed JSON is a 400 that names
/// the line, as for every JSON body.
/// </summary>
public static class ProposalUpload
{
    public static readonly IReadOnlyDictionary<string, PlannerFileFormat> MediaTypes = new Dictionary<string, PlannerFileFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["application/geo+json"] = PlannerFileFormat.GeoJson,
        ["application/json"] = PlannerFileFormat.GeoJson,
        ["application/zip"] = PlannerFileFormat.ZippedShapefile,
        ["application/x-zip-compressed"] = PlannerFileFormat.ZippedShapefile, // what browsers on Windows send for .zip
        ["application/geopackage+sqlite3"] = PlannerFileFormat.GeoPackage,
    };

    public static async Task<(byte[]? Content, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        var mediaType = http.Request.GetTypedHeaders().ContentType?.MediaType.Value;
        PlannerFileFormat declared = PlannerFileFormat.GeoJson;
        if (mediaType is not null && !MediaTypes.TryGetValue(mediaType, out declared))
        {
            return (null, ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Content-Type {mediaType} is not accepted; send one of {string.Join(", ", MediaTypes.Keys)}.", [new("Content-Type", mediaType)]));
        }
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) return (null, ApiProblems.BadRequest("The request body is empty.", new ProblemItem("body", "empty")));
        var found = SegmentsFileReader.Detect(bytes);
        if (mediaType is null) declared = found; // no Content-Type (curl --data-binary): go by the bytes
        if (found != declared)
            return (null, ApiProblems.BadRequest($"The body is not what Content-Type {mediaType} says.", new ProblemItem("body", $"expected {Describe(declared)}, found {Describe(found)}")));
        if (declared != PlannerFileFormat.GeoJson) return (bytes, null);
        try
        {
            // Syntax only, token by token: a whole-body JsonDocument of a 20,000-feature upload cost hundreds of MB.
            var reader = new Utf8JsonReader(bytes);
            while (reader.Read()) { }
            return (bytes, null);
        }
        catch (JsonException ex)
        {
            return (null, BodyJson.Malformed(ex));
        }
    }

    private static string Describe(PlannerFileFormat format) => format switch
    {
        PlannerFileFormat.ZippedShapefile => "a zip archive",
        PlannerFileFormat.GeoPackage => "a GeoPackage (SQLite)",
        _ => "JSON",
    };
}
