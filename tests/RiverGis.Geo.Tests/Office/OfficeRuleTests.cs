using RiverGis.Geo.Assessment;
using RiverGis.Geo.Bulletins;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Rechecks;
using RiverGis.Geo.Reporting;
using RiverGis.Geo.Tasks;

namespace RiverGis.Geo.Tests.Office;

/// <summary>The office's monthly rules, each as a table of hand-computed cases (times in China Standard Time).</summary>
public class OfficeRuleTests
{
    private static DateTimeOffset Cst(string local) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2026-12-01 00:00:00", PlanTaskStatus.InProgress, "red")]
    [InlineData("2026-11-30 23:59:59", PlanTaskStatus.InProgress, "yellow")]
    [InlineData("2026-11-16 00:00:00", PlanTaskStatus.Planned, "yellow")]
    [InlineData("2026-11-15 23:59:59", PlanTaskStatus.InProgress, "green")]
    [InlineData("2027-03-01 00:00:00", PlanTaskStatus.Done, "green")]
    [InlineData("2027-03-01 00:00:00", PlanTaskStatus.Cancelled, "green")]
    public void A_plan_item_due_2026_11_30_is_lit_by_its_deadline_day(string at, PlanTaskStatus status, string light) =>
        Assert.Equal(light, PlanTaskLight.Of(status, new DateOnly(2026, 11, 30), Cst(at)).ToString().ToLowerInvariant());

    [Theory]
    [InlineData(0, false, PlanTaskStatus.Planned)]
    [InlineData(1, false, PlanTaskStatus.InProgress)]
    [InlineData(99, false, PlanTaskStatus.InProgress)]
    [InlineData(100, false, PlanTaskStatus.Done)]
    [InlineData(40, true, PlanTaskStatus.Cancelled)]
    public void Progress_gives_the_status(int progress, bool cancelled, PlanTaskStatus status) =>
        Assert.Equal(status, PlanTasks.StatusOf(progress, cancelled));

    [Theory]
    [InlineData(25, "2026-11", "2026-11-25 23:59:59", false)]
    [InlineData(25, "2026-11", "2026-11-26 00:00:00", true)]
    [InlineData(20, "2026-02", "2026-02-20 23:59:59", false)]
    [InlineData(20, "2026-02", "2026-02-21 00:00:00", true)]
    [InlineData(28, "2026-02", "2026-03-01 00:00:00", true)]
    public void A_month_freezes_at_the_end_of_its_cutoff_day(int day, string month, string now, bool frozen) =>
        Assert.Equal(frozen, new BulletinCutoff(day).IsFrozen(OfficePeriod.Parse(month), Cst(now)));

    [Theory]
    [InlineData("2026-11-20 12:00:00", "2026-10")]
    [InlineData("2026-11-26 00:00:00", "2026-11")]
    [InlineData("2026-01-03 08:00:00", "2025-12")]
    public void The_latest_frozen_month(string now, string month) =>
        Assert.Equal(month, new BulletinCutoff().LatestFrozen(Cst(now)).Code);

