using System.Text.Json;
using NetTopologySuite.Geometries;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Dataset;

/// <summary>Progress of a dataset read: which file, how many features so far.</summary>
public readonly record struct DatasetProgress(string File, int Features);

/// <summary>
/// Reads a dataset folder (format in README: dataset.json, admin_areas.geojson, chiefs.csv, rivers.geojson,
/// segments.geojson, optional outlets.geojson and patrol_tracks.geojson) and reports every problem it finds
/// — it does not stop at the first one — so that a whole file can be fixed in one pass.
/// Cross-references are checked afterwards by <see cref="DatasetValidator"/>.
/// </summary>
public sealed class DatasetReader
{
    private static readonly HashSet<string> AreaKeys = ["code", "name", "level", "parent_code"];
    private static readonly HashSet<string> RiverKeys = ["code", "name", "level", "downstream_code"];
    private static readonly HashSet<string> SegmentKeys = ["code", "river_code", "level", "area_code", "chief_id", "name"];
    private static readonly HashSet<string> OutletKeys = ["code", "name", "kind", "scale", "permit", "river_code"];
    private static readonly HashSet<string> TrackKeys = ["chief_id", "started_at", "ended_at"];

    private readonly IProgress<DatasetProgress>? _progress;
    private readonly GeoJsonGeometryReader _geometryReader = new();

    public DatasetReader(IProgress<DatasetProgress>? progress = null) => _progress = progress;

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
        foreach (var required in DatasetFiles.Required)
        {
            if (!File.Exists(Path.Combine(folder, required))) problems.Add(new(required, null, null, null, "file is missing"));
        }
        var manifest = ReadManifest(folder, problems);
        if (manifest is null) return (null, problems);

