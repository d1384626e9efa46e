using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Store;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Import;

public sealed class DatasetImportTests : IAsyncLifetime
{
    private RiverGisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await RiverGisFactory.CreateAsync("import", sampleFolder: null);
        _ = _factory.Server; // starts the host: migrations applied, database empty
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private DatasetImporter Importer => _factory.Services.GetRequiredService<DatasetImporter>();

    [Fact]
    public async Task Imports_a_dataset_and_reimport_is_idempotent()
    {
        var first = await Importer.ImportAsync(TestPaths.Mini);
        Assert.True(first.Ok, string.Join("\n", first.Problems));
        var counts = await Db.CountsAsync(_factory.ConnectionString);
        Assert.StartsWith("datasets=1 admin_areas=3 chiefs=6 rivers=2 segments=4 outlets=2 patrol_tracks=1", counts);

        var again = await Importer.ImportAsync(TestPaths.Mini);
        Assert.True(again.Ok);
        var after = await Db.CountsAsync(_factory.ConnectionString);
        Assert.Equal(counts.Split(" version=")[0], after.Split(" version=")[0]);

        // Stored lengths are geodesic: compare with PostGIS geography as an independent oracle.
        var difference = await Db.ScalarAsync<double>(_factory.ConnectionString,
            "SELECT max(abs(length_m - ST_Length(geom::geography))) FROM rivers");
        Assert.True(difference < 0.01, $"length differs from PostGIS geography by {difference} m");
    }

    [Fact]
    public async Task Reimport_updates_by_code_and_removes_what_the_dataset_dropped()
    {
        Assert.True((await Importer.ImportAsync(TestPaths.Mini)).Ok);
        var copy = TestPaths.CopyOf(TestPaths.Mini);
        var segments = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "segments.geojson")))!;
        var features = segments["features"]!.AsArray();
        features[0]!["properties"]!["name"] = "改名段";
        features.RemoveAt(3); // drop S-3
        File.WriteAllText(Path.Combine(copy, "segments.geojson"), segments.ToJsonString());

        var result = await Importer.ImportAsync(copy);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(3L, await Db.ScalarAsync<long>(_factory.ConnectionString, "SELECT count(*) FROM segments"));
        Assert.Equal("改名段", await Db.ScalarAsync<string>(_factory.ConnectionString, "SELECT name FROM segments WHERE code = 'S-C'"));
    }

    [Fact]
    public async Task A_bad_dataset_reports_every_problem_and_changes_nothing()
    {
        Assert.True((await Importer.ImportAsync(TestPaths.Mini)).Ok);
        var before = await Db.CountsAsync(_factory.ConnectionString);

        var copy = TestPaths.CopyOf(TestPaths.Mini);
        Edit(copy, "rivers.geojson", features =>
        {
            // A bow-tie: the river crosses itself.
            features[1]!["geometry"] = JsonNode.Parse("""{"type":"LineString","coordinates":[[100.03,30.045],[100.04,30.035],[100.03,30.035],[100.04,30.045]]}""");
        });
        Edit(copy, "segments.geojson", features =>
        {
            features[1]!["properties"]!["area_code"] = "NOPE";
            features[2]!["properties"]!["code"] = "S-1";
        });
        Edit(copy, "outlets.geojson", features =>
        {
            features[0]!["properties"]!["kind"] = "factory";
            features[1]!["geometry"]!["coordinates"] = JsonNode.Parse("[30.04, 100.0303]"); // lat, lon
        });
        File.AppendAllText(Path.Combine(copy, "chiefs.csv"), "C9,新河长,chief,T99,13800000099\n");

        var result = await Importer.ImportAsync(copy);
        Assert.False(result.Ok);
        var messages = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("rivers.geojson, feature 1, geometry") && m.Contains("self-intersecting"));
        Assert.Contains(messages, m => m.StartsWith("segments.geojson, feature 1, area_code") && m.Contains("'NOPE'"));
        Assert.Contains(messages, m => m.StartsWith("segments.geojson, feature 2, code") && m.Contains("duplicate 'S-1'"));
        Assert.Contains(messages, m => m.StartsWith("outlets.geojson, feature 0, kind") && m.Contains("'factory'"));
        Assert.Contains(messages, m => m.StartsWith("outlets.geojson, feature 1, geometry") && m.Contains("[lat, lon]"));
        Assert.Contains(messages, m => m.StartsWith("chiefs.csv, line 8, area_code") && m.Contains("'T99'"));
        Assert.Equal(before, await Db.CountsAsync(_factory.ConnectionString));
    }

    [Fact]
    public async Task Malformed_json_names_the_line()
    {
        var copy = TestPaths.CopyOf(TestPaths.Mini);
        var path = Path.Combine(copy, "rivers.geojson");
        var lines = File.ReadAllLines(path).ToList();
        lines[5] = lines[5] + " ,,";
        File.WriteAllLines(path, lines);
        var result = await Importer.ImportAsync(copy);
        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.File == "rivers.geojson" && p.Message.Contains("malformed JSON at line 6"));
        Assert.Equal(0L, await Db.ScalarAsync<long>(_factory.ConnectionString, "SELECT count(*) FROM datasets"));
    }

    [Fact]
    public async Task Codes_belonging_to_another_dataset_are_refused()
    {
        Assert.True((await Importer.ImportAsync(TestPaths.Mini)).Ok);
        var copy = TestPaths.CopyOf(TestPaths.Mini);
        File.WriteAllText(Path.Combine(copy, "dataset.json"), """{"name": "Another", "code": "other"}""");
        var result = await Importer.ImportAsync(copy);
        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.Message.Contains("already belongs to dataset 'mini'"));
    }

    private static void Edit(string folder, string file, Action<JsonArray> edit)
    {
        var path = Path.Combine(folder, file);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        edit(root["features"]!.AsArray());
        File.WriteAllText(path, root.ToJsonString());
    }
}
