using Microsoft.Extensions.Options;
using RiverGis.Api.Store;

namespace RiverGis.Api.Database;

public sealed class DatabaseInitializerOptions
{
    /// <summary>Load data/rivers when the database holds no dataset yet (default true; tests that need an empty database turn it off).</summary>
    public bool LoadSampleWhenEmpty { get; set; } = true;

    /// <summary>Folder of dataset folders loaded into an empty database.</summary>
    public string? SampleDataFolder { get; set; }

    /// <summary>Create demo accounts (random passwords, printed once) after loading the sample into an empty database; scripts/run turns it on.</summary>
    public bool DemoAccounts { get; set; }
}

/// <summary>On start: apply the schema migrations, then load the shipped sample data into an empty database.</summary>
public sealed class DatabaseInitializer(
    MigrationRunner migrations, DatasetImporter importer, Npgsql.NpgsqlDataSource dataSource,
    IOptions<DatabaseInitializerOptions> options, Accounts.DemoAccounts demoAccounts, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await migrations.ApplyAsync(ct);
        if (!options.Value.LoadSampleWhenEmpty) return;
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM datasets");
        if ((long)(await cmd.ExecuteScalarAsync(ct))! > 0) return;
        var folder = options.Value.SampleDataFolder ?? ProjectPaths.SampleData;
        logger.LogInformation("Empty database: loading the sample data from {Folder}", folder);
        var result = await importer.ImportAsync(folder, null, ct, caller: Accounts.Caller.System);
        if (!result.Ok)
        {
            throw new InvalidOperationException($"The sample data in {folder} did not import:\n" + string.Join("\n", result.Problems.Take(50)));
        }
        foreach (var w in result.Warnings) logger.LogWarning("Sample data repaired on import: {Warning}", w);
        foreach (var d in result.Datasets)
        {
            logger.LogInformation("Loaded {Code}: {Areas} areas, {Chiefs} chiefs, {Rivers} rivers, {Segments} segments, {Outlets} outlets, {Tracks} patrol tracks",
                d.Code, d.Areas, d.Chiefs, d.Rivers, d.Segments, d.Outlets, d.PatrolTracks);
        }
        await demoAccounts.CreateAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
