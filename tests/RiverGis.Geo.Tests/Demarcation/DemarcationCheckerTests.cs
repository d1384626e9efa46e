using System.Globalization;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Demarcation;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Tests.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Demarcation;

public class DemarcationCheckerTests
{
    private static readonly RiverSystemData Stored = MainData();

    /// <summary>A complete, correct county demarcation of R1: one segment per county, each with its county's chief.</summary>
    private static Segment[] Clean() =>
    [
        Seg("P1", "R1", "C1", "K1", 9.40, 9.48),
        Seg("P2", "R1", "C2", "K2", 9.48, 9.54),
        Seg("P3", "R1", "C3", "K3", 9.54, 9.60),
    ];

    private static readonly RiverSystem StoredSystem = new(Stored);

    /// <summary>
    /// The report of a system rebuilt with the proposal in place; the same report must come from the proposal laid
    /// over the prepared stored system (what the service does with its snapshot), which every case here checks too.
    /// </summary>
    private static DemarcationReport Check(Segment[] proposal, DemarcationOptions? options = null,
        SegmentReplacement replace = SegmentReplacement.RiversTouched)
    {
        var rebuilt = DemarcationChecker.Check(new RiverSystem(DemarcationChecker.WithSegments(Stored, proposal, replace)), proposal, options);
        var overlaid = DemarcationChecker.Check(StoredSystem, proposal.Select((s, i) => new ProposedSegment(s, i)).ToList(), replace, options);
        Assert.Equal(Lines(rebuilt), Lines(overlaid));
        return rebuilt;
    }

    private static IEnumerable<string> Lines(DemarcationReport r) => r.Problems.Select(p =>
        $"{p.Kind} {p.Severity} {string.Join(",", p.SegmentCodes)} {string.Join(",", p.FeatureIndices)} {p.AreaCode} {p.MessageEn} {p.LengthM:R} {p.FromM:R} {p.Geometry?.AsText()}");

    /// <summary>The non-zero counts, to assert that nothing else was reported.</summary>
    private static Dictionary<DemarcationProblemKind, int> Found(DemarcationReport report) => report.Counts.Where(c => c.Value > 0).ToDictionary();

    [Fact]
    public void Complete_proposal_is_ok()
    {
        var report = Check(Clean());
        Assert.True(report.Ok);
        Assert.Empty(report.Problems);
        Assert.Equal(DemarcationKinds.All, report.Counts.Keys);
        Assert.All(report.Counts.Values, c => Assert.Equal(0, c));
    }

