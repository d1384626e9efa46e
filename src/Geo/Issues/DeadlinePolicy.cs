namespace RiverGis.Geo.Issues;

/// <summary>
/// Rectification deadlines: a number of calendar days per category, counted from the report time. The defaults are
/// this service's defaults, not a national rule; offices configure their own through the constructor.
/// </summary>
public sealed class DeadlinePolicy
{
    /// <summary>
    /// Default days: illegal_discharge 7, black_odorous 30, garbage 3, dumping 7, encroachment / illegal_construction /
    /// illegal_mining 15, water_quality 30, other 10.
    /// </summary>
    public static readonly IReadOnlyDictionary<IssueCategory, int> DefaultDays = new Dictionary<IssueCategory, int>
    {
        [IssueCategory.IllegalDischarge] = 7,
        [IssueCategory.BlackOdorous] = 30,
        [IssueCategory.Garbage] = 3,
        [IssueCategory.Dumping] = 7,
        [IssueCategory.Encroachment] = 15,
        [IssueCategory.IllegalConstruction] = 15,
        [IssueCategory.IllegalMining] = 15,
        [IssueCategory.WaterQuality] = 30,
        [IssueCategory.Other] = 10,
    };

    /// <summary>The policy with <see cref="DefaultDays"/>.</summary>
    public static readonly DeadlinePolicy Default = new();

    private readonly Dictionary<IssueCategory, int> _days;

    /// <summary>A policy whose <paramref name="days"/> override the defaults for the categories they name.</summary>
    public DeadlinePolicy(IReadOnlyDictionary<IssueCategory, int>? days = null)
    {
        _days = new Dictionary<IssueCategory, int>(DefaultDays);
        foreach (var (category, value) in days ?? new Dictionary<IssueCategory, int>())
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(days), $"{category.ToCode()}: a deadline must be at least one day, got {value}");
            _days[category] = value;
        }
    }

    /// <summary>Days allowed for <paramref name="category"/>.</summary>
    public int DaysFor(IssueCategory category) => _days[category];

    /// <summary>The deadline of an issue of <paramref name="category"/> reported at <paramref name="reportedAt"/>.</summary>
    public DateTimeOffset DeadlineFor(IssueCategory category, DateTimeOffset reportedAt) => reportedAt.AddDays(DaysFor(category));
}
