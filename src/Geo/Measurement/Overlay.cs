using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace RiverGis.Geo.Measurement;

/// <summary>
/// Polygon overlays with NTS's robust OverlayNG (snapping, then snap-rounding when needed): lake shores and province
/// outlines from different sources meet at nearly collinear edges, where the classic overlay throws
/// "non-noded intersection".
/// </summary>
public static class Overlay
{
    public static Geometry Intersection(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);

    public static Geometry Difference(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Difference);

    public static Geometry Union(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Union);
}
