using Npgsql;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>Direct SQL against a test database: the independent view of what the service stored.</summary>
public static class Db
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using var cmd = dataSource.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Runs statements (test set-up the API has no call for).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using var cmd = dataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row.</summary>
    public static async Task<List<T>> ColumnAsync<T>(string connectionString, string sql)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using var cmd = dataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    /// <summary>Row counts of every data table, e.g. "admin_areas=3 chiefs=6 …", to compare before and after.</summary>
    public static async Task<string> CountsAsync(string connectionString)
    {
        var parts = new List<string>();
        foreach (var table in new[] { "datasets", "admin_areas", "chiefs", "rivers", "segments", "outlets", "patrol_tracks" })
        {
            parts.Add($"{table}={await ScalarAsync<long>(connectionString, $"SELECT count(*) FROM {table}")}");
        }
        parts.Add($"version={await ScalarAsync<long>(connectionString, "SELECT version FROM data_version")}");
        return string.Join(" ", parts);
    }
}
