using NetTopologySuite.Geometries;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Patrols;

/// <summary>A segment a patrol went along: the stretches of it (measures from its start) the track came within the tolerance of.</summary>
public sealed record FollowedSegment(string SegmentCode, string RiverCode, double SegmentLengthM, IntervalSet Covered)
{
    public double CoveredM => Covered.Length;
}

/// <summary>
/// Whether a patrol counts (有效巡河) and why not: the flaws found, and the facts they were judged on.
/// </summary>
/// <param name="WalkedM">Geodesic length of the track without its jumps (m).</param>
/// <param name="OwnShare">Share of <paramref name="WalkedM"/> within the rule's distance of the chief's own segments.</param>
/// <param name="VehicleShare">Share of <paramref name="WalkedM"/> travelled at vehicle speed.</param>
/// <param name="TopSpeedKmh">Highest speed averaged over the rule's window; null without per-position times.</param>
/// <param name="Jumps">Steps between fixes no one can walk (a drifted fix that comes straight back is not one).</param>
/// <param name="Segments">The chief's segments the track went along, with the stretches covered.</param>
public sealed record PatrolVerdict(bool Valid, IReadOnlyList<PatrolFlaw> Flaws, double WalkedM, double DurationMin, double OwnShare,
    double VehicleShare, double? TopSpeedKmh, int Jumps, IReadOnlyList<FollowedSegment> Segments);

/// <summary>
/// Judges one patrol track against the validity rules and the chief's beat, in phases: the steps between fixes (with
/// jumps found and drifted fixes forgiven), speeds averaged over a time window, the share walked along the chief's own
/// segments (by the midpoints of the steps), and the stretches of each own segment covered (linear referencing, as
/// the coverage analysis aligns segments on rivers). Lengths are geodesic; nearness is measured in the system's metric
/// projection with its scale factor. Every step of the rule is written so that it can be said in SQL too (the
/// benchmark's PostGIS equivalent gives the same verdicts).
/// </summary>
public sealed class PatrolValidator(PatrolValidityRules rules)
{
    public PatrolValidityRules Rules { get; } = rules;

    public PatrolVerdict Validate(PatrolTrack track, PatrolBeat? beat, MetricProjection projection)
    {
        var line = new MeasuredLine(track.Track, projection);
        var jumps = FindJumps(line, track.Times, out var counted);
        var walked = Walked(line, jumps, out var moving);
        var (vehicleShare, topSpeed) = Speeds(line, track, jumps, moving, walked);
        var ownShare = OwnShare(line, jumps, beat, walked);
        var followed = beat is null ? [] : Followed(track.Track, line, jumps, beat, projection);
        var flaws = new List<PatrolFlaw>();
        if (track.Duration.TotalMinutes < Rules.MinDurationMin) flaws.Add(PatrolFlaw.TooShortTime);
        if (walked < Rules.MinDistanceM) flaws.Add(PatrolFlaw.TooShortDistance);
        if (ownShare < Rules.MinOwnShare) flaws.Add(PatrolFlaw.OffOwnSegments);
        if (vehicleShare > Rules.MaxVehicleShare) flaws.Add(PatrolFlaw.VehicleSpeed);
        if (counted > Rules.MaxJumps) flaws.Add(PatrolFlaw.PositionJumps);
        return new PatrolVerdict(flaws.Count == 0, flaws, walked, track.Duration.TotalMinutes, ownShare, vehicleShare, topSpeed, counted, followed);
    }

    /// <summary>
    /// Steps no one can walk: longer than <see cref="PatrolValidityRules.MinJumpM"/> and faster than the jump speed (or,
    /// untimed, longer than <see cref="PatrolValidityRules.UntimedJumpM"/>). Two such steps around a fix that lands back
    /// near where it left are one drifted fix (GPS multipath), not counted; every jump step is left out of the walk.
    /// </summary>
    internal bool[] FindJumps(MeasuredLine line, TrackTimes? times, out int counted)
    {
        var n = line.VertexCount;
        var jump = new bool[Math.Max(0, n - 1)];
        for (var i = 0; i + 1 < n; i++)
        {
            var d = line.M[i + 1] - line.M[i];
            if (d <= Rules.MinJumpM) continue;
            if (times is null) jump[i] = d > Rules.UntimedJumpM;
            else
            {
                var dt = times.SecondsBetween(i, i + 1);
                jump[i] = dt <= 0 || d / dt * 3.6 > Rules.JumpSpeedKmh;
            }
        }
        var spike = new bool[jump.Length];
        for (var i = 1; i + 1 < n; i++)
        {
            if (jump[i - 1] && jump[i] && Geodesic.Distance(line.Lon[i - 1], line.Lat[i - 1], line.Lon[i + 1], line.Lat[i + 1]) <= Rules.MinJumpM)
                spike[i - 1] = spike[i] = true;
        }
        counted = 0;
        for (var i = 0; i < jump.Length; i++)
        {
            if (jump[i] && !spike[i]) counted++;
        }
        return jump;
    }

