using NetTopologySuite.Geometries;

namespace RiverGis.Geo.Measurement;

/// <summary>
/// Distances and lengths on the WGS84 ellipsoid (Vincenty's inverse formula), in metres. Used for every length and
/// distance the service reports, so they agree with PostGIS <c>geography</c> whatever projection the topology used.
/// </summary>
public static class Geodesic
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;
    private const double B = A * (1 - F);
    private const double DegToRad = Math.PI / 180;

    /// <summary>Geodesic distance in metres between two lon/lat positions.</summary>
    public static double Distance(double lon1, double lat1, double lon2, double lat2)
    {
        if (lon1 == lon2 && lat1 == lat2) return 0;
        var l = (lon2 - lon1) * DegToRad;
        var u1 = Math.Atan((1 - F) * Math.Tan(lat1 * DegToRad));
        var u2 = Math.Atan((1 - F) * Math.Tan(lat2 * DegToRad));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        var lambda = l;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            var sinSigma = Math.Sqrt(Sq(cosU2 * sinLambda) + Sq(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
            if (sinSigma == 0) return 0;
            var cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            var sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            var cos2Alpha = 1 - sinAlpha * sinAlpha;
            var cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            var c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
            var previous = lambda;
            lambda = l + (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - previous) < 1e-12)
            {
                var uSq = cos2Alpha * (A * A - B * B) / (B * B);
                var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
                var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
                var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                    - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
                return B * bigA * (sigma - deltaSigma);
            }
        }
        // Nearly antipodal points do not converge; river data never get there, a spherical answer is enough.
        return Haversine(lon1, lat1, lon2, lat2);
    }

    public static double Distance(Coordinate a, Coordinate b) => Distance(a.X, a.Y, b.X, b.Y);

    /// <summary>Length in metres of a lon/lat line or of all lines in a collection; 0 for points, perimeter for polygons.</summary>
    public static double Length(Geometry geometry)
    {
        var total = 0.0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            switch (part)
            {
                case LineString line:
                    total += Length(line.CoordinateSequence);
                    break;
                case Polygon polygon:
                    total += Length(polygon.ExteriorRing.CoordinateSequence);
                    foreach (var hole in polygon.InteriorRings) total += Length(hole.CoordinateSequence);
                    break;
            }
        }
        return total;
    }

    public static double Length(CoordinateSequence sequence)
    {
        var total = 0.0;
        for (var i = 1; i < sequence.Count; i++)
        {
            total += Distance(sequence.GetX(i - 1), sequence.GetY(i - 1), sequence.GetX(i), sequence.GetY(i));
        }
        return total;
    }

    /// <summary>Metres per degree of longitude and of latitude at a latitude (for envelopes and local flat approximations).</summary>
    public static (double PerDegreeLon, double PerDegreeLat) MetresPerDegree(double latitude)
    {
        var phi = latitude * DegToRad;
        // Series for the WGS84 ellipsoid; good to a centimetre per degree.
        var perLat = 111132.92 - 559.82 * Math.Cos(2 * phi) + 1.175 * Math.Cos(4 * phi) - 0.0023 * Math.Cos(6 * phi);
        var perLon = 111412.84 * Math.Cos(phi) - 93.5 * Math.Cos(3 * phi) + 0.118 * Math.Cos(5 * phi);
        return (Math.Max(perLon, 1e-6), perLat);
    }

    /// <summary>An envelope around a lon/lat position that surely contains every point within <paramref name="metres"/>.</summary>
    public static Envelope EnvelopeAround(double lon, double lat, double metres)
    {
        var (perLon, perLat) = MetresPerDegree(Math.Clamp(Math.Abs(lat) + metres / 100_000, 0, 89.9));
        var dLat = metres / perLat * 1.01;
        var dLon = metres / perLon * 1.01;
        return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
    }

    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        const double r = 6371008.8;
        var dLat = (lat2 - lat1) * DegToRad;
        var dLon = (lon2 - lon1) * DegToRad;
        var h = Sq(Math.Sin(dLat / 2)) + Math.Cos(lat1 * DegToRad) * Math.Cos(lat2 * DegToRad) * Sq(Math.Sin(dLon / 2));
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double Sq(double x) => x * x;
}
