using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Responsibility;

/// <summary>What <see cref="CoverageAnalyzer"/> looks at.</summary>
/// <param name="Level">The level L whose areas and segments are compared (city, county, township or village).</param>
/// <param name="AreaCode">
/// Optional: a level-L area, or a higher area meaning every level-L area whose parent chain reaches it.
/// </param>
/// <param name="RiverCode">Optional: one river (nothing is reported when it is managed below L).</param>
/// <param name="ToleranceM">Digitising tolerance in metres (see <see cref="CoverageAnalyzer"/>).</param>
public sealed record CoverageQuery(
    AdminLevel Level,
    string? AreaCode = null,
    string? RiverCode = null,
    double ToleranceM = ResponsibilityCodes.DefaultToleranceM);

/// <summary>
/// A stretch of a river inside a level-L area that no level-L segment with a chief covers (覆盖缺口).
/// Measures are geodesic metres from the river's upstream end.
/// </summary>
/// <param name="Geometry">The uncovered stretch, lon/lat LineString (MultiLineString across a river's part seam).</param>
/// <param name="Level">Level of the analysis (city|county|township|village).</param>
/// <param name="AreaCode">The level-L area the stretch lies in.</param>
/// <param name="Reason"><c>unassigned</c> (no segment at all) or <c>vacant</c> (covered only by segments without a chief).</param>
/// <param name="SegmentCodes">For <c>vacant</c>: the chief-less segments covering it, ordered; empty for <c>unassigned</c>.</param>
public sealed record CoverageGap(
    Geometry Geometry,
    string RiverCode,
    string RiverName,
    AdminLevel Level,
    string AreaCode,
    string AreaName,
    GapReason Reason,
    double LengthM,
    double FromM,
    double ToM,
    IReadOnlyList<string> SegmentCodes);

/// <summary>Coverage of one river at level L (within the selected areas).</summary>
/// <param name="Geometry">The whole river.</param>
/// <param name="RiverLevel">The river's own (managing) level.</param>
/// <param name="Level">Level of the analysis.</param>
/// <param name="LengthM">Whole river length.</param>
/// <param name="RequiredM">River length inside the selected level-L areas.</param>
/// <param name="CoveredM">Required length minus reported gaps (slivers within the tolerance count as covered).</param>
/// <param name="CoveredPercent">100 × covered / required; null when nothing is required.</param>
/// <param name="OutsideAreasM">
/// River length outside every level-L area (whatever the area filter; pieces not longer than the tolerance dropped):
/// nobody at level L can be responsible there, e.g. where an area is missing from the data.
/// </param>
public sealed record CoverageRiverSummary(
    Geometry Geometry,
    string RiverCode,
    string RiverName,
    AdminLevel RiverLevel,
    AdminLevel Level,
    double LengthM,
    double RequiredM,
    double CoveredM,
    double? CoveredPercent,
    double UnassignedM,
    double VacantM,
    double OutsideAreasM,
    int GapCount);

/// <summary>Coverage of the analysed rivers inside one level-L area.</summary>
/// <param name="Geometry">The area (lon/lat polygon or multipolygon).</param>
public sealed record CoverageAreaSummary(
    Geometry Geometry,
    string AreaCode,
    string AreaName,
    AdminLevel Level,
    string? ParentCode,
    int RiverCount,
    double RequiredM,
    double CoveredM,
    double? CoveredPercent,
    double UnassignedM,
    double VacantM,
    int GapCount);

/// <summary>Sums over the analysed rivers (gaps counted once even where areas overlap).</summary>
public sealed record CoverageTotals(
    int RiverCount,
    int AreaCount,
    double RequiredM,
    double CoveredM,
    double? CoveredPercent,
    double UnassignedM,
    double VacantM,
    double OutsideAreasM,
    int GapCount);

