using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Database;
using RiverGis.Api.Demarcation;
using RiverGis.Api.Store;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Demarcation;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;

namespace RiverGis.Api.Cli;

/// <summary>
/// `check &lt;segments.geojson|.zip|.shp|.gpkg&gt; [--replace rivers-touched|river-levels-touched|all] [--tolerance-m 25]
/// [--area-code CODE] [--crs EPSG:4527]`: checks a proposed demarcation against the stored rivers, areas and chiefs and
/// prints a report in Chinese and English. Exit 0 when clean, 1 when problems were found, 2 when the file cannot be
/// read (also: a Shapefile without .prj and no --crs).
/// </summary>
public static class CheckCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? file = null;
        var replace = SegmentReplacement.RiverLevelsTouched;
        var tolerance = ResponsibilityCodes.DefaultToleranceM;
        string? area = null;
        Geo.Reprojection.SourceCrs? crs = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--replace" when i + 1 < args.Length && DemarcationKinds.TryParseReplacement(args[i + 1], out var r):
                    replace = r;
                    i++;
                    break;
                case "--tolerance-m" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var t) && t >= 0:
                    tolerance = t;
                    i++;
                    break;
                case "--area-code" when i + 1 < args.Length:
                    area = args[++i];
                    break;
                case "--crs" when i + 1 < args.Length:
                    crs = CrsArgument.Parse(args[++i]);
                    if (crs is null) return 2;
                    break;
                case var a when !a.StartsWith('-') && file is null:
                    file = a;
                    break;
                default:
                    Console.Error.WriteLine($"unexpected argument '{args[i]}'\nusage: {Usage}");
                    return 2;
            }
        }
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine(file is null ? $"usage: {Usage}" : $"{file}: no such file");
            return 2;
        }
        await using var database = await DatabaseConnection.ResolveAsync(null, Console.Error.WriteLine);
        await using var services = CommandLineServices.Build(database.ConnectionString);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var stored = await new RiverSystemLoader(services.GetRequiredService<Npgsql.NpgsqlDataSource>()).LoadAsync();
        if (area is not null && stored.Areas.All(a => a.Code != area))
        {
            Console.Error.WriteLine($"unknown area '{area}'");
            return 2;
        }
        var (report, readProblems) = DemarcationRun.CheckFile(stored, file, replace, new DemarcationOptions(tolerance, AreaCode: area), new DatasetReadOptions(crs));
        if (report is null)
        {
            Console.Error.WriteLine($"无法读取 / cannot read {file}: {readProblems.Count} problem(s)");
            foreach (var p in readProblems) Console.Error.WriteLine("  " + p);
            CrsArgument.HintIfNeeded(readProblems);
            return 2;
        }
        Console.WriteLine($"划界检查 / Demarcation check: {file}");
        Console.WriteLine($"  错误 errors: {report.ErrorCount}   警告 warnings: {report.WarningCount}   容差 tolerance: {tolerance} m");
        foreach (var (kind, count) in report.Counts.Where(c => c.Value > 0))
        {
            Console.WriteLine($"  {kind.ChineseLabel()} {kind.ToCode()}: {count}");
        }
        foreach (var p in report.Problems)
        {
            var where = p.FeatureIndex is { } fi ? $"feature {fi}" : p.RiverCode ?? "";
            var length = p.LengthM is { } l ? $" ({l:0} m)" : "";
            Console.WriteLine($"[{p.Severity.ChineseLabel()} {p.Severity.ToCode()}] {p.Kind.ToCode()} {where}{length}");
            Console.WriteLine($"    {p.MessageZh}");
            Console.WriteLine($"    {p.MessageEn}");
        }
        Console.WriteLine(report.Problems.Count == 0 ? "通过 / no problems found" : "未通过 / problems found");
        return report.Problems.Count == 0 ? 0 : 1;
    }

    private const string Usage =
        "check <segments.geojson|.zip|.shp|.gpkg> [--replace rivers-touched|river-levels-touched|all] [--tolerance-m 25] [--area-code CODE] [--crs EPSG:4527]";
}
