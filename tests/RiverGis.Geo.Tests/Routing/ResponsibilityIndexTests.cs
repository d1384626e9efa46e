using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Routing;

namespace RiverGis.Geo.Tests.Routing;

public class ResponsibilityIndexTests
{
    private static readonly Lazy<ResponsibilityIndex> Index = new(() => new ResponsibilityIndex(RoutingWorld.System.Value));

    private static string[] Ids(IEnumerable<ResponsibleChief> chiefs) => chiefs.Select(c => c.Id).ToArray();

    [Fact]
    public void Point_on_the_river_goes_to_the_township_chief_with_the_chain_above()
    {
        // 103.2 E is inside T1; 30.5002 N is ~22 m north of R1.
        var result = Index.Value.Resolve(103.2, 30.5002);

        Assert.Equal(ResolveStatus.Found, result.Status);
        Assert.False(result.OffRiver);
        Assert.Equal("t1", result.Chief!.Id);
        Assert.Equal(AdminLevel.Township, result.Chief.Level);
        Assert.Equal("T1", result.Chief.AreaCode);
        Assert.Equal("2002", result.Chief.Phone);
        Assert.Equal("R1", result.RiverCode);
        Assert.Equal("清溪河", result.RiverName);
        Assert.Equal("R1-T1", result.SegmentCode);
        Assert.Equal("T1", result.AreaCode);
        Assert.False(result.Escalated);
        Assert.Null(result.EscalationReason);
        Assert.Equal(AdminLevel.Township, result.ExpectedLevel);
        // Higher-level segment chiefs first (county, city), then general chiefs bottom-up.
        Assert.Equal(["k1", "c-city", "g-t1", "g-k1", "g-c1"], Ids(result.Chain));
        Assert.Equal(ChiefRole.General, result.Chain[2].Role);
        Assert.Empty(result.Candidates);
        // The nearest point of a parallel from a point due north is due south of it.
        Assert.Equal(Geodesic.Distance(103.2, 30.5002, 103.2, 30.5), result.DistanceM!.Value, 0.01);
        Assert.Equal(103.2, result.Snapped!.Value.Lon, 9);
        Assert.Equal(30.5, result.Snapped.Value.Lat, 9);
    }

    [Fact]
    public void Point_near_a_segment_boundary_lists_the_neighbouring_segment()
    {
        // 0.0003° of longitude at 30.5 N is ~29 m west of the T1/T2 boundary at 103.25 E.
        var result = Index.Value.Resolve(103.2497, 30.5003);

        Assert.Equal("t1", result.Chief!.Id);
        Assert.Equal("R1-T1", result.SegmentCode);
        var candidate = Assert.Single(result.Candidates);
        Assert.Equal(CandidateReason.SegmentBoundary, candidate.Why);
        Assert.Equal("t2", candidate.Chief!.Id);
        Assert.Equal("R1-T2", candidate.SegmentCode);
        Assert.Equal("R1", candidate.RiverCode);
        // Distance to where the neighbour begins, on the river at 103.25 E.
        Assert.Equal(Geodesic.Distance(103.2497, 30.5003, 103.25, 30.5), candidate.DistanceM, 0.05);
    }

    [Fact]
    public void Point_beyond_the_margin_from_the_boundary_has_no_boundary_candidate()
    {
        // 0.0007° ≈ 67 m west of the boundary: more than the 50 m margin; with a 100 m margin it is listed.
        Assert.Empty(Index.Value.Resolve(103.2493, 30.5001).Candidates);
        var wide = Index.Value.Resolve(103.2493, 30.5001, ambiguityMarginM: 100);
        Assert.Equal("t2", Assert.Single(wide.Candidates).Chief!.Id);
    }

    [Fact]
    public void Vacant_county_segment_escalates_to_the_city_chief()
    {
        // 103.7 E is in county K2, where no township exists; R1-K2 has no chief.
        var result = Index.Value.Resolve(103.7, 30.5002);

        Assert.Equal("c-city", result.Chief!.Id);
        Assert.Equal("R1-C1", result.SegmentCode);
        Assert.Equal(AdminLevel.County, result.ExpectedLevel);
        Assert.Equal(AdminLevel.City, result.ResponsibleLevel);
        Assert.True(result.Escalated);
        Assert.Equal(EscalationReason.Vacant, result.EscalationReason);
        var skipped = Assert.Single(result.SkippedLevels);
        Assert.Equal(new SkippedLevel(AdminLevel.County, EscalationReason.Vacant, "R1-K2"), skipped);
        Assert.Equal(["g-k2", "g-c1"], Ids(result.Chain));
        Assert.Equal("K2", result.AreaCode);
    }

