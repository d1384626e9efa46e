using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RiverGis.Generation;
using RiverGis.Geo.Dataset;
using System.CommandLine.Parsing;
using RiverGis.Api.Store;

namespace RiverGis.Api.Cli;

/// <summary>
/// `generate --rivers N --seed S [--province 51] [--defects 0.02] [--density 60] [--centre 104.5,30] [--patrol-months 3] [--cheats 0.06]
/// [--office-year 2026 [--office-until 2026-12-01]] &lt;folder&gt;`: writes a deterministic synthetic province in the dataset
/// format, plus &lt;folder&gt;.planted_defects.json listing the defects planted on purpose (for checking the analyses); with
/// --office-year also a year of the office's work (units.csv in the folder; tasks, issues and issue events beside it).
/// </summary>
public sealed class GenerateCommand : Command
{
    private static readonly GeneratorOptions Defaults = new();

    private readonly Argument<string> _folder = new("folder") { Description = "Output folder (created); relative to the current directory." };
    private readonly Option<int> _rivers = new("--rivers") { Description = "Number of rivers; areas, chiefs and segments scale with it.", Required = true, HelpName = "N" };
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed.", DefaultValueFactory = _ => Defaults.Seed, HelpName = "S" };
    private readonly Option<string> _province = new("--province") { Description = "First two digits of every code.", DefaultValueFactory = _ => Defaults.ProvinceCode, HelpName = "NN" };
    private readonly Option<double> _defects = new("--defects") { Description = "Fraction of segments given each kind of planted defect.", HelpName = "FRACTION", DefaultValueFactory = _ => Defaults.VacantFraction };
    private readonly Option<double> _density = new("--density") { Description = "Rivers per 1000 km².", HelpName = "N", DefaultValueFactory = _ => Defaults.RiversPerThousandKm2 };
    private readonly Option<int> _patrolMonths = new("--patrol-months") { Description = "Months of patrol tracks (from September 2026); 0 for none.", HelpName = "N", DefaultValueFactory = _ => Defaults.PatrolMonths };
    private readonly Option<double> _cheats = new("--cheats") { Description = "Fraction of patrols that are planted cheats (listed in the manifest).", HelpName = "FRACTION", DefaultValueFactory = _ => Defaults.PatrolCheatFraction };
    private readonly Option<(double Lon, double Lat)> _centre = new("--centre", "--center")
    {
        Description = "Centre of the region.",
        HelpName = "LON,LAT",
        DefaultValueFactory = _ => (Defaults.CentreLon, Defaults.CentreLat),
        CustomParser = result =>
        {
            var parts = result.Tokens.Single().Value.Split(',');
            if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                                  && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
                return (lon, lat);
            result.AddError("--centre expects LON,LAT, e.g. 104.5,30");
            return default;
        },
    };

    private readonly Option<int?> _officeYear = new("--office-year")
    {
        Description = "Also write a year of the office's work: units (units.csv), plan items (<folder>.tasks.csv, for POST /api/tasks/import) " +
                      "and problems with their lifecycles (<folder>.issues.csv, <folder>.issue_events.csv, for COPY).",
        HelpName = "YEAR",
    };
    private readonly Option<DateOnly?> _officeUntil = new("--office-until")
    {
        Description = "With --office-year: the ledger as it stood on this day (00:00 China Standard Time; default the year's end).", HelpName = "YYYY-MM-DD",
    };

