using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RiverGis.Api.Database;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>The service in-process (WebApplicationFactory) over a database of its own in the test PostGIS cluster.</summary>
public sealed class RiverGisFactory(string connectionString, string? sampleFolder, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>
    /// Rate limits of the test services: every test of a class shares one client address (and the in-memory test server
    /// has none), so the shipped limits would refuse the suite's own requests. The limits themselves are tested with
    /// their defaults on services of their own (<see cref="WithDefaultLimits"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TestLimits = new Dictionary<string, string>
    {
        ["Limits:AnonymousWritesPerMinute"] = "100000",
        ["Limits:UserWritesPerMinute"] = "100000",
        ["Limits:SignInsPerMinute"] = "100000",
    };

    /// <summary>No override: the limits as shipped (appsettings.json and the options' defaults).</summary>
    public static readonly IReadOnlyDictionary<string, string> WithDefaultLimits = new Dictionary<string, string>();

    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(DatabaseConnection.EnvironmentVariable, ConnectionString);
        builder.UseSetting("RiverGis:LoadSampleWhenEmpty", sampleFolder is null ? "false" : "true");
        if (sampleFolder is not null) builder.UseSetting("RiverGis:SampleDataFolder", sampleFolder);
        foreach (var (key, value) in settings ?? TestLimits) builder.UseSetting(key, value);
    }

    /// <summary>A factory over a fresh database, loaded with the dataset folder(s) in <paramref name="sampleFolder"/> (or empty).</summary>
    public static async Task<RiverGisFactory> CreateAsync(string purpose, string? sampleFolder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var connection = await PostgisServer.CreateDatabaseAsync(purpose);
        return new RiverGisFactory(connection, sampleFolder, settings);
    }
}
