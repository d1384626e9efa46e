using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Responsibility;

public class OverlapFinderTests
{
    [Fact]
    public void Two_segments_claiming_the_same_stretch_overlap_there()
    {
        var system = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", 9.44, 9.48));
        var overlap = Assert.Single(OverlapFinder.Find(system));
        Assert.Equal(["A", "B"], overlap.SegmentCodes);
        Assert.Equal(["C"], overlap.AreaCodes);
        Assert.Equal(("R", AdminLevel.County), (overlap.RiverCode, overlap.Level));
        Assert.Equal(M(9.44), overlap.FromM, 1.0);
        Assert.Equal(M(9.45), overlap.ToM, 1.0);
        Assert.Equal(Along(9.44, 9.45), overlap.LengthM, 1.0);
        Assert.Equal(Along(9.44, 9.45), Geodesic.Length(overlap.Geometry), 1.0);
    }

    [Fact]
    public void Segments_sharing_an_end_point_or_overlapping_within_the_tolerance_do_not_overlap()
    {
        var touching = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", 9.45, 9.50));
        Assert.Empty(OverlapFinder.Find(touching));
        var slight = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", East(9.45, -20), 9.50));
        Assert.Empty(OverlapFinder.Find(slight));
        // The raw alignment is used: 40 m of overlap is reported as 40 m, not 40 + 2×25.
        var real = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", East(9.45, -40), 9.50));
        Assert.Equal(Geodesic.Distance(East(9.45, -40), Lat, 9.45, Lat), Assert.Single(OverlapFinder.Find(real)).LengthM, 1.0);
    }

    [Fact]
    public void Segments_of_different_levels_do_not_overlap_each_other()
    {
        var system = Single(Seg("A", "R", "C", "K", 9.40, 9.50), Seg("T", "R", "C", null, 9.40, 9.50, level: AdminLevel.Township));
        Assert.Empty(OverlapFinder.Find(system));
    }

    [Fact]
    public void Contiguous_double_cover_lists_every_segment_involved()
    {
        // A 9.40–9.45, B 9.44–9.47, C 9.46–9.50: doubly covered 9.44–9.45 (A,B) and 9.46–9.47 (B,C), apart.
        var system = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", 9.44, 9.47), Seg("C", "R", "C", "K", 9.46, 9.50),
            Seg("D", "R", "C", "K", 9.465, 9.468));
        var overlaps = OverlapFinder.Find(system);
        Assert.Equal(2, overlaps.Count);
        Assert.Equal(["A", "B"], overlaps[0].SegmentCodes);
        Assert.Equal(["B", "C", "D"], overlaps[1].SegmentCodes);
        Assert.Equal(M(9.46), overlaps[1].FromM, 1.0);
        Assert.Equal(M(9.47), overlaps[1].ToM, 1.0);
    }

    [Fact]
    public void Filters_by_level_river_and_area()
    {
        var system = new RiverSystem(MainData() with
        {
            Segments = [.. MainData().Segments, Seg("X", "R1", "C2", "K2", 9.50, 9.52)],
        });
        var overlap = Assert.Single(OverlapFinder.Find(system, new OverlapQuery(AdminLevel.County, "R1")));
        Assert.Equal(["S2", "X"], overlap.SegmentCodes);
        Assert.Single(OverlapFinder.Find(system, new OverlapQuery(AreaCode: "CY1")));
        Assert.Empty(OverlapFinder.Find(system, new OverlapQuery(AreaCode: "CY2")));
        Assert.Empty(OverlapFinder.Find(system, new OverlapQuery(AdminLevel.Township)));
    }
}
