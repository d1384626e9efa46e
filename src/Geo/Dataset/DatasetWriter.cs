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
using RiverGis.Geo.Water;
using RiverGis.Geo.Roster;

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

    private static readonly HashSet<string> AreaKeys = DatasetReader.AreaKeys, RiverKeys = DatasetReader.RiverKeys, SegmentKeys = DatasetReader.SegmentKeys,
        OutletKeys = DatasetReader.OutletKeys, TrackKeys = DatasetReader.TrackKeys, SectionKeys = DatasetReader.SectionKeys,
        WaterBodyKeys = DatasetReader.WaterBodyKeys, ZoneKeys = DatasetReader.ZoneKeys, SignboardKeys = DatasetReader.SignboardKeys;

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
        WriteOfficeTables(content, folder);
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
                if (o.Status != OutletStatus.Normal) w.WriteString("status", o.Status.ToCode());
                if (o.Approval is { } approval)
                {
                    w.WriteString("approved_on", approval.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    if (approval.DocumentNo is not null) w.WriteString("approval_no", approval.DocumentNo);
                }
            }, o => o.Location);
        }
        else if (File.Exists(outlets))
        {
            File.Delete(outlets);
        }
        WriteWater(content, folder);
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

    /// <summary>The water layers and measurement tables: written when the content has them, removed otherwise.</summary>
    private void WriteWater(DatasetContent content, string folder)
    {
        WriteOptional(folder, DatasetFiles.Sections, content.Sections, SectionKeys, (w, s) =>
        {
            w.WriteString("code", s.Code);
            w.WriteString("name", s.Name);
            w.WriteString("kind", s.Kind.ToCode());
            w.WriteString("target_class", s.TargetClass.ToCode());
            if (s.RiverCode is not null) w.WriteString("river_code", s.RiverCode);
            if (s.WaterBodyCode is not null) w.WriteString("water_body_code", s.WaterBodyCode);
            w.WriteStartArray("area_codes");
            foreach (var area in s.AreaCodes) w.WriteStringValue(area);
            w.WriteEndArray();
        }, s => s.Location);
        WriteOptional(folder, DatasetFiles.WaterBodies, content.WaterBodies, WaterBodyKeys, (w, b) =>
        {
            w.WriteString("code", b.Code);
            w.WriteString("name", b.Name);
            w.WriteString("kind", b.Type.ToCode());
            w.WriteString("level", b.Level.ToCode());
        }, b => b.Geometry);
        WriteOptional(folder, DatasetFiles.Zones, content.Zones, ZoneKeys, (w, z) =>
        {
            w.WriteString("code", z.Code);
            w.WriteString("water_body_code", z.WaterBodyCode);
            if (z.Name is not null) w.WriteString("name", z.Name);
            w.WriteString("level", z.Level.ToCode());
            w.WriteString("area_code", z.AreaCode);
            WriteNullable(w, "chief_id", z.ChiefId);
        }, z => z.Geometry);
        WriteOptional(folder, DatasetFiles.Signboards, content.Signboards, SignboardKeys, (w, b) =>
        {
            w.WriteString("code", b.Code);
            if (b.SegmentCode is not null) w.WriteString("segment_code", b.SegmentCode);
            if (b.ZoneCode is not null) w.WriteString("zone_code", b.ZoneCode);
            w.WriteString("chief_name", b.ChiefName);
            foreach (var (name, value) in new[] { ("chief_post", b.ChiefPost), ("chief_phone", b.ChiefPhone), ("extent", b.Extent), ("duties", b.Duties),
                         ("target", b.Target), ("supervision_phone", b.SupervisionPhone) })
                if (value is not null) w.WriteString(name, value);
            if (b.PrintedOn is { } on) w.WriteString("printed_on", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }, b => b.Location);
        WriteMeasurements(Path.Combine(folder, DatasetFiles.Samples), "section_code", content.Samples);
        WriteMeasurements(Path.Combine(folder, DatasetFiles.OutletMonitoring), "outlet_code", content.OutletMonitoring);
    }

    private void WriteOptional<T>(string folder, string file, List<Sourced<T>> items, IReadOnlySet<string> knownKeys,
        Action<Utf8JsonWriter, T> writeProperties, Func<T, Geometry> geometryOf)
    {
        var path = Path.Combine(folder, file);
        if (items.Count > 0) WriteFeatures(folder, file, items, knownKeys, writeProperties, geometryOf);
        else if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>A measurement table: site, sampled_at, the factors measured anywhere in it (mg/L), and source when any row has one.</summary>
    private static void WriteMeasurements(string path, string siteColumn, List<Sourced<WaterSample>> rows)
    {
        if (rows.Count == 0)
        {
            if (File.Exists(path)) File.Delete(path);
            return;
        }
        var factors = SurfaceWaterStandard.Table.Where(f => rows.Any(r => r.Item.Values.ContainsKey(f.Factor))).ToList();
        var withSource = rows.Any(r => r.Item.Source is not null);
        using var text = new StreamWriter(path, false, Utf8NoBom) { NewLine = "\n" };
        var csv = new CsvWriter(text);
        csv.WriteRow([siteColumn, "sampled_at", .. factors.Select(f => f.Code), .. withSource ? new[] { "source" } : []]);
        foreach (var (sample, _, _) in rows)
        {
            csv.WriteRow([sample.SiteCode, FormatTimestamp(sample.SampledAt),
                .. factors.Select(f => sample.Values.TryGetValue(f.Factor, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""),
                .. withSource ? new[] { sample.Source ?? "" } : []]);
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
        // The optional post column only when some chief has a post: datasets without posts keep their five columns.
        var withPost = content.Chiefs.Any(c => c.Item.Post is not null);
        string[] header = withPost ? ["id", "name", "role", "area_code", "phone", "post"] : ["id", "name", "role", "area_code", "phone"];
        WriteCsv(path, DatasetFiles.Chiefs, header, content.Chiefs, c => withPost
            ? [c.Id, c.Name, c.Role.ToCode(), c.AreaCode, c.Phone ?? "", c.Post ?? ""]
            : [c.Id, c.Name, c.Role.ToCode(), c.AreaCode, c.Phone ?? ""]);
    }

    /// <summary>roster.csv and units.csv, written only when the content has rows (an old file is removed otherwise).</summary>
    private void WriteOfficeTables(DatasetContent content, string folder)
    {
        WriteOptionalCsv(Path.Combine(folder, DatasetFiles.Roster), DatasetFiles.Roster, OfficeTables.RosterColumns, content.Roster, r =>
            [r.ChiefId, r.Duty.ToCode(), r.SegmentCode ?? "", r.AreaCode ?? "", Day(r.AppointedOn), Day(r.EndedOn)]);
        WriteOptionalCsv(Path.Combine(folder, DatasetFiles.Units), DatasetFiles.Units, [.. OfficeTables.UnitColumns, "phone"], content.Units, u =>
            [u.Code, u.Name, u.Kind.ToCode(), u.AreaCode, u.Phone ?? ""]);
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private void WriteOptionalCsv<T>(string path, string file, string[] header, List<Sourced<T>> rows, Func<T, string[]> fields)
    {
        if (rows.Count > 0) WriteCsv(path, file, header, rows, fields);
        else if (File.Exists(path)) File.Delete(path);
    }

    private void WriteCsv<T>(string path, string file, string[] header, List<Sourced<T>> rows, Func<T, string[]> fields)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var text = new StreamWriter(stream, Utf8NoBom, 1 << 16) { NewLine = "\n" };
        var csv = new CsvWriter(text);
        csv.WriteRow(header);
        var count = 0;
        foreach (var row in rows)
        {
            csv.WriteRow(fields(row.Item));
            if (++count % 10_000 == 0) _progress?.Report(new(file, count));
        }
        _progress?.Report(new(file, count));
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
