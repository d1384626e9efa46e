using RiverGis.Geo.Repair;

namespace RiverGis.Geo.Dataset;

/// <summary>
/// One defect found in a dataset or request body, located precisely enough to fix it:
/// the file (or request part), the feature index (0-based) or CSV line (1-based), and the property.
/// </summary>
public sealed record DatasetProblem(string File, int? FeatureIndex, int? Line, string? Property, string Message)
{
    /// <summary>For a warning about a repair: which one.</summary>
    public RepairKind? Repair { get; init; }

    public string Location
    {
        get
        {
            var parts = new List<string> { File };
            if (FeatureIndex is { } index) parts.Add($"feature {index}");
            if (Line is { } line) parts.Add($"line {line}");
            if (Property is { } property) parts.Add(property);
            return string.Join(", ", parts);
        }
    }

    public override string ToString() => $"{Location}: {Message}";
}
