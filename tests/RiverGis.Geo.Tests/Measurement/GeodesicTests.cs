using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.Tests.Measurement;

public class GeodesicTests
{
    // Reference values: ST_Distance(geography, use_spheroid => true) from PostGIS 3 (GeographicLib inside).
    [Theory]
    [InlineData(0, 0, 1, 0, 111319.49079327)]
    [InlineData(0, 0, 0, 1, 110574.3885578)]
    [InlineData(103.2, 29.25, 103.3, 29.35, 14739.40091945)]
    [InlineData(9.52, 47.14, 9.53, 47.15, 1345.8382501)]
    public void Distance_matches_GeographicLib(double lon1, double lat1, double lon2, double lat2, double expected)
    {
        Assert.Equal(expected, Geodesic.Distance(lon1, lat1, lon2, lat2), 1e-3);
    }

    [Fact]
    public void Envelope_around_contains_every_point_within_radius()
    {
        var envelope = Geodesic.EnvelopeAround(9.5, 47.1, 500);
        for (var bearing = 0; bearing < 360; bearing += 15)
        {
            // Walk ~499 m in each direction with the local metres-per-degree and check we stay inside.
            var (perLon, perLat) = Geodesic.MetresPerDegree(47.1);
            var lon = 9.5 + 499 * Math.Sin(bearing * Math.PI / 180) / perLon;
            var lat = 47.1 + 499 * Math.Cos(bearing * Math.PI / 180) / perLat;
            Assert.True(Geodesic.Distance(9.5, 47.1, lon, lat) < 500.5);
            Assert.True(envelope.Contains(lon, lat), $"bearing {bearing}");
        }
    }
}
