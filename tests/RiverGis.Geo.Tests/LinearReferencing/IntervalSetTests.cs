using RiverGis.Geo.LinearReferencing;

namespace RiverGis.Geo.Tests.LinearReferencing;

public class IntervalSetTests
{
    private static IntervalSet Set(params double[] bounds) =>
        IntervalSet.From(Enumerable.Range(0, bounds.Length / 2).Select(i => new Interval(bounds[2 * i], bounds[2 * i + 1])));

    [Fact]
    public void From_merges_overlapping_and_touching_intervals()
    {
        Assert.Equal("[0,15] [20,30]", Set(10, 15, 0, 10, 20, 30, 22, 25).ToString());
    }

    [Fact]
    public void Subtract_cuts_holes_and_ends()
    {
        var river = Set(0, 100);
        var covered = Set(10, 20, 50, 120);
        Assert.Equal("[0,10] [20,50]", river.Subtract(covered).ToString());
        Assert.Equal(40, river.Subtract(covered).Length, 9);
    }

    [Fact]
    public void Intersect_keeps_common_parts()
    {
        Assert.Equal("[5,10] [20,25]", Set(0, 10, 20, 30).Intersect(Set(5, 25)).ToString());
    }

    [Fact]
    public void Grow_closes_holes_narrower_than_twice_the_amount()
    {
        Assert.Equal("[0,100]", Set(0, 40, 45, 100).Grow(3, 0, 100).ToString());
        Assert.Equal("[0,43] [52,100]", Set(0, 40, 55, 100).Grow(3, 0, 100).ToString());
    }

    [Fact]
    public void Contains_uses_binary_search_with_slack()
    {
        var set = Set(0, 10, 20, 30);
        Assert.True(set.Contains(25));
        Assert.False(set.Contains(15));
        Assert.True(set.Contains(11, slack: 1.5));
    }
}