        var content = new DatasetContent { Code = manifest.Value.Code, Name = manifest.Value.Name, Folder = folder };
        // The files are independent until cross-referencing: parse them concurrently (parsing one file is sequential),
        // each into its own problem list, merged in the files' fixed order so reports stay deterministic.
        var fileProblems = Enumerable.Range(0, 6).Select(_ => new List<DatasetProblem>()).ToArray();
        Parallel.Invoke(
            () => ReadFeatures(folder, DatasetFiles.AdminAreas, fileProblems[0], content.Areas, ReadArea),
            () => ReadChiefs(folder, content, fileProblems[1]),
            () => ReadFeatures(folder, DatasetFiles.Rivers, fileProblems[2], content.Rivers, ReadRiver),
            () => ReadFeatures(folder, DatasetFiles.Segments, fileProblems[3], content.Segments, ReadSegment),
            () => ReadFeatures(folder, DatasetFiles.Outlets, fileProblems[4], content.Outlets, ReadOutlet),
            () => ReadFeatures(folder, DatasetFiles.PatrolTracks, fileProblems[5], content.PatrolTracks, ReadTrack));
        foreach (var list in fileProblems) problems.AddRange(list);
        problems.AddRange(DatasetValidator.Validate(content));
        return (content, problems);
    }

    /// <summary>
    /// Reads a segments FeatureCollection (the segments.geojson format) from bytes, e.g. a proposed demarcation
    /// uploaded for checking; every problem is reported with <paramref name="file"/> and the feature index.
    /// </summary>
    public List<Sourced<Segment>> ReadSegments(ReadOnlySpan<byte> utf8, string file, List<DatasetProblem> problems)
    {
        var segments = new List<Sourced<Segment>>();
        var structural = ReadBatched(utf8, file, problems, segments, ReadSegment);
        problems.AddRange(structural.Select(message => new DatasetProblem(file, null, null, null, message)));
        return segments;
    }

    private Sourced<AdminArea>? ReadArea(RawFeature f, PropertyReader props, Action<string, string> report)
    {
        var geometry = ReadGeometry(f, report, "Polygon", "MultiPolygon");
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var level = ReadLevel(props);
        var parent = props.OptionalString("parent_code");
        if (geometry is null || code is null || name is null || level is null) return null;
        return new(new AdminArea(code, name, level.Value, parent, geometry), f.Index, props.Extras(AreaKeys));
    }

    private Sourced<River>? ReadRiver(RawFeature f, PropertyReader props, Action<string, string> report)
    {
        var geometry = ReadGeometry(f, report, "LineString", "MultiLineString");
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var level = ReadLevel(props);
        var downstream = props.OptionalString("downstream_code");
        if (geometry is null || code is null || name is null || level is null) return null;
        return new(new River(code, name, level.Value, downstream, geometry), f.Index, props.Extras(RiverKeys));
    }

    private Sourced<Outlet>? ReadOutlet(RawFeature f, PropertyReader props, Action<string, string> report)
    {
        var geometry = ReadGeometry(f, report, "Point");
        var code = props.RequiredString("code");
        var name = props.RequiredString("name");
        var kind = props.RequiredEnum("kind", c => (EnumCodes.TryParse<OutletKind>(c, out var v), v), EnumCodes.Expected<OutletKind>());
        var scale = props.RequiredEnum("scale", c => (EnumCodes.TryParse<OutletScale>(c, out var v), v), EnumCodes.Expected<OutletScale>());
        var permit = props.RequiredEnum("permit", c => (EnumCodes.TryParse<PermitStatus>(c, out var v), v), EnumCodes.Expected<PermitStatus>());
        var river = props.OptionalString("river_code");
        if (geometry is null || code is null || name is null || kind is null || scale is null || permit is null) return null;
        return new(new Outlet(code, name, kind.Value, scale.Value, permit.Value, river, (Point)geometry), f.Index, props.Extras(OutletKeys));
    }

    private Sourced<PatrolTrack>? ReadTrack(RawFeature f, PropertyReader props, Action<string, string> report)
    {
        var geometry = ReadGeometry(f, report, "LineString");
        var chief = props.RequiredString("chief_id");
        var started = props.RequiredTimestamp("started_at");
        var ended = props.RequiredTimestamp("ended_at");
        if (started is { } s && ended is { } e && e < s) report("ended_at", "ends before it starts");
        if (geometry is null || chief is null || started is null || ended is null || ended < started) return null;
        return new(new PatrolTrack(chief, started.Value, ended.Value, (LineString)geometry), f.Index, props.Extras(TrackKeys));
    }

    private Sourced<Segment>? ReadSegment(RawFeature f, PropertyReader props, Action<string, string> report)
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

    private Geometry? ReadGeometry(RawFeature feature, Action<string, string> report, params string[] allowedTypes)
    {
        if (feature.Geometry.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            report("geometry", "missing");
            return null;
        }
        var errors = new List<string>();
        var geometry = _geometryReader.Read(feature.Geometry, "geometry", errors);
        foreach (var error in errors)
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            report(error[..colon], error[(colon + 2)..]);
        }
        if (geometry is not null && !allowedTypes.Contains(geometry.GeometryType))
        {
            report("geometry.type", $"{geometry.GeometryType} is not accepted here, expected {string.Join(" or ", allowedTypes)}");
            return null;
        }
        return geometry;
    }

    /// <summary>Features per batch: enough to keep every core busy, few enough to bound the documents held.</summary>
    private const int BatchSize = 2048;

    /// <summary>
    /// Reads one GeoJSON file into <paramref name="into"/> in file order. Parsing and checking features (geometry
    /// validity and simplicity dominate) runs in parallel batches; results and problems keep the file's order.
    /// </summary>
    private void ReadFeatures<T>(string folder, string file, List<DatasetProblem> problems, List<Sourced<T>> into,
        Func<RawFeature, PropertyReader, Action<string, string>, Sourced<T>?> read)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) return;
        var reported = 0;
        var structural = ReadBatched(File.ReadAllBytes(path), file, problems, into, read, () =>
        {
            // Progress about every 10 000 features: large files take seconds.
            if (into.Count / 10_000 == reported / 10_000) return;
            reported = into.Count;
            _progress?.Report(new(file, reported));
        });
        _progress?.Report(new(file, into.Count));
        problems.AddRange(structural.Select(message => new DatasetProblem(file, null, null, null, message)));
    }

    private static List<string> ReadBatched<T>(ReadOnlySpan<byte> utf8, string file, List<DatasetProblem> problems, List<Sourced<T>> into,
        Func<RawFeature, PropertyReader, Action<string, string>, Sourced<T>?> read, Action? afterBatch = null) =>
        FeatureCollectionReader.ReadBatches(utf8, BatchSize, batch =>
        {
            var results = new Sourced<T>?[batch.Count];
            var found = new List<DatasetProblem>?[batch.Count];
            Parallel.For(0, batch.Count, i =>
            {
                var feature = batch[i];
                List<DatasetProblem>? mine = null;
                void Report(string property, string message) => (mine ??= []).Add(new(file, feature.Index, null, property, message));
                results[i] = read(feature, new PropertyReader(feature.Properties, Report), Report);
                found[i] = mine;
            });
            for (var i = 0; i < batch.Count; i++)
            {
                if (found[i] is { } list) problems.AddRange(list);
                if (results[i] is { } item) into.Add(item);
            }
            afterBatch?.Invoke();
        });

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
        var rows = CsvTable.Read(File.ReadAllText(path, System.Text.Encoding.UTF8), out var csvErrors);
        problems.AddRange(csvErrors.Select(e => new DatasetProblem(DatasetFiles.Chiefs, null, e.Line, null, e.Message)));
        if (rows.Count == 0)
        {
            problems.Add(new(DatasetFiles.Chiefs, null, 1, null, "missing header id,name,role,area_code,phone"));
            return;
        }
        var header = rows[0].Fields;
        string[] expected = ["id", "name", "role", "area_code", "phone"];
        var columns = expected.ToDictionary(c => c, c => Array.IndexOf(header, c));
        foreach (var (column, index) in columns.Where(c => c.Value < 0))
        {
            problems.Add(new(DatasetFiles.Chiefs, null, 1, column, $"column '{column}' is missing from the header (expected {string.Join(",", expected)})"));
        }
        if (columns.Values.Any(i => i < 0)) return;
        foreach (var row in rows.Skip(1))
        {
            string? Field(string name)
            {
                var i = columns[name];
                var value = i < row.Fields.Length ? row.Fields[i].Trim() : "";
                return value.Length == 0 ? null : value;
            }
            void Report(string property, string message) => problems.Add(new(DatasetFiles.Chiefs, null, row.Line, property, message));
            if (row.Fields.Length != header.Length) Report("row", $"has {row.Fields.Length} fields, the header has {header.Length}");
            var id = Field("id");
            var name = Field("name");
            var roleCode = Field("role");
            var area = Field("area_code");
            if (id is null) Report("id", "required");
            if (name is null) Report("name", "required");
            if (area is null) Report("area_code", "required");
            if (!ChiefRoles.TryParse(roleCode, out var role)) Report("role", $"unknown value '{roleCode}', expected general|chief");
            if (id is null || name is null || area is null || !ChiefRoles.TryParse(roleCode, out _)) continue;
            content.Chiefs.Add(new(new Chief(id, name, role, area, Field("phone")), row.Line, null));
        }
    }
}
