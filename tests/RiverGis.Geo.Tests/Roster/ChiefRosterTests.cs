using RiverGis.Geo.Calendar;
using RiverGis.Geo.Roster;

namespace RiverGis.Geo.Tests.Roster;

/// <summary>
/// The roster over time on one segment S1 (hand-written history; tenures are [from, to) in China Standard Time):
/// A 河长 until 2026-03-01 (start unknown) → B 河长 2026-03-01..2026-09-15 → vacant 09-15..09-20 → C 代理河长
/// 2026-09-20..10-01 → D 河长 from 2026-10-01; E 双河长 from 2026-01-01; G 总河长 of area A1 throughout.
/// </summary>
public class ChiefRosterTests
{
    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    private static Appointment A(long id, string chief, ChiefDuty duty, string? from, string? to, string segment = "S1") =>
        new(id, chief, chief + "姓名", null, duty, "A1", duty.IsAreaDuty() ? null : segment, from is null ? null : D(from), to is null ? null : D(to));

    private static readonly ChiefRoster Roster = new([
        A(1, "A", ChiefDuty.Chief, null, "2026-03-01"),
        A(2, "B", ChiefDuty.Chief, "2026-03-01", "2026-09-15"),
        A(3, "C", ChiefDuty.Acting, "2026-09-20", "2026-10-01"),
        A(4, "D", ChiefDuty.Chief, "2026-10-01", null),
        A(5, "E", ChiefDuty.Dual, "2026-01-01", null),
        A(6, "G", ChiefDuty.General, null, null),
    ]);

    [Theory]
    [InlineData("2025-06-30", "A")]
    [InlineData("2025-12-31", "A")]
    [InlineData("2026-01-01", "A,E")]
    [InlineData("2026-02-28", "A,E")]
    [InlineData("2026-03-01", "B,E")]
    [InlineData("2026-09-14", "B,E")]
    [InlineData("2026-09-15", "E")]
    [InlineData("2026-09-20", "E,C")]
    [InlineData("2026-10-01", "D,E")]
    [InlineData("2030-01-01", "D,E")]
    public void Holders_of_a_segment_on_a_day_河长_first(string day, string expected) =>
        Assert.Equal(expected, string.Join(",", Roster.HoldersOf("S1", D(day)).Select(a => a.ChiefId)));

    [Theory]
    [InlineData("2026-02-28", "A")]
    [InlineData("2026-03-01", "B")]
    [InlineData("2026-09-16", null)]
    [InlineData("2026-09-25", "C")]
    [InlineData("2026-10-01", "D")]
    public void Who_answers_for_a_segment_the_河长_else_the_acting_chief_else_nobody(string day, string? expected) =>
        Assert.Equal(expected, Roster.ResponsibleFor("S1", D(day))?.ChiefId);

    [Theory]
    [InlineData("B", "2026-03", 31)]
    [InlineData("B", "2026-09", 14)]
    [InlineData("B", "2026-10", 0)]
    [InlineData("A", "2026-03", 0)]
    [InlineData("A", "2026-Q1", 59)]
    [InlineData("C", "2026-09", 11)]
    [InlineData("D", "2026", 92)]
    [InlineData("E", "2026", 365)]
    [InlineData("G", "2026-11", 0)]
    public void Days_a_chief_held_segments_in_a_period(string chief, string period, int days) =>
        Assert.Equal(days, Roster.SegmentsOf(chief, OfficePeriod.Parse(period)).Sum(t => t.Days));

    [Fact]
    public void Area_posts_are_asked_by_area()
    {
        Assert.Equal(["G"], Roster.AreaHoldersOf("A1", D("2026-11-01")).Select(a => a.ChiefId));
        Assert.Single(Roster.PostsOf("G", OfficePeriod.Parse("2026-11")));
        Assert.True(Roster.EverHeld("A", "S1"));
        Assert.False(Roster.EverHeld("G", "S1"));
    }

    [Theory]
    [InlineData("2026-03", "2026-03-01 replaced B after A")]
    [InlineData("2026-09", "2026-09-15 ended B; 2026-09-20 appointed C")]
    [InlineData("2026-10", "2026-10-01 appointed D; 2026-10-01 ended C")]
    [InlineData("2026-01", "2026-01-01 appointed E")]
    [InlineData("2026-11", "")]
    public void The_months_changes_pair_a_handover_of_the_same_post(string month, string expected)
    {
        var changes = RosterChanges.In(Roster, OfficePeriod.Parse(month));
        Assert.Equal(expected, string.Join("; ", changes.Select(c =>
            $"{c.On:yyyy-MM-dd} {c.Kind.ToString().ToLowerInvariant()} {c.Appointment.ChiefId}{(c.Predecessor is { } p ? " after " + p.ChiefId : "")}")));
    }

    [Theory]
    [InlineData(ChiefDuty.Chief, "2026-01-01", "2026-06-01", "2026-05-01", null, true)]
    [InlineData(ChiefDuty.Chief, "2026-01-01", "2026-06-01", "2026-06-01", null, false)]
    [InlineData(ChiefDuty.Chief, "2026-01-01", null, "2027-01-01", null, true)]
    [InlineData(ChiefDuty.Chief, null, "2026-01-01", "2025-01-01", "2025-06-01", true)]
    [InlineData(ChiefDuty.Dual, "2026-01-01", null, "2026-02-01", null, false)]
    [InlineData(ChiefDuty.General, "2026-01-01", null, "2026-02-01", null, false)]
    public void One_河长_per_segment_at_a_time(ChiefDuty duty, string? from1, string? to1, string? from2, string? to2, bool overlaps)
    {
        var items = new[] { A(1, "X", duty, from1, to1), A(2, "Y", duty, from2, to2) };
        var found = TenureOverlaps.Find(items, a => (a.Duty, a.Target), a => (a.AppointedOn, a.EndedOn));
        Assert.Equal(overlaps, found.Count > 0);
    }
}
