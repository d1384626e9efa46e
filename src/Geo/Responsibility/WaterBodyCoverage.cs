using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Responsibility;

/// <summary>
/// Coverage of one water body inside one area of a level, in m²: the water inside the area, what zones of that level
/// with a 湖长/库长 cover, what only zones without one cover (vacant) and what no zone covers (unassigned).
/// </summary>
/// <param name="Gaps">The unassigned and vacant parts as lon/lat polygons, for maps.</param>
public sealed record WaterBodyAreaCoverage(string WaterBodyCode, string WaterBodyName, WaterBodyType Type, AdminLevel Level, string AreaCode,
    string AreaName, double AreaM2, double CoveredM2, double VacantM2, double UnassignedM2, double? CoveredPercent,
    IReadOnlyList<WaterBodyGap> Gaps);

/// <summary>A part of a water body nobody at the level answers for.</summary>
public sealed record WaterBodyGap(Geometry Geometry, GapReason Reason, double AreaM2);

/// <summary>
/// Polygon coverage of lakes and reservoirs (湖长制/库长制 覆盖): for every water body managed at the level or above and
/// every level-L area it lies in, the water inside the area split into covered / vacant / unassigned. Overlays run in
/// lon/lat and are measured in an equal-area projection fitted to each water body, so the m² are areas on the spheroid (checked against PostGIS
/// <c>ST_Area(geography)</c>). Pieces up to <paramref name="minAreaM2"/> are slivers and dropped.
/// </summary>
public static class WaterBodyCoverage
{
    public const double DefaultMinAreaM2 = 1_000;

    public static IReadOnlyList<WaterBodyAreaCoverage> Analyze(RiverSystem system, IReadOnlyList<WaterBody> waterBodies,
        IReadOnlyList<WaterBodyZone> zones, AdminLevel level, string? waterBodyCode = null, double minAreaM2 = DefaultMinAreaM2)
    {
        var zonesByBody = zones.Where(z => z.Level == level).GroupBy(z => z.WaterBodyCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = new List<WaterBodyAreaCoverage>();
        foreach (var body in waterBodies.Where(b => b.Level.IsAtOrAbove(level) && (waterBodyCode is null || b.Code == waterBodyCode))
                     .OrderBy(b => b.Code, StringComparer.Ordinal))
        {
            // Overlays in lon/lat (zones are cut from the body there, edges coincide), areas in the equal-area projection.
            var projection = EqualAreaProjection.For(body.Geometry);
            double M2(Geometry? lonLat) => lonLat is null || lonLat.IsEmpty ? 0 : projection.Project(lonLat).Area;
            var bodyZones = zonesByBody.GetValueOrDefault(body.Code) ?? [];
            var withChief = Union(bodyZones.Where(z => HasChief(system, z)).Select(z => z.Geometry));
            var without = Union(bodyZones.Where(z => !HasChief(system, z)).Select(z => z.Geometry));
            var near = system.AreasNear(level, system.Projection.Project(body.Geometry).EnvelopeInternal);
            foreach (var area in near.OrderBy(a => a.Area.Code, StringComparer.Ordinal))
            {
                var inside = Overlay.Intersection(body.Geometry, area.Area.Geometry);
                var insideM2 = M2(inside);
                if (insideM2 <= minAreaM2) continue;
                var uncovered = withChief is null ? inside : Overlay.Difference(inside, withChief);
                var vacant = without is null ? null : Overlay.Intersection(uncovered, without);
                var unassigned = without is null ? uncovered : Overlay.Difference(uncovered, without);
                var (vacantM2, unassignedM2) = (M2(vacant), M2(unassigned));
                var gaps = new List<WaterBodyGap>();
                if (vacantM2 > minAreaM2) gaps.Add(new WaterBodyGap(vacant!, GapReason.Vacant, Math.Round(vacantM2)));
                else vacantM2 = 0;
                if (unassignedM2 > minAreaM2) gaps.Add(new WaterBodyGap(unassigned, GapReason.Unassigned, Math.Round(unassignedM2)));
                else unassignedM2 = 0;
                var coveredM2 = insideM2 - vacantM2 - unassignedM2;
                result.Add(new WaterBodyAreaCoverage(body.Code, body.Name, body.Type, level, area.Area.Code, area.Area.Name, Math.Round(insideM2),
                    Math.Round(coveredM2), Math.Round(vacantM2), Math.Round(unassignedM2), Math.Round(100 * coveredM2 / insideM2, 2), gaps));
            }
        }
        return result;
    }

    private static bool HasChief(RiverSystem system, WaterBodyZone zone) => zone.ChiefId is { } id && system.Chiefs.ContainsKey(id);

    private static Geometry? Union(IEnumerable<Geometry> shapes)
    {
        var list = shapes.ToList();
        return list.Count == 0 ? null : NetTopologySuite.Operation.OverlayNG.UnaryUnionNG.Union(RiverGis.Geo.GeoJson.GeoJsonGeometryReader.Wgs84Factory.BuildGeometry(list), new PrecisionModel());
    }
}