    [Fact]
    public void Unassigned_township_stretch_escalates_to_the_county_chief()
    {
        // 103.45 E is in township T2, but R1-T2 ends at 103.40: nobody holds the township stretch.
        var result = Index.Value.Resolve(103.45, 30.5002);

        Assert.Equal("k1", result.Chief!.Id);
        Assert.Equal("R1-K1", result.SegmentCode);
        Assert.True(result.Escalated);
        Assert.Equal(EscalationReason.Unassigned, result.EscalationReason);
        Assert.Equal([new SkippedLevel(AdminLevel.Township, EscalationReason.Unassigned, null)], result.SkippedLevels);
        Assert.Equal(["c-city", "g-t2", "g-k1", "g-c1"], Ids(result.Chain));
    }

    [Fact]
    public void Escalation_reason_is_the_first_failed_level_and_every_skipped_level_is_listed()
    {
        // 103.55 E: township T3 has no segment, county segment R1-K2 is vacant, the city chief answers.
        var result = Index.Value.Resolve(103.55, 30.5002);

        Assert.Equal("c-city", result.Chief!.Id);
        Assert.Equal(EscalationReason.Unassigned, result.EscalationReason);
        Assert.Equal(
            [new SkippedLevel(AdminLevel.Township, EscalationReason.Unassigned, null), new SkippedLevel(AdminLevel.County, EscalationReason.Vacant, "R1-K2")],
            result.SkippedLevels);
        Assert.Equal(["g-t3", "g-k2", "g-c1"], Ids(result.Chain));
    }

    [Fact]
    public void River_without_any_chief_falls_back_to_the_general_chief()
    {
        // R3 (county level) has only a vacant county segment; the point is in K2 outside every township.
        var result = Index.Value.Resolve(103.65, 30.2003);

        Assert.Equal("R3", result.RiverCode);
        Assert.True(result.GeneralChiefFallback);
        Assert.Equal("g-k2", result.Chief!.Id);
        Assert.Equal(ChiefRole.General, result.Chief.Role);
        Assert.Null(result.SegmentCode);
        Assert.Equal(EscalationReason.Vacant, result.EscalationReason);
        Assert.Equal(["g-c1"], Ids(result.Chain));
    }

    [Fact]
    public void Off_the_river_network_the_general_chief_of_the_deepest_area_answers()
    {
        // 30.8 N is ~33 km from R1 and R2.
        var result = Index.Value.Resolve(103.1, 30.8);

        Assert.Equal(ResolveStatus.Found, result.Status);
        Assert.True(result.OffRiver);
        Assert.Equal("g-t1", result.Chief!.Id);
        Assert.Equal(AdminLevel.Township, result.Chief.Level);
        Assert.Equal(["g-k1", "g-c1"], Ids(result.Chain));
        Assert.Null(result.RiverCode);
        Assert.Null(result.DistanceM);
        Assert.Equal("T1", result.AreaCode);
    }

    [Fact]
    public void Outside_every_area_and_far_from_rivers_is_not_found()
    {
        var result = Index.Value.Resolve(105.5, 30.5);
        Assert.Equal(ResolveStatus.NotFound, result.Status);
        Assert.Null(result.Chief);
    }

    [Fact]
    public void Two_rivers_about_equally_near_list_the_other_river()
    {
        // 30.5031 N: ~322 m south of R2 (30.506) and ~344 m north of R1 (30.5).
        var result = Index.Value.Resolve(103.1, 30.5031);

        Assert.Equal("R2", result.RiverCode);
        Assert.Equal("t1b", result.Chief!.Id);
        Assert.Equal(Geodesic.Distance(103.1, 30.5031, 103.1, 30.506), result.DistanceM!.Value, 0.01);
        var other = Assert.Single(result.Candidates);
        Assert.Equal(CandidateReason.OtherRiver, other.Why);
        Assert.Equal("R1", other.RiverCode);
        Assert.Equal("R1-T1", other.SegmentCode);
        Assert.Equal("t1", other.Chief!.Id);
        Assert.Equal(Geodesic.Distance(103.1, 30.5031, 103.1, 30.5), other.DistanceM, 0.01);

        // The distances differ by ~22 m: a 10 m margin leaves R1 out.
        Assert.Empty(Index.Value.Resolve(103.1, 30.5031, ambiguityMarginM: 10).Candidates);
    }

    [Fact]
    public void Measure_along_a_straight_river_is_the_geodesic_length_from_its_source()
    {
        var result = Index.Value.Resolve(103.2, 30.5002);
        // R1 starts at 103.0 E; along a parallel a short geodesic and the parallel agree to millimetres.
        Assert.Equal(Geodesic.Distance(103.0, 30.5, 103.2, 30.5), result.MeasureM!.Value, 0.05);
    }

