using NetTopologySuite.Geometries;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Water;

/// <summary>What is wrong with a zone: it spills outside its water body, or it overlaps another zone of its level.</summary>
public enum ZoningDefectKind
{
    /// <summary>Part of the zone lies outside its water body.</summary>
    SpillsOutside,
    /// <summary>The zone overlaps another zone of the same water body and level.</summary>
    Overlaps,
}

/// <summary>A zoning defect of one zone (by its position in the list checked), with the area at fault in m².</summary>
public sealed record ZoningDefect(int ZoneIndex, string ZoneCode, ZoningDefectKind Kind, double AreaM2, string? OtherZoneCode)
{
    public string Message => Kind == ZoningDefectKind.SpillsOutside
        ? $"{AreaM2:0} m² of the zone lie outside its water body"
        : $"overlaps zone '{OtherZoneCode}' of the same level by {AreaM2:0} m²";
}

/// <summary>
/// Checks how a water body is split into zones (片区划分): every zone inside its water body, zones of one level not
/// overlapping. Both measured in m² in an equal-area projection; pieces up to <see cref="ToleranceM2"/> are digitising
/// noise. Zones of different levels nest by design (a county zone holds its townships' zones) and are not compared.
/// </summary>
public static class WaterBodyZoning
{
    /// <summary>Spills and overlaps up to this many m² are ignored (default 1 000 m², a 30 m square).</summary>
    public const double ToleranceM2 = 1_000;

    public static IReadOnlyList<ZoningDefect> Check(IReadOnlyList<WaterBodyZone> zones, IReadOnlyDictionary<string, WaterBody> waterBodies,
        double toleranceM2 = ToleranceM2)
    {
        var defects = new List<ZoningDefect>();
        foreach (var group in zones.Select((z, i) => (Zone: z, Index: i)).GroupBy(z => z.Zone.WaterBodyCode, StringComparer.Ordinal))
        {
            if (!waterBodies.TryGetValue(group.Key, out var body)) continue;
            // Overlays in lon/lat (the zones were cut from the body there, so edges coincide exactly), areas in the
            // equal-area projection: overlaying projected copies lets rounding create slivers along the shared shore.
            var projection = EqualAreaProjection.For(body.Geometry);
            double M2(Geometry lonLat) => lonLat.IsEmpty ? 0 : projection.Project(lonLat).Area;
            var projected = group.Select(z => (z.Zone, z.Index, Shape: z.Zone.Geometry)).ToList();
            foreach (var (zone, index, shape) in projected)
            {
                var spill = M2(Overlay.Difference(shape, body.Geometry));
                if (spill > toleranceM2) defects.Add(new ZoningDefect(index, zone.Code, ZoningDefectKind.SpillsOutside, Math.Round(spill), null));
            }
            foreach (var level in projected.GroupBy(p => p.Zone.Level))
            {
                var list = level.ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    for (var j = i + 1; j < list.Count; j++)
                    {
                        if (!list[i].Shape.EnvelopeInternal.Intersects(list[j].Shape.EnvelopeInternal)) continue;
                        var overlap = M2(Overlay.Intersection(list[i].Shape, list[j].Shape));
                        if (overlap <= toleranceM2) continue;
                        defects.Add(new ZoningDefect(list[j].Index, list[j].Zone.Code, ZoningDefectKind.Overlaps, Math.Round(overlap), list[i].Zone.Code));
                    }
                }
            }
        }
        return defects.OrderBy(d => d.ZoneIndex).ToList();
    }
}
