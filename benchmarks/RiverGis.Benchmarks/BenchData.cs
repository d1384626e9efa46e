using System.Collections.Concurrent;
using System.Diagnostics;
using RiverGis.Geo.Dataset;
using RiverGis.Generation;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;

namespace RiverGis.Benchmarks;

/// <summary>
/// The data every benchmark runs on: a dataset folder (RIVERGIS_BENCH_DATASET, e.g. the real-data folders the scale
/// script builds) or, by default, a synthetic province generated in memory with N rivers (RIVERGIS_BENCH_RIVERS,
/// default 2000 so a quick run finishes in minutes; the report uses 20000) and seed RIVERGIS_BENCH_SEED (default 1).
/// BenchmarkDotNet runs each benchmark in its own process, which inherits these variables.
/// </summary>
public static class BenchData
{
    public const string RiversVariable = "RIVERGIS_BENCH_RIVERS";
    public const string SeedVariable = "RIVERGIS_BENCH_SEED";
    public const string DatasetVariable = "RIVERGIS_BENCH_DATASET";
    public const string ConnectionVariable = "RIVERGIS_BENCH_CONNECTION";

    private static readonly ConcurrentDictionary<string, DatasetContent> Cache = new();

    /// <summary>The river counts to run, from RIVERGIS_BENCH_RIVERS (comma-separated; default 2000).</summary>
    public static IEnumerable<int> RiverCounts() =>
        (Environment.GetEnvironmentVariable(RiversVariable) ?? "2000").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse);

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var s) ? s : 1;

    public static string? DatasetFolder => Environment.GetEnvironmentVariable(DatasetVariable) is { Length: > 0 } f ? f : null;

    /// <summary>The dataset of <see cref="DatasetFolder"/> when set, else the synthetic province with <paramref name="rivers"/> rivers.</summary>
    public static DatasetContent Content(int rivers, int? seed = null) =>
        DatasetFolder is { } folder ? Read(folder) : Cache.GetOrAdd($"gen:{rivers}:{seed ?? Seed}", _ =>
            SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = rivers, Seed = seed ?? Seed }).Content);

    /// <summary>Reads (and validates) a dataset folder; throws when it has problems.</summary>
    public static DatasetContent Read(string folder) => Cache.GetOrAdd("dir:" + Path.GetFullPath(folder), _ =>
    {
        var (content, problems) = new DatasetReader().Read(folder);
        if (content is null || problems.Count > 0)
            throw new InvalidOperationException($"{folder}: {problems.Count} problem(s), first: {problems.FirstOrDefault()}");
        return content;
    });

    public static RiverSystemData ToSystemData(DatasetContent c) => new(
        c.Areas.Select(a => a.Item).ToList(), c.Chiefs.Select(x => x.Item).ToList(), c.Rivers.Select(r => r.Item).ToList(),
        c.Segments.Select(s => s.Item).ToList(), c.Outlets.Select(o => o.Item).ToList());

    /// <summary>
    /// A fixed set of report positions: every other one near a river (a random vertex of a random river, moved up to
    /// 300 m east/north — most within the 500 m routing radius), the others anywhere in the data's extent (off the
    /// network, often inside an area: the general chief answers; sometimes outside every area: 404). Deterministic.
    /// </summary>
    public static (double Lon, double Lat)[] Points(RiverSystemData data, int count, int seed = 42)
    {
        var random = new Random(seed);
        var rivers = data.Rivers.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray();
        var extent = new NetTopologySuite.Geometries.Envelope();
        foreach (var r in rivers) extent.ExpandToInclude(r.Geometry.EnvelopeInternal);
        foreach (var a in data.Areas) extent.ExpandToInclude(a.Geometry.EnvelopeInternal);
        var points = new (double, double)[count];
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0 && rivers.Length > 0)
            {
                var coordinates = rivers[random.Next(rivers.Length)].Geometry.Coordinates;
                var c = coordinates[random.Next(coordinates.Length)];
                var (perLon, perLat) = Geodesic.MetresPerDegree(c.Y);
                points[i] = (Math.Clamp(c.X + (random.NextDouble() * 600 - 300) / perLon, -180, 180),
                             Math.Clamp(c.Y + (random.NextDouble() * 600 - 300) / perLat, -90, 90));
            }
            else
            {
                points[i] = (extent.MinX + random.NextDouble() * extent.Width, extent.MinY + random.NextDouble() * extent.Height);
            }
        }
        return points;
    }

    public static T Timed<T>(string what, Func<T> action, Action<string, double>? report = null)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        report?.Invoke(what, watch.Elapsed.TotalMilliseconds);
        return result;
    }
}
