using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace RiverGis.Geo.Measurement;

/// <summary>
/// A transverse Mercator projection on WGS84 centred on the data's extent, used for the topology of analyses
/// (intersections, distances within tolerances). Reported lengths are geodesic (<see cref="Geodesic"/>), so the
/// projection's scale error only affects tolerances, which <see cref="ScaleFactor"/> corrects.
/// </summary>
public sealed class MetricProjection
{
    private const double DegToRad = Math.PI / 180;
    private readonly MathTransform _forward;
    private readonly MathTransform _inverse;

    public static readonly GeometryFactory MetricFactory = new(new PrecisionModel(), 0);

    public MetricProjection(double centralMeridian)
    {
        CentralMeridian = centralMeridian;
        var factory = new CoordinateSystemFactory();
        var projection = factory.CreateProjection("Transverse Mercator", "Transverse_Mercator",
        [
            new ProjectionParameter("latitude_of_origin", 0),
            new ProjectionParameter("central_meridian", centralMeridian),
            new ProjectionParameter("scale_factor", 1),
            new ProjectionParameter("false_easting", 500_000),
            new ProjectionParameter("false_northing", 0),
        ]);
        var projected = factory.CreateProjectedCoordinateSystem($"RiverGis TM {centralMeridian}", GeographicCoordinateSystem.WGS84,
            projection, LinearUnit.Metre, new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        var transformation = new CoordinateTransformationFactory().CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, projected);
        _forward = transformation.MathTransform;
        _inverse = transformation.MathTransform.Inverse();
    }

    public double CentralMeridian { get; }

    /// <summary>A projection centred on the middle of <paramref name="lonLatExtent"/> (rounded to 0.1° so snapshots agree).</summary>
    public static MetricProjection For(Envelope lonLatExtent) =>
        new(lonLatExtent.IsNull ? 0 : Math.Round(lonLatExtent.Centre.X * 10) / 10);

    public (double X, double Y) Project(double lon, double lat) => _forward.Transform(lon, lat);

    public (double Lon, double Lat) Unproject(double x, double y) => _inverse.Transform(x, y);

    /// <summary>A projected copy of a lon/lat geometry (SRID 0, metres).</summary>
    public Geometry Project(Geometry lonLat)
    {
        var copy = MetricFactory.CreateGeometry(lonLat);
        copy.Apply(new TransformFilter(_forward));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>
    /// Local scale factor of the projection (projected metres per true metre) at a position: multiply a tolerance
    /// in metres by it before comparing with projected distances.
    /// </summary>
    public double ScaleFactor(double lon, double lat)
    {
        var b = Math.Cos(lat * DegToRad) * Math.Sin((lon - CentralMeridian) * DegToRad);
        return 1 / Math.Sqrt(Math.Max(1e-12, 1 - b * b));
    }
}

/// <summary>Applies a ProjNet transform to every coordinate of a geometry (the metric and the equal-area projections).</summary>
internal sealed class TransformFilter(MathTransform transform) : IEntireCoordinateSequenceFilter
{
    public bool Done => false;
    public bool GeometryChanged => true;

    public void Filter(CoordinateSequence seq)
    {
        for (var i = 0; i < seq.Count; i++)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
