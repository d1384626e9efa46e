using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Interval = RiverGis.Geo.LinearReferencing.Interval;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Responsibility;

/// <summary>What <see cref="BorderRivers"/> looks at.</summary>
/// <param name="Level">Level L whose area boundaries are followed.</param>
/// <param name="AreaCode">Optional: only stretches with a bank in this level-L area or in a level-L area under it.</param>
/// <param name="RiverCode">Optional: one river (nothing when it is managed below L).</param>
/// <param name="DistanceM">A river point is "along the boundary" when it is within this of a level-L area boundary.</param>
/// <param name="MinLengthM">Only stretches along a boundary for at least this long are reported.</param>
/// <param name="ProbeM">How far to each side of the flow the banks are probed.</param>
/// <param name="SampleStepM">Largest spacing of the samples taken along candidate stretches.</param>
public sealed record BorderRiverQuery(
    AdminLevel Level,
    string? AreaCode = null,
    string? RiverCode = null,
    double DistanceM = 50,
    double MinLengthM = 200,
    double ProbeM = 60,
    double SampleStepM = 20);

/// <summary>A stretch of a river running along a boundary between level-L areas (界河).</summary>
/// <param name="Geometry">The stretch (lon/lat).</param>
/// <param name="LeftAreaCode">Area on the left bank looking downstream; null outside every level-L area.</param>
/// <param name="RightAreaCode">Area on the right bank looking downstream; null outside every level-L area.</param>
/// <param name="MedianDistanceM">Median sampled distance from the river to the nearest boundary along the stretch.</param>
public sealed record BorderStretch(
    Geometry Geometry,
    string RiverCode,
    string RiverName,
    AdminLevel Level,
    string? LeftAreaCode,
    string? LeftAreaName,
    string? RightAreaCode,
    string? RightAreaName,
    double LengthM,
    double FromM,
    double ToM,
    double MedianDistanceM);

/// <summary>
/// Finds border rivers: stretches within <see cref="BorderRiverQuery.DistanceM"/> of a level-L area boundary for at
/// least <see cref="BorderRiverQuery.MinLengthM"/>. Fast on big networks: only river edges whose envelope, grown by the
/// distance, meets a boundary edge's envelope are looked at; those are sampled every ≤ SampleStepM and the ends of each
/// near run are refined by bisection. The banks come from probes ProbeM to the left and right of the flow; samples
/// whose probes do not show two different sides (e.g. where the river approaches the boundary head-on) take the sides
/// of their nearest decided neighbour, and a side change lasting less than MinLengthM is absorbed by its neighbour.
/// </summary>
public static class BorderRivers
{
    private static readonly ConditionalWeakTable<RiverSystem, ConcurrentDictionary<AdminLevel, STRtree<(Coordinate A, Coordinate B)>>> BoundaryCache = new();

    /// <summary>All border stretches, ordered by river code, then measure.</summary>
    public static IReadOnlyList<BorderStretch> Find(RiverSystem system, BorderRiverQuery query)
    {
        if (!(query.DistanceM > 0) || !(query.MinLengthM >= 0) || !(query.ProbeM > 0) || !(query.SampleStepM > 0))
            throw new ArgumentOutOfRangeException(nameof(query), "distance, probe and sample step must be > 0 and the minimum length ≥ 0");
        var filter = AreaFilter.Create(system, query.AreaCode, query.Level);
        var boundaries = BoundaryCache.GetValue(system, _ => new()).GetOrAdd(query.Level, level => BoundaryEdges(system, level));
        var result = new List<BorderStretch>();
        foreach (var river in Analysis.RiversManagedAt(system, query.Level, query.RiverCode))
        {
            foreach (var stretch in On(system, river, query, boundaries))
            {
                if (filter.Code is null
                    || (stretch.LeftAreaCode is { } left && filter.Includes(left))
                    || (stretch.RightAreaCode is { } right && filter.Includes(right)))
                    result.Add(stretch);
            }
        }
        return result;
    }

