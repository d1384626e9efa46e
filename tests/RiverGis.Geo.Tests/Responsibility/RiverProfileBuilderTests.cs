using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Responsibility;

public class RiverProfileBuilderTests
{
    private static readonly RiverSystem System = new(MainData(
    [
        // Declared on R1, 300 m north of it at 9.47: listed however far.
        new Outlet("O1", "Mill", OutletKind.Industrial, OutletScale.Above, PermitStatus.Approved, "R1", Point(9.47, North(Lat, 300))),
        // Undeclared, 200 m south of R1 at 9.50: listed.
        new Outlet("O2", "Farm", OutletKind.Agricultural, OutletScale.Below, PermitStatus.None, null, Point(9.50, North(Lat, -200))),
        // Undeclared, 800 m away: not listed.
        new Outlet("O3", "Town", OutletKind.Municipal, OutletScale.Above, PermitStatus.Pending, null, Point(9.52, North(Lat, 800))),
        // Declared on R2 though 100 m from R1: not R1's.
        new Outlet("O4", "Fish", OutletKind.Aquaculture, OutletScale.Below, PermitStatus.None, "R2", Point(9.55, North(Lat, 100))),
    ]));

    [Fact]
    public void Profile_lists_identity_areas_segments_and_coverage_per_level()
    {
        var profile = RiverProfileBuilder.Build(System, "R1");
        Assert.Equal(("R1", "Samina", AdminLevel.County), (profile.Code, profile.Name, profile.Level));
        Assert.Equal(Along(9.40, 9.60), profile.LengthM, 1.0);
        Assert.Equal([AdminLevel.Province, AdminLevel.City, AdminLevel.County], profile.Levels.Select(l => l.Level));

        var city = profile.Levels[1];
        Assert.False(city.Required);
        Assert.Null(city.CoveredPercent);
        Assert.Equal(["CY1", "CY2"], city.Areas.Select(a => a.AreaCode));
        Assert.Equal(Along(9.40, 9.54), city.Areas[0].LengthM, 1.0);
        Assert.Equal(Along(9.54, 9.60), city.Areas[1].LengthM, 1.0);

        var county = profile.Levels[2];
        Assert.True(county.Required);
        Assert.Equal(["C1", "C2", "C3"], county.Areas.Select(a => a.AreaCode));
        Assert.Equal(M(9.48), county.Areas[1].FromM, 1.0);
        Assert.Equal(["S1a", "S1b", "S2", "S3"], county.Segments.Select(s => s.Code));
        var s1b = county.Segments[1];
        Assert.Equal(("C1", "K1", "Chief One", "111", false), (s1b.AreaCode, s1b.ChiefId, s1b.ChiefName, s1b.ChiefPhone, s1b.Vacant));
        Assert.Equal(Along(9.46, 9.48), s1b.LengthM, 1.0);
        Assert.Equal(M(9.46), s1b.FromM!.Value, 1.0);
        Assert.Equal(M(9.48), s1b.ToM!.Value, 1.0);
        Assert.True(county.Segments[2].Vacant);
        Assert.Null(county.Segments[2].ChiefId);

        var gaps = Along(9.45, 9.46) - 50 + Along(9.48, 9.54) - 50;
        Assert.Equal(100 * (profile.LengthM - gaps) / profile.LengthM, county.CoveredPercent!.Value, 0.01);
        Assert.Equal([GapReason.Unassigned, GapReason.Vacant], profile.Gaps.Select(g => g.Reason));
        Assert.Empty(profile.Overlaps);
        Assert.Equal([M(9.48), M(9.54)], profile.BoundaryCrossings.Select(c => c.MeasureM), new ToleranceComparer(1.0));
    }

    [Fact]
    public void Outlets_declared_on_the_river_or_near_it()
    {
        var outlets = RiverProfileBuilder.Build(System, "R1").Outlets;
        Assert.Equal(["O1", "O2"], outlets.Select(o => o.Code));
        Assert.Equal(M(9.47), outlets[0].MeasureM, 1.0);
        Assert.Equal(Geodesic.Distance(9.47, Lat, 9.47, North(Lat, 300)), outlets[0].DistanceM, 1.0);
        Assert.Equal((OutletKind.Industrial, OutletScale.Above, PermitStatus.Approved, "R1"), (outlets[0].Kind, outlets[0].Scale, outlets[0].Permit, outlets[0].RiverCode));
        Assert.Equal(M(9.50), outlets[1].MeasureM, 1.0);
        Assert.Equal(Geodesic.Distance(9.50, Lat, 9.50, North(Lat, -200)), outlets[1].DistanceM, 1.0);
        Assert.Null(outlets[1].RiverCode);
    }

    [Fact]
    public void Unknown_river_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => RiverProfileBuilder.Build(System, "NOPE"));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