    [Fact]
    public void A_cutoff_day_every_month_has()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BulletinCutoff(29).Checked());
        Assert.Equal(Cst("2026-11-26 00:00:00"), new BulletinCutoff().Of(OfficePeriod.Parse("2026-11")));
    }

    [Theory]
    [InlineData(3, 2, 0, 0)]
    [InlineData(3, 2, 2, 0)]
    [InlineData(3, 2, 3, 2)]
    [InlineData(3, 2, 5, 6)]
    [InlineData(1, 1.5, 1, 1.5)]
    [InlineData(4, 3, 12, 27)]
    public void Red_months_cost_points_from_the_nth_on(int from, double points, int redMonths, double deducted) =>
        Assert.Equal(deducted, new RedLightDeduction(from, points).Points(redMonths));

    private static readonly IssueEventFact[] Events =
    [
        new(Cst("2026-11-01 09:00:00"), IssueStatus.Reported, "C2", null),
        new(Cst("2026-11-02 09:00:00"), IssueStatus.Assigned, "C3", "U1"),
        new(Cst("2026-11-03 09:00:00"), IssueStatus.Rectifying, null, null),
        new(Cst("2026-11-10 09:00:00"), IssueStatus.Verifying, null, null),
        new(Cst("2026-11-12 09:00:00"), IssueStatus.Returned, null, null),
        new(Cst("2026-11-12 09:00:00"), IssueStatus.Rectifying, null, "U2"),
    ];

    [Theory]
    [InlineData("2026-11-01 08:59:59", null)]
    [InlineData("2026-11-01 09:00:00", "Reported C2 -")]
    [InlineData("2026-11-02 09:00:00", "Assigned C3 U1")]
    [InlineData("2026-11-05 00:00:00", "Rectifying C3 U1")]
    [InlineData("2026-11-11 00:00:00", "Verifying C3 U1")]
    [InlineData("2026-11-12 09:00:00", "Rectifying C3 U2")]
    public void An_issue_replayed_to_an_instant(string at, string? expected)
    {
        var state = IssueHistory.At(Events, Cst(at));
        Assert.Equal(expected, state is null ? null : $"{state.Status} {state.ChiefId} {state.UnitCode ?? "-"}");
    }

    [Theory]
    [InlineData("2026-03-31 00:00:00", PlanTaskStatus.Planned, 0)]
    [InlineData("2026-04-01 00:00:00", PlanTaskStatus.InProgress, 30)]
    [InlineData("2026-06-30 00:00:00", PlanTaskStatus.Done, 100)]
    [InlineData("2026-07-01 00:00:00", PlanTaskStatus.InProgress, 90)]
    [InlineData("2026-08-01 00:00:00", PlanTaskStatus.Cancelled, 90)]
    public void A_plan_item_replayed_to_an_instant(string at, PlanTaskStatus status, int progress)
    {
        ProgressFact[] notes =
        [
            new(Cst("2026-04-01 00:00:00"), 30, false), new(Cst("2026-06-30 00:00:00"), 100, false),
            new(Cst("2026-07-01 00:00:00"), 90, false), new(Cst("2026-08-01 00:00:00"), 90, true),
        ];
        Assert.Equal((status, progress), PlanTaskHistory.At(notes, Cst(at)));
    }

    [Theory]
    [InlineData(25, 0.1, 3)]
    [InlineData(5, 0.1, 1)]
    [InlineData(10, 0.1, 1)]
    [InlineData(11, 0.1, 2)]
    [InlineData(3, 0.5, 2)]
    [InlineData(0, 0.1, 0)]
    public void The_quarterly_sample_is_a_share_rounded_up_at_least_one(int closed, double share, int drawn)
    {
        var ids = Enumerable.Range(1, closed).Select(i => (long)i * 7).ToList();
        var sample = new RecheckSampler(share).Draw("2026-Q4", "T01", ids);
        Assert.Equal(drawn, sample.Count);
        Assert.All(sample, id => Assert.Contains(id, ids));
        Assert.Equal(sample, new RecheckSampler(share).Draw("2026-Q4", "T01", ids.AsEnumerable().Reverse()));
    }

    [Fact]
    public void Samples_differ_between_quarters_and_are_not_the_first_ids()
    {
        var ids = Enumerable.Range(1, 100).Select(i => (long)i).ToList();
        var q3 = new RecheckSampler().Draw("2026-Q3", "T01", ids);
        var q4 = new RecheckSampler().Draw("2026-Q4", "T01", ids);
        Assert.NotEqual(q3, q4);
        Assert.NotEqual(ids.Take(10), q4);
    }

    [Theory]
    [InlineData("2026-11", "2026-12-01 18:00:00", Punctuality.OnTime)]
    [InlineData("2026-11", "2026-12-01 18:00:01", Punctuality.Late)]
    [InlineData("2026-11", "2026-11-28 10:00:00", Punctuality.OnTime)]
    [InlineData("2026-12", "2027-01-01 17:59:59", Punctuality.OnTime)]
    [InlineData("2026-12", "2027-01-02 09:00:00", Punctuality.Late)]
    public void Reports_are_due_on_the_1st_at_18_00(string month, string submitted, Punctuality expected) =>
        Assert.Equal(expected, new ReportDeadline().Of(OfficePeriod.Parse(month), Cst(submitted)));

    /// <summary>The default sheet by hand: patrols 25·(p−50)/50, closing on time 20·(c−50)/50, red 15 − 2·(red−2)⁺, vacancies 10 − 2v, reports 10 − 2·late − 5·missing, items 15·t, water 5·w; total over the applicable weights.</summary>
    [Theory]
    [InlineData(80.0, 90.0, 4, 1, 1, 0, 60.0, null, 70.53, Grade.Pass)] // 15 + 16 + 11 + 8 + 8 + 9 = 67 of 95
    [InlineData(100.0, 100.0, 2, 0, 0, 0, 100.0, 100.0, 100, Grade.Excellent)]
    [InlineData(40.0, 50.0, 8, 6, 0, 3, 20.0, null, 6.32, Grade.Fail)] // 0 + 0 + 3 + 0 + 0 + 3 = 6 of 95
    [InlineData(95.0, 85.0, 3, 0, 0, 0, 90.0, null, 87.37, Grade.Good)] // 22.5 + 14 + 13 + 10 + 10 + 13.5 = 83 of 95
    [InlineData(null, 100.0, 2, null, null, null, 100.0, null, 100, Grade.Excellent)] // a unit: 20 + 15 + 15 of 50
    [InlineData(null, 75.0, 4, null, null, null, 50.0, null, 57, Grade.Fail)] // a unit: 10 + 11 + 7.5 = 28.5 of 50
    public void The_default_score_sheet(double? patrol, double? closed, int? red, int? vacant, int? late, int? missing, double? tasks, double? water,
        double total, Grade grade)
    {
        var card = ScoreSheet.Default.Score(new Measures(patrol, closed, red, vacant, late, missing, tasks, water));
        Assert.Equal(total, card.Total, 2);
        Assert.Equal(grade, card.Grade);
    }

    [Theory]
    [InlineData(1, 0, 15)]  // Q1: the 1st red month of the year
    [InlineData(1, 2, 13)]  // Q2 after two red months in Q1: this one is the 3rd, deducted
    [InlineData(3, 0, 13)]  // three in one quarter: the 3rd is deducted
    [InlineData(2, 4, 11)]  // the 5th and 6th of the year
    public void Red_months_are_deducted_from_the_third_of_the_year_wherever_the_period_starts(int inPeriod, int before, double score) =>
        Assert.Equal(score, ScoreSheet.Default.Score(new Measures(RedMonths: inPeriod, RedMonthsBefore: before)).Items.Single().Score);

    [Theory]
    [InlineData(90, Grade.Excellent)]
    [InlineData(89.99, Grade.Good)]
    [InlineData(80, Grade.Good)]
    [InlineData(60, Grade.Pass)]
    [InlineData(59.99, Grade.Fail)]
    public void Grades_at_their_thresholds(double total, Grade grade) => Assert.Equal(grade, new GradeScale().Of(total));

    [Fact]
    public void Equal_totals_share_a_rank() => Assert.Equal([1, 2, 2, 4, 5], Ranking.Of([90, 85, 85, 70, 12.5]));

    [Theory]
    [InlineData(50, 0)]
    [InlineData(75, 12.5)]
    [InlineData(100, 25)]
    [InlineData(120, 25)]
    [InlineData(10, 0)]
    public void A_share_scores_linearly_between_its_thresholds(double percent, double score) =>
        Assert.Equal(score, new RatioRule(25, 50, 100).Score(percent));
}
