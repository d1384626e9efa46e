using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Responsibility;

/// <summary>Every analysis gives the same answer, in the same order, whatever order the data came in.</summary>
public class DeterminismTests
{
    private static RiverSystemData Data()
    {
        var main = MainData();
        // Extra overlapping and spilling segments so that every analysis has several results to order.
        return main with
        {
            Segments =
            [
                .. main.Segments,
                Seg("X1", "R1", "C2", "K2", 9.50, 9.52),
                Seg("X2", "R2", "C3", "K3", 9.53, 9.60, lat: 47.15),
                Seg("X3", "R2", "C1", "K1", 9.40, 9.47, lat: 47.15),
                Seg("X4", "R2", "C1", "K1", 9.46, 9.50, lat: 47.15),
            ],
        };
    }

    private static RiverSystemData Reversed(RiverSystemData d) =>
        new(d.Areas.Reverse().ToList(), d.Chiefs.Reverse().ToList(), d.Rivers.Reverse().ToList(), d.Segments.Reverse().ToList(), d.Outlets.Reverse().ToList());

    private static List<string> Run(RiverSystem system)
    {
        var lines = new List<string>();
        var coverage = CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County));
        lines.AddRange(coverage.Gaps.Select(g => $"gap {g.RiverCode} {g.FromM:0.00} {g.ToM:0.00} {g.AreaCode} {g.Reason} {string.Join(",", g.SegmentCodes)}"));
        lines.AddRange(coverage.Rivers.Select(r => $"river {r.RiverCode} {r.RequiredM:0.00} {r.CoveredM:0.00}"));
        lines.AddRange(coverage.Areas.Select(a => $"area {a.AreaCode} {a.RequiredM:0.00} {a.CoveredM:0.00}"));
        lines.AddRange(OverlapFinder.Find(system).Select(o => $"overlap {o.RiverCode} {o.FromM:0.00} {string.Join(",", o.SegmentCodes)}"));
        lines.AddRange(CrossBoundarySegments.Find(system).Select(c => $"cross {c.SegmentCode} {c.EnteredAreaCode} {c.LengthM:0.00}"));
        lines.AddRange(BoundaryCrossings.Find(system, new BoundaryCrossingQuery(AdminLevel.County))
            .Select(c => $"crossing {c.RiverCode} {c.MeasureM:0.00} {c.UpstreamAreaCode} {c.DownstreamAreaCode} {c.Upstream?.SegmentCode} {c.Downstream?.SegmentCode}"));
        lines.AddRange(BorderRivers.Find(system, new BorderRiverQuery(AdminLevel.County)).Select(b => $"border {b.RiverCode} {b.FromM:0.00}"));
        var profile = RiverProfileBuilder.Build(system, "R2");
        lines.AddRange(profile.Levels.SelectMany(l => l.Segments).Select(s => $"profile {s.Code} {s.FromM:0.00}"));
        return lines;
    }

    [Fact]
    public void Input_order_does_not_change_results_or_their_order()
    {
        var forward = Run(new RiverSystem(Data()));
        var backward = Run(new RiverSystem(Reversed(Data())));
        Assert.Equal(forward, backward);
        Assert.Contains(forward, l => l.StartsWith("overlap R1"));
        Assert.Contains(forward, l => l.StartsWith("overlap R2"));
        Assert.Contains(forward, l => l.StartsWith("cross X2"));
    }

    [Fact]
    public void Results_are_ordered_by_river_code_then_measure()
    {
        var system = new RiverSystem(Reversed(Data()));
        var gaps = CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County)).Gaps;
        Assert.Equal(gaps.OrderBy(g => g.RiverCode, StringComparer.Ordinal).ThenBy(g => g.FromM).Select(g => (g.RiverCode, g.FromM)),
            gaps.Select(g => (g.RiverCode, g.FromM)));
        Assert.Equal(["R1", "R2"], gaps.Select(g => g.RiverCode).Distinct());
        var overlaps = OverlapFinder.Find(system);
        Assert.Equal(["R1", "R2"], overlaps.Select(o => o.RiverCode));
        var crossings = BoundaryCrossings.Find(system, new BoundaryCrossingQuery(AdminLevel.County));
        Assert.Equal(crossings.OrderBy(c => c.RiverCode, StringComparer.Ordinal).ThenBy(c => c.MeasureM).Select(c => c.MeasureM),
            crossings.Select(c => c.MeasureM));
        Assert.Equal(["C1", "C2", "C3"], CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County)).Areas.Select(a => a.AreaCode));
    }
}
