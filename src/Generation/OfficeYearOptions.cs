using System.Globalization;

namespace RiverGis.Generation;

/// <summary>
/// What <see cref="OfficeYearGenerator"/> adds to a generated province: a year of the office's work — units, plan items
/// (一河一策) and problems with their lifecycles. Opt-in (<c>generate --office-year</c>); the province itself does not
/// change. Deterministic: the same province and options give the same rows.
/// </summary>
public sealed record OfficeYearOptions
{
    public int Year { get; init; } = 2026;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// The ledger as it stood at this instant: problems are reported before it and no event after it is kept (an
    /// issue's status is its last event's). Default: the end of <see cref="Year"/> (China Standard Time). A benchmark
    /// run on 1 December passes that day, so that nothing in the ledger lies in the future.
    /// </summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Problems reported in the year per 100 segments (a province of 20 000 rivers has ~124 000 segments).</summary>
    public double ProblemsPer100Segments { get; init; } = 30;

    /// <summary>Plan items per river of county level or above (per county stretch of such a river, ~1 to 3).</summary>
    public double TasksPerCountyStretch { get; init; } = 1.5;

    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public DateTimeOffset YearStart => new(Year, 1, 1, 0, 0, 0, ChinaStandardTime);

    public DateTimeOffset End => Until ?? YearStart.AddYears(1);

    public void Validate()
    {
        if (Year is < 2000 or > 2100) throw new ArgumentException($"Year must be between 2000 and 2100, not {Year}", nameof(Year));
        if (End <= YearStart.AddDays(7) || End > YearStart.AddYears(1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Until must lie in {Year}, at least a week after its start, not {End:yyyy-MM-dd}"), nameof(Until));
        if (!(ProblemsPer100Segments is >= 0 and <= 1000)) throw new ArgumentException("ProblemsPer100Segments must be between 0 and 1000", nameof(ProblemsPer100Segments));
        if (!(TasksPerCountyStretch is >= 0 and <= 20)) throw new ArgumentException("TasksPerCountyStretch must be between 0 and 20", nameof(TasksPerCountyStretch));
    }
}
