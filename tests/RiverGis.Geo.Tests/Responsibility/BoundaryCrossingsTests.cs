using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Responsibility;

public class BoundaryCrossingsTests
{
    private static readonly RiverSystem MainSystem = new(MainData());

    [Fact]
    public void River_crossing_three_counties_has_two_crossings_with_the_chiefs_on_each_side()
    {
        var crossings = BoundaryCrossings.Find(MainSystem, new BoundaryCrossingQuery(AdminLevel.County, RiverCode: "R1"));
        Assert.Equal(2, crossings.Count);
        var first = crossings[0];
        Assert.Equal((CrossingKind.Boundary, "C1", "C2"), (first.Kind, first.UpstreamAreaCode, first.DownstreamAreaCode));
        Assert.Equal(M(9.48), first.MeasureM, 1.0);
        Assert.Equal(9.48, first.Geometry.Coordinate.X, 6);
        Assert.Equal(Lat, first.Geometry.Coordinate.Y, 6);
        // C1's segment nearest the crossing is S1b (not S1a) with chief K1; C1's general chief is G1.
        var up = first.Upstream!;
        Assert.Equal(("S1b", "K1", "Chief One", "111"), (up.SegmentCode, up.ChiefId, up.ChiefName, up.ChiefPhone));
        Assert.Equal(["G1"], up.GeneralChiefs.Select(g => g.Id));
        // C2's segment S2 is vacant.
        var down = first.Downstream!;
        Assert.Equal(("C2", "S2"), (down.AreaCode, down.SegmentCode));
        Assert.Null(down.ChiefId);
        Assert.Equal(["G2"], down.GeneralChiefs.Select(g => g.Id));

        var second = crossings[1];
        Assert.Equal(("C2", "C3"), (second.UpstreamAreaCode, second.DownstreamAreaCode));
        Assert.Equal(M(9.54), second.MeasureM, 1.0);
        Assert.Equal("K3", second.Downstream!.ChiefId);
        Assert.Empty(second.Downstream.GeneralChiefs);
    }

    [Fact]
    public void River_entering_from_and_leaving_to_outside_every_area()
    {
        var crossings = BoundaryCrossings.Find(MainSystem, new BoundaryCrossingQuery(AdminLevel.County, RiverCode: "R2"));
        Assert.Equal([CrossingKind.Entering, CrossingKind.Boundary, CrossingKind.Boundary, CrossingKind.Leaving], crossings.Select(c => c.Kind));
        Assert.Null(crossings[0].UpstreamAreaCode);
        Assert.Null(crossings[0].Upstream);
        Assert.Equal("C1", crossings[0].DownstreamAreaCode);
        Assert.Equal(Along(9.30, 9.40, 47.15), crossings[0].MeasureM, 1.0);
        Assert.Equal(("C3", (string?)null), (crossings[3].UpstreamAreaCode, crossings[3].DownstreamAreaCode));
        Assert.Equal(Along(9.30, 9.60, 47.15), crossings[3].MeasureM, 1.0);
        // No segment on R2: the sides still name the general chiefs.
        Assert.Null(crossings[1].Upstream!.SegmentCode);
        Assert.Equal(["G1"], crossings[1].Upstream!.GeneralChiefs.Select(g => g.Id));
    }

    [Fact]
    public void Exclave_is_crossed_into_and_out_of()
    {
        // A = 9.40–9.45 plus exclave 9.50–9.52; B = 9.45–9.50 plus 9.52–9.60.
        var system = new RiverSystem(new RiverSystemData(
            [Area("A", AdminLevel.County, null, Boxes((9.40, 9.45), (9.50, 9.52))), Area("B", AdminLevel.County, null, Boxes((9.45, 9.50), (9.52, 9.60)))],
            [], [River("R", "River", TestGeometry.EastWest(Lat, 9.40, 9.60))], [], []));
        var crossings = BoundaryCrossings.Find(system, new BoundaryCrossingQuery(AdminLevel.County));
        Assert.Equal([("A", "B"), ("B", "A"), ("A", "B")], crossings.Select(c => (c.UpstreamAreaCode!, c.DownstreamAreaCode!)));
        Assert.Equal(M(9.45), crossings[0].MeasureM, 1.0);
        Assert.Equal(M(9.50), crossings[1].MeasureM, 1.0);
        Assert.Equal(M(9.52), crossings[2].MeasureM, 1.0);
    }

    [Fact]
    public void Small_gap_between_neighbours_is_one_crossing_in_its_middle_and_slivers_are_ignored()
    {
        // A ends at 9.45, B starts 10 m further east; a 10 m sliver area S sits at 9.55.
        var b0 = East(9.45, 10);
        var s1 = East(9.55, 10);
        var system = new RiverSystem(new RiverSystemData(
            [County("A", null, 9.40, 9.45), County("B", null, b0, 9.60), Area("S", AdminLevel.County, null, Box(9.55, s1, 47.0, 47.2))],
            [], [River("R", "River", TestGeometry.EastWest(Lat, 9.40, 9.60))], [], []));
        var crossing = Assert.Single(BoundaryCrossings.Find(system, new BoundaryCrossingQuery(AdminLevel.County)));
        Assert.Equal(("A", "B"), (crossing.UpstreamAreaCode, crossing.DownstreamAreaCode));
        Assert.Equal(M(9.45) + 5, crossing.MeasureM, 1.0);
    }

    [Fact]
    public void Area_filter_keeps_crossings_with_a_side_in_the_selection()
    {
        var crossings = BoundaryCrossings.Find(MainSystem, new BoundaryCrossingQuery(AdminLevel.County, AreaCode: "CY2"));
        // R1 and R2 both cross C2→C3; R2 also leaves C3.
        Assert.Equal([("R1", "C2"), ("R2", "C2"), ("R2", "C3")], crossings.Select(c => (c.RiverCode, c.UpstreamAreaCode!)));
    }
}
