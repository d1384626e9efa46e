using NetTopologySuite.Geometries;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Tests.Water;

/// <summary>
/// Monthly compliance of a section by hand: ammonia nitrogen alone decides (river limits Ⅰ 0.15, Ⅱ 0.5, Ⅲ 1.0, Ⅳ 1.5,
/// Ⅴ 2.0 mg/L), the month's samples are averaged, failures are counted in a row over monitored months only.
/// </summary>
public class SectionComplianceTests
{
    private static readonly Point Here = new(100, 30);
    private static readonly OfficePeriod Jan = OfficePeriod.MonthOf(2026, 1);

    private static MonitoringSection Section(WaterClass target, string? waterBody = null) =>
        new("S", "断面", SectionKind.Assessment, target, waterBody is null ? "R" : null, waterBody, ["A"], Here);

    /// <summary>Per month the NH3-N values sampled ("" = no sample), separated by '|'; expected class|met|run per month.</summary>
    [Theory]
    [InlineData("III", "0.4|1.2|1.8|0.9", "II,y,0|IV,n,1|V,n,2|III,y,0")]
    [InlineData("III", "1.2||1.3|0.2", "IV,n,1|-,-,0|IV,n,2|II,y,0")]
    [InlineData("II", "0.4 0.8|0.2 0.2 0.2", "III,n,1|II,y,0")]
    [InlineData("III", "2.1|2.5|3", "劣V,n,1|劣V,n,2|劣V,n,3")]
    [InlineData("IV", "1.5|1.5001", "IV,y,0|V,n,1")]
    public void Months_are_averaged_classified_and_failures_counted_in_a_row(string target, string months, string expected)
    {
        SurfaceWaterStandard.TryParseClass(target, out var t);
        var values = months.Split('|');
        var periods = SectionCompliance.PeriodsEndingWith(OfficePeriod.MonthOf(2026, values.Length), values.Length);
        var samples = values.SelectMany((m, i) => m.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((v, k) =>
            new WaterSample("S", periods[i].Start.AddDays(3 + k), new Dictionary<WaterFactor, double> { [WaterFactor.AmmoniaNitrogen] = double.Parse(v) })));
        var series = SectionCompliance.Evaluate(Section(t), samples, periods);
        var actual = string.Join("|", series.Select(p => $"{p.Quality?.Class.ToCode() ?? "-"},{(p.TargetMet is null ? "-" : p.TargetMet.Value ? "y" : "n")},{p.ConsecutiveFailures}"));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_lake_section_uses_lake_limits_and_total_nitrogen()
    {
        // TP 0.08 is Ⅱ in a river but Ⅳ in a lake; TN 1.2 (Ⅳ) counts only in a lake.
        var values = new Dictionary<WaterFactor, double> { [WaterFactor.TotalPhosphorus] = 0.08, [WaterFactor.TotalNitrogen] = 1.2 };
        var lake = SectionCompliance.Evaluate(Section(WaterClass.III, "L"), [new WaterSample("S", Jan.Start.AddDays(1), values)], [Jan]);
        var river = SectionCompliance.Evaluate(Section(WaterClass.III), [new WaterSample("S", Jan.Start.AddDays(1), values)], [Jan]);
        Assert.Equal((WaterClass.IV, false), (lake[0].Quality!.Class, lake[0].TargetMet!.Value));
        Assert.Equal((WaterClass.II, true), (river[0].Quality!.Class, river[0].TargetMet!.Value));
    }

    [Fact]
    public void Rates_count_a_section_once_per_area_and_its_ancestors_with_the_change()
    {
        // Townships T1, T2 in county C: S1 (T1) met now and before; S2 boundary (T1, T2) failed now, met before; S3 (T2) not monitored now.
        MonitoringSection S(string code, params string[] areas) => new(code, code, SectionKind.Boundary, WaterClass.III, "R", null, areas, Here);
        SectionPeriod P(string code, bool met) => new(code, Jan, 1, null, met, met ? 0 : 1, null);
        var sections = new[] { S("S1", "T1"), S("S2", "T1", "T2"), S("S3", "T2") };
        var now = new Dictionary<string, SectionPeriod> { ["S1"] = P("S1", true), ["S2"] = P("S2", false) };
        var before = new Dictionary<string, SectionPeriod> { ["S1"] = P("S1", true), ["S2"] = P("S2", true), ["S3"] = P("S3", false) };
        var parents = new Dictionary<string, string[]> { ["T1"] = ["T1", "C"], ["T2"] = ["T2", "C"] };
        var rates = ComplianceRates.Compute(sections, Jan, now, before, a => parents[a]).ToDictionary(r => r.AreaCode);
        Assert.Equal((3, 2, 1, 50.0, 66.67, -16.67), Row(rates["C"]));
        Assert.Equal((2, 2, 1, 50.0, 100.0, -50.0), Row(rates["T1"]));
        Assert.Equal((2, 1, 0, 0.0, 50.0, -50.0), Row(rates["T2"]));
    }

    private static (int, int, int, double?, double?, double?) Row(AreaCompliance r) =>
        (r.Sections, r.Monitored, r.Met, r.RatePercent, r.PreviousRatePercent, r.ChangePoints);

    [Theory]
    [InlineData(2, "1|2|0|1", 1)]
    [InlineData(2, "0|1|2", 1)]
    [InlineData(3, "1|2|2", 0)]
    [InlineData(1, "1|1", 2)]
    public void The_scan_finds_sections_at_the_threshold(int threshold, string latestRuns, int expected)
    {
        var results = latestRuns.Split('|').Select((run, i) =>
        {
            var section = new MonitoringSection($"S{i}", "s", SectionKind.Assessment, WaterClass.III, "R", null, ["A"], Here);
            var n = int.Parse(run);
            IReadOnlyList<SectionPeriod> series = [new SectionPeriod(section.Code, Jan, 1, null, n == 0, n, n > 0 ? Jan : null)];
            return (section, series);
        });
        Assert.Equal(expected, ConsecutiveFailureScan.Find(results, Jan, threshold).Count);
    }

    [Theory]
    [InlineData("nh3_n", "AmmoniaNitrogen", 1.0, null)]
    [InlineData("tp[µg/L]", "TotalPhosphorus", 0.001, null)]
    [InlineData("tp (ug/L)", "TotalPhosphorus", 0.001, null)]
    [InlineData("tp[ppm]", null, 0.0, "unknown unit 'ppm'")]
    [InlineData("nh4", null, 0.0, "unknown factor 'nh4'")]
    public void Columns_name_a_factor_and_a_unit(string header, string? factor, double scale, string? error)
    {
        var column = MeasurementInput.Column(header, out var message);
        Assert.Equal(factor, column?.Factor.ToString());
        if (column is { } c) Assert.Equal(scale, c.Scale);
        if (error is not null) Assert.Contains(error, message);
    }
}
