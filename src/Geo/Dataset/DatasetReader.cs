using System.Text.Json;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Dataset.Formats;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;
using RiverGis.Geo.Repair;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Dataset;

/// <summary>Progress of a dataset read: which file, how many features so far.</summary>
public readonly record struct DatasetProgress(string File, int Features);

/// <summary>
/// Reads a dataset folder (format in README: dataset.json, chiefs.csv, and the layers admin_areas, rivers, segments,
/// optional outlets and patrol_tracks as GeoJSON, Shapefile, zipped Shapefile or GeoPackage tables) and reports every
/// problem it finds — it does not stop at the first one — so that a whole file can be fixed in one pass. Trivial
/// geometry defects are repaired and listed in <see cref="DatasetContent.Warnings"/> (refused in strict mode).
/// Cross-references are checked afterwards by <see cref="DatasetValidator"/>.
/// </summary>
public sealed class DatasetReader
{
    // The format's own property names per layer (the writer writes the same; anything else is a free attribute).
    internal static readonly HashSet<string> AreaKeys = ["code", "name", "level", "parent_code"];
    internal static readonly HashSet<string> RiverKeys = ["code", "name", "level", "downstream_code"];
    internal static readonly HashSet<string> SegmentKeys = ["code", "river_code", "level", "area_code", "chief_id", "name"];
    internal static readonly HashSet<string> OutletKeys = ["code", "name", "kind", "scale", "permit", "river_code", "status", "approved_on", "approval_no"];
    internal static readonly HashSet<string> SectionKeys = ["code", "name", "kind", "target_class", "river_code", "water_body_code", "area_codes"];
    internal static readonly HashSet<string> WaterBodyKeys = ["code", "name", "kind", "level"];
    internal static readonly HashSet<string> ZoneKeys = ["code", "water_body_code", "name", "level", "area_code", "chief_id"];
    internal static readonly HashSet<string> SignboardKeys = ["code", "segment_code", "zone_code", "chief_name", "chief_post", "chief_phone", "extent", "duties",
        "target", "supervision_phone", "printed_on"];
    internal static readonly HashSet<string> TrackKeys = ["chief_id", "started_at", "ended_at", "times"];

    private readonly IProgress<DatasetProgress>? _progress;
    private readonly DatasetReadOptions _options;
    private readonly GeometryRepairer _repairer;
    private readonly GeoJsonGeometryReader _geometryReader;
    private readonly GeoJsonGeometryReader _trackReader;

    public DatasetReader(IProgress<DatasetProgress>? progress = null, DatasetReadOptions? options = null)
    {
        _progress = progress;
        _options = options ?? DatasetReadOptions.Default;
        _repairer = new GeometryRepairer(_options.RingClosureToleranceM);
        _geometryReader = new GeoJsonGeometryReader(repairer: _repairer);
        // Tracks keep every fix (their times are per position): no repair, and they may cross themselves.
        _trackReader = new GeoJsonGeometryReader(simpleLines: false);
    }

    /// <summary>True when <paramref name="folder"/> looks like a dataset folder (has a dataset.json).</summary>
    public static bool IsDatasetFolder(string folder) => File.Exists(Path.Combine(folder, DatasetFiles.Manifest));

    /// <summary>A dataset folder itself, or every dataset folder directly inside a folder of datasets.</summary>
    public static IReadOnlyList<string> FindDatasetFolders(string folder)
    {
        if (IsDatasetFolder(folder)) return [folder];
        if (!Directory.Exists(folder)) return [];
        return Directory.GetDirectories(folder).Where(IsDatasetFolder).Order(StringComparer.Ordinal).ToList();
    }

