using System.CommandLine;
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
/// read (also: a Shapefile without .prj and no --crs) or the arguments are bad.
/// </summary>
public sealed class CheckCommand : Command
{
    public const int Clean = 0;
    public const int ProblemsFound = 1;
    public const int Unreadable = RiverGisCommandLine.UsageError;

    private readonly Argument<FileInfo> _file = new Argument<FileInfo>("segments.geojson")
    {
        Description = "The proposed segments: the dataset format's segments.geojson, a (zipped) Shapefile or a GeoPackage; relative to the current directory.",
    }.AcceptExistingOnly();

    private readonly CodeOption<SegmentReplacement> _replace = new("--replace",
        "Which stored segments the proposal replaces.", SegmentReplacement.RiverLevelsTouched, r => r.ToCode());

    private readonly Option<double> _tolerance = CliOptions.AtLeast("--tolerance-m", "Digitising tolerance in metres.",
        ResponsibilityCodes.DefaultToleranceM, 0);

    private readonly Option<string> _area = new("--area-code") { Description = "Check only within this area (any level).", HelpName = "CODE" };
    private readonly Option<Geo.Reprojection.SourceCrs?> _crs = CrsArgument.Option();

    public CheckCommand() : base("check", "Check a proposed demarcation against the stored data and print a Chinese/English report; " +
                                          "exit 0 clean, 1 problems found, 2 unreadable.")
    {
        Arguments.Add(_file);
        Options.Add(_replace);
        Options.Add(_tolerance);
        Options.Add(_area);
        Options.Add(_crs);
        SetAction((result, ct) => RunAsync(result.GetRequiredValue(_file), _replace.ValueIn(result), result.GetValue(_tolerance),
            result.GetValue(_area), result.GetValue(_crs), ct));
    }

    private static async Task<int> RunAsync(FileInfo file, SegmentReplacement replace, double tolerance, string? area,
        Geo.Reprojection.SourceCrs? crs, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(ct);
        var stored = await new RiverSystemLoader(session.DataSource).LoadAsync();
        if (area is not null && stored.Areas.All(a => a.Code != area))
        {
            Console.Error.WriteLine($"unknown area '{area}'");
            return Unreadable;
        }
        var (report, readProblems) = DemarcationRun.CheckFile(new Geo.Indexing.RiverSystem(stored), file.FullName, replace,
            new DemarcationOptions(tolerance, AreaCode: area), new DatasetReadOptions(crs), ct);
        if (report is null)
        {
            Console.Error.WriteLine($"无法读取 / cannot read {file}: {readProblems.Count} problem(s)");
            foreach (var p in readProblems) Console.Error.WriteLine("  " + p);
            CrsArgument.HintIfNeeded(readProblems);
            return Unreadable;
        }
        Print(file.ToString(), tolerance, report);
        return report.Problems.Count == 0 ? Clean : ProblemsFound;
    }

    private static void Print(string file, double tolerance, DemarcationReport report)
    {
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
    }
}
