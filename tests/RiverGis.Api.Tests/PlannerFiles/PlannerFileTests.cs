using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Api.Tests.PlannerFiles;

/// <summary>
/// Planners' files as they come: a proposal made from the Jinkouhe sample's segments is converted IN THE TEST with
/// GDAL's ogr2ogr into Shapefiles (zipped) and GeoPackages in CGCS2000 Gauss–Krüger zones, GBK or UTF-8 attributes,
/// and must give the same demarcation result as the GeoJSON it was made from.
/// </summary>
public sealed class PlannerFileTests(SampleService service) : IClassFixture<SampleService>
{
    private static readonly string Work = Directory.CreateTempSubdirectory("rivergis-planner-").FullName;

    /// <summary>
    /// Jinkouhe's segments without one township segment (a gap) and with a river code in Chinese that is unknown
    /// (so the report can only match when the GBK/UTF-8 attributes were decoded right).
    /// </summary>
    private static string ProposalGeoJson()
    {
        var path = Path.Combine(Work, "proposal.geojson");
        if (File.Exists(path)) return path;
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.SampleData, "jinkouhe", "segments.geojson")))!;
        var features = root["features"]!.AsArray();
        features.RemoveAt(2);
        features[4]!["properties"]!["river_code"] = "未知的河";
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    /// <summary>ogr2ogr from the GeoJSON into <paramref name="format"/> in <paramref name="epsg"/>; a zipped Shapefile is zipped.</summary>
    private static async Task<string> Convert(string source, string format, int epsg, string? encoding, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Work, name)).FullName;
        var gpkg = format == "GPKG";
        var target = Path.Combine(folder, gpkg ? "plan.gpkg" : "segments.shp");
        var args = new List<string> { "-f", format, "-t_srs", $"EPSG:{epsg}", target, source, "-nln", "segments" };
        if (encoding is not null) args.AddRange(["-lco", $"ENCODING={encoding}"]);
        await Tool.RunOkAsync("ogr2ogr", [.. args]);
        if (gpkg) return target;
        var zip = Path.Combine(Work, name + ".zip");
        ZipFile.CreateFromDirectory(folder, zip);
        return zip;
    }

    private async Task<JsonElement> PostAsync(string url, byte[] body, string mediaType, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(mediaType);
        var admin = await service.AsAsync("admin", RiverGis.Api.Accounts.Role.Admin);
        return await ServiceFixture.ReadAsync(await admin.PostAsync(url, content), expected, url);
    }

    private static string Summary(JsonElement report) => string.Join("\n", report.GetProperty("problems").EnumerateArray().Select(p =>
        string.Join(" | ", new[] { "kind", "severity", "feature_index", "segment_code", "river_code", "level", "area_code" }
            .Select(k => p.TryGetProperty(k, out var v) ? v.ToString() : "-"))));

    private static IEnumerable<double> Lengths(JsonElement report) => report.GetProperty("problems").EnumerateArray()
        .Select(p => p.TryGetProperty("length_m", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : 0);

    public static TheoryData<string, int, string?, string> Files => new()
    {
        { "ESRI Shapefile", 4522, "CP936", "application/zip" },        // 3° zone 34 with the zone prefix, GBK (.cpg CP936)
        { "ESRI Shapefile", 4543, "LDID/77", "application/zip" },      // 3° CM 102E without prefix, GBK by language driver, no .cpg
        { "ESRI Shapefile", 4496, "UTF-8", "application/zip" },        // 6° zone 18 with prefix, .cpg UTF-8
        { "GPKG", 4507, null, "application/geopackage+sqlite3" },      // 6° CM 105E without prefix
        { "GPKG", 4490, null, "application/geopackage+sqlite3" },      // CGCS2000 geographic
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_converted_file_gives_the_same_demarcation_result_as_its_geojson(string format, int epsg, string? encoding, string mediaType)
    {
        const string url = "/api/demarcation/check?replace=rivers-touched";
        var geoJson = ProposalGeoJson();
        var expected = await PostAsync(url, File.ReadAllBytes(geoJson), "application/geo+json", HttpStatusCode.OK);
        Assert.Contains("gap_unassigned", Summary(expected));
        Assert.Contains("未知的河", Summary(expected));

        var file = await Convert(geoJson, format, epsg, encoding, $"{format[..4]}-{epsg}-{encoding?.Replace('/', '_')}");
        var actual = await PostAsync(url, File.ReadAllBytes(file), mediaType, HttpStatusCode.OK);
        Assert.Equal(Summary(expected), Summary(actual));
        Assert.Equal(expected.GetProperty("counts").ToString(), actual.GetProperty("counts").ToString());
        foreach (var (e, a) in Lengths(expected).Zip(Lengths(actual))) Assert.True(Math.Abs(e - a) < 0.5, $"length {a} m, GeoJSON {e} m");
    }

    [Fact]
    public async Task The_check_verb_reads_a_zipped_gbk_shapefile_like_its_geojson()
    {
        var geoJson = ProposalGeoJson();
        var zip = await Convert(geoJson, "ESRI Shapefile", 4522, "CP936", "cli-4522");
        var (expectedCode, expectedOutput) = await Tool.RiverGisAsync(service.ConnectionString, "check", geoJson, "--replace", "rivers-touched");
        var (code, output) = await Tool.RiverGisAsync(service.ConnectionString, "check", zip, "--replace", "rivers-touched");
        Assert.Equal(1, expectedCode);
        Assert.Equal(expectedCode, code);
        // Problem lines without lengths (rounded to the metre, they may differ by one) name the same kinds and features.
        static string Lines(string text) => string.Join("\n", text.Split('\n').Where(l => l.StartsWith('[')).Select(l => l.Split(" (")[0]));
        Assert.Equal(Lines(expectedOutput), Lines(output));
        Assert.Contains("未知的河", output);
    }

    [Fact]
    public async Task Without_a_prj_the_crs_must_be_named()
    {
        var zip = await Convert(ProposalGeoJson(), "ESRI Shapefile", 4522, "UTF-8", "noprj");
        var withoutPrj = Path.Combine(Work, "noprj-stripped.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
        {
            archive.GetEntry("segments.prj")!.Delete();
        }
        File.Copy(zip, withoutPrj, overwrite: true);
        var bytes = File.ReadAllBytes(withoutPrj);

        var problem = await PostAsync("/api/demarcation/check", bytes, "application/zip", HttpStatusCode.UnprocessableEntity);
        ServiceFixture.AssertNames(problem, "crs", "no .prj file");
        var named = await PostAsync("/api/demarcation/check?crs=EPSG:4522", bytes, "application/zip", HttpStatusCode.OK);
        Assert.Contains("gap_unassigned", Summary(named));
        var badName = await PostAsync("/api/demarcation/check?crs=EPSG:3857", bytes, "application/zip", HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(badName, "crs", "not supported");
        // A wrong zone is caught by the eastings, not silently placed 300 km away.
        var wrongZone = await PostAsync("/api/demarcation/check?crs=EPSG:4543", bytes, "application/zip", HttpStatusCode.UnprocessableEntity);
        ServiceFixture.AssertNames(wrongZone, "features[0].geometry", "zone-number prefix 34");

        var (code, output) = await Tool.RiverGisAsync(service.ConnectionString, "check", withoutPrj);
        Assert.Equal(2, code);
        Assert.Contains("no .prj file", output);
        Assert.Contains("--crs", output);
        var (namedCode, _) = await Tool.RiverGisAsync(service.ConnectionString, "check", withoutPrj, "--crs", "EPSG:4522");
        Assert.Equal(1, namedCode);
    }

    [Theory]
    [InlineData("application/zip", "{}", HttpStatusCode.BadRequest, "body", "expected a zip archive")]
    [InlineData("text/csv", "a,b", HttpStatusCode.UnsupportedMediaType, "Content-Type", "text/csv")]
    [InlineData("application/geopackage+sqlite3", "PK\u0003\u0004", HttpStatusCode.BadRequest, "body", "expected a GeoPackage")]
    public async Task Bodies_that_are_not_what_they_say_are_refused(string mediaType, string body, HttpStatusCode status, string where, string fragment)
    {
        var problem = await PostAsync("/api/demarcation/check", System.Text.Encoding.UTF8.GetBytes(body), mediaType, status);
        ServiceFixture.AssertNames(problem, where, fragment);
    }

    [Fact]
    public async Task A_zero_length_part_is_repaired_and_reported_as_a_warning()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.SampleData, "jinkouhe", "segments.geojson")))!;
        var feature = root["features"]![3]!;
        var line = feature["geometry"]!["coordinates"]!.DeepClone();
        var end = line.AsArray()[^1]!.DeepClone();
        feature["geometry"] = new JsonObject
        {
            ["type"] = "MultiLineString",
            ["coordinates"] = new JsonArray(line, new JsonArray(end.DeepClone(), end.DeepClone())),
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
        var report = await PostAsync("/api/demarcation/check", bytes, "application/geo+json", HttpStatusCode.OK);
        var repaired = report.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "geometry_repaired");
        Assert.Equal("warning", repaired.GetProperty("severity").GetString());
        Assert.Equal(3, repaired.GetProperty("feature_index").GetInt32());
        Assert.Contains("geometry.coordinates[1]", repaired.GetProperty("message").GetString());
        Assert.Contains("删除零长度部件", repaired.GetProperty("message_zh").GetString());
        Assert.Equal(1, report.GetProperty("counts").GetProperty("geometry_repaired").GetInt32());
    }

    // Oracle for ProjNet: PROJ through gdaltransform, on hand points across the zones (one near the zone edge).
    [Theory]
    [InlineData(4522, 34610000.0, 3230000.0)]
    [InlineData(4522, 34330000.0, 4100000.0)]
    [InlineData(4543, 620000.0, 3240000.0)]
    [InlineData(4496, 18390000.0, 3250000.0)]
    [InlineData(4507, 200000.0, 3250000.0)]
    [InlineData(4527, 39440000.0, 3500000.0)]
    [InlineData(4549, 500000.0, 4400000.0)]
    [InlineData(4502, 700000.0, 4000000.0)]
    public async Task ProjNet_agrees_with_proj_on_hand_points(int epsg, double easting, double northing)
    {
        var input = Path.Combine(Work, $"point-{epsg}-{easting}.txt");
        File.WriteAllText(input, string.Create(CultureInfo.InvariantCulture, $"{easting} {northing}\n"));
        var output = await Tool.RunOkAsync("sh", "-c", $"gdaltransform -s_srs EPSG:{epsg} -t_srs EPSG:4490 -output_xy < {input}");
        var parts = output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var point = new GeometryFactory().CreatePoint(new Coordinate(easting, northing));
        var ours = new Wgs84Reprojector(CgcsEpsg.FromCode(epsg)!).Reproject(point, out var problem);
        Assert.Null(problem);
        // 1e-8° is about a millimetre.
        Assert.Equal(parts[0], ours!.Coordinate.X, 1e-8);
        Assert.Equal(parts[1], ours.Coordinate.Y, 1e-8);
    }
}
