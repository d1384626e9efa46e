namespace RiverGis.Geo.Reprojection;

/// <summary>The geodetic datums the readers accept. CGCS2000 is taken as WGS84: the two differ by well under a metre.</summary>
public enum GeodeticDatum
{
    Cgcs2000,
    Wgs84,
}

/// <summary>A Gauss–Krüger (transverse Mercator) zone: easting = false easting + distance from the central meridian.</summary>
/// <param name="ZonePrefix">
/// The zone number carried in the false easting (e.g. 39 for 39 500 000 m), null when the false easting is the
/// plain 500 000 m.
/// </param>
public sealed record GaussKrugerZone(double CentralMeridian, double FalseEasting, double FalseNorthing = 0, double ScaleFactor = 1,
    double LatitudeOfOrigin = 0)
{
    public int? ZonePrefix => FalseEasting >= 1_000_000 && (FalseEasting - 500_000) % 1_000_000 == 0
        ? (int)((FalseEasting - 500_000) / 1_000_000)
        : null;
}

/// <summary>
/// A coordinate reference system a planner's file may be in, recognised from a .prj, a GeoPackage srs entry or the
/// caller: geographic lon/lat (no <see cref="Projection"/>) or a Gauss–Krüger zone, on CGCS2000 or WGS84.
/// </summary>
/// <param name="Name">As the file or the caller named it (shown in messages).</param>
/// <param name="Epsg">The EPSG code when known (given, or deduced from the zone).</param>
public sealed record SourceCrs(string Name, int? Epsg, GeodeticDatum Datum, GaussKrugerZone? Projection)
{
    public bool IsGeographic => Projection is null;

    /// <summary>"EPSG:4527 (CGCS2000_3_Degree_GK_Zone_39)" or the name alone.</summary>
    public string Label => Epsg is { } code ? $"EPSG:{code} ({Name})" : Name;

    public static readonly SourceCrs Wgs84 = new("WGS 84", 4326, GeodeticDatum.Wgs84, null);
    public static readonly SourceCrs Cgcs2000 = new("CGCS2000", 4490, GeodeticDatum.Cgcs2000, null);
}

/// <summary>
/// The EPSG codes of CGCS2000 and its Gauss–Krüger zones (EPSG registry): 4490 geographic; 6° zones 13–23 with the
/// zone-number prefix 4491–4501 and without it (CM 75°E–135°E) 4502–4512; 3° zones 25–45 with the prefix 4513–4533
/// and without it 4534–4554.
/// </summary>
public static class CgcsEpsg
{
    private const int SixDegreePrefixed = 4491, SixDegreePlain = 4502, ThreeDegreePrefixed = 4513, ThreeDegreePlain = 4534;
    private const double WestmostMeridian = 75;

    /// <summary>The CRS of an EPSG code this service knows (4326, 4490, 4491–4554), or null.</summary>
    public static SourceCrs? FromCode(int code)
    {
        if (code == 4326) return SourceCrs.Wgs84;
        if (code == 4490) return SourceCrs.Cgcs2000;
        if (code is >= SixDegreePrefixed and < SixDegreePlain) return SixDegree(code, code - SixDegreePrefixed, prefixed: true);
        if (code is >= SixDegreePlain and < ThreeDegreePrefixed) return SixDegree(code, code - SixDegreePlain, prefixed: false);
        if (code is >= ThreeDegreePrefixed and < ThreeDegreePlain) return ThreeDegree(code, code - ThreeDegreePrefixed, prefixed: true);
        if (code is >= ThreeDegreePlain and <= 4554) return ThreeDegree(code, code - ThreeDegreePlain, prefixed: false);
        return null;
    }

    /// <summary>
    /// The EPSG code of a CGCS2000 zone given by its parameters, or null when it is none of them. Without a zone
    /// prefix a central meridian of 75°E, 81°E… is both a 6° and a 3° zone: <paramref name="threeDegreeHint"/> decides.
    /// </summary>
    public static int? CodeOf(GaussKrugerZone zone, bool threeDegreeHint)
    {
        if (zone is not { FalseNorthing: 0, ScaleFactor: 1, LatitudeOfOrigin: 0 }) return null;
        var cm = zone.CentralMeridian;
        var sixDegreeIndex = (cm - WestmostMeridian) / 6;
        var threeDegreeIndex = (cm - WestmostMeridian) / 3;
        bool IsIndex(double i, int count) => i >= 0 && i < count && i == Math.Floor(i);
        if (zone.ZonePrefix is { } prefix)
        {
            if (prefix is >= 13 and <= 23 && IsIndex(sixDegreeIndex, 11) && prefix == 13 + (int)sixDegreeIndex) return SixDegreePrefixed + (int)sixDegreeIndex;
            if (prefix is >= 25 and <= 45 && IsIndex(threeDegreeIndex, 21) && prefix == 25 + (int)threeDegreeIndex) return ThreeDegreePrefixed + (int)threeDegreeIndex;
            return null;
        }
        if (zone.FalseEasting != 500_000) return null;
        if (!threeDegreeHint && IsIndex(sixDegreeIndex, 11)) return SixDegreePlain + (int)sixDegreeIndex;
        return IsIndex(threeDegreeIndex, 21) ? ThreeDegreePlain + (int)threeDegreeIndex : null;
    }

    private static SourceCrs SixDegree(int code, int index, bool prefixed)
    {
        var zone = 13 + index;
        var cm = WestmostMeridian + 6 * index;
        return new(prefixed ? $"CGCS2000 / Gauss-Kruger zone {zone}" : $"CGCS2000 / Gauss-Kruger CM {cm:0}E", code, GeodeticDatum.Cgcs2000,
            new GaussKrugerZone(cm, prefixed ? zone * 1_000_000 + 500_000 : 500_000));
    }

    private static SourceCrs ThreeDegree(int code, int index, bool prefixed)
    {
        var zone = 25 + index;
        var cm = WestmostMeridian + 3 * index;
        return new(prefixed ? $"CGCS2000 / 3-degree Gauss-Kruger zone {zone}" : $"CGCS2000 / 3-degree Gauss-Kruger CM {cm:0}E", code,
            GeodeticDatum.Cgcs2000, new GaussKrugerZone(cm, prefixed ? zone * 1_000_000 + 500_000 : 500_000));
    }
}
