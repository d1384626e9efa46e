using System.Globalization;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using RiverGis.Geo.GeoJson;

namespace RiverGis.Geo.Reprojection;

/// <summary>
/// Brings geometries from a <see cref="SourceCrs"/> to WGS84 lon/lat (2-D) with ProjNet: the inverse Gauss–Krüger
/// projection on the file's own ellipsoid, then CGCS2000 taken as WGS84 (the datums differ by well under a metre,
/// below the digitising accuracy of river-chief data). Before transforming it checks that the coordinates fit the
/// CRS: eastings with a zone-number prefix the CRS does not declare (or the reverse), metres in a geographic CRS.
/// </summary>
public sealed class Wgs84Reprojector
{
    /// <summary>Farther than this from the central meridian an easting is not of this zone (a 6° zone is ±340 km wide).</summary>
    private const double MaxOffsetFromMeridianM = 1_000_000;

    private readonly SourceCrs _crs;
    private readonly MathTransform? _inverse;

    public Wgs84Reprojector(SourceCrs crs)
    {
        _crs = crs;
        if (crs.Projection is { } zone) _inverse = InverseProjection(crs, zone);
    }

    /// <summary>
    /// The geometry in WGS84, or null with <paramref name="problem"/> saying why its coordinates do not fit the CRS.
    /// </summary>
    public Geometry? Reproject(Geometry geometry, out string? problem)
    {
        problem = Misfit(geometry);
        if (problem is not null) return null;
        return Rebuild(geometry, _inverse is null ? c => new Coordinate(c.X, c.Y) : Inverse);
    }

    private Coordinate Inverse(Coordinate c)
    {
        var (lon, lat) = _inverse!.Transform(c.X, c.Y);
        return new Coordinate(lon, lat);
    }

    private string? Misfit(Geometry geometry)
    {
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y)) return $"position ({Format(c.X)} {Format(c.Y)}) is not a number";
            if (_crs.Projection is not { } zone)
            {
                if (Math.Abs(c.X) > 360 || Math.Abs(c.Y) > 360)
                    return $"position ({Format(c.X)} {Format(c.Y)}) looks like projected metres, but the CRS {_crs.Label} is geographic (degrees)";
                continue;
            }
            var offset = c.X - zone.FalseEasting;
            if (Math.Abs(offset) <= MaxOffsetFromMeridianM) continue;
            var prefix = (int)Math.Floor(c.X / 1_000_000);
            if (zone.ZonePrefix is null && prefix is >= 13 and <= 45)
                return $"easting {Format(c.X)} carries the zone-number prefix {prefix}, but the CRS {_crs.Label} has none (false easting {Format(zone.FalseEasting)}): name the CRS of zone {prefix}";
            if (zone.ZonePrefix is { } expected && c.X < 1_000_000)
                return $"easting {Format(c.X)} has no zone-number prefix, but the CRS {_crs.Label} expects {expected} (false easting {Format(zone.FalseEasting)}): name the CRS without the prefix";
            return $"easting {Format(c.X)} is {Format(Math.Abs(offset) / 1000)} km from the central meridian {Format(zone.CentralMeridian)}° of {_crs.Label}: not of this zone";
        }
        return null;
    }

    private static MathTransform InverseProjection(SourceCrs crs, GaussKrugerZone zone)
    {
        var factory = new CoordinateSystemFactory();
        var inverseFlattening = crs.Datum == GeodeticDatum.Cgcs2000 ? 298.257222101 : 298.257223563;
        var ellipsoid = factory.CreateFlattenedSphere(crs.Datum.ToString(), 6378137, inverseFlattening, LinearUnit.Metre);
        var datum = factory.CreateHorizontalDatum(crs.Datum.ToString(), DatumType.HD_Geocentric, ellipsoid, null);
        var geographic = factory.CreateGeographicCoordinateSystem(crs.Datum.ToString(), AngularUnit.Degrees, datum, PrimeMeridian.Greenwich,
            new AxisInfo("Lon", AxisOrientationEnum.East), new AxisInfo("Lat", AxisOrientationEnum.North));
        var projection = factory.CreateProjection("Gauss-Kruger", "transverse_mercator",
        [
            new("latitude_of_origin", zone.LatitudeOfOrigin),
            new("central_meridian", zone.CentralMeridian),
            new("scale_factor", zone.ScaleFactor),
            new("false_easting", zone.FalseEasting),
            new("false_northing", zone.FalseNorthing),
        ]);
        var projected = factory.CreateProjectedCoordinateSystem(crs.Name, geographic, projection, LinearUnit.Metre,
            new AxisInfo("E", AxisOrientationEnum.East), new AxisInfo("N", AxisOrientationEnum.North));
        // Same geographic system on both sides: only the inverse projection, no datum shift (CGCS2000 ≈ WGS84).
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(projected, geographic).MathTransform;
    }

    /// <summary>The same shape built by the WGS84 factory from transformed 2-D positions.</summary>
    private static Geometry Rebuild(Geometry geometry, Func<Coordinate, Coordinate> map)
    {
        var f = GeoJsonGeometryReader.Wgs84Factory;
        Coordinate[] Map(Coordinate[] cs) => Array.ConvertAll(cs, c => map(c));
        LinearRing Ring(LineString ring) => f.CreateLinearRing(Map(ring.Coordinates));
        Polygon Poly(Polygon p) => f.CreatePolygon(Ring(p.Shell), p.Holes.Select(Ring).ToArray());
        return geometry switch
        {
            Point p => f.CreatePoint(map(p.Coordinate)),
            LineString l => f.CreateLineString(Map(l.Coordinates)),
            Polygon p => Poly(p),
            MultiPoint mp => f.CreateMultiPointFromCoords(Map(mp.Coordinates)),
            MultiLineString ml => f.CreateMultiLineString(ml.Geometries.Select(g => f.CreateLineString(Map(g.Coordinates))).ToArray()),
            MultiPolygon mp => f.CreateMultiPolygon(mp.Geometries.Select(g => Poly((Polygon)g)).ToArray()),
            _ => throw new NotSupportedException($"{geometry.GeometryType} is not a feature geometry"),
        };
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
