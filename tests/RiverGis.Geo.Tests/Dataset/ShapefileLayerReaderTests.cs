using System.IO.Compression;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Dataset.Formats;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Tests.Dataset;

/// <summary>Shapefiles as Chinese GIS offices exchange them: GBK or UTF-8 attributes, a .prj in a Gauss–Krüger zone, zipped.</summary>
public sealed class ShapefileLayerReaderTests : IDisposable
{
    private static readonly Encoding Gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
    private readonly string _folder = Directory.CreateTempSubdirectory("rivergis-shp-").FullName;

    // PROJ (gdaltransform -s_srs EPSG:4522 -t_srs EPSG:4490) of the two positions below.
    private static readonly Coordinate[] ZoneThirtyFour = [new(34610000, 3230000), new(34500000, 3300000)];
    private static readonly Coordinate[] Expected = [new(103.1308632818, 29.1822611588), new(102.0, 29.8185545174)];

    private string Write(Encoding encoding, string? cpg, bool prj = true, byte? languageDriver = null)
    {
        var attributes = new AttributesTable
        {
            { "code", "S-1" }, { "river_code", "R-大渡河" }, { "level", "county" }, { "area_code", 511113L }, { "chief_id", "" }, { "name", "大渡河·金口河区段" },
        };
        var line = new GeometryFactory().CreateLineString(ZoneThirtyFour);
        var shp = Path.Combine(_folder, "segments.shp");
        Shapefile.WriteAllFeatures([new Feature(line, attributes)], shp, prj ? CgcsEpsgPrj : null, encoding);
        var cpgPath = Path.ChangeExtension(shp, ".cpg");
        if (cpg is null) File.Delete(cpgPath);
        else File.WriteAllText(cpgPath, cpg);
        if (languageDriver is { } ldid)
        {
            using var dbf = File.OpenWrite(Path.ChangeExtension(shp, ".dbf"));
            dbf.Position = 29;
            dbf.WriteByte(ldid);
        }
        return shp;
    }

