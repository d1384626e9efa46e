using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Tests.Indexing;

public class RiverSystemTests
{
    [Fact]
    public void Alignment_cache_tells_apart_segments_that_share_a_code()
    {
        // A proposal may carry a duplicate code; each segment must still be aligned on its own geometry.
        var river = new River("R", "River", AdminLevel.County, null, TestGeometry.EastWest(47.1, 9.40, 9.50));
        var west = new Segment("DUP", "R", AdminLevel.County, "C", null, null, TestGeometry.EastWest(47.1, 9.40, 9.42));
        var east = new Segment("DUP", "R", AdminLevel.County, "C", null, null, TestGeometry.EastWest(47.1, 9.46, 9.50));
        var system = new RiverSystem(new RiverSystemData([], [], [river], [west, east], []));
        var entries = system.SegmentsOn("R", AdminLevel.County);
        Assert.Equal(2, entries.Count);

        var perDegree = Geodesic.Distance(9.40, 47.1, 9.50, 47.1) / 0.1;
        var first = system.AlignmentOf(entries[0], 25).Covered;
        var second = system.AlignmentOf(entries[1], 25).Covered;
        Assert.Equal(0, first.Intervals[0].From, 1.0);
        Assert.Equal(0.02 * perDegree, first.Length, 1.0);
        Assert.Equal(0.06 * perDegree, second.Intervals[0].From, 1.0);
        Assert.Equal(0.04 * perDegree, second.Length, 1.0);
        // Still cached: the same entry and tolerance give the same object.
        Assert.Same(system.AlignmentOf(entries[1], 25), system.AlignmentOf(entries[1], 25));
    }
}
