using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.LinearReferencing;

/// <summary>Where a point projects onto a <see cref="MeasuredLine"/>: measure (m from the upstream end), distance and edge.</summary>
public readonly record struct LineLocation(double Measure, double ProjectedDistance, int Edge, double X, double Y);

/// <summary>
/// A river (or any line) digitised from source to mouth, with each vertex in lon/lat, in the metric projection, and
/// its cumulative geodesic measure. Parts of a MultiLineString follow each other in measure (no jump at the seams).
/// Everything along-river in RiverGis — gaps, overlaps, crossings, routing measures, network navigation — is
/// interval arithmetic on these measures.
/// </summary>
public sealed class MeasuredLine
{
    private const int ChunkEdges = 8;
    private const int ScanEdges = 64;
    private readonly int[] _partStarts;
    private STRtree<int>? _chunkIndex;

    public MeasuredLine(Geometry lonLat, MetricProjection projection)
    {
        var count = 0;
        for (var p = 0; p < lonLat.NumGeometries; p++) count += lonLat.GetGeometryN(p).NumPoints;
        Lon = new double[count];
        Lat = new double[count];
        X = new double[count];
        Y = new double[count];
        M = new double[count];
        _partStarts = new int[lonLat.NumGeometries + 1];
        var i = 0;
        var measure = 0.0;
        var envelope = new Envelope();
        for (var p = 0; p < lonLat.NumGeometries; p++)
        {
            _partStarts[p] = i;
            var sequence = ((LineString)lonLat.GetGeometryN(p)).CoordinateSequence;
            for (var k = 0; k < sequence.Count; k++, i++)
            {
                Lon[i] = sequence.GetX(k);
                Lat[i] = sequence.GetY(k);
                (X[i], Y[i]) = projection.Project(Lon[i], Lat[i]);
                envelope.ExpandToInclude(X[i], Y[i]);
                if (k > 0) measure += Geodesic.Distance(Lon[i - 1], Lat[i - 1], Lon[i], Lat[i]);
                M[i] = measure;
            }
        }
        _partStarts[^1] = count;
        ProjectedEnvelope = envelope;
        Geometry = lonLat;
        ScaleFactor = count == 0 ? 1 : projection.ScaleFactor(Lon[count / 2], Lat[count / 2]);
    }

    public double[] Lon { get; }
    public double[] Lat { get; }
    public double[] X { get; }
    public double[] Y { get; }
    /// <summary>Cumulative geodesic length (m) at each vertex.</summary>
    public double[] M { get; }
    public Geometry Geometry { get; }
    public Envelope ProjectedEnvelope { get; }
    /// <summary>Projected metres per true metre around this line (multiply tolerances by it).</summary>
    public double ScaleFactor { get; }
    public double Length => M.Length == 0 ? 0 : M[^1];
    public int VertexCount => M.Length;
    public int PartCount => _partStarts.Length - 1;

    /// <summary>True when vertices <paramref name="i"/> and i+1 form an edge (not a seam between parts).</summary>
    public bool IsEdge(int i)
    {
        if (i < 0 || i + 1 >= M.Length) return false;
        var next = Array.BinarySearch(_partStarts, i + 1);
        return next < 0;
    }

    public IEnumerable<int> Edges()
    {
        for (var p = 0; p < PartCount; p++)
        {
            for (var i = _partStarts[p]; i < _partStarts[p + 1] - 1; i++) yield return i;
        }
    }

    /// <summary>
    /// The edges (vertex index i of edge i→i+1, seams excluded) whose envelope meets <paramref name="projectedEnvelope"/>,
    /// found through the line's chunk index instead of a pass over every edge: a long river crossing hundreds of
    /// small areas is then looked at only where each area is. Unordered.
    /// </summary>
    public IEnumerable<int> EdgesIn(Envelope projectedEnvelope)
    {
        if (M.Length < 2 || !ProjectedEnvelope.Intersects(projectedEnvelope)) yield break;
        // Short lines (most segments) are scanned: building their chunk index would cost more than it saves.
        var chunks = M.Length - 1 <= ScanEdges ? [0] : ChunkIndex().Query(projectedEnvelope);
        var step = M.Length - 1 <= ScanEdges ? ScanEdges : ChunkEdges;
        foreach (var chunkStart in chunks)
        {
            var end = Math.Min(chunkStart + step, M.Length - 1);
            for (var i = chunkStart; i < end; i++)
            {
                if (!IsEdge(i)) continue;
                if (Math.Max(X[i], X[i + 1]) < projectedEnvelope.MinX || Math.Min(X[i], X[i + 1]) > projectedEnvelope.MaxX
                    || Math.Max(Y[i], Y[i + 1]) < projectedEnvelope.MinY || Math.Min(Y[i], Y[i + 1]) > projectedEnvelope.MaxY) continue;
                yield return i;
            }
        }
    }

    /// <summary>Nearest position on the line to a projected point, searching only within <paramref name="radius"/> (projected units); null when none.</summary>
    public LineLocation? Locate(double x, double y, double radius)
    {
        var index = ChunkIndex();
        var search = new Envelope(x - radius, x + radius, y - radius, y + radius);
        LineLocation? best = null;
        foreach (var chunkStart in index.Query(search))
        {
            var end = Math.Min(chunkStart + ChunkEdges, M.Length - 1);
            for (var i = chunkStart; i < end; i++)
            {
                if (!IsEdge(i)) continue;
                var (d, t) = SegmentDistance(x, y, X[i], Y[i], X[i + 1], Y[i + 1]);
                if (d > radius || (best is { } b && d >= b.ProjectedDistance)) continue;
                best = new LineLocation(M[i] + t * (M[i + 1] - M[i]), d, i,
                    X[i] + t * (X[i + 1] - X[i]), Y[i] + t * (Y[i + 1] - Y[i]));
            }
        }
        return best;
    }

