using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RiverGis.Api.Database;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>The service in-process (WebApplicationFactory) over a database of its own in the test PostGIS cluster.</summary>
/// <param name="configure">More configuration of the host, e.g. a fake clock (<c>ConfigureTestServices</c>).</param>
public sealed class RiverGisFactory(string connectionString, string? sampleFolder, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(DatabaseConnection.EnvironmentVariable, ConnectionString);
        builder.UseSetting("RiverGis:LoadSampleWhenEmpty", sampleFolder is null ? "false" : "true");
        if (sampleFolder is not null) builder.UseSetting("RiverGis:SampleDataFolder", sampleFolder);
        configure?.Invoke(builder);
    }

    /// <summary>A factory over a fresh database, loaded with the dataset folder(s) in <paramref name="sampleFolder"/> (or empty).</summary>
    public static async Task<RiverGisFactory> CreateAsync(string purpose, string? sampleFolder, Action<IWebHostBuilder>? configure = null)
    {
        var connection = await PostgisServer.CreateDatabaseAsync(purpose);
        return new RiverGisFactory(connection, sampleFolder, configure);
    }
}
