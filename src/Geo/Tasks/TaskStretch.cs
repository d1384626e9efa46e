using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;

namespace RiverGis.Geo.Tasks;

/// <summary>
/// Where a plan item lies on the map (a GeoJSON view of the 一河一策 list): its segment; else the stretch of its river
/// inside its area (the river cut by the area, along the river's own measures); else the whole river; an item of an
/// area alone has no line (null).
/// </summary>
public static class TaskStretch
{
    public static Geometry? Of(RiverSystem system, string? riverCode, string? segmentCode, string? areaCode)
    {
        if (segmentCode is not null && system.Segments.TryGetValue(segmentCode, out var segment)) return segment.Segment.Geometry;
        if (riverCode is null || !system.Rivers.TryGetValue(riverCode, out var river)) return null;
        if (areaCode is null || !system.Areas.TryGetValue(areaCode, out var area)) return river.River.Geometry;
        var inside = area.Prepared.IntervalsOn(river.Line);
        if (inside.IsEmpty) return river.River.Geometry;
        var parts = inside.Intervals.Select(i => river.Line.Extract(i.From, i.To, RiverSystem.Wgs84))
            .SelectMany(g => Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN)).OfType<LineString>().ToArray();
        return parts.Length == 1 ? parts[0] : RiverSystem.Wgs84.CreateMultiLineString(parts);
    }
}
