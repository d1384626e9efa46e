using Npgsql;

namespace RiverGis.Api.Issues;

/// <summary>What the Open311 facade needs beyond the ledger's rows: when each request last changed.</summary>
public sealed class Open311Store(NpgsqlDataSource dataSource)
{
    /// <summary>The time of each issue's last event (filing or transition), for updated_datetime.</summary>
    public async Task<Dictionary<long, DateTimeOffset>> LastChangesAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var last = new Dictionary<long, DateTimeOffset>();
        if (ids.Count == 0) return last;
        await using var cmd = dataSource.CreateCommand("SELECT issue_id, max(at) FROM issue_events WHERE issue_id = ANY($1) GROUP BY issue_id");
        cmd.Parameters.AddWithValue(ids.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) last[reader.GetInt64(0)] = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
        return last;
    }
}
