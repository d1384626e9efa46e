using RiverGis.Geo.Issues;

namespace RiverGis.Geo.Tests.Issues;

public class DeadlineAndLightTests
{
    private static readonly DateTimeOffset Reported = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(IssueCategory.IllegalDischarge, 7)]
    [InlineData(IssueCategory.BlackOdorous, 30)]
    [InlineData(IssueCategory.Garbage, 3)]
    [InlineData(IssueCategory.Dumping, 7)]
    [InlineData(IssueCategory.Encroachment, 15)]
    [InlineData(IssueCategory.IllegalConstruction, 15)]
    [InlineData(IssueCategory.IllegalMining, 15)]
    [InlineData(IssueCategory.Other, 10)]
    public void Default_deadlines_per_category(IssueCategory category, int days)
    {
        Assert.Equal(days, DeadlinePolicy.Default.DaysFor(category));
        Assert.Equal(Reported.AddDays(days), DeadlinePolicy.Default.DeadlineFor(category, Reported));
    }

    [Fact]
    public void Deadlines_are_configurable_per_category()
    {
        var policy = new DeadlinePolicy(new Dictionary<IssueCategory, int> { [IssueCategory.Garbage] = 1 });
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 9, 30, 0, TimeSpan.FromHours(8)), policy.DeadlineFor(IssueCategory.Garbage, Reported));
        Assert.Equal(7, policy.DaysFor(IssueCategory.IllegalDischarge));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlinePolicy(new Dictionary<IssueCategory, int> { [IssueCategory.Other] = 0 }));
    }

    [Fact]
    public void Lights_at_the_three_day_and_overdue_boundaries()
    {
        var deadline = new DateTimeOffset(2025, 3, 15, 18, 0, 0, TimeSpan.FromHours(8));
        var second = TimeSpan.FromSeconds(1);
        Assert.Equal(LightColour.Green, StatusLight.Of(IssueStatus.Rectifying, deadline, deadline.AddDays(-3) - second));
        Assert.Equal(LightColour.Yellow, StatusLight.Of(IssueStatus.Rectifying, deadline, deadline.AddDays(-3)));
        Assert.Equal(LightColour.Yellow, StatusLight.Of(IssueStatus.Assigned, deadline, deadline));
        Assert.Equal(LightColour.Red, StatusLight.Of(IssueStatus.Assigned, deadline, deadline + second));
        Assert.Equal(LightColour.Red, StatusLight.Of(IssueStatus.Returned, deadline, deadline.AddDays(10)));
        Assert.Equal(LightColour.Red, StatusLight.Of(IssueStatus.Verifying, deadline, deadline.AddDays(1)));
        Assert.Equal(LightColour.Green, StatusLight.Of(IssueStatus.Closed, deadline, deadline.AddDays(10)));
        Assert.Equal(LightColour.Green, StatusLight.Of(IssueStatus.Rejected, deadline, deadline.AddDays(10)));
        Assert.Equal("红灯", LightColour.Red.ChineseLabel());
    }
}
