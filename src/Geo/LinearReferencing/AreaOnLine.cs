using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace RiverGis.Geo.LinearReferencing;

/// <summary>
/// A projected (metric) area prepared for repeated questions from lines: which measure intervals of a line lie inside
/// it (<see cref="IntervalsOn"/>) and whether a point is inside. Works on the boundary edges directly, so a river that
/// crosses a multi-part municipality with exclaves twenty times costs one pass over the river's edges.
/// </summary>
public sealed class AreaOnLine
{
    private readonly IndexedPointInAreaLocator _locator;
    private readonly STRtree<(Coordinate A, Coordinate B)> _boundaryEdges = new();
    private NetTopologySuite.Operation.Distance.IndexedFacetDistance? _boundaryDistance;

    public AreaOnLine(Geometry projectedArea)
    {
        Area = projectedArea;
        _locator = new IndexedPointInAreaLocator(projectedArea);
        for (var p = 0; p < projectedArea.NumGeometries; p++)
        {
            var polygon = (Polygon)projectedArea.GetGeometryN(p);
            AddRing(polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings) AddRing(hole);
        }
        _boundaryEdges.Build();
    }

    public Geometry Area { get; }
    public Envelope Envelope => Area.EnvelopeInternal;

    public bool Contains(double x, double y) => _locator.Locate(new Coordinate(x, y)) != Location.Exterior;

    /// <summary>Distance (projected units) from a point to the area's boundary.</summary>
    public double DistanceToBoundary(double x, double y)
    {
        _boundaryDistance ??= new NetTopologySuite.Operation.Distance.IndexedFacetDistance(Area.Boundary);
        return _boundaryDistance.Distance(Area.Factory.CreatePoint(new Coordinate(x, y)));
    }

    /// <summary>Measure intervals of <paramref name="line"/> inside (or on the boundary of) the area.</summary>
    public IntervalSet IntervalsOn(MeasuredLine line)
    {
        if (!line.ProjectedEnvelope.Intersects(Envelope)) return IntervalSet.Empty;
        var cuts = new List<double> { 0, line.Length };
        var intersector = new RobustLineIntersector();
        var edgeEnvelope = new Envelope();
        var any = false;
        // Only the river's edges near the area (its chunk index), not every edge of a river that may cross a province.
        foreach (var i in line.EdgesIn(Envelope))
        {
            edgeEnvelope.Init(line.X[i], line.X[i + 1], line.Y[i], line.Y[i + 1]);
            any = true;
            var a = new Coordinate(line.X[i], line.Y[i]);
            var b = new Coordinate(line.X[i + 1], line.Y[i + 1]);
            var edgeLength = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            foreach (var (c, d) in _boundaryEdges.Query(edgeEnvelope))
            {
                intersector.ComputeIntersection(a, b, c, d);
                for (var k = 0; k < intersector.IntersectionNum; k++)
                {
                    var p = intersector.GetIntersection(k);
                    var t = edgeLength == 0 ? 0 : Math.Sqrt((p.X - a.X) * (p.X - a.X) + (p.Y - a.Y) * (p.Y - a.Y)) / edgeLength;
                    cuts.Add(line.M[i] + Math.Clamp(t, 0, 1) * (line.M[i + 1] - line.M[i]));
                }
            }
        }
        if (!any) return IntervalSet.Empty;
        for (var p = 1; p < line.PartCount; p++) cuts.Add(SeamMeasure(line, p));
        cuts.Sort();
        var inside = new List<Interval>();
        for (var k = 1; k < cuts.Count; k++)
        {
            var from = cuts[k - 1];
            var to = cuts[k];
            if (to - from <= 1e-9) continue;
            var (mx, my) = line.ProjectedAt((from + to) / 2);
            if (Contains(mx, my)) inside.Add(new Interval(from, to));
        }
        return IntervalSet.From(inside);
    }

    private static double SeamMeasure(MeasuredLine line, int part)
    {
        // The measure where part `part` starts: find the first vertex that is not an edge continuation.
        var count = 0;
        for (var i = 0; i + 1 < line.VertexCount; i++)
        {
            if (!line.IsEdge(i) && ++count == part) return line.M[i + 1];
        }
        return line.Length;
    }

    private void AddRing(LineString ring)
    {
        var sequence = ring.CoordinateSequence;
        for (var i = 1; i < sequence.Count; i++)
        {
            var a = sequence.GetCoordinate(i - 1);
            var b = sequence.GetCoordinate(i);
            _boundaryEdges.Insert(new Envelope(a, b), (a, b));
        }
    }
}
