using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Tests.Responsibility;

/// <summary>
/// Hand-built river-chief systems along the parallel 47.1 N (around 9.5 E), with expected figures computed from the
/// geometry with <see cref="Geodesic"/> only.
/// </summary>
internal static class Hand
{
    public const double Lat = 47.1;
    private static readonly GeometryFactory F = GeoJson.GeoJsonGeometryReader.Wgs84Factory;

    /// <summary>Geodesic length of the parallel <see cref="Lat"/> from lon0 to lon1, vertex every 0.001° (as the test rivers are built).</summary>
    public static double Along(double lon0, double lon1, double lat = Lat) => Geodesic.Length(TestGeometry.EastWest(lat, lon0, lon1));

    /// <summary>Measure of a river along <see cref="Lat"/> that starts at <paramref name="start"/>, at longitude <paramref name="lon"/>.</summary>
    public static double M(double lon, double start = 9.40) => Along(start, lon);

    /// <summary>Longitude <paramref name="metres"/> east of <paramref name="lon"/> on <paramref name="lat"/> (local metres per degree).</summary>
    public static double East(double lon, double metres, double lat = Lat) => lon + metres / Geodesic.MetresPerDegree(lat).PerDegreeLon;

    /// <summary>Latitude <paramref name="metres"/> north of <paramref name="lat"/>.</summary>
    public static double North(double lat, double metres) => lat + metres / Geodesic.MetresPerDegree(lat).PerDegreeLat;

    /// <summary>A lon/lat box with a vertex every 0.001° on each side, so its edges follow parallels and meridians in any projection.</summary>
    public static Polygon Box(double lon0, double lon1, double lat0, double lat1)
    {
        var ring = new List<Coordinate>();
        ring.AddRange(Path((lon0, lat0), (lon1, lat0)).Coordinates);
        ring.AddRange(NorthSouth(lon1, lat0, lat1).Coordinates.Skip(1));
        ring.AddRange(Path((lon1, lat1), (lon0, lat1)).Coordinates.Skip(1));
        ring.AddRange(NorthSouth(lon0, lat1, lat0).Coordinates.Skip(1));
        return F.CreatePolygon(ring.ToArray());
    }

    public static MultiPolygon Boxes(params (double Lon0, double Lon1)[] spans) =>
        F.CreateMultiPolygon(spans.Select(s => Box(s.Lon0, s.Lon1, 47.0, 47.2)).ToArray());

    public static LineString NorthSouth(double lon, double lat0, double lat1, double step = 0.001)
    {
        var n = Math.Max(1, (int)Math.Round(Math.Abs(lat1 - lat0) / step));
        return F.CreateLineString(Enumerable.Range(0, n + 1).Select(i => new Coordinate(lon, lat0 + (lat1 - lat0) * i / n)).ToArray());
    }

    /// <summary>A line through the given points, each straight leg densified to ~0.001°.</summary>
    public static LineString Path(params (double Lon, double Lat)[] points)
    {
        var coordinates = new List<Coordinate> { new(points[0].Lon, points[0].Lat) };
        for (var i = 1; i < points.Length; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            var n = Math.Max(1, (int)Math.Ceiling(Math.Max(Math.Abs(b.Lon - a.Lon), Math.Abs(b.Lat - a.Lat)) / 0.001));
            for (var k = 1; k <= n; k++) coordinates.Add(new Coordinate(a.Lon + (b.Lon - a.Lon) * k / n, a.Lat + (b.Lat - a.Lat) * k / n));
        }
        return F.CreateLineString(coordinates.ToArray());
    }

    public static AdminArea Area(string code, AdminLevel level, string? parent, Geometry geometry) => new(code, code + " name", level, parent, geometry);

    public static AdminArea County(string code, string? parent, double lon0, double lon1) =>
        Area(code, AdminLevel.County, parent, Box(lon0, lon1, 47.0, 47.2));

    public static River River(string code, string name, Geometry line, AdminLevel level = AdminLevel.County, string? downstream = null) =>
        new(code, name, level, downstream, line);

    /// <summary>A county segment along <see cref="Lat"/> (shifted north by <paramref name="offsetM"/>) from lon0 to lon1.</summary>
    public static Segment Seg(string code, string river, string area, string? chief, double lon0, double lon1,
        AdminLevel level = AdminLevel.County, double offsetM = 0, double lat = Lat) =>
        new(code, river, level, area, chief, code + " name", TestGeometry.EastWest(North(lat, offsetM), lon0, lon1, (lon1 - lon0) / Math.Max(1, Math.Round((lon1 - lon0) / 0.001))));

    public static Point Point(double lon, double lat) => F.CreatePoint(new Coordinate(lon, lat));

    /// <summary>
    /// The main case. Province P ⊃ cities CY1 (9.40–9.54) and CY2 (9.54–9.60) ⊃ counties C1 (9.40–9.48), C2 (9.48–9.54)
    /// and C3 (9.54–9.60), all 47.0–47.2 N. County river R1 "Samina" along 47.1 N from 9.40 to 9.60 with county segments
    /// S1a (C1, 9.40–9.45), S1b (C1, 9.46–9.48) — a hole 9.45–9.46 —, S2 (C2, vacant, 9.48–9.54), S3 (C3, 9.54–9.60).
    /// County river R2 along 47.15 N from 9.30 to 9.65: enters from outside every area at 9.40, leaves at 9.60.
    /// </summary>
    public static RiverSystemData MainData(IReadOnlyList<Outlet>? outlets = null)
    {
        AdminArea[] areas =
        [
            Area("P", AdminLevel.Province, null, Box(9.40, 9.60, 47.0, 47.2)),
            Area("CY1", AdminLevel.City, "P", Box(9.40, 9.54, 47.0, 47.2)),
            Area("CY2", AdminLevel.City, "P", Box(9.54, 9.60, 47.0, 47.2)),
            County("C1", "CY1", 9.40, 9.48),
            County("C2", "CY1", 9.48, 9.54),
            County("C3", "CY2", 9.54, 9.60),
        ];
        Chief[] chiefs =
        [
            new("K1", "Chief One", ChiefRole.Chief, "C1", "111"),
            new("K2", "Chief Two", ChiefRole.Chief, "C2", "222"),
            new("K3", "Chief Three", ChiefRole.Chief, "C3", "333"),
            new("G1", "General One", ChiefRole.General, "C1", "911"),
            new("G2", "General Two", ChiefRole.General, "C2", null),
        ];
        River[] rivers =
        [
            River("R1", "Samina", TestGeometry.EastWest(Lat, 9.40, 9.60)),
            River("R2", "Valünerbach", TestGeometry.EastWest(47.15, 9.30, 9.65)),
        ];
        Segment[] segments =
        [
            Seg("S1a", "R1", "C1", "K1", 9.40, 9.45),
            Seg("S1b", "R1", "C1", "K1", 9.46, 9.48),
            Seg("S2", "R1", "C2", null, 9.48, 9.54),
            Seg("S3", "R1", "C3", "K3", 9.54, 9.60),
        ];
        return new RiverSystemData(areas, chiefs, rivers, segments, outlets ?? []);
    }

    /// <summary>One county C (9.40–9.50) and county river R along 47.1 N from 9.40 to 9.50, with the given segments.</summary>
    public static RiverSystem Single(params Segment[] segments) =>
        new(new RiverSystemData(
            [County("C", null, 9.40, 9.50)],
            [new Chief("K", "Chief", ChiefRole.Chief, "C", null)],
            [River("R", "River", TestGeometry.EastWest(Lat, 9.40, 9.50))],
            segments, []));
}