    private const string CgcsEpsgPrj =
        """PROJCS["CGCS2000_3_Degree_GK_Zone_34",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    private static byte[] Zip(string shp)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(shp)!))
                zip.CreateEntryFromFile(file, "plan/" + Path.GetFileName(file));
        }
        return buffer.ToArray();
    }

    public static TheoryData<string, string?, byte?> Encodings => new()
    {
        { "gbk", "GBK", null },        // ArcGIS Pro / ogr2ogr -lco ENCODING=GBK
        { "gbk", "936", null },
        { "gbk", null, 0x4D },         // ArcMap on a Chinese Windows: no .cpg, language driver 0x4D
        { "gbk", null, 0 },            // nothing says: not valid UTF-8, so GBK
        { "utf-8", "UTF-8", null },
        { "utf-8", null, 0 },          // nothing says: valid UTF-8
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Attributes_are_decoded_as_the_cpg_or_the_dbf_says(string written, string? cpg, byte? languageDriver)
    {
        var shp = Write(written == "gbk" ? Gbk : Encoding.UTF8, cpg, languageDriver: languageDriver);
        foreach (var files in new[] { ShapefileFiles.FromFolder(shp), ShapefileFiles.FromZip(new MemoryStream(Zip(shp)), "plan.zip", "segments", out _)! })
        {
            var problems = new List<DatasetProblem>();
            using var layer = ShapefileLayerReader.Read(files, DatasetReadOptions.Default);
            var segments = new DatasetReader().ReadSegments(layer, problems);
            Assert.True(problems.Count == 0, string.Join("; ", problems.Concat(layer.Problems)));
            var segment = Assert.Single(segments).Item;
            Assert.Empty(problems);
            Assert.Equal("大渡河·金口河区段", segment.Name);
            Assert.Equal("R-大渡河", segment.RiverCode);
            Assert.Equal("511113", segment.AreaCode); // a numeric DBF column holding a code
            Assert.Null(segment.ChiefId);
            Assert.Equal(4522, layer.Crs!.Epsg);
            for (var i = 0; i < Expected.Length; i++)
            {
                Assert.Equal(Expected[i].X, segment.Geometry.Coordinates[i].X, 9);
                Assert.Equal(Expected[i].Y, segment.Geometry.Coordinates[i].Y, 9);
            }
        }
    }

    [Fact]
    public void Without_a_prj_the_crs_must_be_named()
    {
        var shp = Write(Encoding.UTF8, "UTF-8", prj: false);
        using var missing = ShapefileLayerReader.Read(ShapefileFiles.FromFolder(shp), DatasetReadOptions.Default);
        var problem = Assert.Single(missing.Problems);
        Assert.Equal(("segments.shp", "crs"), (problem.File, problem.Property));
        Assert.Contains("no .prj file", problem.Message);
        Assert.Empty(missing.Features);

        using var named = ShapefileLayerReader.Read(ShapefileFiles.FromFolder(shp), new DatasetReadOptions(Crs: CgcsEpsg.FromCode(4522)));
        Assert.Empty(named.Problems);
        Assert.Equal(Expected[0].X, Assert.Single(named.Features).Geometry!.Coordinates[0].X, 9);

        using var conflicting = ShapefileLayerReader.Read(ShapefileFiles.FromFolder(Write(Encoding.UTF8, "UTF-8")), new DatasetReadOptions(Crs: CgcsEpsg.FromCode(4523)));
        Assert.Contains("EPSG:4523", Assert.Single(conflicting.Problems).Message);
    }

    [Fact]
    public void A_zero_length_part_in_a_shapefile_is_repaired_like_in_geojson()
    {
        var factory = new GeometryFactory();
        var end = ZoneThirtyFour[^1];
        var lines = factory.CreateMultiLineString([factory.CreateLineString(ZoneThirtyFour), factory.CreateLineString([end.Copy(), end.Copy()])]);
        var attributes = new AttributesTable { { "code", "S-1" }, { "river_code", "R1" }, { "level", "county" }, { "area_code", "C01" } };
        var shp = Path.Combine(_folder, "segments.shp");
        Shapefile.WriteAllFeatures([new Feature(lines, attributes)], shp, CgcsEpsgPrj, Encoding.UTF8);

        var problems = new List<DatasetProblem>();
        var warnings = new List<DatasetProblem>();
        using var layer = ShapefileLayerReader.Read(ShapefileFiles.FromFolder(shp), DatasetReadOptions.Default);
        var segment = Assert.Single(new DatasetReader().ReadSegments(layer, problems, warnings)).Item;
        Assert.Empty(problems);
        var warning = Assert.Single(warnings);
        Assert.Equal(("segments.shp", 0, "geometry.coordinates[1]"), (warning.File, warning.FeatureIndex, warning.Property));
        Assert.Contains("zero-length part removed", warning.Message);
        Assert.Equal(1, segment.Geometry.NumGeometries);

        using var strictLayer = ShapefileLayerReader.Read(ShapefileFiles.FromFolder(shp), new DatasetReadOptions(Strict: true));
        Assert.Empty(new DatasetReader(options: new DatasetReadOptions(Strict: true)).ReadSegments(strictLayer, problems));
        Assert.Contains("refused in strict mode", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("parent_cod", "parent_code")]
    [InlineData("PARENT_COD", "parent_code")]
    [InlineData("downstream", "downstream_code")]
    [InlineData("River_Code", "river_code")]
    [InlineData("备注", "备注")]
    public void Dbf_names_map_to_the_dataset_format(string dbfName, string property)
    {
        using var properties = LayerAttributes.ToProperties([KeyValuePair.Create(dbfName, (object?)"x")]);
        Assert.Equal("x", properties.RootElement.GetProperty(property).GetString());
    }

    [Fact]
    public void A_zip_with_several_shapefiles_needs_the_layer_name()
    {
        var shp = Write(Encoding.UTF8, "UTF-8");
        foreach (var ext in new[] { ".shp", ".shx", ".dbf", ".prj" }) File.Copy(Path.ChangeExtension(shp, ext), Path.Combine(_folder, "rivers" + ext));
        Assert.NotNull(ShapefileFiles.FromZip(new MemoryStream(Zip(shp)), "plan.zip", "segments", out _));
        Assert.Null(ShapefileFiles.FromZip(new MemoryStream(Zip(shp)), "plan.zip", "outlets", out var problem));
        Assert.Contains("holds 2 Shapefiles", problem);
        Assert.Null(ShapefileFiles.FromZip(new MemoryStream("not a zip"u8.ToArray()), "plan.zip", null, out problem));
        Assert.Contains("not a readable zip archive", problem);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
