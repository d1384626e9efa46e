using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Database;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Faults;

/// <summary>
/// Patrol tracks and issue events live in monthly partitions (China Standard Time months): a month's query reads one
/// partition (checked on PostgreSQL's own plan), rows of a month without a partition wait in the DEFAULT partition
/// until maintenance gives them one, and retention drops whole old months.
/// </summary>
public sealed class PartitionTests(MiniService service) : IClassFixture<MiniService>
{
    private string Connection => service.ConnectionString;

    /// <summary>The current month in China Standard Time (maintenance has created its partition at start).</summary>
    private static readonly DateTimeOffset Month = new(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year,
        DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Month, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static string Range(string column) => $"{column} >= '{Month:yyyy-MM-ddTHH:mm:sszzz}' AND {column} < '{Month.AddMonths(1):yyyy-MM-ddTHH:mm:sszzz}'";

    private async Task<List<string>> ScannedAsync(string query)
    {
        // The service's maintenance creates the month at start in the background; make sure it has.
        await RunAsync(ActivatorUtilities.CreateInstance<PartitionMaintenance>(service.Factory.Services));
        var plan = string.Join("\n", await Db.ColumnAsync<string>(Connection, "EXPLAIN (COSTS OFF) " + query));
        return System.Text.RegularExpressions.Regex.Matches(plan, @"on (\w+_(?:\d{6}|default))\b").Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    [Fact]
    public async Task A_months_patrol_query_reads_one_partition()
    {
        var scanned = await ScannedAsync(
            $"SELECT chief_id, started_at, ended_at, geom FROM patrol_tracks WHERE {Range("started_at")}");
        Assert.Equal([$"patrol_tracks_{Month:yyyyMM}"], scanned);
    }

    [Fact]
    public async Task A_months_ledger_events_query_reads_one_partition()
    {
        var scanned = await ScannedAsync(
            $"SELECT action, count(*) FROM issue_events WHERE {Range("at")} GROUP BY action");
        Assert.Equal([$"issue_events_{Month:yyyyMM}"], scanned);
    }

    /// <summary>A pass may yield to a lock held by the service's own background maintenance: try again.</summary>
    private static async Task RunAsync(PartitionMaintenance maintenance)
    {
        for (var attempt = 0; attempt < 20 && !await maintenance.RunOnceAsync(default); attempt++) await Task.Delay(200);
    }

    [Fact]
    public async Task Maintenance_moves_rows_out_of_the_default_partition_and_drops_months_past_retention()
    {
        // A patrol of a month long past (an imported archive) lands in the DEFAULT partition…
        var chief = await Db.ScalarAsync<string>(Connection, "SELECT id FROM chiefs ORDER BY id LIMIT 1");
        var dataset = await Db.ScalarAsync<string>(Connection, "SELECT code FROM datasets LIMIT 1");
        await Db.ScalarAsync<int>(Connection, $"""
            WITH x AS (INSERT INTO patrol_tracks (dataset_code, chief_id, started_at, ended_at, length_m, geom)
                VALUES ('{dataset}', '{chief}', '2019-05-31T23:30:00+08:00', '2019-06-01T01:00:00+08:00', 100,
                        ST_GeomFromText('LINESTRING(100 30, 100.001 30)', 4326)) RETURNING 1) SELECT 1
            """);
        Assert.Equal("patrol_tracks_default", await Db.ScalarAsync<string>(Connection,
            "SELECT tableoid::regclass::text FROM patrol_tracks WHERE started_at = '2019-05-31T23:30:00+08:00'"));

        var maintenance = ActivatorUtilities.CreateInstance<PartitionMaintenance>(service.Factory.Services);
        await RunAsync(maintenance);
        // …and maintenance gives it its month (May in China Standard Time, April 30th 15:30 in UTC would say otherwise).
        Assert.Equal("patrol_tracks_201905", await Db.ScalarAsync<string>(Connection,
            "SELECT tableoid::regclass::text FROM patrol_tracks WHERE started_at = '2019-05-31T23:30:00+08:00'"));
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        foreach (var month in new[] { now.AddMonths(-1), now, now.AddMonths(3) })
            Assert.Equal(1L, await Db.ScalarAsync<long>(Connection, $"SELECT count(*) FROM pg_class WHERE relname = 'patrol_tracks_{month:yyyyMM}'"));

        // Retention of 24 months drops 2019-05 whole, and keeps the current month.
        var options = Microsoft.Extensions.Options.Options.Create(new PartitionOptions
        {
            Tables = new() { ["patrol_tracks"] = new PartitionPolicy { RetentionMonths = 24 } },
        });
        var retention = ActivatorUtilities.CreateInstance<PartitionMaintenance>(service.Factory.Services, options);
        await RunAsync(retention);
        Assert.Equal(0L, await Db.ScalarAsync<long>(Connection, "SELECT count(*) FROM pg_class WHERE relname = 'patrol_tracks_201905'"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(Connection, $"SELECT count(*) FROM pg_class WHERE relname = 'patrol_tracks_{now:yyyyMM}'"));
    }
}
