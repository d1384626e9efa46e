using RiverGis.Geo.Model;

namespace RiverGis.Generation.Tests;

/// <summary>
/// The planted-defects manifest is complete: the coverage analysis (an independent judge of what is in the data)
/// finds no gap that was not planted and listed, no river without any segment that the manifest does not list, and
/// every planted gap as long as planted, less what the tolerance rule takes.
/// </summary>
public sealed class ManifestAuditTests
{
    public static TheoryData<string, GeneratorOptions> Provinces => new()
    {
        { "Sichuan basin, 300 rivers, 4 % of each defect", new GeneratorOptions { Rivers = 300, Seed = 3 }.WithDefectFraction(0.04) },
        // A wide region far north: the province's straight lon/lat edges bend most there once projected, which once
        // left a strip along the southern edge outside the province and the rivers in it without any segment.
        // Without a great river the networks drain to the edges, many to the southern one.
        {
            "wide region at 70° N, sparse rivers draining to the edges",
            new GeneratorOptions { Rivers = 300, Seed = 3, CentreLon = 60, CentreLat = 70, RiversPerThousandKm2 = 5, GreatRiver = false }
        },
    };

    [Theory]
    [MemberData(nameof(Provinces))]
    public void The_coverage_analysis_finds_exactly_the_planted_gaps(string name, GeneratorOptions options)
    {
        var province = SyntheticProvinceGenerator.Generate(options);
        var audit = ManifestAudit.Run(province);

        Assert.True(audit.OutsideTopLevelM < 1, $"{name}: {audit.OutsideTopLevelM:0} m of river lie outside the province as the analyses see it");
        Assert.True(audit.UnlistedRiversWithoutSegment.Count == 0,
            $"{name}: rivers without any segment that the manifest does not list: {string.Join(", ", audit.UnlistedRiversWithoutSegment)}");
        Assert.True(audit.UnplannedGaps.Count == 0, $"{name}: gaps nobody planted: " +
            string.Join("; ", audit.UnplannedGaps.Take(5).Select(g => $"{g.RiverCode} {g.Level} {g.AreaCode} {g.Reason} {g.LengthM:0} m")));
        Assert.Contains(audit.PlantedGaps, g => g.Planted.Kind == DefectKind.Unassigned);
        Assert.Contains(audit.PlantedGaps, g => g.Planted.Kind == DefectKind.Vacant);
        foreach (var gap in audit.PlantedGaps)
        {
            // Only a gap the tolerance swallows whole (grown neighbours at both ends, pieces ≤ tol dropped) may vanish.
            if (!gap.Found) Assert.True(gap.Planted.ExpectedLengthM <= 3 * audit.ToleranceM, $"{name}: planted {gap.Planted} not found");
            else Assert.True(audit.ExplainedLength(gap), $"{name}: planted {gap.Planted} reported as {gap.ReportedM:0} m in {gap.Pieces} piece(s)");
        }
    }
}
