using System.Text;
using System.Text.Json;
using System.Xml;
using RiverGis.Api.Http;

namespace RiverGis.Api.Issues;

/// <summary>The two formats of GeoReport v2, chosen by the resource's extension (services.xml, requests.json).</summary>
public enum Open311Format { Json, Xml }

/// <summary>
/// Writes an Open311 response in the requested format. JSON is the response record in the service's JSON conventions;
/// XML is derived from that JSON by the Spark convention the spec names (wiki.open311.org/JSON_and_XML_Conversion):
/// a JSON array is a container element whose items repeat one element name, an object's members are child elements,
/// null is an empty element. So both formats always say the same thing.
/// </summary>
public sealed class Open311Result(object body, Open311Format format, string root, string item, int status = StatusCodes.Status200OK) : IResult
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string XmlType = "text/xml; charset=utf-8";

    /// <summary>Element names of the items of nested arrays (the spec's containers).</summary>
    private static readonly Dictionary<string, string> Items = new()
    {
        ["endpoints"] = "endpoint", ["formats"] = "format", ["attributes"] = "attribute", ["values"] = "value",
    };

    public int StatusCode => status;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ApiJson.Options);
        if (format == Open311Format.Json)
        {
            http.Response.ContentType = JsonType;
            await http.Response.Body.WriteAsync(json);
            return;
        }
        http.Response.ContentType = XmlType;
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            await xml.WriteStartDocumentAsync();
            WriteElement(xml, root, document.RootElement, item);
            await xml.WriteEndDocumentAsync();
        }
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private static void WriteElement(XmlWriter xml, string name, JsonElement value, string? itemName = null)
    {
        xml.WriteStartElement(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject()) WriteElement(xml, member.Name, member.Value);
                break;
            case JsonValueKind.Array:
                var child = itemName ?? Items.GetValueOrDefault(name, "item");
                foreach (var element in value.EnumerateArray()) WriteElement(xml, child, element);
                break;
            case JsonValueKind.String:
                xml.WriteString(value.GetString());
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                xml.WriteString(value.GetRawText());
                break;
        }
        xml.WriteEndElement();
    }

    /// <summary>GeoReport v2 errors: an array of {code, description}; 404 for what does not exist, 403 for api_key, else 400.</summary>
    public static Open311Result Errors(Open311Format format, int status, IEnumerable<string> descriptions) =>
        new(descriptions.Select(d => new Open311Error(status, d)).ToArray(), format, "errors", "error", status);

    public static Open311Result Error(Open311Format format, int status, string description) => Errors(format, status, [description]);
}
