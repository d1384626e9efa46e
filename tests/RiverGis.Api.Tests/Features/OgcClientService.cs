using System.Net;
using System.Text;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Features;

/// <summary>The served collections, the table each is stored in, and the one geometry type its features must have.</summary>
public static class ServedCollections
{
    public static readonly (string Id, string Table, string GeometryType)[] All =
    [
        ("admin-areas", "admin_areas", "MultiPolygon"),
        ("rivers", "rivers", "MultiLineString"),
        ("segments", "segments", "MultiLineString"),
        ("outlets", "outlets", "Point"),
        ("patrol-tracks", "patrol_tracks", "MultiLineString"),
        ("issues", "issues", "Point"),
    ];

    public static TheoryData<string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var (id, table, type) in All) rows.Add(id, table, type);
        return rows;
    }

    /// <summary>
    /// A report (GeoJSON for POST /api/issues) in the middle of the n-th segment of the database, so the issues
    /// collection has features wherever the sample data are.
    /// </summary>
    public static async Task<string> ReportOnSegmentAsync(string connectionString, int n, string category = "garbage")
    {
        var lonLat = await Db.ScalarAsync<string>(connectionString,
            $"SELECT ST_X(p) || ',' || ST_Y(p) FROM (SELECT ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5) AS p FROM segments ORDER BY code OFFSET {n} LIMIT 1) x");
        return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + lonLat + "]}, "
            + $"\"properties\": {{\"category\": \"{category}\", \"description\": \"河面漂浮垃圾\", \"source\": \"patrol\"}}}}";
    }
}

[CollectionDefinition(Name)]
public sealed class OgcClientsCollection : ICollectionFixture<OgcClientService>
{
    public const string Name = "OGC API Features clients against the real service";
}

/// <summary>
/// The real service as a process over the sample data, with a few issues filed, shared by the client tests (GDAL,
/// QGIS, OWSLib); a folder for the files the clients export.
/// </summary>
public sealed class OgcClientService : IAsyncLifetime
{
    public ServiceProcess Service { get; private set; } = null!;
    public string Exports { get; } = Directory.CreateTempSubdirectory("rivergis-clients-").FullName;

    public async Task InitializeAsync()
    {
        Service = await ServiceProcess.StartAsync("clients", TestPaths.SampleData);
        using var http = new HttpClient();
        foreach (var (n, category) in new[] { (0, "garbage"), (5, "dumping"), (9, "illegal_discharge") })
        {
            var body = await ServedCollections.ReportOnSegmentAsync(Service.ConnectionString, n, category);
            var response = await http.PostAsync(Service.BaseUrl + "/api/issues", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Directory.Delete(Exports, recursive: true);
    }
}
