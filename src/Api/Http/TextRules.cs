using System.Text.Json;

namespace RiverGis.Api.Http;

/// <summary>
/// What text the service accepts anywhere it reads one (query, form, header, JSON string): no NUL character (PostgreSQL
/// text cannot hold it) and no unpaired UTF-16 surrogate (it is not a character and cannot be encoded as UTF-8).
/// </summary>
public static class TextRules
{
    /// <summary>Why <paramref name="text"/> is refused, or null when it is acceptable.</summary>
    public static string? Fault(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return $"contains a NUL character (U+0000) at position {i}";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"contains an unpaired UTF-16 surrogate (U+{(int)c:X4}) at position {i}";
        }
        return null;
    }

    /// <summary>Every refused string (member names too) of a JSON document, named by its path (properties.description, photo_urls[2]).</summary>
    public static List<ProblemItem> FaultsIn(JsonElement element)
    {
        var faults = new List<ProblemItem>();
        Walk(element, "", faults);
        return faults;
    }

    private static void Walk(JsonElement element, string path, List<ProblemItem> faults)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = Read(() => property.Name, out var nameFault);
                    var where = path.Length == 0 ? name ?? "?" : $"{path}.{name ?? "?"}";
                    if (nameFault is not null) faults.Add(new(where, "member name " + nameFault));
                    Walk(property.Value, where, faults);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, $"{path}[{index++}]", faults);
                break;
            case JsonValueKind.String:
                Read(element.GetString, out var fault);
                if (fault is not null) faults.Add(new(path.Length == 0 ? "body" : path, fault));
                break;
        }
    }

    /// <summary>Decodes a JSON string; a lone surrogate escape (\ud800) cannot be decoded and is reported as such.</summary>
    private static string? Read(Func<string?> decode, out string? fault)
    {
        try
        {
            var text = decode();
            fault = text is null ? null : Fault(text);
            return text;
        }
        catch (InvalidOperationException)
        {
            fault = "contains an unpaired UTF-16 surrogate escape";
            return null;
        }
    }
}
