using System.Globalization;
using System.Text.Json;

namespace RiverGis.Geo.GeoJson;

/// <summary>Typed access to a feature's "properties" that records a precise message for each wrong or missing value.</summary>
public sealed class PropertyReader
{
    private readonly JsonElement _properties;
    private readonly Action<string, string> _report;

    /// <param name="report">Called with (property name, message) for every problem.</param>
    public PropertyReader(JsonElement properties, Action<string, string> report)
    {
        _properties = properties;
        _report = report;
        if (properties.ValueKind != JsonValueKind.Object) report("properties", "expected an object");
    }

    /// <summary>The raw value of a property (Undefined when absent), for readers of structured values.</summary>
    public JsonElement Raw(string name) =>
        _properties.ValueKind == JsonValueKind.Object && _properties.TryGetProperty(name, out var v) ? v : default;

    public bool Has(string name) => _properties.ValueKind == JsonValueKind.Object
        && _properties.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? RequiredString(string name)
    {
        var value = OptionalString(name);
        if (value is null && !HasWrongType(name)) _report(name, "required");
        return value;
    }

    /// <summary>Null when missing, null or empty (empty string means "none", e.g. a vacant chief_id).</summary>
    public string? OptionalString(string name)
    {
        if (_properties.ValueKind != JsonValueKind.Object || !_properties.TryGetProperty(name, out var value)) return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var s = value.GetString()!.Trim();
                return s.Length == 0 ? null : s;
            default:
                _report(name, $"expected a string, found {GeoJsonGeometryReader.Describe(value)}");
                return null;
        }
    }

    public T? RequiredEnum<T>(string name, Func<string, (bool ok, T value)> parse, string expected) where T : struct
    {
        var code = RequiredString(name);
        if (code is null) return null;
        var (ok, parsed) = parse(code);
        if (!ok) _report(name, $"unknown value '{code}', expected one of {expected}");
        return ok ? parsed : null;
    }

    public DateTimeOffset? RequiredTimestamp(string name)
    {
        var text = RequiredString(name);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
        {
            return value;
        }
        _report(name, $"'{text}' is not an ISO 8601 timestamp with a time zone (e.g. 2026-10-03T09:12:00+08:00)");
        return null;
    }

    /// <summary>A calendar date <c>yyyy-MM-dd</c>; null when missing.</summary>
    public DateOnly? OptionalDate(string name)
    {
        var text = OptionalString(name);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        _report(name, $"'{text}' is not a date (yyyy-MM-dd)");
        return null;
    }

    /// <summary>A list of strings: a JSON array of strings, or one string of comma-separated values (what a DBF column holds).</summary>
    public IReadOnlyList<string>? StringList(string name)
    {
        if (_properties.ValueKind != JsonValueKind.Object || !_properties.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            _report(name, $"expected an array of strings, found {GeoJsonGeometryReader.Describe(value)}");
            return null;
        }
        return value.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0).ToList();
    }

    /// <summary>Properties not in <paramref name="known"/>, as a JSON object text (kept as free attributes), or null.</summary>
    public string? Extras(IReadOnlySet<string> known)
    {
        if (_properties.ValueKind != JsonValueKind.Object) return null;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var any = false;
            foreach (var property in _properties.EnumerateObject())
            {
                if (known.Contains(property.Name)) continue;
                property.WriteTo(writer);
                any = true;
            }
            writer.WriteEndObject();
            writer.Flush();
            if (!any) return null;
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private bool HasWrongType(string name) => _properties.ValueKind == JsonValueKind.Object
        && _properties.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.String);
}
