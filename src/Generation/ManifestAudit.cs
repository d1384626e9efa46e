using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;

namespace RiverGis.Generation;

/// <summary>A planted gap (unassigned stretch or vacant segment) and what the coverage analysis reported for it.</summary>
public sealed record AuditedGap(PlantedDefect Planted, double ReportedM, int Pieces)
{
    /// <summary>Reported at all (a planted gap not longer than the tolerance rule allows may vanish).</summary>
    public bool Found => Pieces > 0;
}

/// <summary>
/// What <see cref="ManifestAudit.Run"/> found. A complete manifest has no <see cref="UnlistedRiversWithoutSegment"/> and
/// no <see cref="UnplannedGaps"/>; every planted gap is <see cref="AuditedGap.Found"/> unless it is too short for the
/// tolerance rule. <see cref="OutsideTopLevelM"/> is the river length the analyses see outside the top-level area
/// (none in a generated province: every river runs inside it).
/// </summary>
public sealed record ManifestAuditResult(
    int Rivers,
    IReadOnlyList<string> RiversWithoutSegment,
    IReadOnlyList<string> UnlistedRiversWithoutSegment,
    IReadOnlyList<AuditedGap> PlantedGaps,
    IReadOnlyList<CoverageGap> UnplannedGaps,
    double OutsideTopLevelM,
    double ToleranceM)
{
    /// <summary>Planted gaps the analysis found with a length the tolerance rule explains (within 1 m).</summary>
    public int FoundWithExpectedLength => PlantedGaps.Count(g => g.Found && ExplainedLength(g));

    /// <summary>Planted gaps the analysis did not report; all of them should be short enough for the tolerance to swallow.</summary>
    public IEnumerable<AuditedGap> Missed => PlantedGaps.Where(g => !g.Found);

    /// <summary>
    /// The analysis grows the neighbours' segments by the tolerance and drops pieces not longer than it, so a gap of
    /// length L is reported as between L − 2·tol per piece and L.
    /// </summary>
    public bool ExplainedLength(AuditedGap gap) =>
        gap.ReportedM <= gap.Planted.ExpectedLengthM + 1 && gap.ReportedM >= gap.Planted.ExpectedLengthM - 2 * ToleranceM * gap.Pieces - 1;
}

/// <summary>
/// Cross-checks the planted-defects manifest of a generated province against the coverage analysis, the independent
/// judge of what is actually in the data: every unassigned or vacant gap it reports must be a planted defect of the
/// manifest, every river without any segment must be listed, and every planted gap must be reported as long as
/// planted (less what the tolerance rule takes). Used by the generator's tests and the benchmarks' manifest mode.
/// </summary>
public static class ManifestAudit
{
    public static ManifestAuditResult Run(GeneratedProvince province, double toleranceM = ResponsibilityCodes.DefaultToleranceM)
    {
        var content = province.Content;
        var system = new RiverSystem(new RiverSystemData(
            content.Areas.Select(a => a.Item).ToList(), content.Chiefs.Select(c => c.Item).ToList(),
            content.Rivers.Select(r => r.Item).ToList(), content.Segments.Select(s => s.Item).ToList(),
            content.Outlets.Select(o => o.Item).ToList()));
        var defects = province.Defects;

        var withSegment = content.Segments.Select(s => s.Item.RiverCode).ToHashSet(StringComparer.Ordinal);
        var listed = defects.OfKind(DefectKind.Unassigned).Select(d => d.RiverCode).ToHashSet(StringComparer.Ordinal);
        var without = content.Rivers.Select(r => r.Item.Code).Where(code => !withSegment.Contains(code)).ToList();

        var unassigned = defects.OfKind(DefectKind.Unassigned).ToDictionary(d => (d.RiverCode, d.Level, d.AreaCode));
        var vacant = defects.OfKind(DefectKind.Vacant).ToDictionary(d => d.SegmentCode, StringComparer.Ordinal);
        var reported = new Dictionary<PlantedDefect, (double Length, int Pieces)>();
        var unplanned = new List<CoverageGap>();
        foreach (var level in system.LevelsPresent)
        {
            foreach (var gap in CoverageAnalyzer.Analyze(system, new CoverageQuery(level, ToleranceM: toleranceM)).Gaps)
            {
                var planted = IsVacant(gap)
                    ? PlantedVacancy(gap, vacant)
                    : unassigned.GetValueOrDefault((gap.RiverCode, level, gap.AreaCode));
                if (planted is null)
                {
                    // A vacant segment is grown by the tolerance, so it may leave a tolerance-long vacant gap across
                    // the boundary where the neighbour has no segment: caused by the planted vacancy, not a defect of its own.
                    if (!(IsVacant(gap) && gap.SegmentCodes.All(vacant.ContainsKey))) unplanned.Add(gap);
                    continue;
                }
                var (length, pieces) = reported.GetValueOrDefault(planted);
                reported[planted] = (length + gap.LengthM, pieces + 1);
            }
        }
        var top = system.LevelsPresent[0];
        var outside = system.Rivers.Values.Sum(r => r.Line.Length - system.StretchesOf(r.River.Code, top).Sum(s => s.Inside.Length));
        var audited = unassigned.Values.Concat(vacant.Values)
            .Select(d => reported.TryGetValue(d, out var r) ? new AuditedGap(d, r.Length, r.Pieces) : new AuditedGap(d, 0, 0))
            .ToList();
        return new ManifestAuditResult(content.Rivers.Count, without, without.Where(code => !listed.Contains(code)).ToList(),
            audited, unplanned, outside, toleranceM);
    }

    /// <summary>The planted vacancy of the gap's own area among the chief-less segments covering it.</summary>
    private static PlantedDefect? PlantedVacancy(CoverageGap gap, Dictionary<string, PlantedDefect> vacant) =>
        gap.SegmentCodes.Select(code => vacant.GetValueOrDefault(code)).FirstOrDefault(d => d?.AreaCode == gap.AreaCode);

    // The reason is compared by name so the audit reads the analysis's result whether it is a code or an enum.
    private static bool IsVacant(CoverageGap gap) => string.Equals(gap.Reason.ToString(), "vacant", StringComparison.OrdinalIgnoreCase);
}
