using System.Globalization;
using System.Text.RegularExpressions;
using ProjNet.CoordinateSystems;
using ProjNet.IO.CoordinateSystems;

namespace RiverGis.Geo.Reprojection;

/// <summary>A recognised CRS, or why the text could not be used.</summary>
public readonly record struct CrsRecognition(SourceCrs? Crs, string? Problem)
{
    public static CrsRecognition Of(SourceCrs crs) => new(crs, null);
    public static CrsRecognition Fail(string problem) => new(null, problem);
}

/// <summary>
/// Recognises the CRS of a planner's file: WKT as ArcGIS and GDAL write it into a .prj (ESRI flavour,
/// <c>PROJECTION["Gauss_Kruger"]</c>, <c>D_China_2000</c>) or into a GeoPackage (OGC WKT 1 with AUTHORITY), EPSG codes,
/// and what a caller names (<c>EPSG:4527</c>). Recognition reads the datum and the projection's parameters, not names,
/// so any CGCS2000 or WGS 84 Gauss–Krüger zone works, with or without the zone-number prefix.
/// </summary>
public static partial class CrsRecognizer
{
    private const double SemiMajorAxis = 6378137;
    private const double Cgcs2000InverseFlattening = 298.257222101;
    private const double Wgs84InverseFlattening = 298.257223563;

