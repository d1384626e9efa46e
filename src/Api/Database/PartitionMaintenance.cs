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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex))
            {
                logger.LogWarning("Partition maintenance skipped, the database is away: {Message}", ex.GetBaseException().Message);
            }
            try
            {
                await Task.Delay(TimeSpan.FromHours(options.Value.IntervalHours), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (table, policy) in options.Value.Tables)
        {
            for (var month = -1; month <= options.Value.MonthsAhead; month++) await EnsureAsync(table, now.AddMonths(month), ct);
            foreach (var waiting in await MonthsInDefaultAsync(table, ct))
            {
                logger.LogInformation("Moving {Table} rows of {Month:yyyy-MM} out of the default partition", table, waiting.ToOffset(TimeSpan.FromHours(8)));
                await EnsureAsync(table, waiting, ct);
            }
            if (policy.RetentionMonths is { } keep)
            {
                await using var drop = dataSource.CreateCommand("SELECT drop_month_partitions_before($1::regclass, $2)");
                drop.Parameters.AddWithValue(table);
                drop.Parameters.AddWithValue(now.AddMonths(-keep).UtcDateTime);
                await using var reader = await drop.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) logger.LogInformation("Retention: dropped partition {Partition}", reader.GetString(0));
            }
        }
    }

    private async Task EnsureAsync(string table, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT ensure_month_partition($1::regclass, $2)");
        cmd.Parameters.AddWithValue(table);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        await cmd.ExecuteScalarAsync(ct);
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
