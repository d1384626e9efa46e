using Microsoft.Extensions.Options;
using Npgsql;
using RiverGis.Api.Faults;

namespace RiverGis.Api.Database;

/// <summary>The retention of one monthly-partitioned table.</summary>
public sealed class PartitionPolicy
{
    /// <summary>Months kept (whole months before are dropped); null keeps every month.</summary>
    public int? RetentionMonths { get; set; }
}

/// <summary>Configuration of the monthly partitions (section "Partitions").</summary>
public sealed class PartitionOptions
{
    /// <summary>
    /// Every table partitioned by month (migration 0041's functions work on any of them), with its retention. A new
    /// partitioned table is one entry here (or in configuration: Partitions:Tables:&lt;table&gt;:RetentionMonths).
    /// </summary>
    public Dictionary<string, PartitionPolicy> Tables { get; set; } = new()
    {
        ["patrol_tracks"] = new(),
        ["issue_events"] = new(),
    };

    /// <summary>Months created ahead of the current one.</summary>
    public int MonthsAhead { get; set; } = 3;

    /// <summary>Hours between maintenance runs (one also runs at start).</summary>
    public double IntervalHours { get; set; } = 1;
}

/// <summary>
/// Keeps the monthly partitions in shape: creates the partitions of the last, current and next months ahead of time,
/// moves rows that arrived in a table's DEFAULT partition (an imported patrol of an old month) into a partition of
/// their own, and drops months past the retention. Runs at start and then periodically; safe with several instances.
/// </summary>
public sealed class PartitionMaintenance(NpgsqlDataSource dataSource, IOptions<PartitionOptions> options, TimeProvider clock,
    ILogger<PartitionMaintenance> logger) : BackgroundService
{
    /// <summary>
    /// Maintenance never waits long for a lock: creating or attaching a partition locks the parent and the tables its
    /// foreign keys reference, and an import holds those. It yields (lock_timeout below deadlock_timeout, so an import is
    /// never the deadlock victim) and tries again soon.
    /// </summary>
    private const string LockTimeout = "SET LOCAL lock_timeout = '300ms'";
    private static readonly TimeSpan RetrySoon = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var complete = false;
            try
            {
                complete = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A maintenance failure must never stop the service; the next run tries again.
                if (DatabaseFaults.IsUnavailable(ex)) logger.LogWarning("Partition maintenance skipped, the database is away: {Message}", ex.GetBaseException().Message);
                else logger.LogError(ex, "Partition maintenance failed");
            }
            try
            {
                await Task.Delay(complete ? TimeSpan.FromHours(options.Value.IntervalHours) : RetrySoon, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One maintenance pass over every table; false when a step yielded to a lock and must be tried again soon.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var complete = true;
        foreach (var (table, policy) in options.Value.Tables)
        {
            for (var month = -1; month <= options.Value.MonthsAhead; month++)
                complete &= await YieldingAsync("SELECT ensure_month_partition($1::regclass, $2)", table, now.AddMonths(month), ct);
            foreach (var waiting in await MonthsInDefaultAsync(table, ct))
            {
                logger.LogInformation("Moving {Table} rows of {Month:yyyy-MM} out of the default partition", table, waiting.ToOffset(TimeSpan.FromHours(8)));
                complete &= await YieldingAsync("SELECT ensure_month_partition($1::regclass, $2)", table, waiting, ct);
            }
            if (policy.RetentionMonths is { } keep)
                complete &= await YieldingAsync("SELECT count(*) FROM drop_month_partitions_before($1::regclass, $2)", table, now.AddMonths(-keep), ct);
        }
        return complete;
    }

    /// <summary>Runs one step in a transaction that gives up on a lock quickly; false when it did.</summary>
    private async Task<bool> YieldingAsync(string sql, string table, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await using (var timeout = new NpgsqlCommand(LockTimeout, connection, tx)) await timeout.ExecuteNonQueryAsync(ct);
            await using (var cmd = new NpgsqlCommand(sql, connection, tx))
            {
                cmd.Parameters.AddWithValue(table);
                cmd.Parameters.AddWithValue(at.UtcDateTime);
                await cmd.ExecuteScalarAsync(ct);
            }
            await tx.CommitAsync(ct);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected)
        {
            logger.LogInformation("Partition maintenance of {Table} yielded to a lock; trying again soon", table);
            await tx.RollbackAsync(CancellationToken.None);
            return false;
        }
    }

    private async Task<List<DateTimeOffset>> MonthsInDefaultAsync(string table, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT m FROM months_in_default_partition($1::regclass) m");
        cmd.Parameters.AddWithValue(table);
        var months = new List<DateTimeOffset>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) months.Add(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero));
        return months;
    }
}
