using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using static RiverGis.Geo.Tests.Responsibility.Hand;

namespace RiverGis.Geo.Tests.Responsibility;

public class CoverageAnalyzerTests
{
    private const double Tol = 25;
    private static readonly RiverSystem MainSystem = new(MainData());

    [Fact]
    public void Hole_between_segments_is_unassigned_and_chiefless_segment_is_vacant()
    {
        var report = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, RiverCode: "R1"));

        Assert.Equal(2, report.Gaps.Count);
        var hole = report.Gaps[0];
        Assert.Equal(("R1", "Samina", AdminLevel.County, "C1", GapReason.Unassigned), (hole.RiverCode, hole.RiverName, hole.Level, hole.AreaCode, hole.Reason));
        // The 9.45–9.46 hole, shrunk by the tolerance at each segment end.
        Assert.Equal(M(9.45) + Tol, hole.FromM, 1.0);
        Assert.Equal(M(9.46) - Tol, hole.ToM, 1.0);
        Assert.Equal(Along(9.45, 9.46) - 2 * Tol, hole.LengthM, 1.0);
        Assert.Equal(hole.LengthM, Geodesic.Length(hole.Geometry), 0.5);
        Assert.Empty(hole.SegmentCodes);

        var vacant = report.Gaps[1];
        Assert.Equal(("C2", GapReason.Vacant), (vacant.AreaCode, vacant.Reason));
        // S2 has no chief; the chief-held neighbours S1b and S3 reach 25 m into C2 once grown.
        Assert.Equal(M(9.48) + Tol, vacant.FromM, 1.0);
        Assert.Equal(M(9.54) - Tol, vacant.ToM, 1.0);
        Assert.Equal(["S2"], vacant.SegmentCodes);
        Assert.Equal(4326, vacant.Geometry.SRID);
    }

    [Fact]
    public void River_and_area_summaries_add_up()
    {
        var report = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, RiverCode: "R1"));
        var river = Assert.Single(report.Rivers);
        var length = Along(9.40, 9.60);
        var unassigned = Along(9.45, 9.46) - 2 * Tol;
        var vacant = Along(9.48, 9.54) - 2 * Tol;
        Assert.Equal(length, river.LengthM, 1.0);
        Assert.Equal(length, river.RequiredM, 1.0);
        Assert.Equal(unassigned, river.UnassignedM, 1.0);
        Assert.Equal(vacant, river.VacantM, 1.0);
        Assert.Equal(length - unassigned - vacant, river.CoveredM, 1.0);
        Assert.Equal(100 * (length - unassigned - vacant) / length, river.CoveredPercent!.Value, 0.01);
        Assert.Equal(0, river.OutsideAreasM, 1.0);

        Assert.Equal(["C1", "C2", "C3"], report.Areas.Select(a => a.AreaCode));
        var c1 = report.Areas[0];
        Assert.Equal(Along(9.40, 9.48), c1.RequiredM, 1.0);
        Assert.Equal(unassigned, c1.UnassignedM, 1.0);
        Assert.Equal(0, c1.VacantM);
        var c3 = report.Areas[2];
        Assert.Equal(100, c3.CoveredPercent!.Value, 1e-6);
        Assert.Equal(length, report.Totals.RequiredM, 1.0);
    }

    [Fact]
    public void River_outside_every_area_is_summarised_not_reported_as_gap()
    {
        // R2 runs 9.30–9.65 but counties only cover 9.40–9.60 (like a parish missing from the data).
        var report = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, RiverCode: "R2"));
        var river = Assert.Single(report.Rivers);
        var outside = Along(9.30, 9.40, 47.15) + Along(9.60, 9.65, 47.15);
        Assert.Equal(outside, river.OutsideAreasM, 1.0);
        Assert.Equal(Along(9.40, 9.60, 47.15), river.RequiredM, 1.0);
        // No segment at all on R2: one unassigned gap per county, and none outside the counties.
        Assert.Equal(["C1", "C2", "C3"], report.Gaps.Select(g => g.AreaCode));
        Assert.All(report.Gaps, g => Assert.Equal(GapReason.Unassigned, g.Reason));
        Assert.Equal(Along(9.30, 9.40, 47.15), report.Gaps[0].FromM, 1.0);
        Assert.Equal(Along(9.30, 9.60, 47.15), report.Gaps[^1].ToM, 1.0);
        Assert.Equal(outside, report.Totals.OutsideAreasM, 1.0);
    }

    [Fact]
    public void Area_filter_by_parent_city_selects_its_counties()
    {
        var report = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, AreaCode: "CY1", RiverCode: "R1"));
        Assert.Equal(["C1", "C2"], report.Areas.Select(a => a.AreaCode));
        Assert.Equal(["C1", "C2"], report.Gaps.Select(g => g.AreaCode));
        Assert.Equal(Along(9.40, 9.54), Assert.Single(report.Rivers).RequiredM, 1.0);

        var other = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, AreaCode: "CY2"));
        Assert.Equal(["C3"], other.Areas.Select(a => a.AreaCode));
        // R1 is fully covered in C3; R2 has no segment there.
        Assert.Equal(["R2"], other.Gaps.Select(g => g.RiverCode));
    }

    [Fact]
    public void Area_filter_by_grandparent_and_by_the_area_itself()
    {
        var all = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, AreaCode: "P"));
        Assert.Equal(["C1", "C2", "C3"], all.Areas.Select(a => a.AreaCode));
        var one = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, AreaCode: "C2", RiverCode: "R1"));
        Assert.Equal(GapReason.Vacant, Assert.Single(one.Gaps).Reason);
        Assert.Equal(Along(9.48, 9.54), Assert.Single(one.Rivers).RequiredM, 1.0);

        Assert.Throws<ArgumentException>(() => CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.City, AreaCode: "C1")));
        Assert.Throws<ArgumentException>(() => CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, AreaCode: "NOPE")));
        Assert.Throws<ArgumentException>(() => CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, RiverCode: "NOPE")));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.County, ToleranceM: -1)));
    }

    [Fact]
    public void Rivers_managed_below_the_level_are_not_required()
    {
        // R1 and R2 are county rivers: nothing is required of cities.
        var report = CoverageAnalyzer.Analyze(MainSystem, new CoverageQuery(AdminLevel.City));
        Assert.Empty(report.Rivers);
        Assert.Empty(report.Gaps);
    }

    [Fact]
    public void Segment_digitised_10_m_off_the_river_still_covers_it()
    {
        var system = Single(Seg("A", "R", "C", "K", 9.40, 9.50, offsetM: 10));
        var report = CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County));
        Assert.Empty(report.Gaps);
        Assert.Equal(100, report.Rivers[0].CoveredPercent!.Value, 1e-6);
    }

    [Fact]
    public void Hole_of_15_m_between_adjacent_segments_is_absorbed()
    {
        var system = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", East(9.45, 15), 9.50));
        Assert.Empty(CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County)).Gaps);
    }

    [Fact]
    public void Hole_of_200_m_is_reported_as_200_minus_twice_the_tolerance()
    {
        var start = East(9.45, 200);
        var hole = Geodesic.Distance(9.45, Lat, start, Lat);
        Assert.InRange(hole, 199, 201);
        var system = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", start, 9.50));
        var gap = Assert.Single(CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County)).Gaps);
        Assert.Equal(hole - 2 * Tol, gap.LengthM, 1.0);
        Assert.Equal(M(9.45) + Tol, gap.FromM, 1.0);

        // With a 5 m tolerance the same hole is 190 m.
        var strict = CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County, ToleranceM: 5));
        Assert.Equal(hole - 10, Assert.Single(strict.Gaps).LengthM, 1.0);
    }

    [Fact]
    public void Hole_just_over_three_tolerances_leaves_a_piece_just_over_the_tolerance()
    {
        // 80 m hole → 30 m after growing (kept); 70 m hole → 20 m (dropped as not longer than the tolerance).
        var kept = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", East(9.45, 80), 9.50));
        Assert.Equal(Geodesic.Distance(9.45, Lat, East(9.45, 80), Lat) - 2 * Tol,
            Assert.Single(CoverageAnalyzer.Analyze(kept, new CoverageQuery(AdminLevel.County)).Gaps).LengthM, 1.0);
        var dropped = Single(Seg("A", "R", "C", "K", 9.40, 9.45), Seg("B", "R", "C", "K", East(9.45, 70), 9.50));
        Assert.Empty(CoverageAnalyzer.Analyze(dropped, new CoverageQuery(AdminLevel.County)).Gaps);
    }

    [Fact]
    public void Gap_partly_vacant_is_split_by_reason()
    {
        // Chief segment 9.40–9.44, vacant segment 9.44–9.47, nothing from 9.47 to the area end at 9.50.
        var system = Single(Seg("A", "R", "C", "K", 9.40, 9.44), Seg("V", "R", "C", null, 9.44, 9.47));
        var gaps = CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County)).Gaps;
        Assert.Equal([GapReason.Vacant, GapReason.Unassigned], gaps.Select(g => g.Reason));
        Assert.Equal(M(9.44) + Tol, gaps[0].FromM, 1.0);
        Assert.Equal(M(9.47) + Tol, gaps[0].ToM, 1.0);
        Assert.Equal(["V"], gaps[0].SegmentCodes);
        Assert.Equal(M(9.47) + Tol, gaps[1].FromM, 1.0);
        Assert.Equal(M(9.50), gaps[1].ToM, 1.0);
    }

    [Fact]
    public void Multipolygon_area_with_an_exclave_gets_one_gap_per_part()
    {
        var system = new RiverSystem(new RiverSystemData(
            [Area("A", AdminLevel.County, null, Boxes((9.40, 9.45), (9.50, 9.52))), Area("B", AdminLevel.County, null, Boxes((9.45, 9.50), (9.52, 9.60)))],
            [], [River("R", "River", TestGeometry.EastWest(Lat, 9.40, 9.60))], [], []));
        var report = CoverageAnalyzer.Analyze(system, new CoverageQuery(AdminLevel.County));
        Assert.Equal(["A", "B", "A", "B"], report.Gaps.Select(g => g.AreaCode));
        Assert.Equal(M(9.50), report.Gaps[2].FromM, 1.0);
        Assert.Equal(M(9.52), report.Gaps[2].ToM, 1.0);
        var a = report.Areas.Single(s => s.AreaCode == "A");
        Assert.Equal(Along(9.40, 9.45) + Along(9.50, 9.52), a.RequiredM, 1.0);
        Assert.Equal(0, a.CoveredM, 1e-6);
    }
}
