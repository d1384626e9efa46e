using NetTopologySuite.Geometries;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Measurement;

namespace RiverGis.Generation;

/// <summary>
/// The generated region: a lon/lat rectangle and a local plane in metres (x east, y north, origin at the south-west
/// corner) related to lon/lat by an affine map, so straight lines stay straight and tilings stay tilings in both.
/// Geometry is built in the plane and converted with <see cref="ToLonLat(double,double)"/>, which snaps to the
/// written precision (<see cref="GeoJsonPrecision"/>) so that the content survives a write/read unchanged.
/// </summary>
internal sealed class RegionFrame
{
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

    public static double Snap(double degrees) => GeoJsonPrecision.Round(degrees);

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

    /// <summary>Longest edge of the region's outline (m).</summary>
    public const double MaxEdgeM = 1000;

    /// <summary>
    /// The region's outline with a vertex every <see cref="MaxEdgeM"/> at most. A GeoJSON edge is straight in lon/lat,
    /// but a consumer projects vertices (the analyses' transverse Mercator) or follows great circles (PostGIS
    /// geography): across a province-wide edge of four corners either moves the southern edge kilometres north, and
    /// rivers near it fall outside the province. Short edges keep every reading within centimetres.
    /// </summary>
    public Polygon Rectangle()
    {
        var ring = new List<Coordinate>();
        Edge(0, 0, Width, 0);
        Edge(Width, 0, Width, Height);
        Edge(Width, Height, 0, Height);
        Edge(0, Height, 0, 0);
        ring.Add(ring[0].Copy());
        return Factory.CreatePolygon(ring.ToArray());

        void Edge(double x0, double y0, double x1, double y1)
        {
            var steps = Math.Max(1, (int)Math.Ceiling(Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) / MaxEdgeM));
            for (var k = 0; k < steps; k++) ring.Add(ToLonLat(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps));
        }
    }
}
