using BenchmarkDotNet.Running;
using RiverGis.Benchmarks;

// Helper modes used by benchmarks/scale/run.sh, then BenchmarkDotNet for everything else:
//   memory  [--rivers N] [--seed S] [--dataset DIR]           routing-index bytes per segment (GC.GetTotalMemory)
//   analyze [--rivers N] [--seed S] [--dataset DIR] [--points K] [--threads T] [--repeat R]
//                                                             stopwatch timings of the whole-network work, TSV on stdout
//   points  [--rivers N] [--seed S] [--dataset DIR] --count K --out FILE
//                                                             the fixed report positions as "lon<TAB>lat" lines
//   routing [--rivers N] [--dataset DIR] [--points K] [--repeat R]
//                                                             µs and allocated bytes per Resolve, one thread
//   tiles   --connection CS [--layer segments] [--zooms 6,8,10]
//                                                             every vector tile covering the data: count, bytes, time
//   manifest [--rivers N] [--seed S]                          the planted-defects manifest against the coverage analysis
//   demarcation [--rivers N] [--dataset DIR] [--features 2000,10000,20000]
//                                                             the demarcation check on the first K segments: time, memory
//   (anything else)                                           BenchmarkSwitcher, e.g. --filter '*Routing*'
var verb = args.Length > 0 ? args[0] : "";
return verb switch
{
    "memory" => HelperModes.Memory(Options.Parse(args[1..])),
    "analyze" => HelperModes.Analyze(Options.Parse(args[1..])),
    "points" => HelperModes.WritePoints(Options.Parse(args[1..])),
    "tiles" => HelperModes.Tiles(Options.Parse(args[1..])),
    "routing" => HelperModes.Routing(Options.Parse(args[1..])),
    "manifest" => HelperModes.Manifest(Options.Parse(args[1..])),
    "demarcation" => HelperModes.Demarcation(Options.Parse(args[1..])),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
