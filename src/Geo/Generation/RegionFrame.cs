using NetTopologySuite.Geometries;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.Generation;

/// <summary>
/// The generated region: a lon/lat rectangle and a local plane in metres (x east, y north, origin at the south-west
/// corner) related to lon/lat by an affine map, so straight lines stay straight and tilings stay tilings in both.
/// Geometry is built in the plane and converted with <see cref="ToLonLat(double,double)"/>, which snaps to the
/// written precision (<see cref="DatasetWriter.Decimals"/> decimals) so that the content survives a write/read unchanged.
/// </summary>
internal sealed class RegionFrame
{
    private static readonly double Scale = Math.Pow(10, DatasetWriter.Decimals);

    public RegionFrame(double centreLon, double centreLat, double widthM, double heightM)
    {
        (MetresPerDegreeLon, MetresPerDegreeLat) = Geodesic.MetresPerDegree(centreLat);
        MinLon = Snap(centreLon - widthM / 2 / MetresPerDegreeLon);
        MinLat = Snap(centreLat - heightM / 2 / MetresPerDegreeLat);
        MaxLon = Snap(MinLon + widthM / MetresPerDegreeLon);
        MaxLat = Snap(MinLat + heightM / MetresPerDegreeLat);
        Width = (MaxLon - MinLon) * MetresPerDegreeLon;
        Height = (MaxLat - MinLat) * MetresPerDegreeLat;
    }

    public double MinLon { get; }
    public double MinLat { get; }
    public double MaxLon { get; }
    public double MaxLat { get; }
    /// <summary>Plane width (m).</summary>
    public double Width { get; }
    /// <summary>Plane height (m).</summary>
    public double Height { get; }
    public double MetresPerDegreeLon { get; }
    public double MetresPerDegreeLat { get; }

    public static GeometryFactory Factory => GeoJsonGeometryReader.Wgs84Factory;

    public Envelope LonLatEnvelope => new(MinLon, MaxLon, MinLat, MaxLat);

    public static double Snap(double degrees) => Math.Round(degrees * Scale, MidpointRounding.AwayFromZero) / Scale;

    /// <summary>Plane metres to snapped lon/lat; the region's edges map exactly onto the snapped rectangle.</summary>
    public Coordinate ToLonLat(double x, double y)
    {
        var lon = x <= 0 ? MinLon : x >= Width ? MaxLon : Snap(MinLon + x / MetresPerDegreeLon);
        var lat = y <= 0 ? MinLat : y >= Height ? MaxLat : Snap(MinLat + y / MetresPerDegreeLat);
        return new Coordinate(lon, lat);
    }

    public Coordinate ToLonLat(Coordinate planar) => ToLonLat(planar.X, planar.Y);

    public (double X, double Y) ToPlane(double lon, double lat) =>
        ((lon - MinLon) * MetresPerDegreeLon, (lat - MinLat) * MetresPerDegreeLat);

    public Polygon Rectangle() => Factory.CreatePolygon(
    [
        new Coordinate(MinLon, MinLat), new Coordinate(MaxLon, MinLat), new Coordinate(MaxLon, MaxLat),
        new Coordinate(MinLon, MaxLat), new Coordinate(MinLon, MinLat),
    ]);
}