    [Fact]
    public void Stored_demarcation_of_R1_has_an_unassigned_hole_and_a_vacant_county()
    {
        // Re-checking the stored segments as a proposal finds the 9.45–9.46 hole (error) and the vacant S2 (warning).
        var proposal = Stored.Segments.ToArray();
        var report = Check(proposal);
        Assert.False(report.Ok);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.GapUnassigned] = 1, [DemarcationProblemKind.GapVacant] = 1 }, Found(report));
        var vacant = report.Problems.Single(p => p.Kind == DemarcationProblemKind.GapVacant);
        Assert.Equal((DemarcationSeverity.Warning, "S2", 2), (vacant.Severity, vacant.SegmentCode, vacant.FeatureIndex));
        Assert.Equal((1, 1), (report.ErrorCount, report.WarningCount));
    }

    [Fact]
    public void Missing_segment_is_an_unassigned_gap_with_messages_in_both_languages()
    {
        var proposal = Clean().Where(s => s.Code != "P2").ToArray();
        var report = Check(proposal);
        var gap = Assert.Single(report.Problems);
        Assert.Equal((DemarcationProblemKind.GapUnassigned, DemarcationSeverity.Error, "C2", (AdminLevel?)AdminLevel.County), (gap.Kind, gap.Severity, gap.AreaCode, gap.Level));
        Assert.Null(gap.FeatureIndex);
        Assert.Empty(gap.SegmentCodes);
        var expected = Along(9.48, 9.54) - 50;
        Assert.Equal(expected, gap.LengthM!.Value, 1.0);
        var en = Regex.Match(gap.MessageEn, @"^gap of (\d+) m on Samina in C2 \(no segment\)$");
        Assert.True(en.Success, gap.MessageEn);
        Assert.Equal(expected, double.Parse(en.Groups[1].Value, CultureInfo.InvariantCulture), 1.0);
        Assert.Equal($"Samina在C2有{en.Groups[1].Value}米无人负责", gap.MessageZh);
        Assert.Equal($"{gap.MessageEn} / {gap.MessageZh}", gap.Message);
        Assert.Equal(expected, Geodesic.Length(gap.Geometry!), 1.0);
    }

    [Fact]
    public void Unknown_river_area_and_chief()
    {
        var unknownRiver = Check([.. Clean(), Seg("U", "NOPE", "C1", "K1", 9.40, 9.41)]);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.UnknownRiver] = 1 }, Found(unknownRiver));
        Assert.Equal(3, unknownRiver.Problems[0].FeatureIndex);
        Assert.Equal("segment U: unknown river 'NOPE'", unknownRiver.Problems[0].MessageEn);

        var unknownChief = Clean();
        unknownChief[0] = unknownChief[0] with { ChiefId = "KX" };
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.UnknownChief] = 1 }, Found(Check(unknownChief)));

        // Unknown area, no chief: the area is reported, and the county it really lies in has nobody with a chief there.
        var unknownArea = Clean();
        unknownArea[0] = unknownArea[0] with { AreaCode = "CX", ChiefId = null };
        var report = Check(unknownArea);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.UnknownArea] = 1, [DemarcationProblemKind.GapVacant] = 1 }, Found(report));
        Assert.Equal((DemarcationProblemKind.UnknownArea, 0), (report.Problems[0].Kind, report.Problems[0].FeatureIndex));
    }

    [Fact]
    public void Level_and_chief_consistency()
    {
        var wrongLevel = Clean();
        wrongLevel[0] = wrongLevel[0] with { Level = AdminLevel.Township };
        // The county area of a township segment is an error, and R1's county level now misses C1.
        var report = Check(wrongLevel);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.LevelMismatch] = 1, [DemarcationProblemKind.GapUnassigned] = 1 }, Found(report));
        Assert.Equal(DemarcationSeverity.Error, report.Problems[0].Severity);
        Assert.Equal("segment P1 is township but its area C1 is county", report.Problems[0].MessageEn);
        Assert.Equal("河段P1为乡级，但所属行政区C1为县级", report.Problems[0].MessageZh);

        // A city segment on a county river is not needed: a warning.
        var above = Check([.. Clean(), Seg("PC", "R1", "CY1", null, 9.40, 9.54, level: AdminLevel.City)]);
        var problem = Assert.Single(above.Problems);
        Assert.Equal((DemarcationProblemKind.LevelMismatch, DemarcationSeverity.Warning), (problem.Kind, problem.Severity));
        Assert.True(above.Ok);

        var otherChief = Clean();
        otherChief[2] = otherChief[2] with { ChiefId = "K1" };
        var mismatch = Assert.Single(Check(otherChief).Problems);
        Assert.Equal((DemarcationProblemKind.ChiefAreaMismatch, DemarcationSeverity.Error, "P3", 2), (mismatch.Kind, mismatch.Severity, mismatch.SegmentCode, mismatch.FeatureIndex));
    }

    [Fact]
    public void Overlap_is_checked_even_at_a_level_the_river_does_not_need()
    {
        // Two city segments on the county river R1: each a warning, and claiming 9.50–9.52 twice an error.
        var report = Check([.. Clean(), Seg("PC1", "R1", "CY1", null, 9.40, 9.52, level: AdminLevel.City),
            Seg("PC2", "R1", "CY1", null, 9.50, 9.54, level: AdminLevel.City)]);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.LevelMismatch] = 2, [DemarcationProblemKind.Overlap] = 1 }, Found(report));
        var overlap = report.Problems.Single(p => p.Kind == DemarcationProblemKind.Overlap);
        Assert.Equal(((AdminLevel?)AdminLevel.City, "CY1"), (overlap.Level, overlap.AreaCode));
        Assert.Equal(Along(9.50, 9.52), overlap.LengthM!.Value, 1.0);
        Assert.Equal("河段PC1、PC2在Samina重复划分" + Math.Round(overlap.LengthM.Value) + "米（市级）", overlap.MessageZh);
    }

    [Fact]
    public void Duplicate_codes_are_errors_and_both_segments_are_still_analysed()
    {
        var proposal = Clean();
        proposal[1] = proposal[1] with { Code = "P1" };
        var report = Check(proposal);
        // No gap in C2: the second "P1" covers it even though it shares the first one's code.
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.DuplicateCode] = 1 }, Found(report));
        var duplicate = report.Problems[0];
        Assert.Equal(1, duplicate.FeatureIndex);
        Assert.Equal([0, 1], duplicate.FeatureIndices);

        // A code already used by a stored segment that the proposal keeps (on R2, untouched).
        var stored = Stored with { Segments = [.. Stored.Segments, Seg("Q", "R2", "C1", "K1", 9.40, 9.45, lat: 47.15)] };
        var clash = Clean();
        clash[0] = clash[0] with { Code = "Q" };
        var system = new RiverSystem(DemarcationChecker.WithSegments(stored, clash, SegmentReplacement.RiversTouched));
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.DuplicateCode] = 1 }, Found(DemarcationChecker.Check(system, clash)));
    }

    [Fact]
    public void Segment_far_from_its_river()
    {
        // P2 drawn 300 m north of the river: nothing of it within the tolerance (error), and C2 is left uncovered.
        var away = Clean();
        away[1] = Seg("P2", "R1", "C2", "K2", 9.48, 9.54, offsetM: 300);
        var report = Check(away);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.FarFromRiver] = 1, [DemarcationProblemKind.GapUnassigned] = 1 }, Found(report));
        Assert.Equal(DemarcationSeverity.Error, report.Problems[0].Severity);
        Assert.StartsWith("segment P2 does not follow river Samina: 0% of it within 25 m", report.Problems[0].MessageEn);

        // P2 following the river to 9.53, then one straight edge to a last vertex 150 m off at 9.54: mostly fine
        // (83% matched: a warning), and a hole 9.53–9.54.
        var spike = Clean();
        var line = Point(0, 0).Factory.CreateLineString(
            [.. TestGeometry.EastWest(Lat, 9.48, 9.53).Coordinates, new Coordinate(9.54, North(Lat, 150))]);
        spike[1] = spike[1] with { Geometry = line };
        var spiked = Check(spike);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.FarFromRiver] = 1, [DemarcationProblemKind.GapUnassigned] = 1 }, Found(spiked));
        var far = spiked.Problems[0];
        Assert.Equal((DemarcationProblemKind.FarFromRiver, DemarcationSeverity.Warning), (far.Kind, far.Severity));
        Assert.True(spiked.Ok is false); // the hole is an error
        var gap = spiked.Problems.Single(p => p.Kind == DemarcationProblemKind.GapUnassigned);
        Assert.Equal(Along(9.53, 9.54) - 50, gap.LengthM!.Value, 1.0);
        // Looser thresholds accept the spike.
        Assert.Equal(0, Check(spike, new DemarcationOptions(MaxDistanceM: 200)).Counts[DemarcationProblemKind.FarFromRiver]);
    }

    [Fact]
    public void Segment_spilling_into_the_neighbour_overlaps_the_neighbours_segment()
    {
        var end = East(9.48, 500);
        var proposal = Clean();
        proposal[0] = Seg("P1", "R1", "C1", "K1", 9.40, end);
        var report = Check(proposal);
        Assert.Equal(new Dictionary<DemarcationProblemKind, int> { [DemarcationProblemKind.Overlap] = 1, [DemarcationProblemKind.CrossBoundary] = 1 }, Found(report));
        var spill = Geodesic.Distance(9.48, Lat, end, Lat);
        var overlap = report.Problems.Single(p => p.Kind == DemarcationProblemKind.Overlap);
        Assert.Equal(DemarcationSeverity.Error, overlap.Severity);
        Assert.Equal(["P1", "P2"], overlap.SegmentCodes);
        Assert.Equal([0, 1], overlap.FeatureIndices);
        Assert.Equal(spill, overlap.LengthM!.Value, 1.0);
        var cross = report.Problems.Single(p => p.Kind == DemarcationProblemKind.CrossBoundary);
        Assert.Equal((DemarcationSeverity.Warning, "P1", 0, "C2"), (cross.Severity, cross.SegmentCode, cross.FeatureIndex, cross.AreaCode));
        Assert.Equal(spill, cross.LengthM!.Value, 1.0);
        Assert.Contains("伸入C2", cross.MessageZh);
    }

    [Fact]
    public void Replacement_modes()
    {
        var township = Seg("T", "R1", "C1", null, 9.40, 9.41, level: AdminLevel.Township);
        var onR2 = Seg("Q", "R2", "C1", "K1", 9.40, 9.45, lat: 47.15);
        var stored = Stored with { Segments = [.. Stored.Segments, township, onR2] };
        var proposal = Clean();

        Segment[] Codes(SegmentReplacement mode) => DemarcationChecker.WithSegments(stored, proposal, mode).Segments.ToArray();
        Assert.Equal(["Q", "P1", "P2", "P3"], Codes(SegmentReplacement.RiversTouched).Select(s => s.Code));
        Assert.Equal(["T", "Q", "P1", "P2", "P3"], Codes(SegmentReplacement.RiverLevelsTouched).Select(s => s.Code));
        Assert.Equal(["P1", "P2", "P3"], Codes(SegmentReplacement.All).Select(s => s.Code));
        Assert.Equal("river-levels-touched", SegmentReplacement.RiverLevelsTouched.ToCode());
        Assert.True(DemarcationKinds.TryParseReplacement("rivers-touched", out var parsed) && parsed == SegmentReplacement.RiversTouched);

        var report = DemarcationChecker.Check(stored, proposal.Select((s, i) => new ProposedSegment(s, i + 10)).ToList(), SegmentReplacement.All);
        Assert.True(report.Ok);
    }

    [Fact]
    public void Area_option_limits_gap_checks_to_the_submitting_area()
    {
        var proposal = Clean().Where(s => s.Code != "P3").ToArray();
        Assert.Equal(1, Check(proposal).Counts[DemarcationProblemKind.GapUnassigned]);
        Assert.Empty(Check(proposal, new DemarcationOptions(AreaCode: "CY1")).Problems);
        Assert.Equal(1, Check(proposal, new DemarcationOptions(AreaCode: "CY2")).Counts[DemarcationProblemKind.GapUnassigned]);
    }

    [Fact]
    public void Problems_come_in_a_stable_order()
    {
        var proposal = Clean();
        proposal[2] = proposal[2] with { ChiefId = "KX" };
        proposal[0] = proposal[0] with { ChiefId = "K3" };
        var first = Check(proposal);
        var again = Check(proposal);
        Assert.Equal(first.Problems.Select(p => (p.Kind, p.FeatureIndex)), again.Problems.Select(p => (p.Kind, p.FeatureIndex)));
        Assert.Equal([(DemarcationProblemKind.ChiefAreaMismatch, (int?)0), (DemarcationProblemKind.UnknownChief, 2)], first.Problems.Select(p => (p.Kind, p.FeatureIndex)));
        Assert.All(first.Problems, p => Assert.Null(p.Geometry));
    }
}
