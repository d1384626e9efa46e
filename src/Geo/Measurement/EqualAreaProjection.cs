using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace RiverGis.Geo.Measurement;

/// <summary>
/// An Albers equal-area conic projection on the WGS84 ellipsoid fitted to an extent (standard parallels at 1/6 and
/// 5/6 of its latitudes), used for polygon areas in m² and their overlays: the projection keeps areas exactly, so an
/// area measured in it is the area on the spheroid (up to the difference between straight projected edges and
/// geodesic edges, far below a square metre per kilometre of edge). PostGIS <c>ST_Area(geography)</c> is the
/// oracle the tests compare with.
/// </summary>
public sealed class EqualAreaProjection
{
    private readonly MathTransform _forward;
    private readonly MathTransform _inverse;

    public EqualAreaProjection(Envelope lonLatExtent)
    {
        var south = lonLatExtent.MinY;
        var north = lonLatExtent.MaxY;
        var span = Math.Max(north - south, 0.01);
        var (sp1, sp2) = (south + span / 6, north - span / 6);
        if (Math.Abs(sp1 + sp2) < 1e-6) sp2 += 0.01; // ProjNet refuses parallels symmetric about the equator
        var factory = new CoordinateSystemFactory();
        var projection = factory.CreateProjection("Albers", "Albers_Conic_Equal_Area",
        [
            new ProjectionParameter("latitude_of_center", (south + north) / 2),
            new ProjectionParameter("longitude_of_center", lonLatExtent.Centre.X),
            new ProjectionParameter("standard_parallel_1", sp1),
            new ProjectionParameter("standard_parallel_2", sp2),
            new ProjectionParameter("false_easting", 0),
            new ProjectionParameter("false_northing", 0),
        ]);
        var projected = factory.CreateProjectedCoordinateSystem("RiverGis Albers", GeographicCoordinateSystem.WGS84, projection, LinearUnit.Metre,
            new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        var transformation = new CoordinateTransformationFactory().CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, projected);
        _forward = transformation.MathTransform;
        _inverse = transformation.MathTransform.Inverse();
    }

    /// <summary>A projection fitted to one geometry.</summary>
    public static EqualAreaProjection For(Geometry lonLat) => new(lonLat.EnvelopeInternal);

    /// <summary>A projected copy (SRID 0, metres; areas in m²).</summary>
    public Geometry Project(Geometry lonLat) => Transform(lonLat, _forward);

    /// <summary>Back to lon/lat.</summary>
    public Geometry Unproject(Geometry projected) => Transform(projected, _inverse, RiverGis.Geo.GeoJson.GeoJsonGeometryReader.Wgs84Factory);

    /// <summary>Area in m² of a lon/lat polygon or multipolygon.</summary>
    public static double AreaM2(Geometry lonLat) => lonLat.IsEmpty ? 0 : For(lonLat).Project(lonLat).Area;

    private static Geometry Transform(Geometry geometry, MathTransform transform, GeometryFactory? factory = null)
    {
        var copy = (factory ?? MetricProjection.MetricFactory).CreateGeometry(geometry);
        copy.Apply(new TransformFilter(transform));
        copy.GeometryChanged();
        return copy;
    }
}