/// <summary>Everything <see cref="CoverageAnalyzer.Analyze"/> found; lists ordered by river code, then measure (areas by code).</summary>
public sealed record CoverageReport(
    AdminLevel Level,
    double ToleranceM,
    string? AreaCode,
    string? RiverCode,
    IReadOnlyList<CoverageGap> Gaps,
    IReadOnlyList<CoverageRiverSummary> Rivers,
    IReadOnlyList<CoverageAreaSummary> Areas,
    CoverageTotals Totals);

/// <summary>
/// Finds the stretches of rivers that nobody at a level is responsible for (覆盖缺口): for every river managed at level
/// L or above, the river inside the level-L areas minus what the level-L segments with a chief cover.
/// <para>
/// Tolerance rule (matches the PostGIS oracle <c>ST_Difference(river, ST_Buffer(segments, tol))</c>): each segment's
/// covered measure intervals (<see cref="SegmentAlignment"/> at the tolerance, so a segment digitised 10 m off the river
/// still covers it at 25 m) are grown by the tolerance at both ends before subtracting, and gap pieces not longer than
/// the tolerance are dropped. Hence a hole of h metres between two segment ends is reported as h − 2·tol
/// (200 m → 150 m at 25 m) and disappears when h ≤ 3·tol (a 15 m hole is absorbed).
/// </para>
/// <para>
/// A gap piece is split by reason: where chief-less segments (grown the same way) cover it, it is <c>vacant</c>,
/// elsewhere <c>unassigned</c>; a reason run not longer than the tolerance joins its longer neighbour, so the reported
/// lengths add up to the oracle's gap length. Segments count wherever they lie on their river, whatever their own
/// area_code (a segment spilling into the neighbour is <see cref="CrossBoundarySegments"/>' business).
/// </para>
/// </summary>
public static class CoverageAnalyzer
{
    /// <summary>
    /// Gaps and summaries for <paramref name="query"/>. Throws <see cref="ArgumentException"/> for an unknown river or
    /// area, or an area below the level; <see cref="ArgumentOutOfRangeException"/> for a negative tolerance.
    /// </summary>
    public static CoverageReport Analyze(RiverSystem system, CoverageQuery query)
    {
        Analysis.CheckTolerance(query.ToleranceM, nameof(query.ToleranceM));
        var tol = query.ToleranceM;
        var level = query.Level;
        var filter = AreaFilter.Create(system, query.AreaCode, level);
        var gaps = new List<CoverageGap>();
        var rivers = new List<CoverageRiverSummary>();
        var areas = new SortedDictionary<string, AreaTally>(StringComparer.Ordinal);
        var totalUnassigned = 0.0;
        var totalVacant = 0.0;
        var totalRequired = 0.0;
        var totalOutside = 0.0;

        var analysed = Analysis.RiversManagedAt(system, level, query.RiverCode).ToList();
        // For one area, only rivers whose extent meets the area's can have a stretch in it: the others are not
        // prepared nor analysed (a county is a few hundred of the province's 20 000 rivers).
        if (filter.Code is { } scope && system.Areas.TryGetValue(scope, out var scopeArea))
        {
            var box = scopeArea.Area.Geometry.EnvelopeInternal;
            analysed = analysed.Where(r => r.River.Geometry.EnvelopeInternal.Intersects(box)).ToList();
        }
        PrepareInParallel(system, analysed, level, tol);
        foreach (var river in analysed)
        {
            var line = river.Line;
            var length = line.Length;
            var stretches = system.StretchesOf(river.River.Code, level);
            // Rivers outside the area are skipped before any interval work (a county's report asks about a few
            // hundred of the province's 20 000 rivers).
            var selected = stretches.Where(s => filter.Includes(s.Area.Area.Code)).ToList();
            if (filter.Code is not null && selected.Count == 0) continue;
            var inAnyArea = IntervalSet.From(stretches.SelectMany(s => s.Inside.Intervals));
            var outside = IntervalSet.Of(0, length).Subtract(inAnyArea).WithoutShorterThan(tol);

            var cover = SegmentCover.Of(system, river, level, tol);
            var required = IntervalSet.From(selected.SelectMany(s => s.Inside.Intervals));
            var riverGaps = new List<CoverageGap>();
            foreach (var stretch in selected)
            {
                var area = stretch.Area.Area;
                var tally = areas.TryGetValue(area.Code, out var t) ? t : areas[area.Code] = new AreaTally(stretch.Area);
                tally.Rivers++;
                tally.RequiredM += stretch.Inside.Length;
                foreach (var gap in GapsIn(stretch, river, cover, level, tol))
                {
                    riverGaps.Add(gap);
                    tally.Gaps++;
                    if (gap.Reason == GapReason.Vacant) tally.VacantM += gap.LengthM; else tally.UnassignedM += gap.LengthM;
                }
            }
            // Areas may overlap by slivers: count each river metre once in the river's own figures.
            var unassigned = IntervalSet.From(riverGaps.Where(g => g.Reason == GapReason.Unassigned).Select(g => new Interval(g.FromM, g.ToM)));
            var vacant = IntervalSet.From(riverGaps.Where(g => g.Reason == GapReason.Vacant).Select(g => new Interval(g.FromM, g.ToM)));
            var uncovered = unassigned.Union(vacant).Length;
            var covered = Math.Max(0, required.Length - uncovered);
            rivers.Add(new CoverageRiverSummary(river.River.Geometry, river.River.Code, river.River.Name, river.River.Level,
                level, length, required.Length, covered, Analysis.Percent(covered, required.Length),
                unassigned.Length, vacant.Length, outside.Length, riverGaps.Count));
            gaps.AddRange(riverGaps);
            totalRequired += required.Length;
            totalUnassigned += unassigned.Length;
            totalVacant += vacant.Length;
            totalOutside += outside.Length;
        }

        var orderedGaps = gaps
            .OrderBy(g => g.RiverCode, StringComparer.Ordinal).ThenBy(g => g.FromM).ThenBy(g => g.AreaCode, StringComparer.Ordinal)
            .ToList();
        var areaSummaries = areas.Values.Select(t =>
        {
            var covered = Math.Max(0, t.RequiredM - t.UnassignedM - t.VacantM);
            var a = t.Entry.Area;
            return new CoverageAreaSummary(a.Geometry, a.Code, a.Name, a.Level, a.ParentCode, t.Rivers, t.RequiredM, covered,
                Analysis.Percent(covered, t.RequiredM), t.UnassignedM, t.VacantM, t.Gaps);
        }).ToList();
        var totalCovered = Math.Max(0, totalRequired - totalUnassigned - totalVacant);
        var totals = new CoverageTotals(rivers.Count, areaSummaries.Count, totalRequired, totalCovered,
            Analysis.Percent(totalCovered, totalRequired), totalUnassigned, totalVacant, totalOutside, orderedGaps.Count);
        return new CoverageReport(level, tol, query.AreaCode, query.RiverCode, orderedGaps, rivers, areaSummaries, totals);
    }

