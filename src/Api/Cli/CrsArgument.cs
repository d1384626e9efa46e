using System.CommandLine;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Api.Cli;

/// <summary>`--crs EPSG:4527`: the CRS of planners' files that state none (import, check).</summary>
public static class CrsArgument
{
    /// <summary>The option; a name that is no usable CRS is a parse error (exit 2, nothing run).</summary>
    public static Option<SourceCrs?> Option() => new("--crs")
    {
        Description = "The CRS of files that state none (e.g. EPSG:4527, CGCS2000 / 3-degree Gauss-Kruger zone 39).",
        HelpName = "EPSG:CODE",
        CustomParser = result =>
        {
            var recognition = CrsRecognizer.FromName(result.Tokens.Single().Value);
            if (recognition.Crs is null) result.AddError($"--crs: {recognition.Problem}");
            return recognition.Crs;
        },
    };

    /// <summary>The hint printed under read problems that concern a missing or unreadable CRS.</summary>
    public static void HintIfNeeded(IEnumerable<Geo.Dataset.DatasetProblem> problems)
    {
        if (problems.Any(p => p.Property == "crs")) Console.Error.WriteLine("  name the CRS of the coordinates with --crs, e.g. --crs EPSG:4527");
    }
}
