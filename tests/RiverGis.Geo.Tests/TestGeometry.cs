using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace RiverGis.Geo.Tests;

/// <summary>Small helpers to write hand-built cases in WKT (lon/lat, SRID 4326).</summary>
internal static class TestGeometry
{
    private static readonly WKTReader Reader = new(GeoJson.GeoJsonGeometryReader.Wgs84Factory.GeometryServices);

    public static Geometry Wkt(string wkt)
    {
        var geometry = Reader.Read(wkt);
        geometry.SRID = 4326;
        return geometry;
    }

    /// <summary>A straight east-west line at a latitude, from lon0 to lon1, with a vertex every step degrees.</summary>
    public static LineString EastWest(double lat, double lon0, double lon1, double step = 0.001)
    {
        var n = (int)Math.Round(Math.Abs(lon1 - lon0) / step);
        var coordinates = Enumerable.Range(0, n + 1).Select(i => new Coordinate(lon0 + (lon1 - lon0) * i / n, lat)).ToArray();
        return GeoJson.GeoJsonGeometryReader.Wgs84Factory.CreateLineString(coordinates);
    }
}
