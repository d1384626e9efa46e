namespace RiverGis.Geo.LinearReferencing;

/// <summary>
/// How a segment lies along its river: the measure intervals of the river it covers, the share of the segment's
/// own length that runs within the tolerance of the river, and how far it strays at most (capped at the search radius).
/// </summary>
public sealed record SegmentAlignment(IntervalSet Covered, double MatchedShare, double MaxDistanceM)
{
    /// <summary>
    /// Aligns <paramref name="segment"/> (a MeasuredLine of the segment itself) onto <paramref name="river"/>:
    /// every segment edge whose two ends lie within <paramref name="toleranceM"/> of the river covers the river
    /// between their measures. A jump longer than the edge could explain (a loop, a river passing twice) is not bridged.
    /// </summary>
    public static SegmentAlignment Align(MeasuredLine river, MeasuredLine segment, double toleranceM, double searchM = 1000)
    {
        var k = river.ScaleFactor;
        var radius = Math.Max(toleranceM, searchM) * k;
        var n = segment.VertexCount;
        var locations = new LineLocation?[n];
        var maxDistance = 0.0;
        for (var i = 0; i < n; i++)
        {
            locations[i] = river.Locate(segment.X[i], segment.Y[i], radius);
            // Beyond the search radius we only know "at least searchM" — enough to call the segment far from its river.
            var d = locations[i] is { } l ? l.ProjectedDistance / k : Math.Max(toleranceM, searchM);
            maxDistance = Math.Max(maxDistance, d);
        }
        var covered = new List<Interval>();
        var matched = 0.0;
        var tolerance = toleranceM * k;
        foreach (var i in segment.Edges())
        {
            if (locations[i] is not { } a || locations[i + 1] is not { } b) continue;
            if (a.ProjectedDistance > tolerance || b.ProjectedDistance > tolerance) continue;
            var edgeM = segment.M[i + 1] - segment.M[i];
            var jump = Math.Abs(b.Measure - a.Measure);
            if (jump > 1.5 * edgeM + 2 * toleranceM) continue;
            covered.Add(new Interval(Math.Min(a.Measure, b.Measure), Math.Max(a.Measure, b.Measure)));
            matched += edgeM;
        }
        if (n == 1 && locations[0] is { } only && only.ProjectedDistance <= tolerance)
            covered.Add(new Interval(only.Measure, only.Measure));
        var share = segment.Length > 0 ? matched / segment.Length : 0;
        return new SegmentAlignment(IntervalSet.From(covered), Math.Min(1, share), maxDistance);
    }
}
