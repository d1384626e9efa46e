using NetTopologySuite.Geometries;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Tests.Reprojection;

public class Wgs84ReprojectorTests
{
    private static readonly GeometryFactory Planar = new();

    private static Point Reproject(int epsg, double x, double y, out string? problem) =>
        (Point)new Wgs84Reprojector(CgcsEpsg.FromCode(epsg)!).Reproject(Planar.CreatePoint(new Coordinate(x, y)), out problem)!;

    // Hand-computed: the false easting on the equator is the central meridian; mirror eastings give mirror longitudes.
    [Theory]
    [InlineData(4522, 34500000, 102)]
    [InlineData(4543, 500000, 102)]
    [InlineData(4496, 18500000, 105)]
    [InlineData(4507, 500000, 105)]
    public void The_false_easting_is_the_central_meridian(int epsg, double falseEasting, double centralMeridian)
    {
        var origin = Reproject(epsg, falseEasting, 0, out _);
        Assert.Equal(centralMeridian, origin.X, 9);
        Assert.Equal(0, origin.Y, 9);
        var east = Reproject(epsg, falseEasting + 80_000, 3_300_000, out _);
        var west = Reproject(epsg, falseEasting - 80_000, 3_300_000, out _);
        Assert.Equal(centralMeridian - west.X, east.X - centralMeridian, 9);
        Assert.Equal(east.Y, west.Y, 9);
        Assert.True(double.IsNaN(east.Coordinate.Z));
    }

    [Theory]
    [InlineData(4543, 34610000, 3230000, "carries the zone-number prefix 34")]
    [InlineData(4522, 610000, 3230000, "has no zone-number prefix")]
    [InlineData(4522, 36610000, 3230000, "not of this zone")]
    [InlineData(4490, 610000, 3230000, "looks like projected metres")]
    public void Coordinates_that_do_not_fit_the_crs_are_refused_with_the_likely_cause(int epsg, double x, double y, string fragment)
    {
        var result = new Wgs84Reprojector(CgcsEpsg.FromCode(epsg)!).Reproject(Planar.CreatePoint(new Coordinate(x, y)), out var problem);
        Assert.Null(result);
        Assert.Contains(fragment, problem);
    }

    [Fact]
    public void Geographic_coordinates_pass_unchanged_in_the_wgs84_factory()
    {
        var line = Planar.CreateLineString([new Coordinate(103.1, 29.2), new Coordinate(103.2, 29.3)]);
        var result = new Wgs84Reprojector(SourceCrs.Cgcs2000).Reproject(line, out var problem)!;
        Assert.Null(problem);
        Assert.Equal(4326, result.SRID);
        Assert.Equal(line.Coordinates, result.Coordinates);
    }
}
