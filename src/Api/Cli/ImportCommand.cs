using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Database;
using RiverGis.Api.Hosting;
using RiverGis.Api.Store;

namespace RiverGis.Api.Cli;

/// <summary>`import &lt;folder&gt;`: validates and loads a dataset folder (or a folder of dataset folders); exit 1 and every problem listed when it is bad.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: import <dataset-folder>");
            return 2;
        }
        var folder = Path.GetFullPath(args[0]);
        await using var database = await DatabaseConnection.ResolveAsync(null, Console.Error.WriteLine);
        await using var services = CommandLineServices.Build(database.ConnectionString);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var started = DateTime.UtcNow;
        var result = await services.GetRequiredService<DatasetImporter>().ImportAsync(folder, new SynchronousProgress(Console.Error.WriteLine));
        if (!result.Ok)
        {
            Console.Error.WriteLine($"Import refused: {result.Problems.Count} problem(s); the database is unchanged.");
            foreach (var problem in result.Problems) Console.Error.WriteLine("  " + problem);
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
