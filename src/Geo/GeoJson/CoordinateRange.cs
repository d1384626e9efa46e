using NetTopologySuite.Geometries;

namespace RiverGis.Geo.GeoJson;

/// <summary>Range checks for lon/lat pairs, naming the likely cause when the pair looks swapped.</summary>
public static class CoordinateRange
{
    /// <summary>Null when (lon, lat) is a valid WGS84 position, else a message that says what is wrong.</summary>
    public static string? Check(double lon, double lat)
    {
        var lonOk = lon is >= -180 and <= 180;
        var latOk = lat is >= -90 and <= 90;
        if (lonOk && latOk) return null;
        var swappedOk = lat is >= -180 and <= 180 && lon is >= -90 and <= 90;
        var what = !latOk
            ? $"latitude {GeoJsonGeometryReader.Format(lat)} is out of range [-90, 90]"
            : $"longitude {GeoJsonGeometryReader.Format(lon)} is out of range [-180, 180]";
        return swappedOk ? what + "; the position looks like [lat, lon] — GeoJSON order is [lon, lat]" : what;
    }

    /// <summary>
    /// True when <paramref name="point"/> lies outside <paramref name="dataExtent"/> (grown by <paramref name="marginDegrees"/>)
    /// but its swapped twin (lat, lon) lies inside: the classic "lat/lon swapped" report for data whose both
    /// coordinates are in range (e.g. Liechtenstein 9.5 E 47.1 N ⇔ 47.1 E 9.5 N).
    /// </summary>
    public static bool LooksSwapped(Coordinate point, Envelope dataExtent, double marginDegrees = 0.5)
    {
        if (dataExtent.IsNull) return false;
        var grown = new Envelope(dataExtent);
        grown.ExpandBy(marginDegrees);
        return !grown.Contains(point.X, point.Y) && grown.Contains(point.Y, point.X);
    }
}
