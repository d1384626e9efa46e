using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Database;
using RiverGis.Api.Hosting;
using RiverGis.Api.Store;
using RiverGis.Geo.Dataset;

namespace RiverGis.Api.Cli;

/// <summary>
/// `import [--strict] [--crs EPSG:4527] &lt;folder&gt;`: validates and loads a dataset folder (or a folder of dataset
/// folders), its layers as GeoJSON, Shapefiles (zipped or not) or GeoPackage tables; exit 1 and every problem listed
/// when it is bad. Trivial geometry defects are repaired and listed as warnings; --strict refuses them instead.
/// --crs names the CRS of files that state none. Exit 2 for bad arguments.
/// </summary>
public static class ImportCommand
{
    private const string Usage = "usage: import [--strict] [--crs EPSG:4527] <dataset-folder>";

    public static async Task<int> RunAsync(string[] args)
    {
        string? folder = null;
        var strict = false;
        Geo.Reprojection.SourceCrs? crs = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--strict":
                    strict = true;
                    break;
                case "--crs" when i + 1 < args.Length:
                    crs = CrsArgument.Parse(args[++i]);
                    if (crs is null) return 2;
                    break;
                case var a when !a.StartsWith('-') && folder is null:
                    folder = Path.GetFullPath(a);
                    break;
                default:
                    Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }
        if (folder is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        await using var database = await DatabaseConnection.ResolveAsync(null, Console.Error.WriteLine);
        await using var services = CommandLineServices.Build(database.ConnectionString);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var started = DateTime.UtcNow;
        var result = await services.GetRequiredService<DatasetImporter>().ImportAsync(folder, new SynchronousProgress(Console.Error.WriteLine),
            options: new DatasetReadOptions(crs, strict));
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
            Console.WriteLine($"Imported {d.Code} ({d.Name}): {d.Areas} areas, {d.Chiefs} chiefs, {d.Rivers} rivers, {d.Segments} segments, {d.Outlets} outlets, {d.PatrolTracks} patrol tracks");
        }
        Console.WriteLine($"Done in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool and can print after the command ended; this prints in order.</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report("  " + value);
    }
}
