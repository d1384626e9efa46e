using System.Globalization;
using RiverGis.Geo.Demarcation;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Generation.Tests;

/// <summary>
/// The demarcation check on a generated province gives the same report whether the system is rebuilt with the
/// proposal in place or the proposal is laid over the prepared stored system (the service's snapshot), for every
/// replacement mode; and the stored system is left as it was (nothing of the proposal is cached in it).
/// </summary>
public sealed class DemarcationCheckOnProvinceTests
{
    [Theory]
    [InlineData(SegmentReplacement.RiverLevelsTouched)]
    [InlineData(SegmentReplacement.RiversTouched)]
    [InlineData(SegmentReplacement.All)]
    public void Overlay_and_rebuild_give_the_same_report(SegmentReplacement replace)
    {
        var content = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 300, Seed = 5 }.WithDefectFraction(0.04)).Content;
        var stored = new RiverSystemData(content.Areas.Select(a => a.Item).ToList(), content.Chiefs.Select(c => c.Item).ToList(),
            content.Rivers.Select(r => r.Item).ToList(), content.Segments.Select(s => s.Item).ToList(), content.Outlets.Select(o => o.Item).ToList());
        // Every third river's segments, re-drawn by a planner: each seventh one also proposed a second time under
        // another code (an overlap), each eleventh without its chief (vacant), each thirteenth in its neighbour's area.
        var rivers = stored.Rivers.Where((_, i) => i % 3 == 0).Select(r => r.Code).ToHashSet();
        var proposal = new List<Segment>();
        foreach (var (s, i) in stored.Segments.Where(s => rivers.Contains(s.RiverCode)).Select((s, i) => (s, i)))
        {
            var redrawn = s with { ChiefId = i % 11 == 0 ? null : s.ChiefId };
            proposal.Add(i % 13 == 0 ? redrawn with { AreaCode = stored.Segments[(i * 7) % stored.Segments.Count].AreaCode } : redrawn);
            if (i % 7 == 0) proposal.Add(s with { Code = s.Code + "-B" });
        }
        var proposed = proposal.Select((s, i) => new ProposedSegment(s, i)).ToList();
        var system = new RiverSystem(stored);
        var storedCodes = system.Segments.Count;

        var rebuilt = DemarcationChecker.Check(new RiverSystem(DemarcationChecker.WithSegments(stored, proposal, replace)), proposed);
        var overlaid = DemarcationChecker.Check(system, proposed, replace);

        Assert.True(rebuilt.Counts[DemarcationProblemKind.Overlap] > 0 && rebuilt.Counts[DemarcationProblemKind.GapVacant] > 0
                    && rebuilt.Counts[DemarcationProblemKind.GapUnassigned] > 0, "the proposal has overlaps and both kinds of gap");
        Assert.Equal(Lines(rebuilt), Lines(overlaid));
        Assert.Equal(rebuilt.Counts, overlaid.Counts);
        Assert.Equal(storedCodes, system.Segments.Count);
        Assert.Same(stored, system.Data);
    }

    private static IEnumerable<string> Lines(DemarcationReport r) => r.Problems.Select(p => string.Create(CultureInfo.InvariantCulture,
        $"{p.Kind} {p.Severity} {string.Join(",", p.SegmentCodes)} {string.Join(",", p.FeatureIndices)} {p.AreaCode} {p.MessageZh} {p.LengthM:R} {p.FromM:R} {p.Geometry?.AsText()}"));
}
