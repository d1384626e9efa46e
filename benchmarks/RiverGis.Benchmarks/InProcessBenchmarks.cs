using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using RiverGis.Geo.Routing;

namespace RiverGis.Benchmarks;

/// <summary>
/// Routing per query: <see cref="ResponsibilityIndex.Resolve"/> over 1024 fixed positions, half near rivers and half
/// anywhere in the province (see <see cref="BenchData.Points"/>). Reported per query (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int PointCount = 1024;
    private ResponsibilityIndex _index = null!;
    private (double Lon, double Lat)[] _points = null!;

    [ParamsSource(nameof(RiverCounts))]
    public int Rivers { get; set; }

    public static IEnumerable<int> RiverCounts() => BenchData.RiverCounts();

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchData.ToSystemData(BenchData.Content(Rivers));
        _index = new ResponsibilityIndex(new RiverSystem(data));
        _points = BenchData.Points(data, PointCount);
    }

    [Benchmark(OperationsPerInvoke = PointCount, Description = "Resolve (per query)")]
    public int Resolve()
    {
        var found = 0;
        foreach (var (lon, lat) in _points)
        {
            if (_index.Resolve(lon, lat).Chief is not null) found++;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = PointCount, Description = "Snap (per query)")]
    public int Snap()
    {
        var found = 0;
        foreach (var (lon, lat) in _points)
        {
            if (_index.Snap(lon, lat) is not null) found++;
        }
        return found;
    }
}

/// <summary>
/// Whole-network analyses per level. "Cold" builds a new <see cref="RiverSystem"/> from the loaded data and then
/// analyses (what the service pays on the first analysis after an import: projection, measured lines, the stretches
/// of every river in every area and every segment alignment); "Warm" analyses a system whose caches are already filled
/// (every later request). <c>BuildSystem</c> alone is listed so that the analysis share of "cold" can be read off.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class CoverageBenchmarks
{
    private RiverSystemData _data = null!;
    private RiverSystem _warm = null!;

    [ParamsSource(nameof(RiverCounts))]
    public int Rivers { get; set; }

    [Params(AdminLevel.County, AdminLevel.Township, AdminLevel.Village)]
    public AdminLevel Level { get; set; }

    public static IEnumerable<int> RiverCounts() => BenchData.RiverCounts();

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.ToSystemData(BenchData.Content(Rivers));
        _warm = new RiverSystem(_data);
        CoverageAnalyzer.Analyze(_warm, new CoverageQuery(Level));
    }

    [Benchmark(Description = "new RiverSystem")]
    public RiverSystem BuildSystem() => new(_data);

    [Benchmark(Description = "Coverage gaps, cold (new RiverSystem + Analyze)")]
    public int CoverageCold() => CoverageAnalyzer.Analyze(new RiverSystem(_data), new CoverageQuery(Level)).Gaps.Count;

    [Benchmark(Description = "Coverage gaps, warm (Analyze)")]
    public int CoverageWarm() => CoverageAnalyzer.Analyze(_warm, new CoverageQuery(Level)).Gaps.Count;
}

/// <summary>Cross-boundary segments (every level) and border rivers (county level) over the whole network, on a built system.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class CrossBoundaryBenchmarks
{
    private RiverSystem _system = null!;

    [ParamsSource(nameof(RiverCounts))]
    public int Rivers { get; set; }

    public static IEnumerable<int> RiverCounts() => BenchData.RiverCounts();

    [GlobalSetup]
    public void Setup() => _system = new RiverSystem(BenchData.ToSystemData(BenchData.Content(Rivers)));

    [Benchmark(Description = "CrossBoundarySegments.Find (all levels)")]
    public int CrossBoundary() => CrossBoundarySegments.Find(_system).Count;

    [Benchmark(Description = "BorderRivers.Find (county)")]
    public int BorderRiversCounty() => BorderRivers.Find(_system, new BorderRiverQuery(AdminLevel.County)).Count;

    [Benchmark(Description = "OverlapFinder.Find (all levels)")]
    public int Overlaps() => OverlapFinder.Find(_system).Count;
}
