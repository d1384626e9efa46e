using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Responsibility;

public class CrossBoundarySegmentsTests
{
    private static RiverSystem With(params Segment[] segments) => new(MainData() with { Segments = segments });

    [Fact]
    public void Segment_spilling_500_m_into_the_neighbour_is_reported_with_that_part()
    {
        var end = East(9.48, 500);
        var system = With(Seg("S1b", "R1", "C1", "K1", 9.46, end));
        var part = Assert.Single(CrossBoundarySegments.Find(system));
        Assert.Equal(("S1b", "R1", AdminLevel.County, "C1", "C2", "C2 name"),
            (part.SegmentCode, part.RiverCode, part.Level, part.OwnAreaCode, part.EnteredAreaCode, part.EnteredAreaName));
        var expected = Geodesic.Distance(9.48, Lat, end, Lat);
        Assert.InRange(expected, 499, 501);
        Assert.Equal(expected, part.LengthM, 1.0);
        Assert.Equal(expected, Geodesic.Length(part.Geometry), 1.0);
        Assert.Equal(9.48, part.Geometry.Coordinates[0].X, 6);
    }

    [Fact]
    public void Spill_within_the_tolerance_is_not_reported()
    {
        Assert.Empty(CrossBoundarySegments.Find(With(Seg("S1b", "R1", "C1", "K1", 9.46, East(9.48, 20)))));
    }

    [Fact]
    public void Long_piece_that_never_strays_beyond_the_tolerance_is_not_reported()
    {
        // 1.1 km running north–south 10 m east of C1's eastern boundary: long, but never more than 10 m out.
        var line = NorthSouth(East(9.48, 10), 47.10, 47.11);
        var hugging = new Segment("H", "R1", AdminLevel.County, "C1", "K1", null, line);
        Assert.Empty(CrossBoundarySegments.Find(With(hugging)));
        // The same 40 m out is reported, all of it inside C2.
        var out40 = new Segment("H", "R1", AdminLevel.County, "C1", "K1", null, NorthSouth(East(9.48, 40), 47.10, 47.11));
        var part = Assert.Single(CrossBoundarySegments.Find(With(out40)));
        Assert.Equal("C2", part.EnteredAreaCode);
        Assert.Equal(Geodesic.Length(out40.Geometry), part.LengthM, 1.0);
    }

    [Fact]
    public void Part_outside_every_same_level_area_has_no_entered_area()
    {
        var end = East(9.60, 300);
        var parts = CrossBoundarySegments.Find(With(Seg("S3", "R1", "C3", "K3", 9.54, end)));
        var part = Assert.Single(parts);
        Assert.Null(part.EnteredAreaCode);
        Assert.Equal(Geodesic.Distance(9.60, Lat, end, Lat), part.LengthM, 1.0);
    }

    [Fact]
    public void Segment_across_two_neighbours_gives_one_result_per_entered_area()
    {
        // Owned by C2 but drawn from 9.47 (in C1) to 9.55 (in C3).
        var parts = CrossBoundarySegments.Find(With(Seg("S2", "R1", "C2", null, 9.47, 9.55)));
        Assert.Equal(["C1", "C3"], parts.Select(p => p.EnteredAreaCode));
        Assert.Equal(Along(9.47, 9.48), parts[0].LengthM, 1.0);
        Assert.Equal(Along(9.54, 9.55), parts[1].LengthM, 1.0);
        Assert.Empty(CrossBoundarySegments.Find(With(Seg("S2", "R1", "C2", null, 9.47, 9.55)), new CrossBoundaryQuery(AreaCode: "CY2")));
        Assert.Equal(2, CrossBoundarySegments.Find(With(Seg("S2", "R1", "C2", null, 9.47, 9.55)), new CrossBoundaryQuery(AdminLevel.County, "R1", "CY1")).Count);
    }

    [Fact]
    public void Stored_segments_of_the_main_case_stay_inside_their_areas()
    {
        Assert.Empty(CrossBoundarySegments.Find(new RiverSystem(MainData())));
    }
}
