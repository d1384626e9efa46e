using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Dataset;

/// <summary>
/// Writes a <see cref="DatasetContent"/> to a folder in the dataset format (README: dataset.json, admin_areas.geojson,
/// chiefs.csv, rivers.geojson, segments.geojson, outlets.geojson, patrol_tracks.geojson) so that
/// <see cref="DatasetReader"/> reads back the same content. Files are streamed one feature per line (province-sized
/// files never exist as one string), UTF-8 without BOM, invariant culture, Chinese text unescaped.
/// Coordinates are rounded to <see cref="Decimals"/> decimals (~0.1 m); a geometry that rounding would make invalid
/// or self-intersecting (collapsed ring, two vertices of a line falling on one position, a crossing created by the
/// rounding) is written with more decimals instead, so a valid geometry always stays valid.
/// </summary>
public sealed class DatasetWriter
{
    /// <summary>Decimals of written coordinates (<see cref="GeoJsonPrecision"/>).</summary>
    public const int Decimals = GeoJsonPrecision.Decimals;

    private const int MaxDecimals = 9;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> AreaKeys = ["code", "name", "level", "parent_code"];
    private static readonly HashSet<string> RiverKeys = ["code", "name", "level", "downstream_code"];
    private static readonly HashSet<string> SegmentKeys = ["code", "river_code", "level", "area_code", "chief_id", "name"];
    private static readonly HashSet<string> OutletKeys = ["code", "name", "kind", "scale", "permit", "river_code"];
    private static readonly HashSet<string> TrackKeys = ["chief_id", "started_at", "ended_at", "times"];

    private readonly IProgress<DatasetProgress>? _progress;
    private readonly Dictionary<string, List<(string Name, string RawValue)>> _extrasCache = new(StringComparer.Ordinal);

    public DatasetWriter(IProgress<DatasetProgress>? progress = null) => _progress = progress;

    /// <summary>
    /// Writes every file of the dataset into <paramref name="folder"/> (created when missing; existing dataset files
    /// are replaced). The optional files are written only when the content has outlets / patrol tracks.
    /// </summary>
    public void Write(DatasetContent content, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteManifest(content, Path.Combine(folder, DatasetFiles.Manifest));
        WriteFeatures(folder, DatasetFiles.AdminAreas, content.Areas, AreaKeys, (w, a) =>
        {
            w.WriteString("code", a.Code);
            w.WriteString("name", a.Name);
            w.WriteString("level", a.Level.ToCode());
            WriteNullable(w, "parent_code", a.ParentCode);
        }, a => a.Geometry);
        WriteChiefs(content, Path.Combine(folder, DatasetFiles.Chiefs));
        WriteFeatures(folder, DatasetFiles.Rivers, content.Rivers, RiverKeys, (w, r) =>
        {
            w.WriteString("code", r.Code);
            w.WriteString("name", r.Name);
            w.WriteString("level", r.Level.ToCode());
            WriteNullable(w, "downstream_code", r.DownstreamCode);
        }, r => r.Geometry);
        WriteFeatures(folder, DatasetFiles.Segments, content.Segments, SegmentKeys, (w, s) =>
        {
            w.WriteString("code", s.Code);
            w.WriteString("river_code", s.RiverCode);
            w.WriteString("level", s.Level.ToCode());
            w.WriteString("area_code", s.AreaCode);
            WriteNullable(w, "chief_id", s.ChiefId);
            if (s.Name is not null) w.WriteString("name", s.Name);
        }, s => s.Geometry);
        var outlets = Path.Combine(folder, DatasetFiles.Outlets);
        if (content.Outlets.Count > 0)
        {
            WriteFeatures(folder, DatasetFiles.Outlets, content.Outlets, OutletKeys, (w, o) =>
            {
                w.WriteString("code", o.Code);
                w.WriteString("name", o.Name);
                w.WriteString("kind", o.Kind.ToCode());
                w.WriteString("scale", o.Scale.ToCode());
                w.WriteString("permit", o.Permit.ToCode());
                WriteNullable(w, "river_code", o.RiverCode);
            }, o => o.Location);
        }
        else if (File.Exists(outlets))
        {
            File.Delete(outlets);
        }
        var tracks = Path.Combine(folder, DatasetFiles.PatrolTracks);
        if (content.PatrolTracks.Count > 0)
        {
            WriteFeatures(folder, DatasetFiles.PatrolTracks, content.PatrolTracks, TrackKeys, (w, t) =>
            {
                w.WriteString("chief_id", t.ChiefId);
                w.WriteString("started_at", FormatTimestamp(t.StartedAt));
                w.WriteString("ended_at", FormatTimestamp(t.EndedAt));
                if (t.Times is not { } times) return;
                // In the track's own offset, like started_at (China Standard Time in generated data).
                w.WriteStartArray("times");
                for (var i = 0; i < times.Count; i++) w.WriteStringValue(FormatTimestamp(times[i].ToOffset(t.StartedAt.Offset)));
                w.WriteEndArray();
            }, t => t.Track, everyPosition: true);
        }
        else if (File.Exists(tracks))
        {
            File.Delete(tracks);
        }
    }

