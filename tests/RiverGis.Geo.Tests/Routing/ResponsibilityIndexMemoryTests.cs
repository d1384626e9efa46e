using System.Diagnostics;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Routing;
using Xunit.Abstractions;

namespace RiverGis.Geo.Tests.Routing;

[CollectionDefinition(nameof(MeasuresMemory), DisableParallelization = true)]
public class MeasuresMemory;

[Collection(nameof(MeasuresMemory))]
public class ResponsibilityIndexMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Index_holds_less_than_a_kilobyte_per_segment_and_answers_fast()
    {
        var system = new RiverSystem(SyntheticRivers.Build(riverCount: 6));
        // The first build fills the system's caches (segment alignments, the rivers' locate indexes) and JITs the
        // code; the second one shows what an index itself holds, which is what a rebuild adds.
        var warm = new ResponsibilityIndex(system);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new ResponsibilityIndex(system);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(warm);
        var perSegment = (double)(after - before) / index.SegmentCount;
        var estimatePerSegment = (double)index.MemoryEstimateBytes / index.SegmentCount;
        output.WriteLine($"segments {index.SegmentCount}, chunks {index.ChunkCount}, intervals {index.IntervalCount}: " +
                         $"measured {perSegment:0} B/segment, estimate {estimatePerSegment:0} B/segment");
        Assert.InRange(perSegment, 0, 1024);
        Assert.InRange(estimatePerSegment, 0.5 * perSegment, 1.5 * perSegment);

        var random = new Random(7);
        var points = Enumerable.Range(0, 2000).Select(_ => (Lon: 103.0 + random.NextDouble() * 0.3, Lat: 30.0 + random.NextDouble() * 0.06)).ToArray();
        foreach (var (lon, lat) in points.Take(100)) index.Resolve(lon, lat);
        var watch = Stopwatch.StartNew();
        var found = 0;
        foreach (var (lon, lat) in points)
        {
            if (index.Resolve(lon, lat).RiverCode is not null) found++;
        }
        var microseconds = watch.Elapsed.TotalMicroseconds / points.Length;
        output.WriteLine($"{microseconds:0.0} µs per Resolve ({found} of {points.Length} on a river)");
        Assert.True(found > points.Length / 2);
        // Generous bound for a debug build on a shared CI core; release builds run in tens of microseconds.
        Assert.InRange(microseconds, 0, 2000);
        GC.KeepAlive(index);
    }
}