    public (DatasetContent? Content, List<DatasetProblem> Problems) Read(string folder)
    {
        var problems = new List<DatasetProblem>();
        var warnings = new List<DatasetProblem>();
        foreach (var required in new[] { DatasetFiles.Manifest, DatasetFiles.Chiefs })
        {
            if (!File.Exists(Path.Combine(folder, required))) problems.Add(new(required, null, null, null, "file is missing"));
        }
        var sources = Directory.Exists(folder) ? DatasetLayers.Find(folder, problems, warnings) : [];
        foreach (var layer in DatasetLayers.Required.Where(l => !sources.ContainsKey(l)))
        {
            problems.Add(new(DatasetLayers.GeoJsonFile(layer), null, null, null,
                $"file is missing (or {layer}.shp, {layer}.zip, or a table {layer} in a .gpkg)"));
        }
        var manifest = ReadManifest(folder, problems);
        if (manifest is null) return (null, problems);

        var content = new DatasetContent { Code = manifest.Value.Code, Name = manifest.Value.Name, Folder = folder };
        // The layers are independent until cross-referencing: read them concurrently (reading one layer is sequential),
        // each into its own lists, merged in the layers' fixed order so reports stay deterministic.
        var found = Enumerable.Range(0, 12).Select(_ => (Problems: new List<DatasetProblem>(), Warnings: new List<DatasetProblem>())).ToArray();
        LayerSource? Source(string layer) => sources.GetValueOrDefault(layer);
        var now = _options.Now ?? DateTimeOffset.UtcNow;
        Parallel.Invoke(
            () => ReadLayer(Source(DatasetLayers.AdminAreas), found[0], content.Areas, ReadArea),
            () =>
            {
                ReadChiefs(folder, content, found[1].Problems);
                OfficeTables.Read(folder, content, found[1].Problems);
            },
            () => ReadLayer(Source(DatasetLayers.Rivers), found[2], content.Rivers, ReadRiver),
            () => ReadLayer(Source(DatasetLayers.Segments), found[3], content.Segments, ReadSegment),
            () => ReadLayer(Source(DatasetLayers.Outlets), found[4], content.Outlets, ReadOutlet),
            () => ReadLayer(Source(DatasetLayers.PatrolTracks), found[5], content.PatrolTracks, ReadTrack),
            () => ReadLayer(Source(DatasetLayers.Sections), found[6], content.Sections, ReadSection),
            () => ReadLayer(Source(DatasetLayers.WaterBodies), found[7], content.WaterBodies, ReadWaterBody),
            () => ReadLayer(Source(DatasetLayers.Zones), found[8], content.Zones, ReadZone),
            () => ReadLayer(Source(DatasetLayers.Signboards), found[9], content.Signboards, ReadSignboard),
            () => ReadMeasurements(folder, DatasetFiles.Samples, "section_code", now, content.Samples, found[10].Problems),
            () => ReadMeasurements(folder, DatasetFiles.OutletMonitoring, "outlet_code", now, content.OutletMonitoring, found[11].Problems));
        foreach (var (p, w) in found)
        {
            problems.AddRange(p);
            warnings.AddRange(w);
        }
        // The validator names layers by their GeoJSON file; say the file they really came from.
        var sourceNames = sources.ToDictionary(s => DatasetLayers.GeoJsonFile(s.Key), s => s.Value.Name);
        problems.AddRange(DatasetValidator.Validate(content, _options.SectionToleranceM).Select(p => sourceNames.TryGetValue(p.File, out var name) ? p with { File = name } : p));
        content.Warnings.AddRange(warnings);
        return (content, problems);
    }

    /// <summary>
    /// Reads a segments FeatureCollection (the segments.geojson format) from bytes, e.g. a proposed demarcation
    /// uploaded for checking; every problem is reported with <paramref name="file"/> and the feature index, every
    /// repair in <paramref name="warnings"/> (when given).
    /// </summary>
    public List<Sourced<Segment>> ReadSegments(ReadOnlySpan<byte> utf8, string file, List<DatasetProblem> problems, List<DatasetProblem>? warnings = null)
    {
        var segments = new List<Sourced<Segment>>();
        var sink = (problems, warnings ?? []);
        var structural = ReadBatched(utf8, file, sink, segments, ReadSegment);
        problems.AddRange(structural.Select(message => new DatasetProblem(file, null, null, null, message)));
        return segments;
    }

    /// <summary>Reads the segments of a Shapefile or GeoPackage layer (a proposed demarcation); as <see cref="ReadSegments(ReadOnlySpan{byte}, string, List{DatasetProblem}, List{DatasetProblem})"/>.</summary>
    public List<Sourced<Segment>> ReadSegments(LayerContent layer, List<DatasetProblem> problems, List<DatasetProblem>? warnings = null)
    {
        var segments = new List<Sourced<Segment>>();
        ReadLayerFeatures(layer, (problems, warnings ?? []), segments, ReadSegment);
        return segments;
    }

