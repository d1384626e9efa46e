namespace RiverGis.Api.Database;

/// <summary>
/// The database the process works against: RIVERGIS_CONNECTION when set (an Npgsql connection string), otherwise the
/// project-local PostGIS cluster, provisioned on first use (see <see cref="LocalPostgres"/>).
/// </summary>
public sealed class DatabaseConnection : IAsyncDisposable
{
    public const string EnvironmentVariable = "RIVERGIS_CONNECTION";

    private readonly LocalPostgres? _local;

    private DatabaseConnection(string connectionString, LocalPostgres? local)
    {
        ConnectionString = connectionString;
        _local = local;
    }

    public string ConnectionString { get; }

    public static async Task<DatabaseConnection> ResolveAsync(IConfiguration? configuration, Action<string> log, CancellationToken ct = default)
    {
        var configured = configuration?[EnvironmentVariable] ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return new DatabaseConnection(configured, null);
        var local = await LocalPostgres.StartProjectClusterAsync(log, ct);
        return new DatabaseConnection(local.ConnectionString, local);
    }

    public ValueTask DisposeAsync() => _local?.DisposeAsync() ?? ValueTask.CompletedTask;
}
