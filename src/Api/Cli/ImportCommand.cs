using System.CommandLine;
using System.Diagnostics;
using RiverGis.Api.Store;
using RiverGis.Geo.Dataset;
using Spectre.Console;

namespace RiverGis.Api.Cli;

/// <summary>
/// `import [--strict] [--crs EPSG:4527] &lt;folder&gt;`: validates and loads a dataset folder (or a folder of dataset
/// folders), its layers as GeoJSON, Shapefiles (zipped or not) or GeoPackage tables, in one transaction. Trivial geometry
/// defects are repaired and listed as warnings; --strict refuses them instead. --crs names the CRS of files that state
/// none. Exit 0 loaded, 1 refused (every problem listed, database unchanged), 2 bad arguments.
/// </summary>
public sealed class ImportCommand : Command
{
    private readonly Argument<string> _folder = new("folder")
    {
        Description = "A dataset folder (with dataset.json) or a folder of dataset folders; relative to the current directory.",
    };

    private readonly Option<bool> _strict = new("--strict") { Description = "Refuse trivially repairable geometry instead of repairing it." };
    private readonly Option<Geo.Reprojection.SourceCrs?> _crs = CrsArgument.Option();

    public ImportCommand() : base("import", "Validate a dataset folder (or a folder of them) and load it in one transaction; " +
                                            "exit 1 with every problem listed and the database unchanged.")
    {
        Arguments.Add(_folder);
        Options.Add(_strict);
        Options.Add(_crs);
        SetAction((result, ct) => RunAsync(Path.GetFullPath(result.GetRequiredValue(_folder)),
            new DatasetReadOptions(result.GetValue(_crs), result.GetValue(_strict)), ct));
    }

    private static async Task<int> RunAsync(string folder, DatasetReadOptions options, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(ct);
        var watch = Stopwatch.StartNew();
        var result = await ConsoleProgress.RunAsync(context =>
            session.Get<DatasetImporter>().ImportAsync(folder, new ImportBars(context), ct, options));
        if (result.Warnings.Count > 0)
        {
            Console.Error.WriteLine($"{result.Warnings.Count} warning(s) (repaired, not refused):");
            foreach (var warning in result.Warnings) Console.Error.WriteLine("  " + warning);
        }
        if (!result.Ok)
        {
            Console.Error.WriteLine($"Import refused: {result.Problems.Count} problem(s); the database is unchanged.");
            foreach (var problem in result.Problems) Console.Error.WriteLine("  " + problem);
            CrsArgument.HintIfNeeded(result.Problems);
            return 1;
        }
        foreach (var d in result.Datasets)
        {
            Console.WriteLine($"Imported {d.Code} ({d.Name}): {d.Areas} areas, {d.Chiefs} chiefs, {d.Rivers} rivers, {d.Segments} segments, " +
                              $"{d.Outlets} outlets, {d.PatrolTracks} patrol tracks");
        }
        Console.WriteLine($"Done in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>One bar per phase: reading (features counted per file), loading (rows of every table), committing.</summary>
    private sealed class ImportBars(ProgressContext context) : IProgress<ImportProgress>
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<ImportPhase, ProgressTask> _bars = [];
        private readonly Dictionary<string, (long Done, long Total)> _tables = [];

        public void Report(ImportProgress value)
        {
            lock (_lock)
            {
                var bar = BarFor(value.Phase);
                switch (value.Phase)
                {
                    case ImportPhase.Read:
                        bar.Describe($"读取校验 reading {value.Item}: {value.Done:N0} features");
                        break;
                    case ImportPhase.Load:
                        // Tables are copied one after the other: the bar covers the rows of every table seen so far.
                        _tables[value.Item] = (value.Done, value.Total);
                        bar.MaxValue = Math.Max(1, _tables.Values.Sum(t => t.Total));
                        bar.Value = _tables.Values.Sum(t => t.Done);
                        bar.Describe($"写入 loading {value.Item}");
                        break;
                    case ImportPhase.Commit when value.Done == value.Total:
                        bar.Done("提交 committed");
                        break;
                }
            }
        }

        private ProgressTask BarFor(ImportPhase phase)
        {
            if (_bars.TryGetValue(phase, out var bar)) return bar;
            // A new phase means the ones before it are finished.
            foreach (var open in _bars.Values.Where(b => !b.IsFinished)) open.Done(open.Description);
            bar = context.Bar(phase switch
            {
                ImportPhase.Read => "读取校验 reading",
                ImportPhase.Load => "写入 loading",
                _ => "提交 committing (constraint checks)",
            });
            bar.IsIndeterminate = phase != ImportPhase.Load;
            return _bars[phase] = bar;
        }
    }
}
