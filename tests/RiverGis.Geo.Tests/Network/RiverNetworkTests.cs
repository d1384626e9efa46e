using RiverGis.Geo.Measurement;
using RiverGis.Geo.Network;
using RiverGis.Geo.Tests.Routing;
using static RiverGis.Geo.Tests.Network.NetworkWorlds;

namespace RiverGis.Geo.Tests.Network;

public class RiverNetworkTests
{
    private static readonly double LengthA = Length(TestGeometry.EastWest(30.5, 102.9, 103.0));
    private static readonly double LengthB = Geodesic.Distance(103.0, 30.6, 103.0, 30.5);
    private static readonly double LengthM = Length(TestGeometry.EastWest(30.5, 103.0, 103.2));

    private static void AssertStretch(NetworkStretch stretch, string river, double from, double to, double fromDistance, double toDistance)
    {
        Assert.Equal(river, stretch.RiverCode);
        Assert.Equal(from, stretch.FromM, 0.5);
        Assert.Equal(to, stretch.ToM, 0.5);
        Assert.Equal(fromDistance, stretch.FromDistanceM, 0.5);
        Assert.Equal(toDistance, stretch.ToDistanceM, 0.5);
    }

    [Fact]
    public void Y_network_joins_by_downstream_code_and_by_shared_end_point()
    {
        var network = Y.Value;
        var a = network.DownstreamOf("A")!;
        Assert.Equal(("M", JoinKind.DownstreamCode), (a.DownstreamCode, a.Kind));
        Assert.Equal(0, a.JoinMeasureM, 0.01);
        var b = network.DownstreamOf("B")!;
        Assert.Equal(("M", JoinKind.SharedEndPoint), (b.DownstreamCode, b.Kind));
        Assert.Equal(0, b.JoinMeasureM, 0.01);
        Assert.Equal(0, b.GapM, 0.01);
        Assert.Null(network.DownstreamOf("M"));
        // S ends where M ends: siblings sharing a mouth, not a tributary.
        Assert.Null(network.DownstreamOf("S"));
        Assert.Equal(["A", "B"], network.TributariesOf("M").Select(t => t.RiverCode));
        // Same name wins over length (B is longer than A).
        Assert.True(LengthB > LengthA);
        Assert.Equal("A", network.MainStemPredecessor("M"));
    }

    [Fact]
    public void Without_a_same_named_predecessor_the_longest_continues_the_main_stem()
    {
        var m = TestGeometry.EastWest(30.5, 103.0, 103.2);
        var system = new RiverGis.Geo.Indexing.RiverSystem(new RiverGis.Geo.Indexing.RiverSystemData([], [],
        [
            new Model.River("M", "清溪河", Model.AdminLevel.County, null, m),
            new Model.River("A", "西河", Model.AdminLevel.County, "M", TestGeometry.EastWest(30.5, 102.9, 103.0)),
            new Model.River("B", "南河", Model.AdminLevel.County, "M", RoutingWorld.NorthSouth(103.0, 30.6, 30.5)),
        ], [], []));
        var network = new RiverNetwork(system);
        Assert.Equal("B", network.MainStemPredecessor("M"));
        var up = new NetworkNavigator(network).Navigate("M", 1000, NavigationMode.UpstreamMain, 50)!;
        Assert.Equal(["M", "B"], up.Stretches.Select(s => s.RiverCode));
    }

    [Fact]
    public void Upstream_main_stem_continues_up_the_same_named_predecessor()
    {
        var result = new NetworkNavigator(Y.Value).Navigate("M", 5000, NavigationMode.UpstreamMain, 20)!;
        Assert.Equal(2, result.Stretches.Count);
        AssertStretch(result.Stretches[0], "M", 0, 5000, 5000, 0);
        AssertStretch(result.Stretches[1], "A", 0, LengthA, 5000 + LengthA, 5000);
        Assert.Equal(LengthA, Geodesic.Length(result.Stretches[1].Geometry), 0.5);

        // 8 km: 5 km on M, the last 3 km of A.
        var cut = new NetworkNavigator(Y.Value).Navigate("M", 5000, NavigationMode.UpstreamMain, 8)!;
        AssertStretch(cut.Stretches[1], "A", LengthA - 3000, LengthA, 8000, 5000);
        Assert.Equal(3000, Geodesic.Length(cut.Stretches[1].Geometry), 0.5);
    }

