using System.Globalization;
using System.Text.Json;

namespace RiverGis.Geo.Dataset.Formats;

/// <summary>
/// Turns the attributes of a Shapefile or GeoPackage feature into the "properties" object of the dataset format.
/// Attribute names of the format are matched case-insensitively; DBF names are at most 10 characters, so the two
/// longer ones have the short forms ArcGIS and ogr2ogr truncate them to (<c>parent_cod</c>, <c>downstream</c>).
/// Codes kept in numeric columns (a spreadsheet habit: 511113) become strings; other attributes are kept as they are.
/// </summary>
public static class LayerAttributes
{
    /// <summary>The attributes of the format whose values are text (codes, names, enum codes, timestamps).</summary>
    private static readonly HashSet<string> TextAttributes =
        ["code", "name", "level", "parent_code", "downstream_code", "river_code", "area_code", "chief_id", "kind", "scale", "permit", "started_at", "ended_at"];

    /// <summary>The short (DBF) forms of the names longer than 10 characters.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShortForms = new Dictionary<string, string>
    {
        ["parent_cod"] = "parent_code",
        ["downstream"] = "downstream_code",
    };

    /// <summary>Every attribute name of the format by the forms a file may carry it in (any case, short forms).</summary>
    private static readonly Dictionary<string, string> Canonical = TextAttributes.Select(n => KeyValuePair.Create(n, n))
        .Concat(ShortForms).ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The properties object (a document the caller disposes) of one feature's attributes.</summary>
    public static JsonDocument ToProperties(IEnumerable<KeyValuePair<string, object?>> attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (rawName, value) in attributes)
            {
                var name = Canonical.TryGetValue(rawName.Trim(), out var canonical) ? canonical : rawName.Trim();
                if (!written.Add(name)) continue;
                writer.WritePropertyName(name);
                WriteValue(writer, value, TextAttributes.Contains(name));
            }
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, bool text)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s.Trim());
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case DateTime d:
                writer.WriteStringValue(d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture));
                break;
            case byte[]:
                writer.WriteNullValue();
                break;
            case IConvertible number when IsNumber(value):
                var d2 = number.ToDouble(CultureInfo.InvariantCulture);
                if (text && d2 == Math.Floor(d2) && Math.Abs(d2) < 1e17) writer.WriteStringValue(d2.ToString("0", CultureInfo.InvariantCulture));
                else if (double.IsFinite(d2)) writer.WriteNumberValue(d2);
                else writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool IsNumber(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;
}