    private static IEnumerable<BorderStretch> On(RiverSystem system, RiverEntry river, BorderRiverQuery query, STRtree<(Coordinate A, Coordinate B)> boundaries)
    {
        var line = river.Line;
        var k = line.ScaleFactor;
        var reach = query.DistanceM * k;
        foreach (var range in CandidateRanges(line, boundaries, reach).Intervals)
        {
            var samples = Analysis.Samples(range.From, range.To, query.SampleStepM)
                .Select(m => (M: m, D: DistanceToBoundary(line, m, boundaries, reach))).ToList();
            var i = 0;
            while (i < samples.Count)
            {
                if (samples[i].D > reach) { i++; continue; }
                var j = i;
                while (j + 1 < samples.Count && samples[j + 1].D <= reach) j++;
                var from = i > 0 ? Edge(line, boundaries, reach, samples[i - 1].M, samples[i].M) : samples[i].M;
                var to = j + 1 < samples.Count ? Edge(line, boundaries, reach, samples[j + 1].M, samples[j].M) : samples[j].M;
                if (to - from >= query.MinLengthM)
                {
                    foreach (var stretch in Banks(system, river, query, boundaries, from, to)) yield return stretch;
                }
                i = j + 1;
            }
        }
    }

    /// <summary>Splits a near run by the areas on either bank and builds the results.</summary>
    private static IEnumerable<BorderStretch> Banks(RiverSystem system, RiverEntry river, BorderRiverQuery query,
        STRtree<(Coordinate A, Coordinate B)> boundaries, double from, double to)
    {
        var line = river.Line;
        var reach = query.DistanceM * line.ScaleFactor;
        var probe = query.ProbeM * line.ScaleFactor;
        var measures = Analysis.Samples(from, to, query.SampleStepM).ToList();
        var sides = measures.Select(m =>
        {
            var (x, y) = line.ProjectedAt(m);
            var (dx, dy) = line.DirectionAt(m);
            var left = AreaAt(system, query.Level, x - dy * probe, y + dx * probe);
            var right = AreaAt(system, query.Level, x + dy * probe, y - dx * probe);
            return left == right ? ((AdminArea? Left, AdminArea? Right)?)null : (left, right);
        }).ToList();
        if (sides.All(s => s is null)) yield break;
        // Undecided samples take the sides of the nearest decided sample (ties upstream).
        var decided = Enumerable.Range(0, sides.Count).Where(i => sides[i] is not null).ToList();
        var labels = Enumerable.Range(0, sides.Count)
            .Select(i => sides[i] ?? sides[decided.MinBy(d => Math.Abs(d - i))]!.Value).ToList();

        var runs = new List<(double From, double To, AdminArea? Left, AdminArea? Right)>();
        for (var i = 0; i < measures.Count; i++)
        {
            var (left, right) = labels[i];
            if (runs.Count > 0 && runs[^1].Left == left && runs[^1].Right == right) continue;
            var start = i == 0 ? from : (measures[i - 1] + measures[i]) / 2;
            if (runs.Count > 0) runs[^1] = runs[^1] with { To = start };
            runs.Add((start, to, left, right));
        }
        // A side change shorter than the minimum length (a probe catching a corner) joins its longer neighbour.
        while (runs.Count > 1)
        {
            var shortest = Enumerable.Range(0, runs.Count).MinBy(i => runs[i].To - runs[i].From);
            if (runs[shortest].To - runs[shortest].From >= query.MinLengthM) break;
            var neighbour = shortest == 0 ? 1
                : shortest == runs.Count - 1 ? shortest - 1
                : runs[shortest - 1].To - runs[shortest - 1].From >= runs[shortest + 1].To - runs[shortest + 1].From ? shortest - 1 : shortest + 1;
            var n = runs[neighbour];
            runs[neighbour] = (Math.Min(n.From, runs[shortest].From), Math.Max(n.To, runs[shortest].To), n.Left, n.Right);
            runs.RemoveAt(shortest);
            for (var i = runs.Count - 1; i > 0; i--)
            {
                if (runs[i].Left != runs[i - 1].Left || runs[i].Right != runs[i - 1].Right) continue;
                runs[i - 1] = runs[i - 1] with { To = runs[i].To };
                runs.RemoveAt(i);
            }
        }
        foreach (var run in runs)
        {
            var distances = measures.Where(m => m >= run.From && m <= run.To)
                .Select(m => DistanceToBoundary(line, m, boundaries, reach)).Where(d => !double.IsInfinity(d)).Order().ToList();
            var median = distances.Count == 0 ? query.DistanceM : distances[distances.Count / 2] / line.ScaleFactor;
            yield return new BorderStretch(Analysis.Extract(line, run.From, run.To), river.River.Code, river.River.Name, query.Level,
                run.Left?.Code, run.Left?.Name, run.Right?.Code, run.Right?.Name, run.To - run.From, run.From, run.To, median);
        }
    }

