using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;

namespace RiverGis.Geo.Patrols;

/// <summary>
/// How much of one segment a chief's valid patrols covered in a period: the patrolled stretches (measures from the
/// segment's start) and what is left (未巡查河段).
/// </summary>
public sealed record SegmentPatrolCoverage(SegmentEntry Segment, string ChiefId, int Patrols, IntervalSet Patrolled, IntervalSet Unpatrolled)
{
    public double LengthM => Segment.Line.Length;
    public double PatrolledM => Patrolled.Length;
    public double PatrolledPercent => LengthM > 0 ? Math.Round(100 * PatrolledM / LengthM, 1) : 0;
}

/// <summary>
/// Patrol coverage (巡河覆盖) of a chief's segments: the union of the stretches the chief's valid patrols came within the
/// tolerance of (<see cref="FollowedSegment.Covered"/>, measured intervals on each segment), and the stretches none
/// did. Pieces shorter than <see cref="SliverM"/> are numerical slivers and are dropped.
/// </summary>
public static class PatrolCoverageComputer
{
    public const double SliverM = 1;

    /// <param name="segments">The chief's own segments.</param>
    /// <param name="validPatrols">What each valid patrol of the period followed.</param>
    public static IReadOnlyList<SegmentPatrolCoverage> Cover(string chiefId, IReadOnlyList<SegmentEntry> segments,
        IEnumerable<IReadOnlyList<FollowedSegment>> validPatrols)
    {
        var byCode = new Dictionary<string, (List<Interval> Intervals, int Patrols)>(StringComparer.Ordinal);
        foreach (var followed in validPatrols)
        {
            foreach (var f in followed)
            {
                if (!byCode.TryGetValue(f.SegmentCode, out var entry)) entry = ([], 0);
                entry.Intervals.AddRange(f.Covered.Intervals);
                byCode[f.SegmentCode] = (entry.Intervals, entry.Patrols + 1);
            }
        }
        return segments.Select(segment =>
        {
            var (intervals, patrols) = byCode.GetValueOrDefault(segment.Segment.Code, ([], 0));
            var patrolled = IntervalSet.From(intervals).Intersect(IntervalSet.Of(0, segment.Line.Length));
            var unpatrolled = IntervalSet.Of(0, segment.Line.Length).Subtract(patrolled).WithoutShorterThan(SliverM);
            return new SegmentPatrolCoverage(segment, chiefId, patrols, patrolled, unpatrolled);
        }).ToList();
    }
}
