using RiverGis.Geo.Reprojection;

namespace RiverGis.Api.Cli;

/// <summary>`--crs EPSG:4527`: the CRS of planners' files that state none (import, check).</summary>
public static class CrsArgument
{
    /// <summary>The named CRS, or null after saying on stderr why it cannot be used.</summary>
    public static SourceCrs? Parse(string text)
    {
        var recognition = CrsRecognizer.FromName(text);
        if (recognition.Crs is null) Console.Error.WriteLine($"--crs: {recognition.Problem}");
        return recognition.Crs;
    }

    /// <summary>The hint printed under read problems that concern a missing or unreadable CRS.</summary>
    public static void HintIfNeeded(IEnumerable<Geo.Dataset.DatasetProblem> problems)
    {
        if (problems.Any(p => p.Property == "crs")) Console.Error.WriteLine("  name the CRS of the coordinates with --crs, e.g. --crs EPSG:4527");
    }
}
