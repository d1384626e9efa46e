using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;

namespace RiverGis.Geo.Routing;

/// <summary>
/// The measure intervals that the segments of one level cover along one river, in flat arrays sorted by start, with a
/// running maximum of the ends so that "which segments cover measure m" is a binary search plus a short backward scan
/// even when segments overlap. Immutable; about 32 bytes per interval.
/// </summary>
internal sealed class SegmentCoverage
{
    private readonly double[] _from;
    private readonly double[] _to;
    private readonly double[] _maxTo;
    private readonly SegmentEntry[] _segments;

    private SegmentCoverage(double[] from, double[] to, double[] maxTo, SegmentEntry[] segments)
    {
        _from = from;
        _to = to;
        _maxTo = maxTo;
        _segments = segments;
    }

    public int IntervalCount => _from.Length;

    /// <summary>Approximate heap bytes of the arrays (for <see cref="ResponsibilityIndex.MemoryEstimateBytes"/>).</summary>
    public long ApproximateBytes => 4 * 24 + 32L * _from.Length + 40;

    /// <summary>Builds the table; null when no segment covers anything.</summary>
    public static SegmentCoverage? Build(IEnumerable<(SegmentEntry Segment, IntervalSet Covered)> items)
    {
        var all = new List<(double From, double To, SegmentEntry Segment)>();
        foreach (var (segment, covered) in items)
        {
            foreach (var interval in covered.Intervals) all.Add((interval.From, interval.To, segment));
        }
        if (all.Count == 0) return null;
        all.Sort((a, b) => a.From != b.From ? a.From.CompareTo(b.From) : string.CompareOrdinal(a.Segment.Segment.Code, b.Segment.Segment.Code));
        var from = new double[all.Count];
        var to = new double[all.Count];
        var maxTo = new double[all.Count];
        var segments = new SegmentEntry[all.Count];
        var running = double.NegativeInfinity;
        for (var k = 0; k < all.Count; k++)
        {
            (from[k], to[k], segments[k]) = all[k];
            running = Math.Max(running, to[k]);
            maxTo[k] = running;
        }
        return new SegmentCoverage(from, to, maxTo, segments);
    }

    /// <summary>
    /// Adds to <paramref name="into"/> every (segment, interval) whose interval comes within <paramref name="slack"/>
    /// of [<paramref name="from"/>, <paramref name="to"/>]; a segment with several such intervals appears once per interval.
    /// </summary>
    public void Overlapping(double from, double to, double slack, List<(SegmentEntry Segment, Interval Interval)> into)
    {
        var k = UpperBound(_from, to + slack) - 1;
        for (; k >= 0 && _maxTo[k] >= from - slack; k--)
        {
            if (_to[k] >= from - slack) into.Add((_segments[k], new Interval(_from[k], _to[k])));
        }
    }

    /// <summary>Segments covering <paramref name="measure"/> (± slack), each once, in code order.</summary>
    public List<SegmentEntry> Covering(double measure, double slack)
    {
        var hits = new List<(SegmentEntry Segment, Interval Interval)>();
        Overlapping(measure, measure, slack, hits);
        var result = new List<SegmentEntry>(hits.Count);
        foreach (var (segment, _) in hits)
        {
            if (!result.Contains(segment)) result.Add(segment);
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Segment.Code, b.Segment.Code));
        return result;
    }

    /// <summary>Index of the first element greater than <paramref name="value"/>.</summary>
    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
