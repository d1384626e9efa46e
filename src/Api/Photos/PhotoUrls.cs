using System.Text.Json;
using RiverGis.Api.Http;
using RiverGis.Api.Limits;

namespace RiverGis.Api.Photos;

/// <summary>
/// The <c>photo_urls</c> of a problem or patrol body: absolute http(s) URLs (e.g. what POST /api/photos returned), each
/// at most <see cref="FieldLimits.PhotoUrl"/> characters, at most <paramref name="max"/> of them.
/// </summary>
public static class PhotoUrls
{
    public static string[] Read(JsonElement urls, string path, int max, List<ProblemItem> errors)
    {
        if (urls.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return [];
        if (urls.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(path, "expected an array of URLs"));
            return [];
        }
        // Counted before reading: a huge array is refused without walking it.
        if (urls.GetArrayLength() > max)
        {
            errors.Add(new(path, $"at most {max} photos"));
            return [];
        }
        var list = new List<string>();
        var i = 0;
        foreach (var url in urls.EnumerateArray())
        {
            if (url.ValueKind == JsonValueKind.String && url.GetString()!.Length > FieldLimits.PhotoUrl)
                errors.Add(new($"{path}[{i}]", $"longer than {FieldLimits.PhotoUrl} characters"));
            else if (url.ValueKind != JsonValueKind.String || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add(new($"{path}[{i}]", "expected an absolute http(s) URL"));
            else list.Add(uri.ToString());
            i++;
        }
        return list.ToArray();
    }
}
