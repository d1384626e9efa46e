using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Tests.Calendar;

public class OfficePeriodTests
{
    // Hand-computed: first and last office day of each period, and its Chinese name.
    [Theory]
    [InlineData("2026", "2026-01-01", "2026-12-31", "2026年")]
    [InlineData("2026-Q4", "2026-10-01", "2026-12-31", "2026年第四季度")]
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31", "2026年第一季度")]
    [InlineData("2026-11", "2026-11-01", "2026-11-30", "2026年11月")]
    [InlineData("2028-02", "2028-02-01", "2028-02-29", "2028年2月")]
    [InlineData("2026-11-X1", "2026-11-01", "2026-11-10", "2026年11月上旬")]
    [InlineData("2026-11-X2", "2026-11-11", "2026-11-20", "2026年11月中旬")]
    [InlineData("2026-11-X3", "2026-11-21", "2026-11-30", "2026年11月下旬")]
    [InlineData("2026-12-X3", "2026-12-21", "2026-12-31", "2026年12月下旬")]
    [InlineData("2027-02-X3", "2027-02-21", "2027-02-28", "2027年2月下旬")]
    [InlineData("2026-W48", "2026-11-23", "2026-11-29", "2026年第48周")]
    [InlineData("2026-W01", "2025-12-29", "2026-01-04", "2026年第1周")]
    public void Days_and_labels(string code, string first, string last, string label)
    {
        var p = OfficePeriod.Parse(code);
        Assert.Equal(DateOnly.Parse(first), p.FirstDay);
        Assert.Equal(DateOnly.Parse(last), p.LastDay);
        Assert.Equal(label, p.ChineseLabel);
        Assert.Equal(code, p.Code);
        Assert.Equal(DateOnly.Parse(last).DayNumber - DateOnly.Parse(first).DayNumber + 1, p.Days);
    }

    // Boundaries are China Standard Time midnights: 2026-10-31T16:00Z is already November 1st in Beijing.
    [Theory]
    [InlineData("2026-10-31T15:59:59Z", "2026-10")]
    [InlineData("2026-10-31T16:00:00Z", "2026-11")]
    [InlineData("2026-11-30T23:59:59+08:00", "2026-11")]
    [InlineData("2026-12-01T00:00:00+08:00", "2026-12")]
    public void Month_boundaries_are_in_china_standard_time(string instant, string month)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(month, OfficePeriod.Containing(PeriodKind.Month, at).Code);
        Assert.True(OfficePeriod.Parse(month).Contains(at));
    }

    [Theory]
    [InlineData("2026-11-10T23:00:00+08:00", PeriodKind.Xun, "2026-11-X1")]
    [InlineData("2026-11-11T00:00:00+08:00", PeriodKind.Xun, "2026-11-X2")]
    [InlineData("2026-11-30T12:00:00+08:00", PeriodKind.Xun, "2026-11-X3")]
    [InlineData("2026-11-30T12:00:00+08:00", PeriodKind.Quarter, "2026-Q4")]
    [InlineData("2027-01-01T08:00:00+08:00", PeriodKind.Week, "2026-W53")]
    [InlineData("2026-11-23T00:00:00+08:00", PeriodKind.Week, "2026-W48")]
    public void Containing(string instant, PeriodKind kind, string expected)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, OfficePeriod.Containing(kind, at).Code);
    }

    [Fact]
    public void Subperiods_tile_their_period()
    {
        Assert.Equal(["2026-11-X1", "2026-11-X2", "2026-11-X3"], OfficePeriod.Parse("2026-11").Subperiods(PeriodKind.Xun).Select(p => p.Code));
        Assert.Equal(["2026-10", "2026-11", "2026-12"], OfficePeriod.Parse("2026-Q4").Subperiods(PeriodKind.Month).Select(p => p.Code));
        Assert.Equal(36, OfficePeriod.Parse("2026").Subperiods(PeriodKind.Xun).Count);
        // ISO weeks starting in November 2026: Mondays 2, 9, 16, 23, 30.
        Assert.Equal(["2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"], OfficePeriod.Parse("2026-11").Subperiods(PeriodKind.Week).Select(p => p.Code));
        foreach (var month in OfficePeriod.Parse("2026").Subperiods(PeriodKind.Month))
        {
            var xuns = month.Subperiods(PeriodKind.Xun);
            Assert.Equal(month.Days, xuns.Sum(x => x.Days));
            Assert.Equal(month.Start, xuns[0].Start);
            Assert.Equal(month.End, xuns[^1].End);
        }
    }

    [Fact]
    public void Next_and_previous()
    {
        Assert.Equal("2027-01", OfficePeriod.Parse("2026-12").Next().Code);
        Assert.Equal("2026-12-X1", OfficePeriod.Parse("2026-11-X3").Next().Code);
        Assert.Equal("2026-Q3", OfficePeriod.Parse("2026-Q4").Previous().Code);
        Assert.Equal("2026-W53", OfficePeriod.Parse("2027-W01").Previous().Code);
    }

    [Theory]
    [InlineData("2026-13", "not a period")]
    [InlineData("2026-Q5", "not a period")]
    [InlineData("26-11", "not a period")]
    [InlineData("2026-11-X4", "not a period")]
    [InlineData("2026-W54", "ISO weeks 1–53")]
    [InlineData("2027-W53", "ISO weeks 1–52")]
    [InlineData("0001", "outside")]
    [InlineData("9999-12", "outside")]
    [InlineData("", "not a period")]
    [InlineData("2026-11-01", "not a period")]
    public void Bad_codes_say_what_is_wrong(string code, string fragment)
    {
        Assert.False(OfficePeriod.TryParse(code, out _, out var error));
        Assert.Contains(fragment, error);
    }
}
