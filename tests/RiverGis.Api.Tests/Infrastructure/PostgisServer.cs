using Npgsql;
using RiverGis.Api.Database;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL + PostGIS cluster for the whole test run, started the same way the service provisions
/// its own (no Docker, no mocks); each test class gets a fresh database in it, so classes can run in parallel.
/// </summary>
public static class PostgisServer
{
    private static readonly Lazy<Task<LocalPostgres>> Cluster = new(async () =>
    {
        var cluster = await LocalPostgres.StartThrowawayAsync(message => Console.WriteLine("[postgis] " + message));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    });

    public static async Task<string> AdminConnectionStringAsync() => (await Cluster.Value).ConnectionString;

    /// <summary>The cluster itself (its files), started as the service starts its own.</summary>
    public static Task<LocalPostgres> ClusterAsync() => Cluster.Value;

    /// <summary>A new empty database (with nothing applied) and its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var admin = await AdminConnectionStringAsync();
        var name = "t_" + new string(purpose.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(30).ToArray()) + "_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
