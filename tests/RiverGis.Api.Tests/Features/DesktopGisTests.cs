using System.Text.Json;
using System.Text.RegularExpressions;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Features;

/// <summary>
/// The clients river-chief offices already have, driving the real service (issue 9, done-when): QGIS 3.22 headless
/// (Debian python3-qgis, QT_QPA_PLATFORM=offscreen) loads every collection through its OAPIF provider with the right
/// geometry type and feature count and exports it with its own writer to GeoPackage and SpatiaLite without a warning;
/// ogr2ogr exports the same to SpatiaLite (-dsco SPATIALITE=YES, which aborted at the first MultiLineString of a
/// LineString layer) and GeoPackage; OWSLib's Features client pages every collection to its end. Counts come from the
/// database. The Python scripts beside this file do the client side and print JSON.
/// </summary>
[Collection(OgcClientsCollection.Name)]
public sealed class DesktopGisTests(OgcClientService clients)
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "Features", "Clients");
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static JsonElement? _qgis, _owslib;

    public static TheoryData<string, string, string> Collections => ServedCollections.Rows();

    private Task<long> CountAsync(string table) => Db.ScalarAsync<long>(clients.Service.ConnectionString, $"SELECT count(*) FROM {table}");

    /// <summary>Runs a client script once for all collections (QGIS takes seconds to start) and keeps its verdicts.</summary>
    private async Task<JsonElement> ScriptAsync(string script, Func<JsonElement?> cached, Action<JsonElement> keep, params string[] arguments)
    {
        await Once.WaitAsync();
        try
        {
            if (cached() is { } known) return known;
            var runtime = Directory.CreateDirectory(Path.Combine(clients.Exports, "xdg-" + script));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(runtime.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var run = await Tool.RunToEndAsync(Python, [Path.Combine(Scripts, script), .. arguments],
                new Dictionary<string, string> { ["QT_QPA_PLATFORM"] = "offscreen", ["XDG_RUNTIME_DIR"] = runtime.FullName });
            Assert.True(run.Code == 0, $"{script} exited {run.Code}:\n{run.Output}");
            // Nothing on stderr but Qt's start-up notices: no GDAL or QGIS warning escaped the script's collectors.
            Assert.DoesNotMatch(new Regex("warning|error", RegexOptions.IgnoreCase), run.Stderr);
            var verdict = JsonDocument.Parse(run.Stdout).RootElement.Clone();
            keep(verdict);
            return verdict;
        }
        finally
        {
            Once.Release();
        }
    }

    private static string[] Ids => ServedCollections.All.Select(c => c.Id).ToArray();

    private Task<JsonElement> QgisAsync() =>
        ScriptAsync("qgis_oapif.py", () => _qgis, v => _qgis = v, [clients.Service.BaseUrl, clients.Exports, .. Ids]);

    private Task<JsonElement> OwsLibAsync() =>
        ScriptAsync("owslib_features.py", () => _owslib, v => _owslib = v, [clients.Service.BaseUrl, "7", .. Ids]);

    private static void AssertNoMessages(JsonElement entry, string step) =>
        Assert.True(entry.GetProperty(step + "_messages").GetArrayLength() == 0, $"{step}: {entry.GetProperty(step + "_messages")}");

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Qgis_loads_each_collection_with_its_type_and_count(string id, string table, string type)
    {
        var entry = (await QgisAsync()).GetProperty(id);
        Assert.True(entry.GetProperty("valid").GetBoolean(), entry.ToString());
        AssertNoMessages(entry, "load");
        AssertNoMessages(entry, "read");
        Assert.Equal(type, entry.GetProperty("type").GetString());
        Assert.Equal([type], entry.GetProperty("geometry_types").EnumerateArray().Select(t => t.GetString()));
        var expected = await CountAsync(table);
        Assert.True(expected > 0, $"{table} is empty");
        Assert.Equal(expected, entry.GetProperty("features").GetInt64());
        // Ids are attributes, not only feature ids: QGIS shows numeric ids only as its internal FID.
        var idAttribute = id switch { "issues" => "issue_id", "patrol-tracks" => "track_id", _ => "code" };
        Assert.Contains(idAttribute, entry.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Qgis_exports_each_collection_to_geopackage_and_spatialite_without_warnings(string id, string table, string type)
    {
        var entry = (await QgisAsync()).GetProperty(id);
        var expected = await CountAsync(table);
        foreach (var format in new[] { "gpkg", "spatialite" })
        {
            AssertNoMessages(entry, format);
            var written = entry.GetProperty(format);
            Assert.True(written.ValueKind == JsonValueKind.Object, $"{format}: {written}");
            Assert.Equal(type, written.GetProperty("type").GetString());
            Assert.Equal(expected, written.GetProperty("count").GetInt64());
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Ogr2ogr_exports_each_collection_to_spatialite_and_geopackage_without_warnings(string id, string table, string type)
    {
        var expected = await CountAsync(table);
        foreach (var (driver, file, options) in new[] { ("SQLite", $"ogr-{id}.sqlite", new[] { "-dsco", "SPATIALITE=YES" }), ("GPKG", $"ogr-{id}.gpkg", []) })
        {
            var path = Path.Combine(clients.Exports, file);
            var export = await Tool.RunToEndAsync("ogr2ogr",
                ["-f", driver, .. options, path, $"OAPIF:{clients.Service.BaseUrl}/features", id, "--config", "OAPIF_PAGE_SIZE", "50"]);
            Assert.True(export.Code == 0 && export.Output.Trim().Length == 0, $"ogr2ogr -f {driver} {id} exited {export.Code}:\n{export.Output}");
            // One layer in the file (the SQLite driver launders its name: admin-areas becomes admin_areas).
            var summary = await Tool.RunOkAsync("ogrinfo", "-ro", "-so", "-al", path);
            Assert.Matches($@"Geometry: {Regex.Escape(Regex.Replace(type, "([a-z])([A-Z])", "$1 $2"))}\b", summary);
            Assert.Contains($"Feature Count: {expected}", summary);
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task OwsLib_pages_each_collection_to_its_end(string id, string table, string type)
    {
        var entry = (await OwsLibAsync()).GetProperty(id);
        var expected = await CountAsync(table);
        Assert.True(entry.GetProperty("listed").GetBoolean());
        Assert.Equal(expected, entry.GetProperty("features").GetInt64());
        Assert.Equal(expected, entry.GetProperty("unique_ids").GetInt64());
        Assert.Equal(expected, entry.GetProperty("number_matched").GetInt64());
        // Pages of 7: every page was followed.
        Assert.Equal(Math.Max(1, (expected + 6) / 7), entry.GetProperty("pages").GetInt64());
        Assert.Equal([type], entry.GetProperty("geometry_types").EnumerateArray().Select(t => t.GetString()));
    }
}
