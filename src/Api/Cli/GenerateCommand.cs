using System.Diagnostics;
using RiverGis.Generation;

namespace RiverGis.Api.Cli;

/// <summary>
/// `generate --rivers N --seed S [--province 51] [--defects 0.02] [--density 60] [--centre 104.5,30] &lt;folder&gt;`:
/// writes a deterministic synthetic province in the dataset format, plus &lt;folder&gt;.planted_defects.json listing
/// the defects planted on purpose (for checking the analyses).
/// </summary>
public static class GenerateCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var folder = args.LastOrDefault();
        if (args.Length == 0 || folder is null || folder.StartsWith('-'))
        {
            Console.Error.WriteLine("usage: generate --rivers N --seed S [--province 51] [--defects 0.02] [--density 60] [--centre 104.5,30] <folder>");
            return Task.FromResult(2);
        }
        GeneratorOptions options;
        try
        {
            options = GeneratorOptions.Parse(args[..^1]);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(ex.Message);
            return Task.FromResult(2);
        }
        var watch = Stopwatch.StartNew();
        var generated = SyntheticProvinceGenerator.GenerateTo(options, folder, Path.GetFullPath(folder).TrimEnd('/') + ".planted_defects.json");
        var c = generated.Content;
        Console.WriteLine($"Generated {c.Code} in {watch.Elapsed.TotalSeconds:0.0} s into {folder}: {c.Areas.Count} areas, {c.Chiefs.Count} chiefs, " +
            $"{c.Rivers.Count} rivers, {c.Segments.Count} segments, {c.Outlets.Count} outlets, {c.PatrolTracks.Count} patrol tracks; " +
            $"{generated.Defects.Items.Count} planted defects");
        return Task.FromResult(0);
    }
}
