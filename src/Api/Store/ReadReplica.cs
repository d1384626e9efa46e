using Npgsql;

namespace RiverGis.Api.Store;

/// <summary>
/// Where reads that may lag behind the primary go: a streaming replica named by RIVERGIS_READ_CONNECTION (feature
/// pages, ledger lists, the loads of the in-memory system and of patrol tracks), or the primary when it is unset.
/// Writes, and reads of a single resource a client may just have written (an issue by id, the answer to a write),
/// always go to the primary, so a replica's lag never hides a client's own write.
/// </summary>
public sealed class ReadReplica(NpgsqlDataSource dataSource, bool separate)
{
    public const string EnvironmentVariable = "RIVERGIS_READ_CONNECTION";

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>True when reads go to another server than the primary (so they may lag).</summary>
    public bool Separate { get; } = separate;
}
