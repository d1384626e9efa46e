using RiverGis.Geo.Model;

namespace RiverGis.Geo.Dataset.Formats;

/// <summary>The file formats planners hand in.</summary>
public enum PlannerFileFormat
{
    GeoJson,
    ZippedShapefile,
    GeoPackage,
}

/// <summary>
/// Reads a proposed segments layer (a demarcation to check) from a file's bytes, whatever its format: a GeoJSON
/// FeatureCollection, a zipped Shapefile (the one in the archive, or segments.shp) or a GeoPackage (its only feature
/// table, or the one named segments). The format is recognised by the content itself (zip and SQLite signatures).
/// </summary>
public sealed class SegmentsFileReader(DatasetReadOptions? options = null)
{
    private static readonly byte[] ZipSignature = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] SqliteSignature = "SQLite format 3\0"u8.ToArray();

    private readonly DatasetReadOptions _options = options ?? DatasetReadOptions.Default;

    public static PlannerFileFormat Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(ZipSignature) ? PlannerFileFormat.ZippedShapefile
        : content.StartsWith(SqliteSignature) ? PlannerFileFormat.GeoPackage
        : PlannerFileFormat.GeoJson;

    /// <summary>The segments of <paramref name="content"/>; problems and repairs are reported under <paramref name="name"/>.</summary>
    public List<Sourced<Segment>> Read(byte[] content, string name, List<DatasetProblem> problems, List<DatasetProblem> warnings)
    {
        var reader = new DatasetReader(options: _options);
        switch (Detect(content))
        {
            case PlannerFileFormat.ZippedShapefile:
            {
                var files = ShapefileFiles.FromZip(new MemoryStream(content), name, DatasetLayers.Segments, out var problem);
                if (files is null)
                {
                    problems.Add(new(name, null, null, null, problem!));
                    return [];
                }
                using var layer = ShapefileLayerReader.Read(files, _options);
                return reader.ReadSegments(layer, problems, warnings);
            }
            case PlannerFileFormat.GeoPackage:
            {
                // SQLite reads files, not memory: the upload goes to a temporary file for as long as it is read.
                var path = Path.Combine(Path.GetTempPath(), $"rivergis-{Guid.NewGuid():N}.gpkg");
                try
                {
                    File.WriteAllBytes(path, content);
                    return ReadGeoPackage(path, name, problems, warnings);
                }
                finally
                {
                    File.Delete(path);
                }
            }
            default:
                return reader.ReadSegments(content, name, problems, warnings);
        }
    }

    /// <summary>A Shapefile on disk (.shp with its siblings), a GeoPackage, or a GeoJSON or zip file.</summary>
    public List<Sourced<Segment>> ReadFile(string path, List<DatasetProblem> problems, List<DatasetProblem> warnings)
    {
        var name = Path.GetFileName(path);
        if (Path.GetExtension(path).Equals(".shp", StringComparison.OrdinalIgnoreCase))
        {
            using var layer = ShapefileLayerReader.Read(ShapefileFiles.FromFolder(path), _options);
            return new DatasetReader(options: _options).ReadSegments(layer, problems, warnings);
        }
        var head = new byte[16];
        using (var stream = File.OpenRead(path)) stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head) == PlannerFileFormat.GeoPackage
            ? ReadGeoPackage(path, name, problems, warnings)
            : Read(File.ReadAllBytes(path), name, problems, warnings);
    }

    private List<Sourced<Segment>> ReadGeoPackage(string path, string name, List<DatasetProblem> problems, List<DatasetProblem> warnings)
    {
        using var geoPackage = GeoPackageLayerReader.Open(path, name, out var problem);
        var table = geoPackage?.ChooseLayer(DatasetLayers.Segments, out problem);
        if (geoPackage is null || table is null)
        {
            problems.Add(new(name, null, null, null, problem!));
            return [];
        }
        using var layer = geoPackage.Read(table, _options);
        return new DatasetReader(options: _options).ReadSegments(layer, problems, warnings);
    }
}
