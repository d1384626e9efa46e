using System.IO.Compression;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Dataset.Formats;

/// <summary>The files of one Shapefile, from a folder or a zip archive: geometry (.shp), attributes (.dbf), CRS (.prj), code page (.cpg).</summary>
public sealed record ShapefileFiles(string Name, byte[] Shp, byte[]? Dbf, string? Prj, string? Cpg)
{
    private static readonly string[] Extensions = [".shp", ".dbf", ".prj", ".cpg"];

    /// <summary>The Shapefile beside <paramref name="shpPath"/> (sibling files matched without regard to case).</summary>
    public static ShapefileFiles FromFolder(string shpPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(shpPath))!;
        var stem = Path.GetFileNameWithoutExtension(shpPath);
        var siblings = Directory.GetFiles(folder, stem + ".*")
            .Where(f => string.Equals(Path.GetFileNameWithoutExtension(f), stem, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => Path.GetExtension(f).ToLowerInvariant(), f => f);
        byte[]? Bytes(string ext) => siblings.TryGetValue(ext, out var f) ? File.ReadAllBytes(f) : null;
        string? Text(string ext) => siblings.TryGetValue(ext, out var f) ? File.ReadAllText(f, Encoding.UTF8) : null;
        return new(Path.GetFileName(shpPath), File.ReadAllBytes(shpPath), Bytes(".dbf"), Text(".prj"), Text(".cpg"));
    }

    /// <summary>
    /// The Shapefile in a zip archive: the only one, or the one named <paramref name="preferred"/> (e.g. segments) when
    /// it holds several; null and a problem otherwise.
    /// </summary>
    public static ShapefileFiles? FromZip(Stream zip, string zipName, string? preferred, out string? problem)
    {
        problem = null;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            problem = $"not a readable zip archive: {ex.Message}";
            return null;
        }
        using (archive)
        {
            var entries = archive.Entries
                .Where(e => e.Name.Length > 0 && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && Extensions.Contains(Path.GetExtension(e.Name).ToLowerInvariant()))
                .ToList();
            var shps = entries.Where(e => Path.GetExtension(e.Name).Equals(".shp", StringComparison.OrdinalIgnoreCase)).ToList();
            var chosen = shps.Count == 1 ? shps[0]
                : shps.FirstOrDefault(e => string.Equals(Path.GetFileNameWithoutExtension(e.Name), preferred, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                problem = shps.Count == 0
                    ? "the zip archive holds no .shp file"
                    : $"the zip archive holds {shps.Count} Shapefiles ({string.Join(", ", shps.Select(e => e.Name))}); expected one{(preferred is null ? "" : $" or one named {preferred}.shp")}";
                return null;
            }
            var stem = chosen.FullName[..^4];
            ZipArchiveEntry? Sibling(string ext) => entries.FirstOrDefault(e => string.Equals(e.FullName, stem + ext, StringComparison.OrdinalIgnoreCase));
            static byte[] Read(ZipArchiveEntry e)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                return m.ToArray();
            }
            // .prj and .cpg are short texts; a byte-order mark (some writers add one) is not part of them.
            string? Text(string ext) => Sibling(ext) is { } e ? Encoding.UTF8.GetString(Read(e)).TrimStart('\uFEFF') : null;
            return new($"{zipName}:{chosen.Name}", Read(chosen), Sibling(".dbf") is { } dbf ? Read(dbf) : null, Text(".prj"), Text(".cpg"));
        }
    }
}

