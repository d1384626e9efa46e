using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.Tests.LinearReferencing;

public class AreaOnLineTests
{
    private static readonly MetricProjection Projection = new(9.5);

    [Fact]
    public void River_through_two_parts_of_a_multipolygon_gets_two_intervals()
    {
        // A river along 47.1 N from 9.40 E to 9.60 E; an area made of two boxes, 9.45–9.48 and 9.52–9.55 E.
        var river = new MeasuredLine(TestGeometry.EastWest(47.1, 9.40, 9.60), Projection);
        var area = TestGeometry.Wkt("MULTIPOLYGON(((9.45 47.0, 9.48 47.0, 9.48 47.2, 9.45 47.2, 9.45 47.0)),((9.52 47.0, 9.55 47.0, 9.55 47.2, 9.52 47.2, 9.52 47.0)))");
        var inside = new AreaOnLine(Projection.Project(area)).IntervalsOn(river);

        Assert.Equal(2, inside.Intervals.Count);
        // Hand check: one degree of longitude at 47.1 N is ~75.99 km on WGS84, so each box spans ~2280 m of river.
        var perDegree = Geodesic.Distance(9.0, 47.1, 10.0, 47.1);
        Assert.Equal(0.05 * perDegree, inside.Intervals[0].From, 1.0);
        Assert.Equal(0.03 * perDegree, inside.Intervals[0].Length, 1.0);
        Assert.Equal(0.12 * perDegree, inside.Intervals[1].From, 1.0);
    }

    [Fact]
    public void River_entirely_inside_is_one_interval_and_outside_is_empty()
    {
        var river = new MeasuredLine(TestGeometry.EastWest(47.1, 9.46, 9.47), Projection);
        var box = new AreaOnLine(Projection.Project(TestGeometry.Wkt("POLYGON((9.45 47.0, 9.48 47.0, 9.48 47.2, 9.45 47.2, 9.45 47.0))")));
        Assert.Equal(river.Length, box.IntervalsOn(river).Length, 6);
        var far = new AreaOnLine(Projection.Project(TestGeometry.Wkt("POLYGON((9.0 46.0, 9.1 46.0, 9.1 46.1, 9.0 46.1, 9.0 46.0))")));
        Assert.True(far.IntervalsOn(river).IsEmpty);
    }

    [Fact]
    public void Extract_returns_the_stretch_between_measures()
    {
        var river = new MeasuredLine(TestGeometry.EastWest(47.1, 9.40, 9.60), Projection);
        var stretch = river.Extract(1000, 3500, RiverGis.Geo.GeoJson.GeoJsonGeometryReader.Wgs84Factory);
        Assert.Equal(2500, Geodesic.Length(stretch), 0.5);
        Assert.Equal(river.PointAt(1000).X, stretch.Coordinates[0].X, 9);
    }

    [Fact]
    public void Segment_alignment_covers_the_river_it_follows()
    {
        var river = new MeasuredLine(TestGeometry.EastWest(47.1, 9.40, 9.60), Projection);
        // A segment digitised 10 m north of the river (0.00009° of latitude) from 9.45 to 9.50 E.
        var segment = new MeasuredLine(TestGeometry.EastWest(47.10009, 9.45, 9.50), Projection);
        var alignment = SegmentAlignment.Align(river, segment, toleranceM: 25);
        var perDegree = Geodesic.Distance(9.0, 47.1, 10.0, 47.1);
        Assert.Single(alignment.Covered.Intervals);
        Assert.Equal(0.05 * perDegree, alignment.Covered.Intervals[0].From, 1.0);
        Assert.Equal(0.05 * perDegree, alignment.Covered.Length, 1.0);
        Assert.Equal(1.0, alignment.MatchedShare, 3);
        Assert.InRange(alignment.MaxDistanceM, 9.5, 10.5);

        var strict = SegmentAlignment.Align(river, segment, toleranceM: 5);
        Assert.True(strict.Covered.IsEmpty);
    }
}
