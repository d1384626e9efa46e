using System.Diagnostics;
using System.Globalization;
using RiverGis.Api.Tiles;
using RiverGis.Generation;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Demarcation;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Network;
using RiverGis.Geo.Responsibility;
using RiverGis.Geo.Routing;

namespace RiverGis.Benchmarks;

/// <summary>Command-line options of the helper modes.</summary>
public sealed record Options(int Rivers, int Seed, string? Dataset, int Count, string? Out, int Points, int Threads, int Repeat,
    string? Connection = null, string Layer = "segments", string Zooms = "6,8,10", string Features = "2000,10000,20000")
{
    public static Options Parse(string[] args)
    {
        var o = new Options(2000, 1, BenchData.DatasetFolder, 10_000, null, 20_000, Environment.ProcessorCount, 1,
            Environment.GetEnvironmentVariable(BenchData.ConnectionVariable));
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--rivers" => o with { Rivers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dataset" => o with { Dataset = Next() },
                "--count" => o with { Count = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--out" => o with { Out = Next() },
                "--points" => o with { Points = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--threads" => o with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--repeat" => o with { Repeat = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--connection" => o with { Connection = Next() },
                "--layer" => o with { Layer = Next() },
                "--zooms" => o with { Zooms = Next() },
                "--features" => o with { Features = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }

    public DatasetContent Content() => Dataset is { } folder ? BenchData.Read(folder) : BenchData.Content(Rivers, Seed);
}

public static class HelperModes
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Prints "key TAB value TAB unit" (the scale script greps these) and mirrors it on stderr for people.</summary>
    private static void Emit(string key, double value, string unit)
    {
        Console.WriteLine(string.Create(Inv, $"{key}\t{value:0.###}\t{unit}"));
        Console.Error.WriteLine(string.Create(Inv, $"  {key,-44} {value,14:#,0.###} {unit}"));
    }

    /// <summary>
    /// Routing-index memory: GC.GetTotalMemory(true) before and after building a <see cref="ResponsibilityIndex"/> on an
    /// already built <see cref="RiverSystem"/>. The first build also fills the system's segment-alignment cache (kept
    /// by the system, shared with the analyses); the rebuild is what an index alone holds. Both are reported.
    /// </summary>
    public static int Memory(Options o)
    {
        var data = Load(o);
        var system = new RiverSystem(data);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var first = new ResponsibilityIndex(system);
        var afterFirst = GC.GetTotalMemory(forceFullCollection: true);
        var second = new ResponsibilityIndex(system);
        var afterSecond = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(first);
        GC.KeepAlive(second);
        var segments = second.SegmentCount;
        Emit("segments", segments, "count");
        Emit("chunks", second.ChunkCount, "count");
        Emit("intervals", second.IntervalCount, "count");
        Emit("index_bytes_per_segment", (double)(afterSecond - afterFirst) / segments, "B");
        Emit("first_build_bytes_per_segment", (double)(afterFirst - before) / segments, "B");
        Emit("estimate_bytes_per_segment", (double)second.MemoryEstimateBytes / segments, "B");
        Emit("index_total_mb", (afterSecond - afterFirst) / 1048576.0, "MiB");
        Emit("process_working_set_mb", Environment.WorkingSet / 1048576.0, "MiB");
        return 0;
    }

    /// <summary>Stopwatch timings of everything the service does in memory over a whole network (one run, same process).</summary>
    public static int Analyze(Options o)
    {
        var watch = Stopwatch.StartNew();
        var content = o.Content();
        Emit(o.Dataset is null ? "generate_ms" : "read_validate_ms", watch.Elapsed.TotalMilliseconds, "ms");
        var data = BenchData.ToSystemData(content);
        Emit("areas", data.Areas.Count, "count");
        Emit("rivers", data.Rivers.Count, "count");
        Emit("segments", data.Segments.Count, "count");
        Emit("river_vertices", data.Rivers.Sum(r => r.Geometry.NumPoints), "count");

        var system = Time("river_system_build_ms", () => new RiverSystem(data));
        var index = Time("routing_index_build_ms", () => new ResponsibilityIndex(system));
        var network = Time("river_network_build_ms", () => new RiverNetwork(system));
        GC.KeepAlive(network);
        var levels = system.LevelsPresent.Where(l => l != AdminLevel.Province).ToList();
        foreach (var level in levels)
        {
            for (var r = 0; r < o.Repeat; r++)
            {
                // Where cold time goes: the stretches of every river in the level's areas, the segment alignments.
                var split = new RiverSystem(data);
                var rivers = split.Rivers.Values.Where(r => r.River.Level.IsAtOrAbove(level)).ToList();
                Time($"coverage_{level.ToCode()}_stretches_only_ms", () => rivers.Sum(r => split.StretchesOf(r.River.Code, level).Count));
                Time($"coverage_{level.ToCode()}_alignments_only_ms", () => rivers.Sum(r => split.SegmentsOn(r.River.Code, level).Count(s => !split.AlignmentOf(s, 25).Covered.IsEmpty)));
                // Cold: a fresh system, so no stretch or alignment is cached; then warm on the same system.
                var fresh = new RiverSystem(data);
                var cold = Time($"coverage_{level.ToCode()}_cold_ms", () => CoverageAnalyzer.Analyze(fresh, new CoverageQuery(level)));
                var warm = Time($"coverage_{level.ToCode()}_warm_ms", () => CoverageAnalyzer.Analyze(fresh, new CoverageQuery(level)));
                if (r == 0)
                {
                    Emit($"coverage_{level.ToCode()}_gaps", cold.Gaps.Count, "count");
                    Emit($"coverage_{level.ToCode()}_gap_km", cold.Totals.UnassignedM / 1000 + cold.Totals.VacantM / 1000, "km");
                    Emit($"coverage_{level.ToCode()}_rivers", cold.Totals.RiverCount, "count");
                }
                GC.KeepAlive(warm);
            }
        }
        var crossings = Time("cross_boundary_all_levels_ms", () => CrossBoundarySegments.Find(system));
        Emit("cross_boundary_parts", crossings.Count, "count");
        foreach (var level in system.LevelsPresent.Where(l => l <= AdminLevel.County))
        {
            var border = Time($"border_rivers_{level.ToCode()}_ms", () => BorderRivers.Find(system, new BorderRiverQuery(level)));
            Emit($"border_rivers_{level.ToCode()}_stretches", border.Count, "count");
        }
        var overlaps = Time("overlaps_all_levels_ms", () => OverlapFinder.Find(system));
        Emit("overlaps", overlaps.Count, "count");

        var points = BenchData.Points(data, o.Points);
        foreach (var (lon, lat) in points.Take(500)) index.Resolve(lon, lat);
        watch.Restart();
        var onRiver = 0;
        foreach (var (lon, lat) in points)
        {
            if (index.Resolve(lon, lat).RiverCode is not null) onRiver++;
        }
        Emit("routing_us_per_query_1_thread", watch.Elapsed.TotalMicroseconds / points.Length, "us");
        Emit("routing_points_on_a_river", onRiver, "count");
        watch.Restart();
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = o.Threads }, i => index.Resolve(points[i].Lon, points[i].Lat));
        Emit($"routing_queries_per_s_{o.Threads}_threads", points.Length / watch.Elapsed.TotalSeconds, "q/s");
        return 0;
    }

    /// <summary>
    /// What showing a whole layer costs as vector tiles: every tile of /tiles/{layer}/{z}/{x}/{y}.mvt covering the
    /// data at each zoom, made by the endpoint's own code (<see cref="VectorTileStore.TileAsync"/>) one after the
    /// other on one connection: tile count, total and largest bytes, total and per-tile time.
    /// </summary>
    public static int Tiles(Options o)
    {
        if (o.Connection is null) throw new ArgumentException("tiles needs --connection or RIVERGIS_BENCH_CONNECTION");
        using var dataSource = new Npgsql.NpgsqlDataSourceBuilder(o.Connection).Build();
        double minX, minY, maxX, maxY;
        using (var cmd = dataSource.CreateCommand("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM segments) x"))
        using (var reader = cmd.ExecuteReader())
        {
            reader.Read();
            if (reader.IsDBNull(0)) return 0;
            (minX, minY, maxX, maxY) = (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
        }
        var store = new VectorTileStore(dataSource);
        var layer = VectorTileStore.Find(o.Layer) ?? throw new ArgumentException($"unknown tile layer '{o.Layer}'");
        foreach (var z in o.Zooms.Split(',').Select(int.Parse))
        {
            int Col(double lon) => (int)Math.Floor((lon + 180) / 360 * (1 << z));
            int Row(double lat)
            {
                var rad = lat * Math.PI / 180;
                return (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * (1 << z));
            }
            long total = 0, largest = 0;
            var count = 0;
            var watch = Stopwatch.StartNew();
            for (var x = Col(minX); x <= Col(maxX); x++)
            {
                for (var y = Row(maxY); y <= Row(minY); y++)
                {
                    var bytes = store.TileAsync(layer, z, x, y, CancellationToken.None).GetAwaiter().GetResult();
                    total += bytes.Length;
                    largest = Math.Max(largest, bytes.Length);
                    count++;
                }
            }
            Emit($"tiles_{o.Layer}_z{z}_count", count, "tiles");
            Emit($"tiles_{o.Layer}_z{z}_total_kb", total / 1024.0, "KiB");
            Emit($"tiles_{o.Layer}_z{z}_largest_kb", largest / 1024.0, "KiB");
            Emit($"tiles_{o.Layer}_z{z}_total_ms", watch.Elapsed.TotalMilliseconds, "ms");
            Emit($"tiles_{o.Layer}_z{z}_ms_per_tile", watch.Elapsed.TotalMilliseconds / Math.Max(1, count), "ms");
        }
        return 0;
    }

    /// <summary>Routing alone: µs and allocated bytes per Resolve over the fixed points, single thread, after a warm-up (best of --repeat).</summary>
    public static int Routing(Options o)
    {
        var data = Load(o);
        var index = new ResponsibilityIndex(new RiverSystem(data));
        var points = BenchData.Points(data, o.Points);
        foreach (var (lon, lat) in points) index.Resolve(lon, lat);
        var best = double.MaxValue;
        long bytes = 0;
        for (var r = 0; r < Math.Max(3, o.Repeat); r++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            foreach (var (lon, lat) in points) index.Resolve(lon, lat);
            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / points.Length);
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / points.Length;
        }
        Emit("routing_us_per_query_best", best, "us");
        Emit("routing_allocated_bytes_per_query", bytes, "B");
        return 0;
    }

    /// <summary>
    /// The generated province's planted-defects manifest against the coverage analysis at every level
    /// (<see cref="ManifestAudit"/>): rivers without any segment and how many the manifest lists, planted gaps found
    /// with the length the tolerance rule explains, missed ones, and gaps nobody planted (0 for a complete manifest).
    /// </summary>
    public static int Manifest(Options o)
    {
        var watch = Stopwatch.StartNew();
        var province = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = o.Rivers, Seed = o.Seed });
        Emit("generate_ms", watch.Elapsed.TotalMilliseconds, "ms");
        watch.Restart();
        var audit = ManifestAudit.Run(province);
        Emit("audit_ms", watch.Elapsed.TotalMilliseconds, "ms");
        Emit("rivers", audit.Rivers, "count");
        Emit("rivers_without_segment", audit.RiversWithoutSegment.Count, "count");
        Emit("rivers_without_segment_not_listed", audit.UnlistedRiversWithoutSegment.Count, "count");
        Emit("river_km_outside_province", audit.OutsideTopLevelM / 1000, "km");
        foreach (var kind in new[] { DefectKind.Unassigned, DefectKind.Vacant })
        {
            var planted = audit.PlantedGaps.Where(g => g.Planted.Kind == kind).ToList();
            var name = PlantedDefects.KindCode(kind);
            Emit($"planted_{name}", planted.Count, "count");
            Emit($"planted_{name}_found", planted.Count(g => g.Found), "count");
            Emit($"planted_{name}_found_with_expected_length", planted.Count(g => g.Found && audit.ExplainedLength(g)), "count");
            Emit($"planted_{name}_missed", planted.Count(g => !g.Found), "count");
            Emit($"planted_{name}_missed_longest_m", planted.Where(g => !g.Found).Select(g => g.Planted.ExpectedLengthM).DefaultIfEmpty().Max(), "m");
        }
        Emit("unplanned_gaps", audit.UnplannedGaps.Count, "count");
        Emit("unplanned_gap_km", audit.UnplannedGaps.Sum(g => g.LengthM) / 1000, "km");
        return audit.UnlistedRiversWithoutSegment.Count == 0 && audit.UnplannedGaps.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// The demarcation check in process, on the prepared stored system as the service has it: for each K of
    /// --features, the first K segments of the dataset (as new objects, as an upload gives them) proposed with
    /// river-levels-touched: time, bytes allocated, managed heap at its largest during the check above the heap before,
    /// and what is still held after it (the report dropped, a full collection).
    /// </summary>
    public static int Demarcation(Options o)
    {
        var system = new RiverSystem(Load(o));
        foreach (var k in o.Features.Split(',').Select(int.Parse))
        {
            var proposed = system.Data.Segments.Take(k).Select((s, i) => new ProposedSegment(s with { }, i)).ToList();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var peak = before;
            using var sampling = new Timer(_ => peak = Math.Max(peak, GC.GetTotalMemory(false)), null, 0, 20);
            var watch = Stopwatch.StartNew();
            var report = DemarcationChecker.Check(system, proposed, SegmentReplacement.RiverLevelsTouched);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            sampling.Change(Timeout.Infinite, Timeout.Infinite);
            peak = Math.Max(peak, GC.GetTotalMemory(false));
            Emit($"demarcation_{k}_ms", elapsed, "ms");
            Emit($"demarcation_{k}_allocated_mb", (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0, "MiB");
            Emit($"demarcation_{k}_peak_heap_growth_mb", (peak - before) / 1048576.0, "MiB");
            Emit($"demarcation_{k}_problems", report.Problems.Count, "count");
            Emit($"demarcation_{k}_errors", report.ErrorCount, "count");
            report = null;
            proposed = null;
            Emit($"demarcation_{k}_held_after_mb", (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0, "MiB");
        }
        return 0;
    }

    public static int WritePoints(Options o)
    {
        if (o.Out is null) throw new ArgumentException("points needs --out FILE");
        var points = BenchData.Points(Load(o), o.Count);
        using var writer = new StreamWriter(o.Out);
        foreach (var (lon, lat) in points) writer.WriteLine(string.Create(Inv, $"{lon:0.0000000}\t{lat:0.0000000}"));
        Console.Error.WriteLine($"wrote {points.Length} points to {o.Out}");
        return 0;
    }

    private static RiverSystemData Load(Options o) => BenchData.ToSystemData(o.Content());

    private static T Time<T>(string key, Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        Emit(key, watch.Elapsed.TotalMilliseconds, "ms");
        return result;
    }
}