    /// <summary>The walked length and the cumulative walked measure at each fix (jumps add nothing).</summary>
    private static double Walked(MeasuredLine line, bool[] jumps, out double[] moving)
    {
        moving = new double[line.VertexCount];
        for (var i = 0; i < jumps.Length; i++) moving[i + 1] = moving[i] + (jumps[i] ? 0 : line.M[i + 1] - line.M[i]);
        return moving.Length == 0 ? 0 : moving[^1];
    }

    /// <summary>
    /// Share of the walk at vehicle speed and the top speed. Each step is judged by the speed over the fixes within half
    /// the window before and after its start; untimed tracks by their average speed.
    /// </summary>
    private (double Share, double? TopKmh) Speeds(MeasuredLine line, PatrolTrack track, bool[] jumps, double[] moving, double walked)
    {
        if (walked <= 0) return (0, null);
        var times = track.Times;
        if (times is null)
        {
            var seconds = track.Duration.TotalSeconds;
            var average = seconds > 0 ? walked / seconds * 3.6 : double.PositiveInfinity;
            return (average > Rules.VehicleSpeedKmh ? 1 : 0, null);
        }
        var half = (int)Math.Round(Rules.SpeedWindowS * 500);
        var offsets = times.OffsetsMs;
        double fast = 0, top = 0;
        int a = 0, b = 0;
        for (var i = 0; i < jumps.Length; i++)
        {
            while (offsets[a] < offsets[i] - half) a++;
            if (b < i) b = i;
            while (b + 1 < offsets.Length && offsets[b + 1] <= offsets[i] + half) b++;
            var dt = (offsets[b] - (double)offsets[a]) / 1000;
            var speed = dt > 0 ? (moving[b] - moving[a]) / dt * 3.6 : 0;
            top = Math.Max(top, speed);
            if (!jumps[i] && speed > Rules.VehicleSpeedKmh) fast += line.M[i + 1] - line.M[i];
        }
        return (fast / walked, top);
    }

    /// <summary>Share of the walk whose steps have their midpoint within the rule's distance of the beat.</summary>
    private double OwnShare(MeasuredLine line, bool[] jumps, PatrolBeat? beat, double walked)
    {
        if (beat is null || beat.IsEmpty || walked <= 0) return 0;
        var radius = Rules.NearSegmentM * line.ScaleFactor;
        double near = 0;
        for (var i = 0; i < jumps.Length; i++)
        {
            if (jumps[i]) continue;
            if (beat.IsNear((line.X[i] + line.X[i + 1]) / 2, (line.Y[i] + line.Y[i + 1]) / 2, radius)) near += line.M[i + 1] - line.M[i];
        }
        return near / walked;
    }

    /// <summary>
    /// The stretches of each beat segment the walk came within the rule's distance of: the track (split at its jumps, so
    /// a teleport covers nothing) aligned onto the segment, grown by the distance at both ends like the coverage analysis.
    /// </summary>
    private List<FollowedSegment> Followed(LineString track, MeasuredLine line, bool[] jumps, PatrolBeat beat, MetricProjection projection)
    {
        var walk = jumps.Any(j => j) ? new MeasuredLine(SplitAtJumps(track, jumps), projection) : line;
        var tolerance = Rules.NearSegmentM;
        var list = new List<FollowedSegment>();
        foreach (var segment in beat.SegmentsNear(line.ProjectedEnvelope, tolerance * line.ScaleFactor))
        {
            var alignment = SegmentAlignment.Align(segment.Line, walk, tolerance, searchM: tolerance);
            if (alignment.Covered.IsEmpty) continue;
            var covered = alignment.Covered.Grow(tolerance, 0, segment.Line.Length);
            list.Add(new FollowedSegment(segment.Segment.Code, segment.Segment.RiverCode, segment.Line.Length, covered));
        }
        return list;
    }

    private static Geometry SplitAtJumps(LineString track, bool[] jumps)
    {
        var parts = new List<LineString>();
        var start = 0;
        for (var i = 0; i <= jumps.Length; i++)
        {
            if (i < jumps.Length && !jumps[i]) continue;
            if (i > start) parts.Add(track.Factory.CreateLineString(track.Coordinates[start..(i + 1)]));
            start = i + 1;
        }
        return parts.Count == 1 ? parts[0] : track.Factory.CreateMultiLineString(parts.ToArray());
    }
}
