using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Geo.Tests.Patrols;

public class PatrolComplianceTests
{
    // A river along 30.0° N from 100.00 to 100.10° E; township T1 (west half) holds segment S1 with chief C1.
    private static readonly RiverSystem System = new(new RiverSystemData(
        [
            new AdminArea("T1", "东镇", AdminLevel.Township, null, TestGeometry.Wkt("POLYGON((100 29.9, 100.05 29.9, 100.05 30.1, 100 30.1, 100 29.9))")),
            new AdminArea("T2", "西镇", AdminLevel.Township, null, TestGeometry.Wkt("POLYGON((100.05 29.9, 100.1 29.9, 100.1 30.1, 100.05 30.1, 100.05 29.9))")),
        ],
        [new Chief("C1", "甲", ChiefRole.Chief, "T1", null), new Chief("C2", "乙", ChiefRole.Chief, "T2", null)],
        [new River("R", "河", AdminLevel.Township, null, TestGeometry.EastWest(30.0, 100.0, 100.1))],
        [
            new Segment("S1", "R", AdminLevel.Township, "T1", "C1", null, TestGeometry.EastWest(30.0, 100.0, 100.05)),
            new Segment("S2", "R", AdminLevel.Township, "T2", "C2", null, TestGeometry.EastWest(30.0, 100.05, 100.1)),
        ],
        []));

    private static readonly DateTimeOffset From = new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset To = From.AddDays(30);

    private static PatrolTrack Track(string chief, double lat, double lon0, double lon1, int day) =>
        new(chief, From.AddDays(day).AddHours(9), From.AddDays(day).AddHours(10), TestGeometry.EastWest(lat, lon0, lon1, 0.0005));

    [Fact]
    public void Township_chiefs_owe_three_patrols_a_month_and_only_tracks_along_their_segments_count()
    {
        var tracks = new List<PatrolTrack>
        {
            Track("C1", 30.0002, 100.0, 100.05, 1),   // ~22 m off the river, along S1: valid
            Track("C1", 30.0002, 100.01, 100.04, 11),  // valid
            Track("C1", 30.02, 100.0, 100.05, 21),     // 2.2 km north: not along S1
            Track("C1", 30.0002, 100.0, 100.05, 40),   // after the period
        };
        var records = PatrolCompliance.Evaluate(System, tracks, From, To);
        var c1 = records.Single(r => r.ChiefId == "C1");
        Assert.Equal(3, c1.Required);
        Assert.Equal(3, c1.Patrols);
        Assert.Equal(2, c1.ValidPatrols);
        Assert.False(c1.Compliant);
        // Patrolled length: two 0.05° tracks and one 0.03° track along a parallel (hand-computed with the WGS84 degree).
        var perDegree = Geodesic.Distance(100.0, 30.0002, 101.0, 30.0002);
        var expectedKm = (0.05 + 0.03 + 0.05) * perDegree / 1000;
        Assert.Equal(expectedKm, c1.PatrolledKm, 1);
        Assert.Equal(0.08 / 0.13, c1.OnSegmentShare, 2);

        var c2 = records.Single(r => r.ChiefId == "C2");
        Assert.Equal(0, c2.Patrols);
        Assert.False(c2.Compliant);
        Assert.Null(c2.LastPatrol);
    }

    [Fact]
    public void Enough_valid_patrols_make_a_chief_compliant_and_rules_are_configurable()
    {
        var tracks = Enumerable.Range(0, 3).Select(i => Track("C2", 29.9998, 100.05, 100.1, 1 + 10 * i)).ToList();
        Assert.True(PatrolCompliance.Evaluate(System, tracks, From, To).Single(r => r.ChiefId == "C2").Compliant);
        var weekly = new PatrolRules(new Dictionary<AdminLevel, TimeSpan>(PatrolRules.Default.Interval) { [AdminLevel.Township] = TimeSpan.FromDays(7) });
        var strict = PatrolCompliance.Evaluate(System, tracks, From, To, weekly).Single(r => r.ChiefId == "C2");
        Assert.Equal(4, strict.Required);
        Assert.False(strict.Compliant);
    }
}