    private static AdminArea? AreaAt(RiverSystem system, AdminLevel level, double x, double y) =>
        system.AreasContaining(level, x, y).Select(a => a.Area).OrderBy(a => a.Code, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Measure ranges of river edges whose envelope grown by the reach meets a boundary edge's envelope.</summary>
    private static IntervalSet CandidateRanges(MeasuredLine line, STRtree<(Coordinate A, Coordinate B)> boundaries, double reach)
    {
        var ranges = new List<Interval>();
        foreach (var i in line.Edges())
        {
            var envelope = new Envelope(line.X[i], line.X[i + 1], line.Y[i], line.Y[i + 1]);
            envelope.ExpandBy(reach);
            if (boundaries.Query(envelope).Count > 0) ranges.Add(new Interval(line.M[i], line.M[i + 1]));
        }
        // Touching edges merge into one range (IntervalSet joins touching intervals); zero-length edges vanish harmlessly.
        return IntervalSet.From(ranges);
    }

    /// <summary>Projected distance from the river point at a measure to the nearest boundary edge, or +∞ beyond the reach.</summary>
    private static double DistanceToBoundary(MeasuredLine line, double measure, STRtree<(Coordinate A, Coordinate B)> boundaries, double reach)
    {
        var (x, y) = line.ProjectedAt(measure);
        var best = double.PositiveInfinity;
        foreach (var (a, b) in boundaries.Query(new Envelope(x - reach, x + reach, y - reach, y + reach)))
        {
            best = Math.Min(best, MeasuredLine.SegmentDistance(x, y, a.X, a.Y, b.X, b.Y).Distance);
        }
        return best;
    }

    /// <summary>Bisection between a far and a near measure for where the distance crosses the reach.</summary>
    private static double Edge(MeasuredLine line, STRtree<(Coordinate A, Coordinate B)> boundaries, double reach, double far, double near)
    {
        for (var iteration = 0; iteration < 30 && Math.Abs(far - near) > 0.01; iteration++)
        {
            var middle = (far + near) / 2;
            if (DistanceToBoundary(line, middle, boundaries, reach) <= reach) near = middle; else far = middle;
        }
        return near;
    }

    private static STRtree<(Coordinate A, Coordinate B)> BoundaryEdges(RiverSystem system, AdminLevel level)
    {
        var tree = new STRtree<(Coordinate A, Coordinate B)>();
        foreach (var area in system.Areas.Values.Where(a => a.Area.Level == level))
        {
            var geometry = area.Prepared.Area;
            for (var p = 0; p < geometry.NumGeometries; p++)
            {
                if (geometry.GetGeometryN(p) is not Polygon polygon) continue;
                AddRing(tree, polygon.ExteriorRing);
                foreach (var hole in polygon.InteriorRings) AddRing(tree, hole);
            }
        }
        tree.Build();
        return tree;
    }

    private static void AddRing(STRtree<(Coordinate A, Coordinate B)> tree, LineString ring)
    {
        var sequence = ring.CoordinateSequence;
        for (var i = 1; i < sequence.Count; i++)
        {
            var a = sequence.GetCoordinate(i - 1);
            var b = sequence.GetCoordinate(i);
            tree.Insert(new Envelope(a, b), (a, b));
        }
    }
}
