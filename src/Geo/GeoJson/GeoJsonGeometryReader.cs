using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using RiverGis.Geo.Repair;

namespace RiverGis.Geo.GeoJson;

/// <summary>
/// Reads RFC 7946 geometries from a <see cref="JsonElement"/> and says precisely what is wrong when it cannot:
/// which coordinate (JSON path), out-of-range or lat/lon-swapped values, unclosed rings, invalid or self-intersecting shapes.
/// The general-purpose GeoJSON converters throw on the first problem with little context, which is not enough for
/// a river-chief office fixing a 10 000-feature file.
/// </summary>
public sealed class GeoJsonGeometryReader
{
    public static readonly GeometryFactory Wgs84Factory = new(new PrecisionModel(), 4326);

    private readonly GeometryFactory _factory;
    private readonly GeometryRepairer? _repairer;
    private readonly bool _simpleLines;

    /// <param name="repairer">
    /// When given, what it can repair is repaired and listed instead of refused (rings open within its tolerance,
    /// repeated positions, zero-length parts); without it every such defect is an error.
    /// </param>
    /// <param name="simpleLines">
    /// Refuse self-intersecting lines (rivers, segments). Patrol tracks are read with false: a patrol walks up a river
    /// and back down, and crossing its own path is what it does.
    /// </param>
    public GeoJsonGeometryReader(GeometryFactory? factory = null, GeometryRepairer? repairer = null, bool simpleLines = true)
    {
        _factory = factory ?? Wgs84Factory;
        _repairer = repairer;
        _simpleLines = simpleLines;
    }

    /// <summary>Parses a geometry; returns null and fills <paramref name="errors"/> (path: message) when it is unusable.</summary>
    public Geometry? Read(JsonElement element, string path, ICollection<string> errors) => Read(element, path, errors, []);