    /// <summary>
    /// Fills the system's caches (each river's stretches in the level's areas, each segment's alignment) on every core
    /// before the ordered pass, which then only reads them: the first whole-network analysis after a (re)load is
    /// dominated by these pure, cached computations (township level, N=20000: ~3 s of ~4 s). Results do not depend on
    /// the order the caches were filled in. Small queries stay on the calling thread.
    /// </summary>
    private static void PrepareInParallel(RiverSystem system, List<RiverEntry> rivers, AdminLevel level, double tol)
    {
        if (rivers.Count < 64 || Environment.ProcessorCount < 2) return;
        Parallel.ForEach(rivers, river =>
        {
            system.StretchesOf(river.River.Code, level);
            foreach (var segment in system.SegmentsOn(river.River.Code, level)) system.AlignmentOf(segment, tol);
        });
    }

    private static IEnumerable<CoverageGap> GapsIn(AreaStretch stretch, RiverEntry river, SegmentCover cover, AdminLevel level, double tol)
    {
        var area = stretch.Area.Area;
        var pieces = stretch.Inside.Subtract(cover.WithChief).WithoutShorterThan(tol);
        foreach (var piece in pieces.Intervals)
        {
            foreach (var (from, to, reason) in ReasonRuns(piece, cover.WithoutChief, tol))
            {
                var codes = reason == GapReason.Vacant
                    ? cover.Vacant.Where(v => !v.Grown.Intersect(IntervalSet.Of(from, to)).IsEmpty).Select(v => v.Code).Distinct().Order(StringComparer.Ordinal).ToList()
                    : [];
                yield return new CoverageGap(Analysis.Extract(river.Line, from, to), river.River.Code, river.River.Name, level,
                    area.Code, area.Name, reason, to - from, from, to, codes);
            }
        }
    }

