using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace RiverGis.SampleDataBuilder;

/// <summary>
/// Writes the dataset folder. GeoJSON is written by hand, one feature per line with a fixed property order,
/// so that the files diff well and re-runs give the same bytes.
/// </summary>
public static class Output
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Dictionary<string, byte[]> Render(Dataset ds) => new()
    {
        ["dataset.json"] = Utf8.GetBytes($"{{\n  \"name\": {Json(ds.Name)},\n  \"code\": {Json(ds.Code)}\n}}\n"),
        ["admin_areas.geojson"] = Collection(ds.Areas.Select(a => (a.Geom, Props(
            ("code", a.Code), ("name", a.Name), ("level", Levels.Name(a.Level)), ("parent_code", a.ParentCode),
            ("source", a.Source), ("synthetic", a.Synthetic))))),
        ["chiefs.csv"] = Utf8.GetBytes("id,name,role,area_code,phone\n" + string.Concat(ds.Chiefs.Select(c =>
            string.Join(",", new[] { c.Id, c.Name, c.Role, c.AreaCode, c.Phone }.Select(Csv)) + "\n"))),
        ["rivers.geojson"] = Collection(ds.Rivers.Select(r => (r.Geom, Props(
            ("code", r.Code), ("name", r.Name), ("level", Levels.Name(r.Level)), ("downstream_code", r.DownstreamCode),
            ("source", r.Source), ("synthetic", r.Synthetic))))),
        ["segments.geojson"] = Collection(ds.Segments.Select(s => (s.Geom, Props(
            ("code", s.Code), ("river_code", s.RiverCode), ("level", Levels.Name(s.Level)), ("area_code", s.AreaCode),
            ("chief_id", s.ChiefId), ("name", s.Name), ("source", "derived: river ∩ area, synthetic assignment"), ("synthetic", true))))),
        ["outlets.geojson"] = Collection(ds.Outlets.Select(o => ((Geometry)o.Geom, Props(
            ("code", o.Code), ("name", o.Name), ("kind", o.Kind), ("scale", o.Scale), ("permit", o.Permit),
            ("river_code", o.RiverCode), ("source", "synthetic outlet"), ("synthetic", true))))),
        ["patrol_tracks.geojson"] = Collection(ds.Tracks.Select(t => ((Geometry)t.Geom, Props(
            ("chief_id", t.ChiefId), ("started_at", Iso(t.StartedAt)), ("ended_at", Iso(t.EndedAt)),
            ("source", "synthetic GPS track"), ("synthetic", true))))),
    };

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static (string, object?)[] Props(params (string, object?)[] p) => p;

    private static string Json(string s) => JsonSerializer.Serialize(s, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static byte[] Collection(IEnumerable<(Geometry Geom, (string Key, object? Value)[] Props)> features)
    {
        var lines = features.Select(f =>
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, JsonOptions))
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("properties");
                foreach (var (key, value) in f.Props)
                {
                    switch (value)
                    {
                        case null: w.WriteNull(key); break;
                        case string s: w.WriteString(key, s); break;
                        case bool b: w.WriteBoolean(key, b); break;
                        default: throw new ArgumentException($"unsupported property {key}");
                    }
                }
                w.WriteEndObject();
                w.WritePropertyName("geometry");
                WriteGeometry(w, f.Geom);
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(ms.ToArray());
        });
        return Utf8.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[\n" + string.Join(",\n", lines) + "\n]}\n");
    }

    private static void WriteGeometry(Utf8JsonWriter w, Geometry g)
    {
        w.WriteStartObject();
        w.WriteString("type", g.GeometryType);
        w.WriteStartArray("coordinates");
        switch (g)
        {
            case Point p: Position(w, p.Coordinate); break;
            case LineString l: Positions(w, l.Coordinates); break;
            case Polygon p: Rings(w, p); break;
            case MultiLineString ml:
                foreach (var l in Geo.Lines(ml)) { w.WriteStartArray(); Positions(w, l.Coordinates); w.WriteEndArray(); }
                break;
            case MultiPolygon mp:
                foreach (var p in Geo.Polygons(mp)) { w.WriteStartArray(); Rings(w, p); w.WriteEndArray(); }
                break;
            default: throw new ArgumentException($"unsupported geometry {g.GeometryType}");
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>RFC 7946: exterior rings counter-clockwise, holes clockwise.</summary>
    private static void Rings(Utf8JsonWriter w, Polygon p)
    {
        var shell = p.Shell.IsCCW ? p.Shell : (LinearRing)p.Shell.Reverse();
        w.WriteStartArray(); Positions(w, shell.Coordinates); w.WriteEndArray();
        foreach (var hole in p.Holes)
        {
            var h = hole.IsCCW ? (LinearRing)hole.Reverse() : hole;
            w.WriteStartArray(); Positions(w, h.Coordinates); w.WriteEndArray();
        }
    }

    private static void Positions(Utf8JsonWriter w, Coordinate[] cs)
    {
        foreach (var c in cs) { w.WriteStartArray(); Number(w, c.X); Number(w, c.Y); w.WriteEndArray(); }
    }

    private static void Position(Utf8JsonWriter w, Coordinate c) { Number(w, c.X); Number(w, c.Y); }

    private static void Number(Utf8JsonWriter w, double v) =>
        w.WriteRawValue(Geo.Round(v).ToString("0.0#####", CultureInfo.InvariantCulture), skipInputValidation: true);
}
