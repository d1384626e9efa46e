using RiverGis.Geo.Issues;
using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.Tests.Issues;

public class DuplicateDetectorTests
{
    private const double Lon = 103.2;
    private const double Lat = 30.5;
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A point due north of the report at about <paramref name="metres"/>, checked against Geodesic.</summary>
    private static double LatNorth(double metres)
    {
        var (_, perLat) = Geodesic.MetresPerDegree(Lat);
        var lat = Lat + metres / perLat;
        Assert.Equal(metres, Geodesic.Distance(Lon, Lat, Lon, lat), 0.1);
        return lat;
    }

    private static LedgerIssue Issue(string id, double metres, double daysBefore, IssueCategory category = IssueCategory.Garbage, IssueStatus status = IssueStatus.Assigned) =>
        new(id, category, status, Lon, LatNorth(metres), Now.AddDays(-daysBefore));

    private static readonly NewReport Report = new(IssueCategory.Garbage, Lon, Lat, Now);

    [Fact]
    public void Within_250_m_is_a_possible_duplicate_and_beyond_is_not()
    {
        var found = DuplicateDetector.Find(Report, [Issue("near", 249, 1), Issue("far", 251, 1)]);
        var duplicate = Assert.Single(found);
        Assert.Equal("near", duplicate.IssueId);
        Assert.Equal(249, duplicate.DistanceM, 0.1);
    }

    [Fact]
    public void Within_7_days_is_a_possible_duplicate_and_beyond_is_not()
    {
        var found = DuplicateDetector.Find(Report, [Issue("recent", 10, 6), Issue("old", 10, 8)]);
        var duplicate = Assert.Single(found);
        Assert.Equal("recent", duplicate.IssueId);
        Assert.Equal(TimeSpan.FromDays(6), duplicate.Apart);
    }

    [Fact]
    public void Other_categories_and_finished_issues_are_not_duplicates()
    {
        var found = DuplicateDetector.Find(Report,
        [
            Issue("other-category", 10, 1, IssueCategory.Dumping),
            Issue("closed", 10, 1, status: IssueStatus.Closed),
            Issue("rejected", 10, 1, status: IssueStatus.Rejected),
            Issue("returned", 100, 1, status: IssueStatus.Returned),
            Issue("reported", 20, 2, status: IssueStatus.Reported),
        ]);
        Assert.Equal(["reported", "returned"], found.Select(d => d.IssueId));
    }
}