    /// <summary>What a caller names: <c>EPSG:4527</c>, <c>4527</c> or a WKT text.</summary>
    public static CrsRecognition FromName(string text)
    {
        var trimmed = text.Trim();
        var code = trimmed.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) ? trimmed[5..] : trimmed;
        if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var epsg)) return FromEpsg(epsg);
        return trimmed.Contains('[') ? FromWkt(trimmed) : CrsRecognition.Fail($"'{text}' is not a CRS: name it as EPSG:<code> (e.g. EPSG:4527) or give its WKT");
    }

    public static CrsRecognition FromEpsg(int code) => CgcsEpsg.FromCode(code) is { } crs
        ? CrsRecognition.Of(crs)
        : CrsRecognition.Fail($"EPSG:{code} is not supported: use CGCS2000 (EPSG:4490), one of its Gauss-Kruger zones (EPSG:4491-4554) or WGS 84 (EPSG:4326)");

    /// <summary>A WKT 1 text (ESRI or OGC flavour); WKT 2 only when it ends in an EPSG identifier.</summary>
    public static CrsRecognition FromWkt(string wkt)
    {
        IInfo parsed;
        try
        {
            parsed = CoordinateSystemWktReader.Parse(wkt.Trim().TrimStart('\uFEFF'));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException)
        {
            return TrailingEpsg(wkt) is { } code ? FromEpsg(code) : CrsRecognition.Fail($"the CRS text cannot be read ({Shorten(wkt)})");
        }
        return parsed switch
        {
            GeographicCoordinateSystem g => Geographic(g),
            ProjectedCoordinateSystem p => Projected(p),
            _ => CrsRecognition.Fail($"{parsed.Name}: only geographic and projected CRSs are supported"),
        };
    }

    private static CrsRecognition Geographic(GeographicCoordinateSystem g)
    {
        if (Known(g) is { } crs) return CrsRecognition.Of(crs);
        var (datum, problem) = Datum(g);
        if (problem is not null) return CrsRecognition.Fail(problem);
        if (Math.Abs(g.AngularUnit.RadiansPerUnit - Math.PI / 180) > 1e-12) return CrsRecognition.Fail($"{g.Name}: angular unit {g.AngularUnit.Name} is not degrees");
        var epsg = datum == GeodeticDatum.Wgs84 ? SourceCrs.Wgs84.Epsg : SourceCrs.Cgcs2000.Epsg;
        return CrsRecognition.Of(new SourceCrs(g.Name, epsg, datum, null));
    }

    private static CrsRecognition Projected(ProjectedCoordinateSystem p)
    {
        if (Known(p) is { } crs) return CrsRecognition.Of(crs);
        var (datum, problem) = Datum(p.GeographicCoordinateSystem);
        if (problem is not null) return CrsRecognition.Fail(problem);
        var method = Normalise(p.Projection.ClassName);
        if (method is not ("transversemercator" or "gausskruger"))
            return CrsRecognition.Fail($"{p.Name}: projection {p.Projection.ClassName} is not supported, only Gauss-Kruger (transverse Mercator)");
        if (Math.Abs(p.LinearUnit.MetersPerUnit - 1) > 1e-12) return CrsRecognition.Fail($"{p.Name}: unit {p.LinearUnit.Name} is not metres");
        double Parameter(string name, double fallback) => p.Projection.GetParameter(name)?.Value ?? fallback;
        var zone = new GaussKrugerZone(Parameter("central_meridian", double.NaN), Parameter("false_easting", 0), Parameter("false_northing", 0),
            Parameter("scale_factor", 1), Parameter("latitude_of_origin", 0));
        if (double.IsNaN(zone.CentralMeridian)) return CrsRecognition.Fail($"{p.Name}: the central meridian is missing");
        var threeDegree = Normalise(p.Name).Contains("3degree", StringComparison.Ordinal);
        var epsg = datum == GeodeticDatum.Cgcs2000 ? CgcsEpsg.CodeOf(zone, threeDegree) : null;
        return CrsRecognition.Of(new SourceCrs(p.Name, epsg, datum, zone));
    }

    /// <summary>An EPSG AUTHORITY the table knows wins over the parameters (GDAL writes one into every GeoPackage).</summary>
    private static SourceCrs? Known(CoordinateSystem cs) =>
        string.Equals(cs.Authority, "EPSG", StringComparison.OrdinalIgnoreCase) && cs.AuthorityCode > 0 ? CgcsEpsg.FromCode((int)cs.AuthorityCode) : null;

    private static (GeodeticDatum Datum, string? Problem) Datum(GeographicCoordinateSystem g)
    {
        var datum = g.HorizontalDatum;
        var ellipsoid = datum.Ellipsoid;
        var name = Normalise(datum.Name);
        if (Math.Abs(g.PrimeMeridian.Longitude) > 1e-12) return (default, $"{g.Name}: prime meridian {g.PrimeMeridian.Name} is not Greenwich");
        var grs80 = Math.Abs(ellipsoid.SemiMajorAxis - SemiMajorAxis) < 1e-6 && Math.Abs(ellipsoid.InverseFlattening - Cgcs2000InverseFlattening) < 1e-6;
        var wgs84 = Math.Abs(ellipsoid.SemiMajorAxis - SemiMajorAxis) < 1e-6 && Math.Abs(ellipsoid.InverseFlattening - Wgs84InverseFlattening) < 1e-6;
        if (grs80 && (name.Contains("china2000", StringComparison.Ordinal) || name.Contains("cgcs2000", StringComparison.Ordinal)))
            return (GeodeticDatum.Cgcs2000, null);
        if (wgs84 && (name.Contains("wgs1984", StringComparison.Ordinal) || name.Contains("wgs84", StringComparison.Ordinal)))
            return (GeodeticDatum.Wgs84, null);
        var which = Math.Abs(ellipsoid.SemiMajorAxis - 6378245) < 1 ? " (Krassowsky ellipsoid: Beijing 1954)"
            : Math.Abs(ellipsoid.SemiMajorAxis - 6378140) < 1 ? " (IAG 1975 ellipsoid: Xian 1980)"
            : "";
        return (default, $"datum {datum.Name}{which} is not supported: only CGCS2000 and WGS 84 are; convert the file to CGCS2000 in the GIS first");
    }

    private static int? TrailingEpsg(string wkt) =>
        TrailingEpsgPattern().Match(wkt) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("""(?:ID|AUTHORITY)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingEpsgPattern();

    private static string Normalise(string name) => new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