    /// <summary>As <see cref="Read(JsonElement, string, ICollection{string})"/>, listing the repairs made in <paramref name="repairs"/>.</summary>
    public Geometry? Read(JsonElement element, string path, ICollection<string> errors, ICollection<GeometryRepair> repairs)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected a GeoJSON geometry object, found {Describe(element)}");
            return null;
        }
        if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}.type: missing geometry type");
            return null;
        }
        var type = typeElement.GetString()!;
        if (type == "GeometryCollection")
        {
            errors.Add($"{path}.type: GeometryCollection is not accepted here");
            return null;
        }
        if (!element.TryGetProperty("coordinates", out var coordinates))
        {
            errors.Add($"{path}.coordinates: missing");
            return null;
        }
        var before = errors.Count;
        var coordsPath = path + ".coordinates";
        Geometry? geometry = type switch
        {
            "Point" => ReadPosition(coordinates, coordsPath, errors) is { } c ? _factory.CreatePoint(c) : null,
            "MultiPoint" => ReadArray(coordinates, coordsPath, errors, ReadPosition) is { } cs ? _factory.CreateMultiPointFromCoords(cs) : null,
            "LineString" => ReadLine(coordinates, coordsPath, errors),
            "MultiLineString" => ReadArray(coordinates, coordsPath, errors, ReadLine) is { } lines ? _factory.CreateMultiLineString(lines) : null,
            "Polygon" => ReadPolygon(coordinates, coordsPath, errors, repairs),
            "MultiPolygon" => ReadArray(coordinates, coordsPath, errors, (e, p, er) => ReadPolygon(e, p, er, repairs)) is { } polygons
                ? _factory.CreateMultiPolygon(polygons) : null,
            _ => Unknown(type, path, errors),
        };
        if (errors.Count > before || geometry is null) return null;
        if (geometry.IsEmpty)
        {
            errors.Add($"{path}: geometry is empty");
            return null;
        }
        if (_repairer is not null) geometry = _repairer.Repair(geometry, coordsPath, errors, repairs);
        return geometry is not null && CheckShape(geometry, path, errors, _simpleLines) ? geometry : null;
    }

    /// <summary>Validity per OGC, plus simplicity for lines: a river or segment that crosses itself is a digitising error.</summary>
    public static bool CheckShape(Geometry geometry, string path, ICollection<string> errors, bool simpleLines = true)
    {
        var validOp = new IsValidOp(geometry);
        if (!validOp.IsValid)
        {
            var error = validOp.ValidationError;
            errors.Add($"{path}: invalid geometry: {error.Message} at ({Format(error.Coordinate.X)} {Format(error.Coordinate.Y)})");
            return false;
        }
        if (geometry is ILineal && simpleLines)
        {
            var simpleOp = new IsSimpleOp(geometry);
            if (!simpleOp.IsSimple())
            {
                var at = simpleOp.NonSimpleLocation;
                errors.Add($"{path}: line is self-intersecting at ({Format(at.X)} {Format(at.Y)})");
                return false;
            }
        }
        return true;
    }

    private static Geometry? Unknown(string type, string path, ICollection<string> errors)
    {
        errors.Add($"{path}.type: unknown geometry type '{type}'");
        return null;
    }

    private LineString? ReadLine(JsonElement element, string path, ICollection<string> errors)
    {
        var coordinates = ReadArray(element, path, errors, ReadPosition);
        if (coordinates is null) return null;
        // Two identical positions (a zero-length part) are the repairer's to judge when there is one.
        if (coordinates.Length < 2 || (_repairer is null && coordinates.All(c => c.Equals2D(coordinates[0]))))
        {
            errors.Add($"{path}: a line needs at least two distinct positions");
            return null;
        }
        return _factory.CreateLineString(coordinates);
    }

    private Polygon? ReadPolygon(JsonElement element, string path, ICollection<string> errors, ICollection<GeometryRepair> repairs)
    {
        var rings = ReadArray(element, path, errors, (e, p, er) => ReadRing(e, p, er, repairs));
        if (rings is null) return null;
        if (rings.Length == 0)
        {
            errors.Add($"{path}: a polygon needs an exterior ring");
            return null;
        }
        return _factory.CreatePolygon(rings[0], rings[1..]);
    }

    private LinearRing? ReadRing(JsonElement element, string path, ICollection<string> errors, ICollection<GeometryRepair> repairs)
    {
        var coordinates = ReadArray(element, path, errors, ReadPosition);
        if (coordinates is null) return null;
        if (_repairer is not null && coordinates.Length >= 3) coordinates = _repairer.CloseRing(coordinates, path, errors, repairs);
        if (coordinates is null) return null;
        if (coordinates.Length < 4)
        {
            errors.Add($"{path}: a ring needs at least 4 positions, found {coordinates.Length}");
            return null;
        }
        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            errors.Add($"{path}: ring is not closed (first and last positions differ)");
            return null;
        }
        return _factory.CreateLinearRing(coordinates);
    }

    private static T[]? ReadArray<T>(JsonElement element, string path, ICollection<string> errors,
        Func<JsonElement, string, ICollection<string>, T?> readItem) where T : class
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: expected an array, found {Describe(element)}");
            return null;
        }
        var items = new T[element.GetArrayLength()];
        var ok = true;
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            // Stop after a handful of bad positions in one geometry: one message per bad feature is what people read.
            if (errors.Count > 20) return null;
            var value = readItem(item, $"{path}[{i}]", errors);
            if (value is null) ok = false;
            else items[i] = value;
            i++;
        }
        return ok ? items : null;
    }

    private static Coordinate? ReadPosition(JsonElement element, string path, ICollection<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() < 2)
        {
            errors.Add($"{path}: expected a position [lon, lat], found {Describe(element)}");
            return null;
        }
        double lon = 0, lat = 0;
        var i = 0;
        foreach (var number in element.EnumerateArray())
        {
            if (i >= 2) break;
            if (number.ValueKind != JsonValueKind.Number || !number.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                errors.Add($"{path}[{i}]: expected a number, found {Describe(number)}");
                return null;
            }
            if (i == 0) lon = value; else lat = value;
            i++;
        }
        var problem = CoordinateRange.Check(lon, lat);
        if (problem is not null)
        {
            errors.Add($"{path}: {problem}");
            return null;
        }
        return new Coordinate(lon, lat);
    }

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => $"the string \"{Truncate(element.GetString())}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..40] + "…";

    internal static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
