using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Npgsql;
using RiverGis.Api.Cli;
using RiverGis.Api.Database;
using RiverGis.Api.Features;
using RiverGis.Api.Http;
using RiverGis.Api.Store;
using RiverGis.Geo.Dataset;

namespace RiverGis.Benchmarks;

/// <summary>
/// A GeoJSON page of 1000 segments (the /features segments collection, keyset page at one of 16 fixed random
/// positions), three ways on the same database: our path (<see cref="FeatureStore.ReadPageAsync"/>: the page built by PostgreSQL, written into a
/// stream as the endpoint does), PostGIS's own aggregation (json_agg(ST_AsGeoJSON(t.*)) of the same rows,
/// joins and properties, read as one string), and the bare rows our path reads (ST_AsGeoJSON per row, no writing) to
/// separate database time from writer time. The database is RIVERGIS_BENCH_CONNECTION when set (the scale script
/// passes the one it loaded), else a throwaway PostGIS cluster loaded with the synthetic province.
/// </summary>
[MemoryDiagnoser]
public class GeoJsonPageBenchmarks
{
    public const int PageSize = 1000;

    /// <summary>The same rows, joins and properties as the segments collection, aggregated by PostGIS.</summary>
    public const string PostgisPageSql = """
        SELECT json_agg(ST_AsGeoJSON(p.*, 'geom', 7)::json)::text FROM (
          SELECT t.code, t.name, t.river_code, r.name AS river_name, t.level, t.area_code, a.name AS area_name, t.chief_id,
                 c.name AS chief_name, c.phone AS chief_phone, (t.chief_id IS NULL) AS vacant, t.dataset_code,
                 round(t.length_m::numeric, 1) AS length_m, t.geom
          FROM segments t JOIN rivers r ON r.code = t.river_code JOIN admin_areas a ON a.code = t.area_code
               LEFT JOIN chiefs c ON c.id = t.chief_id
          WHERE t.code > $1 ORDER BY t.code LIMIT 1000) p
        """;

    private BenchDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private FeatureStore _store = null!;
    private string[] _cursors = null!;
    private int _next;

    [ParamsSource(nameof(RiverCounts))]
    public int Rivers { get; set; }

    public static IEnumerable<int> RiverCounts() => BenchData.RiverCounts();

    [GlobalSetup]
    public void Setup()
    {
        _database = BenchDatabase.OpenAsync(Rivers).GetAwaiter().GetResult();
        var builder = new NpgsqlDataSourceBuilder(_database.ConnectionString);
        builder.UseNetTopologySuite();
        _dataSource = builder.Build();
        _store = new FeatureStore(_dataSource, new DataVersion(_dataSource));
        var codes = new List<string>();
        using (var cmd = _dataSource.CreateCommand("SELECT code FROM segments ORDER BY code"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read()) codes.Add(reader.GetString(0));
        }
        var random = new Random(7);
        _cursors = Enumerable.Range(0, 16).Select(_ => codes[random.Next(Math.Max(1, codes.Count - PageSize))]).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dataSource.Dispose();
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private string NextCursor() => _cursors[_next++ & 15];

    [Benchmark(Baseline = true, Description = "PostGIS json_agg(ST_AsGeoJSON(t.*)) page")]
    public async Task<int> PostgisJsonAgg()
    {
        await using var cmd = _dataSource.CreateCommand(PostgisPageSql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = NextCursor() });
        var text = (string)(await cmd.ExecuteScalarAsync())!;
        return text.Length;
    }

    [Benchmark(Description = "Ours: FeatureStore.ReadPageAsync page, written")]
    public async Task<long> OursWritePage()
    {
        var stream = new CountingStream();
        using var page = await _store.ReadPageAsync(FeatureCollections.Segments, new FeatureQuery(PageSize, 0, null, null, NextCursor(), []), CancellationToken.None);
        await stream.WriteAsync(page.FeaturesJson);
        return stream.Length;
    }

    [Benchmark(Description = "Rows only: ST_AsGeoJSON per row, read, not written")]
    public async Task<long> RowsOnly()
    {
        var sql = $"SELECT t.code::text, ST_AsGeoJSON(t.geom, 7), " + string.Join(", ", FeatureCollections.Segments.Properties.Select(p => p.Sql))
                  + $" FROM {FeatureCollections.Segments.From} WHERE t.code > $1 ORDER BY t.code LIMIT {PageSize}";
        await using var cmd = _dataSource.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = NextCursor() });
        await using var reader = await cmd.ExecuteReaderAsync();
        long n = 0;
        while (await reader.ReadAsync())
        {
            n += reader.GetString(1).Length;
            for (var i = 2; i < reader.FieldCount; i++) _ = reader.GetValue(i);
        }
        return n;
    }

    /// <summary>Counts bytes, keeps nothing: the response body without a network.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A loaded RiverGis database: RIVERGIS_BENCH_CONNECTION, or a throwaway cluster with a generated province imported.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly LocalPostgres? _cluster;

    private BenchDatabase(string connectionString, LocalPostgres? cluster)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> OpenAsync(int rivers)
    {
        if (Environment.GetEnvironmentVariable(BenchData.ConnectionVariable) is { Length: > 0 } given) return new BenchDatabase(given, null);
        var cluster = await LocalPostgres.StartThrowawayAsync(Console.Error.WriteLine);
        await using var session = await DatabaseSession.OpenAsync(cluster.ConnectionString);
        var folder = BenchData.DatasetFolder;
        string? temporary = null;
        if (folder is null)
        {
            temporary = Path.Combine(Path.GetTempPath(), "rivergis-bench-" + Guid.NewGuid().ToString("N")[..8]);
            new DatasetWriter().Write(BenchData.Content(rivers), temporary);
            folder = temporary;
        }
        try
        {
            var result = await session.Get<DatasetImporter>().ImportAsync(folder);
            if (!result.Ok) throw new InvalidOperationException("import failed: " + string.Join("; ", result.Problems.Take(5)));
        }
        finally
        {
            if (temporary is not null) Directory.Delete(temporary, recursive: true);
        }
        return new BenchDatabase(cluster.ConnectionString, cluster);
    }

    public ValueTask DisposeAsync() => _cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}
