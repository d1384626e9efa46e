using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.Tests.LinearReferencing;

public class MeasuredLineTests
{
    private static readonly MetricProjection Projection = new(9.5);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Direction_at_a_repeated_vertex_is_the_flow_direction_not_a_default(int vertex)
    {
        // A river flowing north with its middle vertex digitised three times (a zero-length edge), as GPS and OSM data often are.
        var line = new MeasuredLine(TestGeometry.Wkt("LINESTRING(9.5 47.10, 9.5 47.11, 9.5 47.11, 9.5 47.11, 9.5 47.12)"), Projection);
        var measure = line.M[vertex];
        var (dx, dy) = line.DirectionAt(measure);
        Assert.Equal(0, dx, 3);
        Assert.Equal(1, dy, 3);
    }

    [Fact]
    public void Direction_at_a_repeated_last_vertex_is_the_last_real_edge()
    {
        var line = new MeasuredLine(TestGeometry.Wkt("LINESTRING(9.5 47.10, 9.5 47.11, 9.5 47.11)"), Projection);
        var (dx, dy) = line.DirectionAt(line.Length);
        Assert.Equal((0.0, 1.0), (Math.Round(dx, 3), Math.Round(dy, 3)));
    }
}
