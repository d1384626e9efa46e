using Npgsql;

namespace RiverGis.Api.Http;

/// <summary>What /health asks the database.</summary>
public sealed class HealthStore(NpgsqlDataSource dataSource)
{
    public async Task<string?> PostgisVersionAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT postgis_lib_version()");
        return (string?)await cmd.ExecuteScalarAsync(ct);
    }
}
