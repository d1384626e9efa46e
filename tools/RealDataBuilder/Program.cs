// RealDataBuilder: turns real open data into RiverGis dataset folders for the scale benchmarks (deterministic).
//   RealDataBuilder us    <shared-data>/us                                      <out-folder>
//   RealDataBuilder wdbii <shared-data>/world_rivers_wdbii_segments.geojson.gz  <out-folder>
// See benchmarks/README.md ("Real data") for what is real and what is synthetic in the output.
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.LinearReferencing;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Operation.Valid;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;

if (args.Length != 3 || args[0] is not ("us" or "wdbii"))
{
    Console.Error.WriteLine("usage: RealDataBuilder us <shared-data>/us <out-folder> | RealDataBuilder wdbii <world_rivers_wdbii_segments.geojson.gz> <out-folder>");
    return 2;
}
var stats = args[0] == "us" ? RealData.BuildUs(args[1], args[2]) : RealData.BuildWdbii(args[1], args[2]);
Console.WriteLine(stats);
return 0;

internal static class RealData
{
    private static readonly GeometryFactory Factory = GeoJsonGeometryReader.Wgs84Factory;
    private const double MinPieceM = 20;

    /// <summary>
    /// Alaska, Hawaii and the territories are left out: one transverse Mercator (what RiverSystem projects a dataset
    /// with) cannot span the Aleutians across the antimeridian and Guam; the lower 48 states and DC remain.
    /// </summary>
    private static readonly HashSet<string> OutsideConus = ["02", "15", "60", "66", "69", "72", "78"];