    [Fact]
    public void Upstream_with_tributaries_takes_every_upstream_flow_path()
    {
        var result = new NetworkNavigator(Y.Value).Navigate("M", 5000, NavigationMode.UpstreamTributaries, 20)!;
        // The start river first; A and B both join at M's source (same network distance).
        Assert.Equal("M", result.Stretches[0].RiverCode);
        Assert.Equal(["A", "B"], result.Stretches.Skip(1).Select(s => s.RiverCode).Order(StringComparer.Ordinal));
        var b = result.Stretches.Single(s => s.RiverCode == "B");
        AssertStretch(b, "B", 0, LengthB, 5000 + LengthB, 5000);
        // The vacant segment is listed with no chief.
        var segment = Assert.Single(b.Segments);
        Assert.Equal(("B-K", null), (segment.Code, segment.Chief));

        // 12 km: each tributary gets the 7 km left at the confluence.
        var cut = new NetworkNavigator(Y.Value).Navigate("M", 5000, NavigationMode.UpstreamTributaries, 12)!;
        AssertStretch(cut.Stretches.Single(s => s.RiverCode == "A"), "A", LengthA - 7000, LengthA, 12000, 5000);
        AssertStretch(cut.Stretches.Single(s => s.RiverCode == "B"), "B", LengthB - 7000, LengthB, 12000, 5000);
    }

    [Fact]
    public void Downstream_main_stem_continues_into_the_downstream_river_from_the_join()
    {
        var result = new NetworkNavigator(Y.Value).Navigate("A", 1000, NavigationMode.DownstreamMain, 10)!;
        Assert.Equal(2, result.Stretches.Count);
        AssertStretch(result.Stretches[0], "A", 1000, LengthA, 0, LengthA - 1000);
        AssertStretch(result.Stretches[1], "M", 0, 10000 - (LengthA - 1000), LengthA - 1000, 10000);

        var shortCut = new NetworkNavigator(Y.Value).Navigate("A", 1000, NavigationMode.DownstreamMain, 5)!;
        AssertStretch(Assert.Single(shortCut.Stretches), "A", 1000, 6000, 0, 5000);

        var all = new NetworkNavigator(Y.Value).Navigate("A", 1000, NavigationMode.DownstreamMain, 100)!;
        AssertStretch(all.Stretches[1], "M", 0, LengthM, LengthA - 1000, LengthA - 1000 + LengthM);
    }

    [Fact]
    public void Chiefs_downstream_in_flow_order()
    {
        var result = new NetworkNavigator(Y.Value).ChiefsDownstream("A", 1000, 10)!;
        Assert.Equal(["a1", "m1"], result.Chiefs.Select(c => c.Chief.Id));
        Assert.Equal(0, result.Chiefs[0].FromDistanceM, 0.5);
        Assert.Equal(LengthA - 1000, result.Chiefs[1].FromDistanceM, 0.5);
        Assert.Equal(10000, result.Chiefs[1].ToDistanceM, 0.5);
        Assert.Equal("M-K", result.Chiefs[1].SegmentCode);
    }

    [Fact]
    public void Chain_of_three_rivers_downstream_and_cut_off()
    {
        var network = Chain.Value;
        var l1 = Length(TestGeometry.EastWest(30.5, 103.0, 103.2));
        var l2 = Geodesic.Distance(103.1, 30.6, 103.1, 30.5);
        var l3 = Length(TestGeometry.EastWest(30.55, 103.0, 103.1));
        var join1 = Length(TestGeometry.EastWest(30.5, 103.0, 103.1));
        var join2 = Geodesic.Distance(103.1, 30.6, 103.1, 30.55);
        Assert.Equal(join1, network.DownstreamOf("R2")!.JoinMeasureM, 0.01);
        Assert.Equal(join2, network.DownstreamOf("R3")!.JoinMeasureM, 0.01);

        var navigator = new NetworkNavigator(network);
        var all = navigator.Navigate("R3", 2000, NavigationMode.DownstreamMain, 100)!;
        Assert.Equal(3, all.Stretches.Count);
        AssertStretch(all.Stretches[0], "R3", 2000, l3, 0, l3 - 2000);
        AssertStretch(all.Stretches[1], "R2", join2, l2, l3 - 2000, l3 - 2000 + l2 - join2);
        AssertStretch(all.Stretches[2], "R1", join1, l1, l3 - 2000 + l2 - join2, l3 - 2000 + l2 - join2 + l1 - join1);

        var cut = navigator.Navigate("R3", 2000, NavigationMode.DownstreamMain, 10)!;
        Assert.Equal(2, cut.Stretches.Count);
        AssertStretch(cut.Stretches[1], "R2", join2, join2 + 10000 - (l3 - 2000), l3 - 2000, 10000);
    }

