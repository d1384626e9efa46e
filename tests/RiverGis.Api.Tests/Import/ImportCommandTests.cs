using System.Net;
using System.Text;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Import;

/// <summary>The `import` verb as a user runs it: exit codes, messages, and an unchanged database after a refusal.</summary>
public sealed class ImportCommandTests
{
    private static Task<(int Code, string Output)> RunAsync(string connection, params string[] args) =>
        CliProcess.RunAsync(connection, null, args);

    [Fact]
    public async Task Import_of_the_sample_folder_then_a_bad_copy()
    {
        var connection = await PostgisServer.CreateDatabaseAsync("importcli");
        var (code, output) = await RunAsync(connection, "import", TestPaths.SampleData);
        Assert.True(code == 0, output);
        Assert.Contains("Imported liechtenstein", output);
        Assert.Contains("Imported jinkouhe", output);
        var before = await Db.CountsAsync(connection);

        var bad = TestPaths.CopyOf(Path.Combine(TestPaths.SampleData, "andorra"));
        File.WriteAllText(Path.Combine(bad, "chiefs.csv"), File.ReadAllText(Path.Combine(bad, "chiefs.csv")).Replace(",general,", ",boss,"));
        var (badCode, badOutput) = await RunAsync(connection, "import", bad);
        Assert.Equal(1, badCode);
        Assert.Contains("database is unchanged", badOutput);
        Assert.Contains("chiefs.csv, line 2, role: unknown value 'boss'", badOutput);
        Assert.Equal(before, await Db.CountsAsync(connection));

        var (noFolder, noFolderOutput) = await RunAsync(connection, "import", "/nonexistent/folder");
        Assert.Equal(1, noFolder);
        Assert.Contains("not a dataset folder", noFolderOutput);
    }
}

/// <summary>Huge payloads are refused before they are read.</summary>
public sealed class PayloadLimitTests
{
    [Fact]
    public async Task A_body_above_the_limit_is_a_413_problem()
    {
        await using var factory = await RiverGisFactory.CreateAsync("payload", TestPaths.Mini);
        var client = factory.WithWebHostBuilder(b => b.UseSetting("Limits:UploadBodyBytes", "10000")).CreateClient();
        var body = new StringContent(new string(' ', 20_000) + "{}", Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/demarcation/check", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("the limit of this endpoint is 10000 bytes", await response.Content.ReadAsStringAsync());
    }
}
