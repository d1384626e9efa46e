using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Responsibility;

public class BorderRiversTests
{
    // Counties N (47.1–47.2 N) and S (47.0–47.1 N), 9.40–9.60 E: their shared boundary is the parallel 47.1.
    private static readonly double Lat500 = North(Lat, -500);
    private static readonly double Lat50 = North(Lat, -50);
    private static readonly double Lat20 = North(Lat, -20);
    private static readonly double Lat15 = North(Lat, -15);
    private static readonly double East1km = East(9.45, 1000, Lat20);

    private static RiverSystem System()
    {
        River[] rivers =
        [
            // Comes north to 20 m below the boundary, follows it east for 1 km, turns back south.
            River("R", "Along", Path((9.45, Lat500), (9.45, Lat20), (East1km, Lat20), (East1km, Lat500))),
            // The same 15 m below the boundary for only 100 m.
            River("Q", "Short", Path((9.52, Lat500), (9.52, Lat15), (East(9.52, 100, Lat15), Lat15), (East(9.52, 100, Lat15), Lat500))),
            // 20 m outside S's southern edge (47.0), nothing beyond it.
            River("X", "Outer", TestGeometry.EastWest(North(47.0, -20), 9.42, 9.44)),
            // Far from every boundary.
            River("F", "Far", TestGeometry.EastWest(47.05, 9.45, 9.50)),
        ];
        return new RiverSystem(new RiverSystemData(
            [Area("N", AdminLevel.County, null, Box(9.40, 9.60, 47.1, 47.2)), Area("S", AdminLevel.County, null, Box(9.40, 9.60, 47.0, 47.1))],
            [], rivers, [], []));
    }

    [Fact]
    public void River_running_1_km_along_the_boundary_20_m_off_is_a_border_river()
    {
        var stretches = BorderRivers.Find(System(), new BorderRiverQuery(AdminLevel.County, RiverCode: "R"));
        var stretch = Assert.Single(stretches);
        // Near (≤ 50 m) from 50 m below the boundary on the way up, along the 1 km leg, to 50 m below on the way down.
        var approach = Geodesic.Distance(9.45, Lat50, 9.45, Lat20);
        Assert.InRange(approach, 29.9, 30.1);
        var along = Geodesic.Length(Path((9.45, Lat20), (East1km, Lat20)));
        Assert.Equal(Geodesic.Distance(9.45, Lat500, 9.45, Lat50), stretch.FromM, 1.0);
        Assert.Equal(along + 2 * approach, stretch.LengthM, 1.0);
        Assert.Equal(stretch.LengthM, Geodesic.Length(stretch.Geometry), 1.0);
        // Flowing east: north bank on the left.
        Assert.Equal(("N", "S"), (stretch.LeftAreaCode, stretch.RightAreaCode));
        Assert.Equal(("N name", "S name"), (stretch.LeftAreaName, stretch.RightAreaName));
        Assert.Equal(20, stretch.MedianDistanceM, 0.1);
    }

    [Fact]
    public void Short_run_along_the_boundary_is_left_out_unless_the_minimum_is_lowered()
    {
        Assert.Empty(BorderRivers.Find(System(), new BorderRiverQuery(AdminLevel.County, RiverCode: "Q")));
        var stretch = Assert.Single(BorderRivers.Find(System(), new BorderRiverQuery(AdminLevel.County, RiverCode: "Q", MinLengthM: 150)));
        var expected = Geodesic.Length(Path((9.52, Lat15), (East(9.52, 100, Lat15), Lat15))) + 2 * Geodesic.Distance(9.52, Lat50, 9.52, Lat15);
        Assert.Equal(expected, stretch.LengthM, 1.0);
    }

    [Fact]
    public void River_along_the_outer_boundary_has_a_null_side()
    {
        var stretch = Assert.Single(BorderRivers.Find(System(), new BorderRiverQuery(AdminLevel.County, RiverCode: "X")));
        Assert.Equal(("S", (string?)null), (stretch.LeftAreaCode, stretch.RightAreaCode));
        Assert.Equal(0, stretch.FromM, 1e-6);
        Assert.Equal(Along(9.42, 9.44, North(47.0, -20)), stretch.LengthM, 1.0);
    }

    [Fact]
    public void Whole_network_and_area_filter()
    {
        var all = BorderRivers.Find(System(), new BorderRiverQuery(AdminLevel.County));
        Assert.Equal(["R", "X"], all.Select(s => s.RiverCode));
        Assert.Equal(["R"], BorderRivers.Find(System(), new BorderRiverQuery(AdminLevel.County, AreaCode: "N")).Select(s => s.RiverCode));
        // F runs ~5.5 km from the nearest boundary: not even a 1 km distance reaches it.
        Assert.DoesNotContain(BorderRivers.Find(System(), new BorderRiverQuery(AdminLevel.County, DistanceM: 1000)), s => s.RiverCode == "F");
    }
}
