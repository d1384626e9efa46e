using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Geo.Tests.Patrols;

/// <summary>The district plans' calendar rules on hand-counted cases (China Standard Time days).</summary>
public class PatrolComplianceEvaluatorTests
{
    private static readonly PatrolFrequencyRules Rules = PatrolFrequencyRules.Default;
    private static readonly PatrolFrequency Township = Rules.For(ChiefRole.Chief, AdminLevel.Township);
    private static readonly PatrolFrequency County = Rules.For(ChiefRole.Chief, AdminLevel.County);
    private static readonly PatrolFrequency Village = Rules.For(ChiefRole.Chief, AdminLevel.Village);
    private static readonly PatrolFrequency General = Rules.For(ChiefRole.General, AdminLevel.Township);

    /// <summary>9:00 CST on a day of 2026 given as "MM-dd".</summary>
    private static DateTimeOffset Day(string monthDay) => DateTimeOffset.Parse($"2026-{monthDay}T09:00:00+08:00");

    public static TheoryData<string, string, string, string, int, int> Cases => new()
    {
        // rule, period, patrol days, expected status, shortfall, required
        { "township", "2026-11", "11-03 11-08 11-15 11-25", "compliant", 0, 4 },
        { "township", "2026-11", "11-01 11-02 11-03 11-04", "shortfall", 2, 4 },   // 4 in total, but 中旬 and 下旬 empty
        { "township", "2026-11", "11-05 11-15", "shortfall", 2, 4 },               // 2 short of 4 (下旬 empty is one of them)
        { "township", "2026-11", "", "shortfall", 4, 4 },
        { "township", "2026-11-X2", "11-03 11-12", "pending", 2, 4 },              // the month goes on; its 中旬 has one
        { "township", "2026-11-X3", "11-03 11-12", "shortfall", 2, 4 },            // 下旬 empty: a real shortfall, and the month is over
        { "township", "2026-Q4", "10-03 10-12 10-22 10-25 11-03 11-08 11-15 11-25", "shortfall", 4, 12 },
        { "county", "2026-11", "11-30", "compliant", 0, 1 },
        { "county", "2026-11", "12-01", "shortfall", 1, 1 },
        { "county", "2026", "01-05 02-05 03-05 04-05 05-05 06-05 07-05 08-05 09-05 10-05 11-05", "shortfall", 1, 12 },
        { "general", "2026-11", "", "pending", 1, 1 },
        { "general", "2026-11", "10-15", "compliant", 0, 1 },
        { "general", "2026-12", "", "shortfall", 1, 1 },
        { "general", "2026", "02-01 05-01 08-01 11-01", "compliant", 0, 4 },
        // ISO weeks fully inside November 2026: W45 (2–8), W46, W47, W48 (23–29); 1 Nov (a Sunday) and 30 Nov belong to straddling weeks.
        { "village", "2026-11", "11-02 11-09 11-16 11-23", "compliant", 0, 4 },
        { "village", "2026-11", "11-01 11-02 11-09 11-23 11-30", "shortfall", 1, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Calendar_rules_count_valid_patrols_per_window(string rule, string period, string days, string status, int shortfall, int required)
    {
        var frequency = rule switch { "township" => Township, "county" => County, "village" => Village, _ => General };
        var starts = days.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Day).ToList();
        var verdict = PatrolComplianceEvaluator.Evaluate(OfficePeriod.Parse(period), frequency, starts);
        Assert.Equal(status, EnumCodes.CodeOf(verdict.Status));
        Assert.Equal(shortfall, verdict.Shortfall);
        Assert.Equal(required, verdict.Required);
        Assert.Equal(status == "compliant", verdict.Compliant);
    }

    [Fact]
    public void Township_rule_counts_every_xun_and_patrols_belong_to_the_day_they_start_in_china_standard_time()
    {
        // 30 Nov 23:30 CST is in 下旬 of November; 1 Dec 00:10 CST (30 Nov 16:10 UTC) is not in November at all.
        var starts = new[] { Day("11-03"), Day("11-04"), Day("11-12"), new DateTimeOffset(2026, 11, 30, 23, 30, 0, OfficePeriod.Offset),
            new DateTimeOffset(2026, 11, 30, 16, 10, 0, TimeSpan.Zero) };
        var verdict = PatrolComplianceEvaluator.Evaluate(OfficePeriod.Parse("2026-11"), Township, starts);
        Assert.Equal([2, 1, 1], verdict.Xun.Select(x => x.Valid));
        Assert.Equal(["2026-11-X1", "2026-11-X2", "2026-11-X3"], verdict.Xun.Select(x => x.Period.Code));
        Assert.Equal(4, verdict.ValidInPeriod);
        Assert.True(verdict.Compliant);
    }

    [Theory]
    [InlineData("township", "2026-11", "2026-11-01")]
    [InlineData("general", "2026-11", "2026-10-01")]
    [InlineData("county", "2026-Q4", "2026-10-01")]
    [InlineData("village", "2026-11-X1", "2026-11-01")]   // the week of 2–8 Nov lies inside 上旬
    [InlineData("village", "2026-11-X2", "2026-11-09")]   // no ISO week lies wholly inside 11–20 Nov: the week containing 11 Nov is judged
    public void Patrols_are_read_from_the_start_of_the_longest_window_judged(string rule, string period, string from)
    {
        var frequency = rule switch { "township" => Township, "county" => County, "village" => Village, _ => General };
        Assert.Equal(OfficePeriod.StartOf(DateOnly.Parse(from)), PatrolComplianceEvaluator.CountFrom(OfficePeriod.Parse(period), frequency));
    }

    [Fact]
    public void Shipped_rules_are_the_district_plans_in_words()
    {
        Assert.Equal("每月不少于4次、每旬不少于1次", Township.Words);
        Assert.Equal("每月不少于1次", County.Words);
        Assert.Equal("每季度不少于1次", Rules.For(ChiefRole.Chief, AdminLevel.City).Words);
        Assert.All(AdminLevels.TopDown, level => Assert.Equal("每季度不少于1次", Rules.For(ChiefRole.General, level).Words));
        Assert.Equal("每周不少于1次", Village.Words);
    }
}
