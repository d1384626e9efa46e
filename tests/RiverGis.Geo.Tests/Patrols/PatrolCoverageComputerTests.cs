using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Geo.Tests.Patrols;

public class PatrolCoverageComputerTests
{
    private static readonly RiverSystem System = new(new RiverSystemData(
        [new AdminArea("T1", "东镇", AdminLevel.Township, null, TestGeometry.Wkt("POLYGON((100 29.9, 100.1 29.9, 100.1 30.1, 100 30.1, 100 29.9))"))],
        [new Chief("C1", "甲", ChiefRole.Chief, "T1", null)],
        [new River("R", "河", AdminLevel.Township, null, TestGeometry.EastWest(30.0, 100.0, 100.1))],
        [new Segment("S1", "R", AdminLevel.Township, "T1", "C1", null, TestGeometry.EastWest(30.0, 100.0, 100.1))],
        []));

    [Fact]
    public void The_union_of_valid_patrols_leaves_the_unpatrolled_stretches()
    {
        var s1 = System.Segments["S1"];
        var perDegree = Geodesic.Distance(100.0, 30.0, 101.0, 30.0);
        FollowedSegment Followed(double lon0, double lon1) =>
            new("S1", "R", s1.Line.Length, IntervalSet.Of(lon0 * perDegree, lon1 * perDegree));
        var coverage = Assert.Single(PatrolCoverageComputer.Cover("C1", [s1], [[Followed(0.01, 0.03)], [Followed(0.02, 0.05)], [Followed(0.07, 0.08)]]));
        Assert.Equal(3, coverage.Patrols);
        Assert.Equal([(0.0, 0.01), (0.05, 0.07), (0.08, 0.1)], coverage.Unpatrolled.Intervals.Select(i => (Math.Round(i.From / perDegree, 6), Math.Round(i.To / perDegree, 6))));
        Assert.Equal(50, coverage.PatrolledPercent, 0);
    }

    [Fact]
    public void A_segment_nobody_patrolled_is_unpatrolled_whole()
    {
        var coverage = Assert.Single(PatrolCoverageComputer.Cover("C1", [System.Segments["S1"]], []));
        Assert.Equal(0, coverage.Patrols);
        Assert.Equal(coverage.LengthM, coverage.Unpatrolled.Length, 6);
    }
}