    [Fact]
    public void Measure_along_a_meridian_river_and_snap()
    {
        // A river flowing north along 103.3 E from 30.0 to 30.1 N; a point ~96 m east of it at 30.05 N.
        var river = new River("M1", "南北河", AdminLevel.County, null, RoutingWorld.NorthSouth(103.3, 30.0, 30.1));
        var system = new RiverSystem(new RiverSystemData([], [], [river], [], []));
        var index = new ResponsibilityIndex(system);

        var snap = index.Snap(103.301, 30.05);
        Assert.NotNull(snap);
        Assert.Equal("M1", snap.RiverCode);
        // A meridian is a geodesic: the measure is exactly the meridian arc from the source.
        Assert.Equal(Geodesic.Distance(103.3, 30.0, 103.3, 30.05), snap.MeasureM, 0.01);
        Assert.Equal(Geodesic.Distance(103.301, 30.05, 103.3, 30.05), snap.DistanceM, 0.01);
        Assert.Null(index.Snap(103.301, 30.05, radiusM: 90));
        Assert.Null(index.Snap(103.301, 30.05 + 0.2));
    }

    [Fact]
    public void Swapped_coordinates_are_detected()
    {
        // (lat, lon) given as (lon, lat): latitude 103.5 is out of range, and the twin lies in the data.
        var check = Index.Value.Check(30.5, 103.5);
        Assert.False(check.IsValid);
        Assert.True(check.OutOfRange);
        Assert.True(check.LooksSwapped);
        Assert.Equal(ResolveStatus.InvalidCoordinate, Index.Value.Resolve(30.5, 103.5).Status);

        // Both in range (data around 9.5 E 47.1 N): 47.1 E 9.5 N is outside the data, its twin inside.
        var inRange = CoordinateCheck.Of(47.1, 9.5, new Envelope(9.4, 9.6, 47.0, 47.2));
        Assert.False(inRange.IsValid);
        Assert.False(inRange.OutOfRange);
        Assert.True(inRange.LooksSwapped);
        Assert.Contains("[lat, lon]", inRange.Message);

        var fine = Index.Value.Check(103.5, 30.5);
        Assert.True(fine.IsValid);
        Assert.False(fine.LooksSwapped);
        var far = Index.Value.Check(110.0, 35.0);
        Assert.True(far.IsValid);
        Assert.True(far.OutsideExtent);
        Assert.False(far.LooksSwapped);
        Assert.False(Index.Value.Check(double.NaN, 30).IsValid);
    }

    [Fact]
    public void Concurrent_reads_give_the_same_answers()
    {
        var points = Enumerable.Range(0, 400).Select(i => (Lon: 103.0 + i * 0.0025, Lat: 30.4995 + (i % 7) * 0.0002)).ToArray();
        var expected = points.Select(p => Index.Value.Resolve(p.Lon, p.Lat)).Select(r => (r.Chief?.Id, r.SegmentCode, r.MeasureM)).ToArray();
        var actual = new (string?, string?, double?)[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var r = Index.Value.Resolve(points[i].Lon, points[i].Lat);
            actual[i] = (r.Chief?.Id, r.SegmentCode, r.MeasureM);
        });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Shared_border_stretch_prefers_the_own_area_and_lists_the_other_bank()
    {
        // A river along 30.5 N between two townships split at 30.5 N: both have a segment on the whole river.
        var areas = new List<AdminArea>
        {
            new("N", "北乡", AdminLevel.Township, null, RoutingWorld.Box(103.0, 103.2, 30.5, 30.6)),
            new("S", "南乡", AdminLevel.Township, null, RoutingWorld.Box(103.0, 103.2, 30.4, 30.5)),
        };
        var chiefs = new List<Chief> { new("n", "北岸河长", ChiefRole.Chief, "N", null), new("s", "南岸河长", ChiefRole.Chief, "S", null) };
        var line = TestGeometry.EastWest(30.5, 103.0, 103.2);
        var system = new RiverSystem(new RiverSystemData(areas, chiefs, [new River("B", "界河", AdminLevel.Township, null, line)],
            [new Segment("B-N", "B", AdminLevel.Township, "N", "n", null, line), new Segment("B-S", "B", AdminLevel.Township, "S", "s", null, line)], []));
        var index = new ResponsibilityIndex(system);

        var north = index.Resolve(103.1, 30.5003);
        Assert.Equal("n", north.Chief!.Id);
        var other = Assert.Single(north.Candidates);
        Assert.Equal(("s", CandidateReason.SharedStretch), (other.Chief!.Id, other.Why));
        Assert.Equal("s", index.Resolve(103.1, 30.4997).Chief!.Id);
    }
}
