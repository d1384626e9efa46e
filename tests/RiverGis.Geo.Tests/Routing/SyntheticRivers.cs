using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Tests.Routing;

/// <summary>
/// Many parallel rivers, each cut into 1 city, 3 county, 10 township and 30 village segments (44 per river), with a
/// vertex every ~29 m: a small stand-in for a provincial dataset, for memory and latency checks.
/// </summary>
internal static class SyntheticRivers
{
    public const int SegmentsPerRiver = 44;

    public static RiverSystemData Build(int riverCount, double lengthDegrees = 0.3, double step = 0.0003)
    {
        var factory = GeoJson.GeoJsonGeometryReader.Wgs84Factory;
        var rivers = new List<River>();
        var segments = new List<Segment>();
        var chiefs = new List<Chief>();
        var areas = new List<AdminArea> { new("P", "省", AdminLevel.Province, null, RoutingWorld.Box(102.9, 104.1, 29.9, 30.1 + riverCount * 0.01)) };
        for (var r = 0; r < riverCount; r++)
        {
            var lat = 30.0 + r * 0.01;
            var code = $"R{r}";
            rivers.Add(new River(code, $"河{r}", AdminLevel.City, null, TestGeometry.EastWest(lat, 103.0, 103.0 + lengthDegrees, step)));
            foreach (var (level, parts) in new[] { (AdminLevel.City, 1), (AdminLevel.County, 3), (AdminLevel.Township, 10), (AdminLevel.Village, 30) })
            {
                for (var p = 0; p < parts; p++)
                {
                    var from = 103.0 + lengthDegrees * p / parts;
                    var to = 103.0 + lengthDegrees * (p + 1) / parts;
                    var n = Math.Max(1, (int)Math.Round((to - from) / step));
                    var coordinates = Enumerable.Range(0, n + 1).Select(i => new Coordinate(from + (to - from) * i / n, lat)).ToArray();
                    var chief = $"{code}-{level.ToCode()}-{p}";
                    chiefs.Add(new Chief(chief, chief, ChiefRole.Chief, "P", null));
                    segments.Add(new Segment(chief, code, level, "P", chief, null, factory.CreateLineString(coordinates)));
                }
            }
        }
        return new RiverSystemData(areas, chiefs, rivers, segments, []);
    }
}
