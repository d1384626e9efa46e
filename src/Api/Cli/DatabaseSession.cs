using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiverGis.Api.Database;
using RiverGis.Api.Hosting;

namespace RiverGis.Api.Cli;

/// <summary>
/// The database and the store services without the web host, for verbs that work on the database directly
/// (import, check, and e.g. user administration): RIVERGIS_CONNECTION or the project-local cluster, migrations applied.
/// Opened only in a verb's action, after its arguments were parsed and checked.
/// </summary>
public sealed class DatabaseSession : IAsyncDisposable
{
    private readonly IAsyncDisposable? _database;
    private readonly ServiceProvider _services;

    private DatabaseSession(IAsyncDisposable? database, ServiceProvider services)
    {
        _database = database;
        _services = services;
    }

    /// <summary>RIVERGIS_CONNECTION, or the project-local cluster (started, and stopped again when the session ends).</summary>
    public static async Task<DatabaseSession> OpenAsync(CancellationToken ct)
    {
        var database = await DatabaseConnection.ResolveAsync(null, Console.Error.WriteLine, ct);
        return await OpenAsync(database.ConnectionString, database, ct);
    }

    /// <summary>A session on a database the caller owns (benchmarks, tools).</summary>
    public static Task<DatabaseSession> OpenAsync(string connectionString, CancellationToken ct = default) =>
        OpenAsync(connectionString, null, ct);

    private static async Task<DatabaseSession> OpenAsync(string connectionString, IAsyncDisposable? owned, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddRiverGisStore(connectionString);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        return new DatabaseSession(owned, provider);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public NpgsqlDataSource DataSource => Get<NpgsqlDataSource>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