    /// <summary>Vertex index of the edge holding <paramref name="measure"/> (the last edge for the end).</summary>
    public int EdgeAt(double measure)
    {
        var i = Array.BinarySearch(M, measure);
        if (i < 0) i = ~i - 1;
        i = Math.Clamp(i, 0, Math.Max(0, M.Length - 2));
        // Seams have zero length, so an exact hit on a part start lands on the new part's first edge.
        while (i + 1 < M.Length - 1 && M[i + 1] <= measure && !IsEdge(i)) i++;
        return i;
    }

    /// <summary>Lon/lat position at a measure.</summary>
    public Coordinate PointAt(double measure)
    {
        if (M.Length == 1) return new Coordinate(Lon[0], Lat[0]);
        var i = EdgeAt(measure);
        var t = Fraction(i, measure);
        return new Coordinate(Lon[i] + t * (Lon[i + 1] - Lon[i]), Lat[i] + t * (Lat[i + 1] - Lat[i]));
    }

    /// <summary>Projected position at a measure.</summary>
    public (double X, double Y) ProjectedAt(double measure)
    {
        var i = EdgeAt(measure);
        var t = Fraction(i, measure);
        return (X[i] + t * (X[i + 1] - X[i]), Y[i] + t * (Y[i + 1] - Y[i]));
    }

    /// <summary>Unit flow direction (projected) at a measure.</summary>
    public (double Dx, double Dy) DirectionAt(double measure)
    {
        var i = EdgeAt(measure);
        // A repeated vertex makes a zero-length edge: take the next real edge of the same part, else the previous one.
        var edge = i;
        while (EdgeLength(edge) == 0 && IsEdge(edge + 1)) edge++;
        if (EdgeLength(edge) == 0)
        {
            edge = i;
            while (EdgeLength(edge) == 0 && IsEdge(edge - 1)) edge--;
        }
        var len = EdgeLength(edge);
        return len == 0 ? (1, 0) : ((X[edge + 1] - X[edge]) / len, (Y[edge + 1] - Y[edge]) / len);
    }

    private double EdgeLength(int i)
    {
        if (i < 0 || i + 1 >= X.Length) return 0;
        var dx = X[i + 1] - X[i];
        var dy = Y[i + 1] - Y[i];
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>The stretch between two measures as a lon/lat LineString (MultiLineString when it spans a seam).</summary>
    public Geometry Extract(double from, double to, GeometryFactory factory)
    {
        from = Math.Clamp(from, 0, Length);
        to = Math.Clamp(to, from, Length);
        var parts = new List<LineString>();
        for (var p = 0; p < PartCount; p++)
        {
            var s = _partStarts[p];
            var e = _partStarts[p + 1] - 1;
            var partFrom = Math.Max(from, M[s]);
            var partTo = Math.Min(to, M[e]);
            if (partTo <= partFrom && !(from == to && p == 0)) continue;
            var coordinates = new List<Coordinate> { PointAtInPart(partFrom, s, e) };
            for (var i = s; i <= e; i++)
            {
                if (M[i] > partFrom && M[i] < partTo) coordinates.Add(new Coordinate(Lon[i], Lat[i]));
            }
            coordinates.Add(PointAtInPart(partTo, s, e));
            if (coordinates.Count == 2 && coordinates[0].Equals2D(coordinates[1])) continue;
            parts.Add(factory.CreateLineString(coordinates.ToArray()));
        }
        if (parts.Count == 0) return factory.CreateLineString();
        return parts.Count == 1 ? parts[0] : factory.CreateMultiLineString(parts.ToArray());
    }

    private Coordinate PointAtInPart(double measure, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (measure <= M[i + 1] || i == end - 1)
            {
                var t = Fraction(i, measure);
                return new Coordinate(Lon[i] + t * (Lon[i + 1] - Lon[i]), Lat[i] + t * (Lat[i + 1] - Lat[i]));
            }
        }
        return new Coordinate(Lon[start], Lat[start]);
    }

    private double Fraction(int edge, double measure)
    {
        var length = M[edge + 1] - M[edge];
        return length <= 0 ? 0 : Math.Clamp((measure - M[edge]) / length, 0, 1);
    }

    private STRtree<int> ChunkIndex()
    {
        if (_chunkIndex is { } existing) return existing;
        var index = new STRtree<int>();
        for (var start = 0; start < M.Length - 1; start += ChunkEdges)
        {
            var envelope = new Envelope();
            var end = Math.Min(start + ChunkEdges, M.Length - 1);
            for (var i = start; i <= end; i++) envelope.ExpandToInclude(X[i], Y[i]);
            index.Insert(envelope, start);
        }
        index.Build();
        return _chunkIndex = index;
    }

    /// <summary>Distance from (px,py) to the segment (ax,ay)-(bx,by) and the fraction t of the closest point.</summary>
    public static (double Distance, double T) SegmentDistance(double px, double py, double ax, double ay, double bx, double by)
    {
        var dx = bx - ax;
        var dy = by - ay;
        var len2 = dx * dx + dy * dy;
        var t = len2 == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
        var cx = ax + t * dx - px;
        var cy = ay + t * dy - py;
        return (Math.Sqrt(cx * cx + cy * cy), t);
    }
}