    [Fact]
    public void Chain_of_three_rivers_upstream_with_tributaries_limited_by_distance()
    {
        var network = Chain.Value;
        var navigator = new NetworkNavigator(network);
        var l1 = Length(TestGeometry.EastWest(30.5, 103.0, 103.2));
        var l2 = Geodesic.Distance(103.1, 30.6, 103.1, 30.5);
        var l3 = Length(TestGeometry.EastWest(30.55, 103.0, 103.1));
        var join1 = Length(TestGeometry.EastWest(30.5, 103.0, 103.1));
        var join2 = Geodesic.Distance(103.1, 30.6, 103.1, 30.55);

        // 12 km up from R1's mouth: R2 joins ~9.6 km up, its last ~2.4 km are reached; R3 (5.55 km up R2) is not.
        var near = navigator.Navigate("R1", l1, NavigationMode.UpstreamTributaries, 12)!;
        Assert.Equal(["R1", "R2"], near.Stretches.Select(s => s.RiverCode));
        AssertStretch(near.Stretches[0], "R1", l1 - 12000, l1, 12000, 0);
        AssertStretch(near.Stretches[1], "R2", l2 - (12000 - (l1 - join1)), l2, 12000, l1 - join1);

        var far = navigator.Navigate("R1", l1, NavigationMode.UpstreamTributaries, 20)!;
        Assert.Equal(["R1", "R2", "R3"], far.Stretches.Select(s => s.RiverCode));
        var atR3Mouth = (l1 - join1) + (l2 - join2);
        AssertStretch(far.Stretches[2], "R3", l3 - (20000 - atR3Mouth), l3, 20000, atR3Mouth);

        // The main stem of R1 has no predecessor at its source: UM stays on R1.
        var main = navigator.Navigate("R1", l1, NavigationMode.UpstreamMain, 50)!;
        AssertStretch(Assert.Single(main.Stretches), "R1", 0, l1, l1, 0);
    }

    [Fact]
    public void Outlets_upstream_within_five_kilometres()
    {
        var network = Chain.Value;
        var start = Length(TestGeometry.EastWest(30.5, 103.0, 103.12));
        var join1 = Length(TestGeometry.EastWest(30.5, 103.0, 103.1));
        var o1 = Length(TestGeometry.EastWest(30.5, 103.0, 103.08));
        var o2 = Geodesic.Distance(103.1, 30.6, 103.1, 30.52);
        var l2 = Geodesic.Distance(103.1, 30.6, 103.1, 30.5);

        var placed = network.OutletsOn("R1").Single();
        Assert.Equal("O1", placed.Outlet.Code);
        Assert.Equal(o1, placed.MeasureM, 0.01);
        Assert.Equal(Geodesic.Distance(103.08, 30.5002, 103.08, 30.5), placed.OffsetM, 0.01);
        Assert.DoesNotContain(new[] { "R1", "R2", "R3" }.SelectMany(network.OutletsOn), o => o.Outlet.Code == "O4");

        var result = new NetworkNavigator(network).OutletsUpstream("R1", start)!;
        Assert.Equal(["O1", "O2"], result.Outlets.Select(o => o.Code));
        Assert.Equal(start - o1, result.Outlets[0].DistanceFromStartM, 0.5);
        Assert.Equal(start - join1 + (l2 - o2), result.Outlets[1].DistanceFromStartM, 0.5);
        Assert.Equal(["r1k"], result.Outlets[0].Chiefs.Select(c => c.Id));
        Assert.Equal(["r2k"], result.Outlets[1].Chiefs.Select(c => c.Id));
        Assert.Equal("R2", result.Outlets[1].RiverCode);

        // O1 is ~3.84 km up: a 3 km search misses it and O2 (~4.14 km).
        Assert.Empty(new NetworkNavigator(network).OutletsUpstream("R1", start, 3)!.Outlets);
    }

    [Fact]
    public void Unknown_river_gives_null_and_modes_have_nldi_codes()
    {
        Assert.Null(new NetworkNavigator(Y.Value).Navigate("nope", 0, NavigationMode.DownstreamMain, 1));
        Assert.True(NavigationModes.TryParse("ut", out var mode));
        Assert.Equal(NavigationMode.UpstreamTributaries, mode);
        Assert.Equal("DM", NavigationMode.DownstreamMain.ToCode());
        Assert.False(NavigationModes.TryParse("DD", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkNavigator(Y.Value).Navigate("M", 0, NavigationMode.DownstreamMain, -1));
    }
}