/// <summary>
/// Reads a Shapefile layer with NetTopologySuite.IO.Esri.Shapefile: attributes decoded as the .cpg says (UTF-8, GBK…),
/// else as the DBF's language driver byte says (0x4D: GBK, as ArcGIS on a Chinese Windows writes), else UTF-8 when the
/// bytes are valid UTF-8 and GBK when not; coordinates brought from the .prj's CRS to WGS84. Single-part shapes come
/// out as LineString/Polygon/Point (a Shapefile cannot tell them from one-part multi-shapes; OGR does the same).
/// </summary>
public static class ShapefileLayerReader
{
    static ShapefileLayerReader() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static LayerContent Read(ShapefileFiles files, DatasetReadOptions options)
    {
        var layer = new LayerContent(files.Name);
        if (files.Dbf is null)
        {
            layer.Fail(null, "the .dbf file (the attributes) is missing beside the .shp");
            return layer;
        }
        var encoding = DbfEncoding(files, layer);
        var stated = string.IsNullOrWhiteSpace(files.Prj) ? (CrsRecognition?)null : CrsRecognizer.FromWkt(files.Prj);
        var crs = LayerCrs.Choose(layer, stated, "no .prj file", options);
        if (encoding is null || crs is null) return layer;
        try
        {
            using var reader = Shapefile.OpenRead(new MemoryStream(files.Shp), new MemoryStream(files.Dbf),
                new ShapefileReaderOptions { Encoding = encoding, GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes });
            var index = 0;
            while (reader.Read(out var deleted))
            {
                if (!deleted) Add(layer, index, reader, crs);
                index++;
            }
        }
        catch (Exception ex) when (ex is ShapefileException or IOException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            layer.Fail(null, $"the Shapefile cannot be read: {ex.Message}");
        }
        return layer;
    }

    private static void Add(LayerContent layer, int index, ShapefileReader reader, LayerCrs crs)
    {
        var properties = LayerAttributes.ToProperties(reader.Fields.Select(f => KeyValuePair.Create(f.Name, (object?)f.Value)));
        var shape = reader.Geometry;
        if (shape is null || shape.IsEmpty)
        {
            layer.Add(index, properties, null, null);
            return;
        }
        if (DamagedRing(shape))
        {
            layer.Add(index, properties, null, "a ring is not closed or has fewer than 4 positions (the Shapefile is damaged)");
            return;
        }
        var single = shape.NumGeometries == 1 ? shape.GetGeometryN(0) : shape;
        layer.Add(index, properties, crs.ToWgs84(single, out var problem), problem);
    }

    /// <summary>The reader stands a ring of four (0 0) positions in for a ring it could not build.</summary>
    private static bool DamagedRing(Geometry shape) =>
        shape is MultiPolygon polygons && polygons.Geometries.Cast<Polygon>().SelectMany(p => p.InteriorRings.Prepend(p.ExteriorRing))
            .Any(r => r.NumPoints == 4 && r.Coordinates.All(c => c.X == 0 && c.Y == 0));

    private static Encoding? DbfEncoding(ShapefileFiles files, LayerContent layer)
    {
        if (!string.IsNullOrWhiteSpace(files.Cpg))
        {
            var named = CodePage(files.Cpg.Trim());
            if (named is null) layer.Fail("cpg", $"the .cpg names an unknown code page '{files.Cpg.Trim()}' (expected e.g. UTF-8 or GBK)");
            return named;
        }
        var dbf = files.Dbf!;
        if (dbf.Length > 29 && dbf[29] is 0x4D or 0x7A) return System.Text.Encoding.GetEncoding(936);
        var headerSize = dbf.Length >= 10 ? BitConverter.ToUInt16(dbf, 8) : 0;
        try
        {
            new UTF8Encoding(false, true).GetCharCount(dbf, Math.Min(headerSize, dbf.Length), Math.Max(0, dbf.Length - headerSize));
            return System.Text.Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return System.Text.Encoding.GetEncoding(936);
        }
    }

    private static Encoding? CodePage(string name)
    {
        var key = name.ToUpperInvariant().Replace("-", "").Replace(" ", "");
        if (key is "UTF8" or "65001") return System.Text.Encoding.UTF8;
        if (key is "GBK" or "CP936" or "936" or "GB2312" or "ANSI936") return System.Text.Encoding.GetEncoding(936);
        if (key is "GB18030" or "54936") return System.Text.Encoding.GetEncoding(54936);
        try
        {
            return int.TryParse(key, out var codePage) ? System.Text.Encoding.GetEncoding(codePage) : System.Text.Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
