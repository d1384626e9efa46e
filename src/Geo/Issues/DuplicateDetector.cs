using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.Issues;

/// <summary>What the duplicate check needs to know about an issue already in the ledger.</summary>
public sealed record LedgerIssue(string Id, IssueCategory Category, IssueStatus Status, double Lon, double Lat, DateTimeOffset ReportedAt);

/// <summary>A new report about to be filed.</summary>
public sealed record NewReport(IssueCategory Category, double Lon, double Lat, DateTimeOffset ReportedAt);

/// <summary>An open issue the new report may repeat: how far from it (geodesic metres) and how far apart in time.</summary>
public sealed record PossibleDuplicate(string IssueId, double DistanceM, TimeSpan Apart);

/// <summary>
/// Flags a new report as a possible duplicate of an open issue of the same category within 250 m and 7 days (both
/// inclusive). Pure: the caller supplies the candidate issues (e.g. from a spatial query) and decides what to do.
/// </summary>
public static class DuplicateDetector
{
    /// <summary>Default distance: 250 m.</summary>
    public const double DefaultRadiusM = 250;

    /// <summary>Default time window: 7 days either way.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    /// <summary>Open issues among <paramref name="candidates"/> that <paramref name="report"/> may repeat, nearest first.</summary>
    public static IReadOnlyList<PossibleDuplicate> Find(NewReport report, IEnumerable<LedgerIssue> candidates,
        double radiusM = DefaultRadiusM, TimeSpan? window = null)
    {
        var span = window ?? DefaultWindow;
        var found = new List<PossibleDuplicate>();
        foreach (var issue in candidates)
        {
            if (!issue.Status.IsOpen() || issue.Category != report.Category) continue;
            var apart = (report.ReportedAt - issue.ReportedAt).Duration();
            if (apart > span) continue;
            var distance = Geodesic.Distance(report.Lon, report.Lat, issue.Lon, issue.Lat);
            if (distance <= radiusM) found.Add(new PossibleDuplicate(issue.Id, distance, apart));
        }
        found.Sort((a, b) => a.DistanceM != b.DistanceM ? a.DistanceM.CompareTo(b.DistanceM) : a.Apart.CompareTo(b.Apart));
        return found;
    }
}