    private Sourced<AdminArea>? ReadArea(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "Polygon", "MultiPolygon");
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var level = ReadLevel(props);
        var parent = props.OptionalString("parent_code");
        if (geometry is null || code is null || name is null || level is null) return null;
        return new(new AdminArea(code, name, level.Value, parent, geometry), f.Index, props.Extras(AreaKeys));
    }

    private Sourced<River>? ReadRiver(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "LineString", "MultiLineString");
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var level = ReadLevel(props);
        var downstream = props.OptionalString("downstream_code");
        if (geometry is null || code is null || name is null || level is null) return null;
        return new(new River(code, name, level.Value, downstream, geometry), f.Index, props.Extras(RiverKeys));
    }

    private Sourced<Outlet>? ReadOutlet(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "Point");
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var kind = props.RequiredEnum("kind", c => (EnumCodes.TryParse<OutletKind>(c, out var v), v), EnumCodes.Expected<OutletKind>());
        var scale = props.RequiredEnum("scale", c => (EnumCodes.TryParse<OutletScale>(c, out var v), v), EnumCodes.Expected<OutletScale>());
        var permit = props.RequiredEnum("permit", c => (EnumCodes.TryParse<PermitStatus>(c, out var v), v), EnumCodes.Expected<PermitStatus>());
        var river = props.OptionalString("river_code");
        var status = props.Has("status")
            ? props.RequiredEnum("status", c => (EnumCodes.TryParse<OutletStatus>(c, out var v), v), EnumCodes.Expected<OutletStatus>())
            : OutletStatus.Normal;
        var approvedOn = props.OptionalDate("approved_on");
        var approvalNo = props.OptionalString("approval_no");
        if (approvalNo is not null && approvedOn is null) report.Problem("approved_on", "required with approval_no (the date of the approval)");
        if (geometry is null || code is null || name is null || kind is null || scale is null || permit is null || status is null) return null;
        return new(new Outlet(code, name, kind.Value, scale.Value, permit.Value, river, (Point)geometry, status.Value,
            approvedOn is { } on ? new OutletApproval(on, approvalNo) : null), f.Index, props.Extras(OutletKeys));
    }

    private Sourced<MonitoringSection>? ReadSection(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "Point");
        var section = Section(props, geometry as Point, report.Problem);
        return section is null ? null : new(section, f.Index, props.Extras(SectionKeys));
    }

    /// <summary>
    /// A section from its properties (the <c>sections.geojson</c> format; also what offices post), every problem reported
    /// by property name; null when something is wrong or <paramref name="location"/> is missing.
    /// </summary>
    public static MonitoringSection? Section(PropertyReader props, Point? location, Action<string, string> problem)
    {
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var kind = props.RequiredEnum("kind", c => (EnumCodes.TryParse<SectionKind>(c, out var v), v), EnumCodes.Expected<SectionKind>());
        var target = props.RequiredEnum("target_class", c => (SurfaceWaterStandard.TryParseClass(c, out var v), v), "I|II|III|IV|V|劣V");
        var river = props.OptionalString("river_code");
        var body = props.OptionalString("water_body_code");
        var areas = props.StringList("area_codes");
        if (river is null == (body is null)) problem("river_code", "give either river_code (a river section) or water_body_code (a lake or reservoir section)");
        if (areas is not { Count: > 0 }) problem("area_codes", "required: the area(s) answering for the section");
        if (location is null || code is null || name is null || kind is null || target is null || areas is not { Count: > 0 } || river is null == (body is null)) return null;
        return new MonitoringSection(code, name, kind.Value, target.Value, river, body, areas, location);
    }

    private Sourced<WaterBody>? ReadWaterBody(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "Polygon", "MultiPolygon");
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var kind = props.RequiredEnum("kind", c => (EnumCodes.TryParse<WaterBodyType>(c, out var v), v), EnumCodes.Expected<WaterBodyType>());
        var level = ReadLevel(props);
        if (geometry is null || code is null || name is null || kind is null || level is null) return null;
        return new(new WaterBody(code, name, kind.Value, level.Value, geometry), f.Index, props.Extras(WaterBodyKeys));
    }

    private Sourced<WaterBodyZone>? ReadZone(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "Polygon", "MultiPolygon");
        var code = props.RequiredString("code");
        var body = props.RequiredString("water_body_code");
        var level = ReadLevel(props);
        var area = props.RequiredString("area_code");
        var chief = props.OptionalString("chief_id");
        var name = props.OptionalString("name");
        if (geometry is null || code is null || body is null || level is null || area is null) return null;
        return new(new WaterBodyZone(code, body, name, level.Value, area, chief, geometry), f.Index, props.Extras(ZoneKeys));
    }

    private Sourced<Signboard>? ReadSignboard(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "Point");
        var code = props.RequiredString("code");
        var segment = props.OptionalString("segment_code");
        var zone = props.OptionalString("zone_code");
        if (segment is null == (zone is null)) report.Problem("segment_code", "give either segment_code (a river segment's board) or zone_code (a lake or reservoir zone's board)");
        var chiefName = props.RequiredString("chief_name");
        var printedOn = props.OptionalDate("printed_on");
        if (geometry is null || code is null || chiefName is null || segment is null == (zone is null)) return null;
        return new(new Signboard(code, segment, zone, chiefName, props.OptionalString("chief_post"), props.OptionalString("chief_phone"),
            props.OptionalString("extent"), props.OptionalString("duties"), props.OptionalString("target"), props.OptionalString("supervision_phone"),
            printedOn, (Point)geometry), f.Index, props.Extras(SignboardKeys));
    }

    private static void ReadMeasurements(string folder, string file, string siteColumn, DateTimeOffset now, List<Sourced<WaterSample>> into, List<DatasetProblem> problems)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) return;
        var rows = MeasurementInput.ReadTable(File.ReadAllText(path, System.Text.Encoding.UTF8), file, siteColumn, now, problems);
        into.AddRange(rows.Select((r, i) => new Sourced<WaterSample>(r, i + 2, null)));
    }

    private Sourced<PatrolTrack>? ReadTrack(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, true, "LineString");
        var chief = props.RequiredString("chief_id");
        var started = props.RequiredTimestamp("started_at");
        var ended = props.RequiredTimestamp("ended_at");
        if (started is { } s && ended is { } e && e < s) report.Problem("ended_at", "ends before it starts");
        var times = props.Has("times") && geometry is LineString line && started is { } from && ended is { } to
            ? TrackTimeline.Read(props.Raw("times"), "times", line.NumPoints, from, to, report.Problem)
            : null;
        if (geometry is null || chief is null || started is null || ended is null || ended < started) return null;
        if (props.Has("times") && times is null) return null;
        return new(new PatrolTrack(chief, started.Value, ended.Value, (LineString)geometry, times), f.Index, props.Extras(TrackKeys));
    }

    private Sourced<Segment>? ReadSegment(InputFeature f, PropertyReader props, FeatureReport report)
    {
        var geometry = ReadGeometry(f, report, "LineString", "MultiLineString");
        var code = props.RequiredString("code");
        var river = props.RequiredString("river_code");
        var level = ReadLevel(props);
        var area = props.RequiredString("area_code");
        var chief = props.OptionalString("chief_id");
        var name = props.OptionalString("name");
        if (geometry is null || code is null || river is null || level is null || area is null) return null;
        return new(new Segment(code, river, level.Value, area, chief, name, geometry), f.Index, props.Extras(SegmentKeys));
    }

    private static AdminLevel? ReadLevel(PropertyReader props) =>
        props.RequiredEnum("level", c => (AdminLevels.TryParse(c, out var v), v), string.Join("|", AdminLevels.Codes));

    private Geometry? ReadGeometry(InputFeature feature, FeatureReport report, params string[] allowedTypes) =>
        ReadGeometry(feature, report, false, allowedTypes);

    /// <param name="track">A patrol track: every fix kept as it is (times are per fix), crossing itself allowed.</param>
    private Geometry? ReadGeometry(InputFeature feature, FeatureReport report, bool track, params string[] allowedTypes)
    {
        var errors = new List<string>();
        var repairs = new List<GeometryRepair>();
        Geometry? geometry;
        if (feature.Layer is { } layered)
        {
            if (layered.Geometry is null && layered.GeometryProblem is null)
            {
                report.Problem("geometry", "missing");
                return null;
            }
            if (layered.GeometryProblem is { } problem) errors.Add("geometry: " + problem);
            geometry = layered.Geometry is { } g ? CheckLayerGeometry(g, errors, repairs, track) : null;
        }
        else if (feature.Geometry.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            report.Problem("geometry", "missing");
            return null;
        }
        else
        {
            geometry = (track ? _trackReader : _geometryReader).Read(feature.Geometry, "geometry", errors, repairs);
        }
        foreach (var error in errors)
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            report.Problem(error[..colon], error[(colon + 2)..]);
        }
        foreach (var repair in repairs)
        {
            if (_options.Strict) report.Problem(repair.Where, $"{repair.What} — repairable, refused in strict mode");
            else report.Warning(repair.Where, repair.What, repair.Kind);
        }
        if (_options.Strict && repairs.Count > 0) return null;
        if (geometry is not null && !allowedTypes.Contains(geometry.GeometryType))
        {
            report.Problem("geometry.type", $"{geometry.GeometryType} is not accepted here, expected {string.Join(" or ", allowedTypes)}");
            return null;
        }
        return geometry;
    }

    /// <summary>What the GeoJSON reader checks of a position and a shape, for a geometry a layer reader brought to WGS84.</summary>
    private Geometry? CheckLayerGeometry(Geometry geometry, List<string> errors, List<GeometryRepair> repairs, bool track)
    {
        foreach (var c in geometry.Coordinates)
        {
            if (CoordinateRange.Check(c.X, c.Y) is not { } outOfRange) continue;
            errors.Add("geometry: " + outOfRange);
            return null;
        }
        if (track) return GeoJsonGeometryReader.CheckShape(geometry, "geometry", errors, simpleLines: false) ? geometry : null;
        var repaired = _repairer.Repair(geometry, "geometry.coordinates", errors, repairs);
        return repaired is not null && GeoJsonGeometryReader.CheckShape(repaired, "geometry", errors) ? repaired : null;
    }

    /// <summary>Features per batch: enough to keep every core busy, few enough to bound the documents held.</summary>
    private const int BatchSize = 2048;

    /// <summary>A feature as the read functions see it: GeoJSON keeps its geometry as JSON until checked; a layer brings it decoded.</summary>
    private readonly record struct InputFeature(int Index, JsonElement Properties, JsonElement Geometry, LayerFeature? Layer);

    /// <summary>Where a feature's problems (refusals) and warnings (repairs) go.</summary>
    private sealed class FeatureReport(string file, int index)
    {
        public List<DatasetProblem>? Problems { get; private set; }
        public List<DatasetProblem>? Warnings { get; private set; }
        public void Problem(string property, string message) => (Problems ??= []).Add(new(file, index, null, property, message));
        public void Warning(string property, string message, RepairKind repair) =>
            (Warnings ??= []).Add(new(file, index, null, property, message) { Repair = repair });
    }

    private delegate Sourced<T>? FeatureRead<T>(InputFeature feature, PropertyReader props, FeatureReport report);

    /// <summary>
    /// Reads one layer into <paramref name="into"/> in file order. Parsing and checking features (geometry validity and
    /// simplicity dominate) runs in parallel batches; results, problems and warnings keep the file's order.
    /// </summary>
    private void ReadLayer<T>(LayerSource? source, (List<DatasetProblem> Problems, List<DatasetProblem> Warnings) sink, List<Sourced<T>> into,
        FeatureRead<T> read)
    {
        if (source is null) return;
        var reported = 0;
        void AfterBatch()
        {
            // Progress about every 10 000 features: large files take seconds.
            if (into.Count / 10_000 == reported / 10_000) return;
            reported = into.Count;
            _progress?.Report(new(source.Name, reported));
        }
        if (source is LayerSource.GeoJson geoJson)
        {
            var bytes = new FileInfo(geoJson.Path).Length;
            if (bytes > _options.MaxGeoJsonFileBytes)
            {
                // Refused with a problem, not an exception: a province's months of phone tracks can pass 2 GiB in one file.
                sink.Problems.Add(new DatasetProblem(source.Name, null, null, null,
                    $"the file has {bytes:N0} bytes; a GeoJSON layer may have at most {_options.MaxGeoJsonFileBytes:N0}: split it over several datasets (e.g. patrol tracks by month)"));
                return;
            }
            var structural = ReadBatched(File.ReadAllBytes(geoJson.Path), source.Name, sink, into, read, AfterBatch);
            sink.Problems.AddRange(structural.Select(message => new DatasetProblem(source.Name, null, null, null, message)));
        }
        else
        {
            using var layer = source.Read(_options);
            ReadLayerFeatures(layer, sink, into, read, AfterBatch);
        }
        _progress?.Report(new(source.Name, into.Count));
    }

    private void ReadLayerFeatures<T>(LayerContent layer, (List<DatasetProblem> Problems, List<DatasetProblem> Warnings) sink, List<Sourced<T>> into,
        FeatureRead<T> read, Action? afterBatch = null)
    {
        sink.Problems.AddRange(layer.Problems);
        sink.Warnings.AddRange(layer.Notes);
        foreach (var batch in layer.Features.Chunk(BatchSize))
        {
            CheckBatch(batch.Select(f => new InputFeature(f.Index, f.Properties, default, f)).ToList(), layer.Source, sink, into, read);
            afterBatch?.Invoke();
        }
    }

    private static List<string> ReadBatched<T>(ReadOnlySpan<byte> utf8, string file, (List<DatasetProblem> Problems, List<DatasetProblem> Warnings) sink,
        List<Sourced<T>> into, FeatureRead<T> read, Action? afterBatch = null) =>
        FeatureCollectionReader.ReadBatches(utf8, BatchSize, batch =>
        {
            CheckBatch(batch.Select(f => new InputFeature(f.Index, f.Properties, f.Geometry, null)).ToList(), file, sink, into, read);
            afterBatch?.Invoke();
        });

    private static void CheckBatch<T>(IReadOnlyList<InputFeature> batch, string file, (List<DatasetProblem> Problems, List<DatasetProblem> Warnings) sink,
        List<Sourced<T>> into, FeatureRead<T> read)
    {
        var results = new Sourced<T>?[batch.Count];
        var reports = new FeatureReport[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var feature = batch[i];
            var report = reports[i] = new FeatureReport(file, feature.Index);
            results[i] = read(feature, new PropertyReader(feature.Properties, report.Problem), report);
        });
        for (var i = 0; i < batch.Count; i++)
        {
            if (reports[i].Problems is { } problems) sink.Problems.AddRange(problems);
            if (reports[i].Warnings is { } warnings) sink.Warnings.AddRange(warnings);
            if (results[i] is { } item) into.Add(item);
        }
    }

    private static (string Code, string Name)? ReadManifest(string folder, List<DatasetProblem> problems)
    {
        var path = Path.Combine(folder, DatasetFiles.Manifest);
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var props = new PropertyReader(doc.RootElement, (p, m) => problems.Add(new(DatasetFiles.Manifest, null, null, p, m)));
            var code = props.RequiredString("code");
            var name = props.RequiredString("name");
            if (code is not null && !DatasetValidator.IsCode(code))
            {
                problems.Add(new(DatasetFiles.Manifest, null, null, "code", $"'{code}' is not a usable code (letters, digits, '-', '_', '.', at most 64)"));
                return null;
            }
            return code is null || name is null ? null : (code, name);
        }
        catch (JsonException ex)
        {
            problems.Add(new(DatasetFiles.Manifest, null, (int)(ex.LineNumber ?? 0) + 1, null, "malformed JSON: " + ex.Message.Split(" LineNumber")[0]));
            return null;
        }
    }

    private static void ReadChiefs(string folder, DatasetContent content, List<DatasetProblem> problems)
    {
        var path = Path.Combine(folder, DatasetFiles.Chiefs);
        if (!File.Exists(path)) return;
        var table = CsvRecords.Read(File.ReadAllText(path, System.Text.Encoding.UTF8), DatasetFiles.Chiefs,
            ["id", "name", "role", "area_code", "phone"], ["post"], problems);
        if (table is null) return;
        foreach (var row in table.Records(problems))
        {
            var id = row.Required("id");
            var name = row.Required("name");
            var area = row.Required("area_code");
            var role = row.Optional("role") is { } code && ChiefRoles.TryParse(code, out var parsed) ? parsed : (ChiefRole?)null;
            if (role is null) row.Problem("role", $"unknown value '{row.Optional("role")}', expected general|chief");
            if (id is null || name is null || area is null || role is null) continue;
            content.Chiefs.Add(new(new Chief(id, name, role.Value, area, row.Optional("phone"), row.Optional("post")), row.Line, null));
        }
    }
}