    private static FeatureCollection ReadCollection(Stream stream)
    {
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory(Factory) } };
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options) ?? throw new InvalidDataException("not a FeatureCollection");
    }

    private static string? Text(IFeature f, string name) =>
        f.Attributes is { } a && a.Exists(name) && a[name] is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    /// <summary>Valid per OGC (and simple for lines) after rounding as the dataset writer will round it.</summary>
    private static bool Usable(Geometry g) => !g.IsEmpty && new IsValidOp(g).IsValid && (g is not ILineal || new IsSimpleOp(g).IsSimple());

    private static Geometry? Polygonal(Geometry g)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon { IsEmpty: false } p) polygons.Add(p);
            else if (g.GetGeometryN(i) is MultiPolygon mp) polygons.AddRange(Enumerable.Range(0, mp.NumGeometries).Select(k => (Polygon)mp.GetGeometryN(k)));
        }
        return polygons.Count switch { 0 => null, 1 => polygons[0], _ => Factory.CreateMultiPolygon(polygons.ToArray()) };
    }

    private static List<LineString> Lines(Geometry g)
    {
        var lines = new List<LineString>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            var part = g.GetGeometryN(i);
            if (part is LineString { IsEmpty: false } l) lines.Add(l);
            else if (part is MultiLineString or GeometryCollection) lines.AddRange(Lines(part));
        }
        return lines;
    }

    private static double GeodesicLength(Geometry g) => RiverGis.Geo.Measurement.Geodesic.Length(g);

    private static Geometry? AsLineal(IEnumerable<LineString> parts)
    {
        var list = parts.Where(p => p.NumPoints >= 2 && p.Length > 0).ToArray();
        return list.Length switch { 0 => null, 1 => list[0], _ => Factory.CreateMultiLineString(list) };
    }

    /// <summary>
    /// A line cut into simple pieces: itself when already simple; else noded at its self-intersections (unary union)
    /// and merged back into the longest runs, each of which is simple.
    /// </summary>
    private static List<Geometry> SimplePieces(Geometry line)
    {
        if (Usable(line)) return [line];
        var noded = UnaryUnionOp.Union(line);
        var merger = new NetTopologySuite.Operation.Linemerge.LineMerger();
        merger.Add(noded);
        var pieces = new List<Geometry>();
        foreach (var merged in merger.GetMergedLineStrings().Cast<LineString>())
        {
            var rounded = DatasetWriter.Round(merged);
            if (rounded is LineString && Usable(rounded)) pieces.Add(rounded);
        }
        return pieces;
    }

    // ------------------------------------------------------------------ United States

    public static string BuildUs(string usFolder, string output)
    {
        using var areaStream = File.OpenRead(Path.Combine(usFolder, "us_states_counties.geojson"));
        var areaFeatures = ReadCollection(areaStream);
        var content = new DatasetContent { Code = "us-ne10m", Name = "United States (lower 48) — Natural Earth 10m rivers over Census states and counties; fictional chiefs" };
        const string realArea = "{\"source\":\"US Census 2017 via us-atlas 3.0.1 (public domain)\",\"synthetic\":false}";
        const string realRiver = "{\"source\":\"Natural Earth 10m rivers North America (public domain)\",\"synthetic\":false}";
        const string cutSegment = "{\"source\":\"river ∩ area, cut by RealDataBuilder\",\"synthetic\":true}";

        var states = new Dictionary<string, (AdminArea Area, Geometry Geometry)>(StringComparer.Ordinal);
        var counties = new List<(AdminArea Area, Geometry Geometry)>();
        int fixedAreas = 0, droppedAreas = 0;
        foreach (var f in areaFeatures.OrderBy(f => Text(f, "code"), StringComparer.Ordinal))
        {
            var code = Text(f, "code")!;
            var level = Text(f, "level") == "state" ? AdminLevel.Province : AdminLevel.County;
            var stateCode = level == AdminLevel.Province ? code : Text(f, "parent_code")!;
            if (OutsideConus.Contains(stateCode)) continue;
            var geometry = DatasetWriter.Round(f.Geometry);
            if (!Usable(geometry))
            {
                fixedAreas++;
                geometry = Polygonal(GeometryFixer.Fix(geometry)) is { } fixedGeometry ? DatasetWriter.Round(fixedGeometry) : geometry;
                if (!Usable(geometry)) { droppedAreas++; continue; }
            }
            var area = new AdminArea(code, Text(f, "name") ?? code, level, level == AdminLevel.Province ? null : stateCode, geometry);
            if (level == AdminLevel.Province) states[code] = (area, geometry);
            else counties.Add((area, geometry));
        }
        counties.RemoveAll(c => !states.ContainsKey(c.Area.ParentCode!));
        var position = 0;
        foreach (var (area, _) in states.Values.OrderBy(s => s.Area.Code, StringComparer.Ordinal).Concat(counties))
        {
            content.Areas.Add(new(area, position++, realArea));
        }

        var stateIndex = new STRtree<(AdminArea Area, Geometry Geometry)>();
        foreach (var s in states.Values) stateIndex.Insert(s.Geometry.EnvelopeInternal, s);
        stateIndex.Build();
        var countyIndex = new STRtree<(AdminArea Area, Geometry Geometry)>();
        foreach (var c in counties) countyIndex.Insert(c.Geometry.EnvelopeInternal, c);
        countyIndex.Build();
        var prepared = states.Values.ToDictionary(s => s.Area.Code, s => NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(s.Geometry));
        var preparedCounties = counties.ToDictionary(c => c.Area.Code, c => NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(c.Geometry));

        using var riverStream = File.OpenRead(Path.Combine(usFolder, "ne10m_rivers_north_america.geojson"));
        var riverFeatures = ReadCollection(riverStream);
        int outside = 0, split = 0, unusable = 0, vacant = 0, chiefCount = 0, tiny = 0;
        var chiefs = new List<Chief>();
        foreach (var (area, _) in states.Values.OrderBy(s => s.Area.Code, StringComparer.Ordinal).Concat(counties))
        {
            chiefs.Add(new Chief("G" + area.Code, $"General chief of {area.Name} (fictional)", ChiefRole.General, area.Code, Phone(chiefs.Count)));
        }
        var riverPosition = 0;
        var segmentPosition = 0;
        for (var i = 0; i < riverFeatures.Count; i++)
        {
            var feature = riverFeatures[i];
            var source = feature.Geometry;
            // Clip to the states: the river inside the lower 48, its pieces in source-to-mouth order.
            var inStates = stateIndex.Query(source.EnvelopeInternal).Where(s => prepared[s.Area.Code].Intersects(source)).ToList();
            if (inStates.Count == 0) { outside++; continue; }
            var pieces = new List<LineString>();
            foreach (var s in inStates)
            {
                pieces.AddRange(Lines(prepared[s.Area.Code].Covers(source) ? source : source.Intersection(s.Geometry)));
            }
            var indexed = new LengthIndexedLine(source);
            var clipped = pieces.Count == 0 ? null : UnaryUnionOp.Union((Geometry)Factory.CreateMultiLineString(pieces.ToArray()));
            if (clipped is null || clipped.IsEmpty) { outside++; continue; }
            var merger = new NetTopologySuite.Operation.Linemerge.LineMerger();
            merger.Add(clipped);
            var ordered = merger.GetMergedLineStrings().Cast<LineString>()
                .Select(l => OrientLike(l, indexed))
                .OrderBy(l => indexed.Project(l.StartPoint.Coordinate)).ToList();
            var riverGeometry = AsLineal(ordered);
            if (riverGeometry is null) { outside++; continue; }
            var baseCode = "NE" + (i + 1).ToString("00000", CultureInfo.InvariantCulture);
            var name = Text(feature, "name") is { Length: > 0 } n ? n : "unnamed " + baseCode;
            var simple = SimplePieces(DatasetWriter.Round(riverGeometry));
            if (simple.Count == 0) { unusable++; continue; }
            if (simple.Count > 1) split++;
            for (var k = 0; k < simple.Count; k++)
            {
                var river = simple[k];
                if (GeodesicLength(river) <= MinPieceM) { tiny++; continue; }
                var code = simple.Count == 1 ? baseCode : $"{baseCode}-{k + 1}";
                var stateHits = stateIndex.Query(river.EnvelopeInternal).Where(s => prepared[s.Area.Code].Intersects(river))
                    .Select(s => (s.Area, Piece: Clip(river, s.Geometry, prepared[s.Area.Code])))
                    .Where(h => h.Piece is not null).OrderBy(h => h.Area.Code, StringComparer.Ordinal).ToList();
                if (stateHits.Count == 0) { outside++; continue; }
                var level = stateHits.Count > 1 ? AdminLevel.Province : AdminLevel.County;
                content.Rivers.Add(new(new River(code, simple.Count == 1 ? name : $"{name} ({k + 1})", level, null, river), riverPosition++, realRiver));
                var cuts = new List<(AdminArea Area, Geometry Piece)>();
                if (level == AdminLevel.Province) cuts.AddRange(stateHits.Select(h => (h.Area, h.Piece!)));
                cuts.AddRange(countyIndex.Query(river.EnvelopeInternal).Where(c => preparedCounties[c.Area.Code].Intersects(river))
                    .Select(c => (c.Area, Piece: Clip(river, c.Geometry, preparedCounties[c.Area.Code])))
                    .Where(h => h.Piece is not null).OrderBy(h => h.Area.Code, StringComparer.Ordinal).Select(h => (h.Area, h.Piece!)));
                foreach (var (area, piece) in cuts)
                {
                    var segmentCode = $"{code}-{area.Code}";
                    // About 3 % of segments are left vacant (chosen by a stable hash of the code) so escalation is exercised.
                    string? chiefId = null;
                    if (StableHash(segmentCode) % 100 < 3) vacant++;
                    else
                    {
                        chiefId = "C" + (++chiefCount).ToString("000000", CultureInfo.InvariantCulture);
                        chiefs.Add(new Chief(chiefId, $"River chief {chiefCount} of {area.Name} (fictional)", ChiefRole.Chief, area.Code, Phone(chiefs.Count)));
                    }
                    content.Segments.Add(new(new Segment(segmentCode, code, area.Level, area.Code, chiefId, $"{name} in {area.Name}", piece), segmentPosition++, cutSegment));
                }
            }
        }
        var line = 2;
        foreach (var chief in chiefs) content.Chiefs.Add(new(chief, line++, null));
        new DatasetWriter().Write(content, output);
        return $"us: {states.Count} states, {counties.Count} counties ({fixedAreas} repaired, {droppedAreas} dropped), {content.Rivers.Count} rivers " +
               $"({outside} NE features outside the lower 48, {split} split into simple pieces, {unusable} unusable, {tiny} pieces ≤ {MinPieceM} m dropped), " +
               $"{content.Segments.Count} segments ({vacant} vacant), {content.Chiefs.Count} chiefs";
    }

    private static LineString OrientLike(LineString line, LengthIndexedLine source) =>
        source.Project(line.StartPoint.Coordinate) <= source.Project(line.EndPoint.Coordinate) ? line : (LineString)line.Reverse();

    /// <summary>The part of a (simple) river inside an area, lines only, pieces not longer than 20 m dropped; null when nothing is left.</summary>
    private static Geometry? Clip(Geometry river, Geometry area, NetTopologySuite.Geometries.Prepared.IPreparedGeometry preparedArea)
    {
        var inside = preparedArea.Covers(river) ? river : river.Intersection(area);
        var parts = Lines(inside).Where(l => GeodesicLength(l) > MinPieceM).ToList();
        if (parts.Count == 0) return null;
        var merger = new NetTopologySuite.Operation.Linemerge.LineMerger();
        foreach (var p in parts) merger.Add(p);
        var merged = AsLineal(merger.GetMergedLineStrings().Cast<LineString>().OrderBy(l => l.StartPoint.X).ThenBy(l => l.StartPoint.Y));
        if (merged is null) return null;
        var rounded = DatasetWriter.Round(merged);
        return Usable(rounded) ? rounded : null;
    }

    private static string Phone(int n) => "555-" + (n % 10000).ToString("0000", CultureInfo.InvariantCulture);

    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }

    // ------------------------------------------------------------------ WDBII world river segments

    public static string BuildWdbii(string gzFile, string output)
    {
        using var file = File.OpenRead(gzFile);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        var features = ReadCollection(gz);
        var content = new DatasetContent { Code = "world-wdbii", Name = "World Data Bank II river segments (GSHHG 2.3.7, LGPL-3+): rivers only" };
        const string extra = "{\"source\":\"GSHHG/WDBII, Wessel & Smith, LGPL-3+\",\"synthetic\":false}";
        int asIs = 0, split = 0, pieces = 0, dropped = 0, position = 0;
        foreach (var f in features.OrderBy(f => Text(f, "id"), StringComparer.Ordinal))
        {
            var id = Text(f, "id")!;
            var rounded = DatasetWriter.Round(f.Geometry);
            var simple = SimplePieces(rounded);
            if (simple.Count == 0) { dropped++; continue; }
            if (simple.Count == 1 && ReferenceEquals(simple[0], rounded)) asIs++;
            else { split++; pieces += simple.Count; }
            for (var k = 0; k < simple.Count; k++)
            {
                var code = simple.Count == 1 && ReferenceEquals(simple[0], rounded) ? id : $"{id}-{k + 1}";
                var level = int.TryParse(Text(f, "wdb_class"), out var c) && c <= 1 ? AdminLevel.Province : AdminLevel.County;
                content.Rivers.Add(new(new River(code, $"WDBII {code}", level, null, simple[k]), position++, extra));
            }
        }
        new DatasetWriter().Write(content, output);
        return $"wdbii: {features.Count} pieces read, {asIs} valid and simple as they are, {split} non-simple split into {pieces} simple rivers, " +
               $"{dropped} dropped (no usable part); {content.Rivers.Count} rivers, {content.Rivers.Sum(r => r.Item.Geometry.NumPoints)} vertices";
    }
}
