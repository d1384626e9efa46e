using System.IO.Compression;
using System.Text.Json.Nodes;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.PlannerFiles;

/// <summary>
/// `import` of dataset folders whose layers come as Shapefiles (on disk or zipped) and GeoPackage tables, made from the
/// mini dataset with ogr2ogr in a Gauss–Krüger zone; the GeoJSON import of the same data is the oracle.
/// </summary>
public sealed class PlannerDatasetImportTests
{
    private const int Zone33 = 4521; // CGCS2000 / 3-degree Gauss-Kruger zone 33 (CM 99°E); the mini district lies at 100°E

    private static async Task Ogr(string target, string source, string layer, params string[] extra) =>
        await Tool.RunOkAsync("ogr2ogr", ["-f", target.EndsWith(".gpkg") ? "GPKG" : "ESRI Shapefile", "-t_srs", $"EPSG:{Zone33}", target, source,
            "-nln", layer, "-oo", "DATE_AS_STRING=YES", .. extra]);

    /// <summary>The mini dataset as a planner would hand it in: areas as a GBK Shapefile, rivers zipped, the rest in a GeoPackage.</summary>
    private static async Task<string> PlannerCopy()
    {
        var folder = Directory.CreateTempSubdirectory("rivergis-planner-ds-").FullName;
        foreach (var file in new[] { "dataset.json", "chiefs.csv" }) File.Copy(Path.Combine(TestPaths.Mini, file), Path.Combine(folder, file));
        await Ogr(Path.Combine(folder, "admin_areas.shp"), Path.Combine(TestPaths.Mini, "admin_areas.geojson"), "admin_areas", "-lco", "ENCODING=CP936");
        var rivers = Directory.CreateDirectory(Path.Combine(folder, "zip")).FullName;
        await Ogr(Path.Combine(rivers, "rivers.shp"), Path.Combine(TestPaths.Mini, "rivers.geojson"), "rivers", "-lco", "ENCODING=UTF-8");
        ZipFile.CreateFromDirectory(rivers, Path.Combine(folder, "rivers.zip"));
        Directory.Delete(rivers, recursive: true);
        var gpkg = Path.Combine(folder, "plan.gpkg");
        foreach (var layer in new[] { "segments", "outlets", "patrol_tracks" })
            await Ogr(gpkg, Path.Combine(TestPaths.Mini, layer + ".geojson"), layer, File.Exists(gpkg) ? "-update" : "-overwrite");
        return folder;
    }

    private const string Stored = """
        SELECT string_agg(code || ' ' || name || ' ' || coalesce(parent_code, '-'), ', ' ORDER BY code) FROM admin_areas
        UNION ALL SELECT string_agg(code || ' ' || name || ' ' || coalesce(downstream_code, '-') || ' ' || round(length_m::numeric, 1), ', ' ORDER BY code) FROM rivers
        UNION ALL SELECT string_agg(code || ' ' || coalesce(chief_id, '-') || ' ' || round(length_m::numeric, 1), ', ' ORDER BY code) FROM segments
        UNION ALL SELECT string_agg(chief_id || ' ' || started_at, ', ') FROM patrol_tracks
        """;

    private static async Task<string> StoredAsync(string connection) =>
        string.Join("\n", await Db.ColumnAsync<string>(connection, Stored)) + "\n" + await Db.CountsAsync(connection).ContinueWith(t => t.Result.Split(" version=")[0]);

    [Fact]
    public async Task A_dataset_of_shapefiles_and_a_geopackage_imports_like_its_geojson()
    {
        var oracle = await PostgisServer.CreateDatabaseAsync("planner-geojson");
        var (geoJsonCode, geoJsonOutput) = await Tool.RiverGisAsync(oracle, "import", TestPaths.Mini);
        Assert.True(geoJsonCode == 0, geoJsonOutput);

        var connection = await PostgisServer.CreateDatabaseAsync("planner-files");
        var folder = await PlannerCopy();
        var (code, output) = await Tool.RiverGisAsync(connection, "import", folder);
        Assert.True(code == 0, output);
        Assert.Equal(await StoredAsync(oracle), await StoredAsync(connection));
        // Areas came from a GBK Shapefile with parent_code truncated to parent_cod: names and parents survived.
        Assert.Contains("测试县", await StoredAsync(connection));

        // A layer given twice is refused, naming both sources.
        File.Copy(Path.Combine(TestPaths.Mini, "segments.geojson"), Path.Combine(folder, "segments.geojson"));
        var (twice, twiceOutput) = await Tool.RiverGisAsync(connection, "import", folder);
        Assert.Equal(1, twice);
        Assert.Contains("layer segments is given 2 times (plan.gpkg:segments, segments.geojson)", twiceOutput);
    }

    [Fact]
    public async Task A_shapefile_without_prj_needs_the_crs_named()
    {
        var connection = await PostgisServer.CreateDatabaseAsync("planner-noprj");
        var folder = await PlannerCopy();
        File.Delete(Path.Combine(folder, "admin_areas.prj"));
        var (code, output) = await Tool.RiverGisAsync(connection, "import", folder);
        Assert.Equal(1, code);
        Assert.Contains("admin_areas.shp, crs: the file states no coordinate reference system (no .prj file)", output);
        Assert.Contains("--crs", output);
        var (named, namedOutput) = await Tool.RiverGisAsync(connection, "import", "--crs", $"EPSG:{Zone33}", folder);
        Assert.True(named == 0, namedOutput);
        var (bad, badOutput) = await Tool.RiverGisAsync(connection, "import", "--crs", "EPSG:999999", folder);
        Assert.Equal(2, bad);
        Assert.Contains("--crs: EPSG:999999 is not supported", badOutput);
    }

    [Fact]
    public async Task Trivial_defects_are_repaired_with_warnings_and_refused_under_strict()
    {
        var connection = await PostgisServer.CreateDatabaseAsync("planner-repair");
        var copy = TestPaths.CopyOf(TestPaths.Mini);
        var path = Path.Combine(copy, "segments.geojson");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var geometry = root["features"]![1]!["geometry"]!;
        var line = geometry["coordinates"]!.DeepClone().AsArray();
        var end = line[^1]!;
        line.Insert(1, line[0]!.DeepClone()); // a repeated position
        root["features"]![1]!["geometry"] = new JsonObject
        {
            ["type"] = "MultiLineString",
            ["coordinates"] = new JsonArray(line, new JsonArray(end.DeepClone(), end.DeepClone())), // a zero-length part
        };
        File.WriteAllText(path, root.ToJsonString());

        var (strict, strictOutput) = await Tool.RiverGisAsync(connection, "import", "--strict", copy);
        Assert.Equal(1, strict);
        Assert.Contains("segments.geojson, feature 1, geometry.coordinates[1]: zero-length part removed (2 identical positions", strictOutput);
        Assert.Contains("refused in strict mode", strictOutput);
        Assert.Equal(0L, await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM segments"));

        var (code, output) = await Tool.RiverGisAsync(connection, "import", copy);
        Assert.True(code == 0, output);
        Assert.Contains("2 warning(s) (repaired, not refused)", output);
        Assert.Contains("segments.geojson, feature 1, geometry.coordinates[0]: 1 repeated consecutive position removed", output);
        Assert.Contains("segments.geojson, feature 1, geometry.coordinates[1]: zero-length part removed", output);
        // Stored as repaired: one part, the repeated position gone (PostGIS counts the points).
        Assert.Equal(line.Count - 1, await Db.ScalarAsync<int>(connection, "SELECT ST_NPoints(geom) FROM segments WHERE code = 'S-1'"));
    }
}