    /// <summary>Splits a gap piece into vacant/unassigned runs; runs not longer than the tolerance join their longer neighbour.</summary>
    private static List<(double From, double To, GapReason Reason)> ReasonRuns(Interval piece, IntervalSet vacantCover, double tol)
    {
        var whole = IntervalSet.Of(piece.From, piece.To);
        var runs = whole.Intersect(vacantCover).Intervals.Select(i => (i.From, i.To, Reason: GapReason.Vacant))
            .Concat(whole.Subtract(vacantCover).Intervals.Select(i => (i.From, i.To, Reason: GapReason.Unassigned)))
            .OrderBy(r => r.From).ToList();
        while (runs.Count > 1)
        {
            var shortest = Enumerable.Range(0, runs.Count).MinBy(i => runs[i].To - runs[i].From);
            if (runs[shortest].To - runs[shortest].From > tol) break;
            var neighbour = shortest == 0 ? 1
                : shortest == runs.Count - 1 ? shortest - 1
                : runs[shortest - 1].To - runs[shortest - 1].From >= runs[shortest + 1].To - runs[shortest + 1].From ? shortest - 1 : shortest + 1;
            var n = runs[neighbour];
            runs[neighbour] = (Math.Min(n.From, runs[shortest].From), Math.Max(n.To, runs[shortest].To), n.Reason);
            runs.RemoveAt(shortest);
            // Two runs of the same reason may now touch: merge them.
            for (var i = runs.Count - 1; i > 0; i--)
            {
                if (runs[i].Reason != runs[i - 1].Reason) continue;
                runs[i - 1] = (runs[i - 1].From, runs[i].To, runs[i].Reason);
                runs.RemoveAt(i);
            }
        }
        return runs;
    }

    private sealed class AreaTally(AreaEntry entry)
    {
        public AreaEntry Entry { get; } = entry;
        public int Rivers { get; set; }
        public int Gaps { get; set; }
        public double RequiredM { get; set; }
        public double UnassignedM { get; set; }
        public double VacantM { get; set; }
    }
}

/// <summary>What the segments of one level cover on one river, each segment's alignment grown by the tolerance.</summary>
internal sealed record SegmentCover(IntervalSet WithChief, IntervalSet WithoutChief, IReadOnlyList<(string Code, IntervalSet Grown)> Vacant)
{
    public static SegmentCover Of(RiverSystem system, RiverEntry river, AdminLevel level, double tol)
    {
        var length = river.Line.Length;
        var withChief = new List<Interval>();
        var vacant = new List<(string Code, IntervalSet Grown)>();
        foreach (var segment in system.SegmentsOn(river.River.Code, level).OrderBy(s => s.Segment.Code, StringComparer.Ordinal))
        {
            var grown = system.AlignmentOf(segment, tol).Covered.Grow(tol, 0, length);
            if (Analysis.HasChief(segment.Segment)) withChief.AddRange(grown.Intervals);
            else vacant.Add((segment.Segment.Code, grown));
        }
        return new SegmentCover(IntervalSet.From(withChief), IntervalSet.From(vacant.SelectMany(v => v.Grown.Intervals)), vacant);
    }
}
