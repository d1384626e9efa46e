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
    private readonly DatabaseConnection _database;
    private readonly ServiceProvider _services;

    private DatabaseSession(DatabaseConnection database, ServiceProvider services)
    {
        _database = database;
        _services = services;
    }

    public static async Task<DatabaseSession> OpenAsync(CancellationToken ct)
    {
        var database = await DatabaseConnection.ResolveAsync(null, Console.Error.WriteLine, ct);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddRiverGisStore(database.ConnectionString);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        return new DatabaseSession(database, provider);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public NpgsqlDataSource DataSource => Get<NpgsqlDataSource>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