    /// <summary>ISO 8601 with the item's own offset (e.g. 2026-10-03T09:12:00+08:00); sub-second digits only when present.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz",
            CultureInfo.InvariantCulture);

    /// <summary>
    /// The geometry exactly as it will be written: coordinates rounded to <see cref="Decimals"/> decimals with
    /// consecutive duplicates dropped; when that would make the geometry invalid (or a line non-simple), the fewest
    /// further decimals that keep it valid, and the geometry unchanged when none does. Returns the same instance when
    /// rounding changes nothing. Producers that want their content to survive a write/read round trip unchanged
    /// (e.g. the synthetic generator) apply it themselves.
    /// </summary>
    public static Geometry Round(Geometry geometry)
    {
        if (IsOnGrid(geometry, Decimals)) return geometry;
        var decimals = ChooseDecimals(geometry);
        return decimals is { } d ? RoundTo(geometry, d) ?? geometry : geometry;
    }

    /// <summary>Decimals to write <paramref name="geometry"/> with; null means full precision (shortest round-trip form).</summary>
    private static int? ChooseDecimals(Geometry geometry)
    {
        if (IsOnGrid(geometry, Decimals)) return Decimals;
        var wasValid = IsValidShape(geometry);
        for (var decimals = Decimals; decimals <= MaxDecimals; decimals++)
        {
            var rounded = RoundTo(geometry, decimals);
            if (rounded is null) continue;
            // An already invalid input cannot be made worse: write it at the normal precision and let the reader report it.
            if (!wasValid || IsValidShape(rounded)) return decimals;
        }
        return null;
    }

    private static bool IsValidShape(Geometry geometry)
    {
        if (geometry is Point or MultiPoint) return true;
        if (!new IsValidOp(geometry).IsValid) return false;
        return geometry is not ILineal || new IsSimpleOp(geometry).IsSimple();
    }

    /// <summary>True when every coordinate is already rounded to <paramref name="decimals"/> and no line repeats a position.</summary>
    private static bool IsOnGrid(Geometry geometry, int decimals)
    {
        for (var p = 0; p < geometry.NumGeometries; p++)
        {
            switch (geometry.GetGeometryN(p))
            {
                case Point point:
                    if (!OnGrid(point.CoordinateSequence, decimals, checkRepeats: false)) return false;
                    break;
                case LineString line:
                    if (!OnGrid(line.CoordinateSequence, decimals, checkRepeats: true)) return false;
                    break;
                case Polygon polygon:
                    if (!OnGrid(polygon.ExteriorRing.CoordinateSequence, decimals, checkRepeats: true)) return false;
                    foreach (var hole in polygon.InteriorRings)
                    {
                        if (!OnGrid(hole.CoordinateSequence, decimals, checkRepeats: true)) return false;
                    }
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static bool OnGrid(CoordinateSequence sequence, int decimals, bool checkRepeats)
    {
        for (var i = 0; i < sequence.Count; i++)
        {
            var x = sequence.GetX(i);
            var y = sequence.GetY(i);
            if (GeoJsonPrecision.Round(x, decimals) != x || GeoJsonPrecision.Round(y, decimals) != y) return false;
            if (checkRepeats && i > 0 && x == sequence.GetX(i - 1) && y == sequence.GetY(i - 1)) return false;
        }
        return true;
    }


    /// <summary>A rounded copy, or null when a part collapses (a line to one position, a ring below four positions).</summary>
    private static Geometry? RoundTo(Geometry geometry, int decimals)
    {
        var factory = geometry.Factory;
        switch (geometry)
        {
            case Point point:
                return factory.CreatePoint(new Coordinate(GeoJsonPrecision.Round(point.X, decimals), GeoJsonPrecision.Round(point.Y, decimals)));
            case LineString line:
                return RoundLine(line, decimals, factory);
            case MultiLineString lines:
            {
                var parts = new LineString[lines.NumGeometries];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (RoundLine((LineString)lines.GetGeometryN(i), decimals, factory) is not { } part) return null;
                    parts[i] = part;
                }
                return factory.CreateMultiLineString(parts);
            }
            case Polygon polygon:
                return RoundPolygon(polygon, decimals, factory);
            case MultiPolygon polygons:
            {
                var parts = new Polygon[polygons.NumGeometries];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (RoundPolygon((Polygon)polygons.GetGeometryN(i), decimals, factory) is not { } part) return null;
                    parts[i] = part;
                }
                return factory.CreateMultiPolygon(parts);
            }
            case MultiPoint points:
            {
                var coordinates = new Coordinate[points.NumGeometries];
                for (var i = 0; i < coordinates.Length; i++)
                {
                    var point = (Point)points.GetGeometryN(i);
                    coordinates[i] = new Coordinate(GeoJsonPrecision.Round(point.X, decimals), GeoJsonPrecision.Round(point.Y, decimals));
                }
                return factory.CreateMultiPointFromCoords(coordinates);
            }
            default:
                return null;
        }
    }

    private static LineString? RoundLine(LineString line, int decimals, GeometryFactory factory)
    {
        var coordinates = RoundSequence(line.CoordinateSequence, decimals);
        return coordinates.Count < 2 ? null : factory.CreateLineString(coordinates.ToArray());
    }

    private static Polygon? RoundPolygon(Polygon polygon, int decimals, GeometryFactory factory)
    {
        var shell = RoundSequence(polygon.ExteriorRing.CoordinateSequence, decimals);
        if (shell.Count < 4) return null;
        var holes = new LinearRing[polygon.NumInteriorRings];
        for (var i = 0; i < holes.Length; i++)
        {
            var hole = RoundSequence(polygon.GetInteriorRingN(i).CoordinateSequence, decimals);
            if (hole.Count < 4) return null;
            holes[i] = factory.CreateLinearRing(hole.ToArray());
        }
        return factory.CreatePolygon(factory.CreateLinearRing(shell.ToArray()), holes);
    }

    private static List<Coordinate> RoundSequence(CoordinateSequence sequence, int decimals)
    {
        var result = new List<Coordinate>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var c = new Coordinate(GeoJsonPrecision.Round(sequence.GetX(i), decimals), GeoJsonPrecision.Round(sequence.GetY(i), decimals));
            if (result.Count > 0 && result[^1].Equals2D(c)) continue;
            result.Add(c);
        }
        return result;
    }

    private static void WriteManifest(DatasetContent content, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using (var writer = new Utf8JsonWriter(stream, JsonOptions with { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("name", content.Name);
            writer.WriteString("code", content.Code);
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private void WriteChiefs(DatasetContent content, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var text = new StreamWriter(stream, Utf8NoBom, 1 << 16) { NewLine = "\n" };
        var csv = new CsvWriter(text);
        csv.WriteRow("id", "name", "role", "area_code", "phone");
        var count = 0;
        foreach (var (chief, _, _) in content.Chiefs)
        {
            csv.WriteRow(chief.Id, chief.Name, chief.Role.ToCode(), chief.AreaCode, chief.Phone ?? "");
            if (++count % 10_000 == 0) _progress?.Report(new(DatasetFiles.Chiefs, count));
        }
        _progress?.Report(new(DatasetFiles.Chiefs, count));
    }

    private static readonly byte[] CollectionStart = "{\"type\":\"FeatureCollection\",\"features\":["u8.ToArray();
    private static readonly byte[] CollectionEnd = "\n]}\n"u8.ToArray();
    private static readonly byte[] FeatureSeparator = ",\n"u8.ToArray();

    private void WriteFeatures<T>(string folder, string file, List<Sourced<T>> items, IReadOnlySet<string> knownKeys,
        Action<Utf8JsonWriter, T> writeProperties, Func<T, Geometry> geometryOf, bool everyPosition = false)
    {
        using var stream = new FileStream(Path.Combine(folder, file), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(CollectionStart);
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var writer = new Utf8JsonWriter(buffer, JsonOptions);
        var count = 0;
        foreach (var (item, _, extras) in items)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WritePropertyName("properties");
            writer.WriteStartObject();
            writeProperties(writer, item);
            if (extras is not null) WriteExtras(writer, extras, knownKeys);
            writer.WriteEndObject();
            writer.WritePropertyName("geometry");
            WriteGeometry(writer, geometryOf(item), everyPosition);
            writer.WriteEndObject();
            writer.Flush();
            stream.Write(count == 0 ? "\n"u8 : FeatureSeparator);
            stream.Write(buffer.WrittenSpan);
            if (++count % 10_000 == 0) _progress?.Report(new(file, count));
        }
        stream.Write(CollectionEnd);
        _progress?.Report(new(file, count));
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    /// <summary>Free attributes (a JSON object text) written back as properties; the format's own keys win over them.</summary>
    private void WriteExtras(Utf8JsonWriter writer, string extras, IReadOnlySet<string> knownKeys)
    {
        if (!_extrasCache.TryGetValue(extras, out var properties))
        {
            properties = [];
            using var document = JsonDocument.Parse(extras);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    properties.Add((property.Name, property.Value.GetRawText()));
                }
            }
            if (_extrasCache.Count < 10_000) _extrasCache[extras] = properties;
        }
        foreach (var (name, raw) in properties)
        {
            if (knownKeys.Contains(name)) continue;
            writer.WritePropertyName(name);
            writer.WriteRawValue(raw, skipInputValidation: true);
        }
    }

    private static void WriteGeometry(Utf8JsonWriter writer, Geometry geometry, bool everyPosition = false)
    {
        var decimals = ChooseDecimals(geometry);
        var places = decimals ?? -1;
        writer.WriteStartObject();
        writer.WriteString("type", geometry.GeometryType);
        writer.WritePropertyName("coordinates");
        switch (geometry)
        {
            case Point point:
                WritePosition(writer, point.X, point.Y, places);
                break;
            case LineString line:
                WriteSequence(writer, line.CoordinateSequence, places, everyPosition: everyPosition);
                break;
            case Polygon polygon:
                WritePolygon(writer, polygon, places);
                break;
            case MultiPoint points:
                writer.WriteStartArray();
                for (var i = 0; i < points.NumGeometries; i++)
                {
                    var point = (Point)points.GetGeometryN(i);
                    WritePosition(writer, point.X, point.Y, places);
                }
                writer.WriteEndArray();
                break;
            case MultiLineString lines:
                writer.WriteStartArray();
                for (var i = 0; i < lines.NumGeometries; i++) WriteSequence(writer, ((LineString)lines.GetGeometryN(i)).CoordinateSequence, places);
                writer.WriteEndArray();
                break;
            case MultiPolygon polygons:
                writer.WriteStartArray();
                for (var i = 0; i < polygons.NumGeometries; i++) WritePolygon(writer, (Polygon)polygons.GetGeometryN(i), places);
                writer.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"{geometry.GeometryType} is not part of the dataset format");
        }
        writer.WriteEndObject();
    }

    /// <summary>RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise, whatever order they were built in.</summary>
    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon, int decimals)
    {
        writer.WriteStartArray();
        var shell = polygon.ExteriorRing.CoordinateSequence;
        WriteSequence(writer, shell, decimals, reverse: !Orientation.IsCCW(shell));
        foreach (var hole in polygon.InteriorRings) WriteSequence(writer, hole.CoordinateSequence, decimals, reverse: Orientation.IsCCW(hole.CoordinateSequence));
        writer.WriteEndArray();
    }

    /// <summary>Positions rounded to <paramref name="decimals"/> decimals (-1 = full precision), consecutive repeats dropped.</summary>
    /// <param name="everyPosition">Keep repeated positions (a patrol track's fixes each have a time).</param>
    private static void WriteSequence(Utf8JsonWriter writer, CoordinateSequence sequence, int decimals, bool reverse = false, bool everyPosition = false)
    {
        writer.WriteStartArray();
        double lastX = double.NaN, lastY = double.NaN;
        for (var k = 0; k < sequence.Count; k++)
        {
            var i = reverse ? sequence.Count - 1 - k : k;
            var x = decimals >= 0 ? GeoJsonPrecision.Round(sequence.GetX(i), decimals) : sequence.GetX(i);
            var y = decimals >= 0 ? GeoJsonPrecision.Round(sequence.GetY(i), decimals) : sequence.GetY(i);
            if (x == lastX && y == lastY && !everyPosition) continue;
            WritePosition(writer, x, y, -1);
            lastX = x;
            lastY = y;
        }
        writer.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter writer, double x, double y, int decimals)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(decimals >= 0 ? GeoJsonPrecision.Round(x, decimals) : x);
        writer.WriteNumberValue(decimals >= 0 ? GeoJsonPrecision.Round(y, decimals) : y);
        writer.WriteEndArray();
    }
}