    public GenerateCommand() : base("generate", "Write a deterministic synthetic province-sized dataset and, beside the folder, " +
                                                "<folder>.planted_defects.json listing the defects planted on purpose.")
    {
        Arguments.Add(_folder);
        foreach (var option in new Option[] { _rivers, _seed, _province, _defects, _density, _centre, _patrolMonths, _cheats, _officeYear, _officeUntil }) Options.Add(option);
        // The generator's own rules (ranges, code digits) judge the values, still before anything is written.
        Validators.Add(result =>
        {
            if (result.GetResult(_rivers) is null) return; // reported as missing already
            try
            {
                OptionsFrom(result).Validate();
                OfficeYearFrom(result)?.Validate();
            }
            catch (InvalidOperationException)
            {
                // An option that cannot be read reports its own error.
            }
            catch (ArgumentException ex)
            {
                result.AddError(ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal));
            }
        });
        SetAction((result, ct) => RunAsync(OptionsFrom(result.CommandResult), OfficeYearFrom(result.CommandResult), Path.GetFullPath(result.GetRequiredValue(_folder)), ct));
    }

    /// <summary>The options as given, the generator's defaults for those not given (validators run before defaults are filled in).</summary>
    private GeneratorOptions OptionsFrom(SymbolResult result)
    {
        T Value<T>(Option<T> option, T fallback) => result.GetResult(option) is null ? fallback : result.GetValue(option)!;
        var (lon, lat) = Value(_centre, (Defaults.CentreLon, Defaults.CentreLat));
        return new GeneratorOptions
        {
            Rivers = Value(_rivers, Defaults.Rivers),
            Seed = Value(_seed, Defaults.Seed),
            ProvinceCode = Value(_province, Defaults.ProvinceCode),
            RiversPerThousandKm2 = Value(_density, Defaults.RiversPerThousandKm2),
            CentreLon = lon,
            CentreLat = lat,
            PatrolMonths = Value(_patrolMonths, Defaults.PatrolMonths),
            PatrolCheatFraction = Value(_cheats, Defaults.PatrolCheatFraction),
        }.WithDefectFraction(Value(_defects, Defaults.VacantFraction));
    }

    private OfficeYearOptions? OfficeYearFrom(SymbolResult result)
    {
        if (result.GetResult(_officeYear) is null || result.GetValue(_officeYear) is not { } year) return null;
        var until = result.GetResult(_officeUntil) is null ? null : result.GetValue(_officeUntil);
        return new OfficeYearOptions
        {
            Year = year,
            Seed = result.GetResult(_seed) is null ? Defaults.Seed : result.GetValue(_seed),
            Until = until is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), OfficeYearOptions.ChinaStandardTime) : null,
        };
    }

    private static async Task<int> RunAsync(GeneratorOptions options, OfficeYearOptions? officeYear, string folder, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var manifest = Path.TrimEndingDirectorySeparator(folder) + ".planted_defects.json";
        var generated = await ConsoleProgress.RunAsync(context =>
        {
            var stages = context.Bar("生成 generating", SyntheticProvinceGenerator.Stages.Count);
            var writing = context.Bar("写出 writing", DatasetFiles.All.Count, autoStart: false);
            var files = new HashSet<string>();
            ct.ThrowIfCancellationRequested();
            var result = SyntheticProvinceGenerator.GenerateTo(options, folder, manifest,
                new SynchronousProgress<string>(stage =>
                {
                    stages.Increment(1);
                    stages.Describe($"生成 generating: {stage} done");
                }),
                new SynchronousProgress<DatasetProgress>(p =>
                {
                    if (!writing.IsStarted) writing.StartTask();
                    if (files.Add(p.File)) writing.Value = files.Count - 1;
                    writing.Describe($"写出 writing {p.File}: {p.Features:N0}");
                }), officeYear);
            stages.Done("生成 generated");
            writing.Done($"写出 written to {folder}");
            return Task.FromResult(result);
        });
        var c = generated.Content;
        Console.WriteLine($"Generated {c.Code} in {watch.Elapsed.TotalSeconds:0.0} s into {folder}: {c.Areas.Count} areas, {c.Chiefs.Count} chiefs, " +
            $"{c.Rivers.Count} rivers, {c.Segments.Count} segments, {c.Outlets.Count} outlets, {c.PatrolTracks.Count} patrol tracks; " +
            $"{generated.Defects.Items.Count} planted defects and {generated.Defects.Cheats.Count} patrol cheats listed in {manifest}");
        if (generated.OfficeYear is { } year)
            Console.WriteLine($"Office year {officeYear!.Year}: {year.Units.Count} units, {year.Tasks.Count} plan items in {OfficeYearFiles.TasksPath(folder)}, " +
                $"{year.Problems.Count} problems with {year.Problems.Sum(p => p.Events.Count)} events in {OfficeYearFiles.IssuesPath(folder)} and {OfficeYearFiles.EventsPath(folder)}");
        return 0;
    }
}
