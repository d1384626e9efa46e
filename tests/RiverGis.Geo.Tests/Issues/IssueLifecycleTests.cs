using RiverGis.Geo.Issues;
using static RiverGis.Geo.Issues.IssueActionKind;
using static RiverGis.Geo.Issues.IssueStatus;

namespace RiverGis.Geo.Tests.Issues;

public class IssueLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    // The workflow, written out by hand: (from, action) → to. Every pair not listed is forbidden.
    private static readonly Dictionary<(IssueStatus, IssueActionKind), IssueStatus> Allowed = new()
    {
        [(Reported, Assign)] = Assigned,
        [(Reported, Reject)] = Rejected,
        [(Assigned, StartRectification)] = Rectifying,
        [(Assigned, Reassign)] = Assigned,
        [(Assigned, Reject)] = Rejected,
        [(Rectifying, SubmitForVerification)] = Verifying,
        [(Rectifying, Reassign)] = Assigned,
        [(Verifying, PassVerification)] = Closed,
        [(Verifying, FailVerification)] = Returned,
        [(Returned, StartRectification)] = Rectifying,
        [(Closed, Reopen)] = Returned,
    };

    public static TheoryData<IssueStatus, IssueActionKind> EveryPair()
    {
        var data = new TheoryData<IssueStatus, IssueActionKind>();
        foreach (var status in Enum.GetValues<IssueStatus>())
        foreach (var action in Enum.GetValues<IssueActionKind>())
            data.Add(status, action);
        return data;
    }

    private static IssueAction Complete(IssueActionKind kind) => kind is Assign or Reassign ? new IssueAction(kind, "chief-2") : kind;

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_transition_is_allowed_or_forbidden_as_the_workflow_says(IssueStatus from, IssueActionKind action)
    {
        var result = IssueLifecycle.Transition(from, Complete(action), "office-1", "理由：核查属实", Now, currentAssigneeId: "chief-1");
        if (Allowed.TryGetValue((from, action), out var to))
        {
            Assert.True(result.Ok, result.Error?.Message);
            Assert.Equal(to, result.Status);
            Assert.Equal(new IssueTransition(from, to, action, "office-1", "理由：核查属实", action is Assign or Reassign ? "chief-2" : null, Now), result.Transition);
        }
        else
        {
            Assert.False(result.Ok);
            Assert.Equal(from, result.Status);
            Assert.Null(result.Transition);
            Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
            Assert.False(string.IsNullOrWhiteSpace(result.Error.MessageZh));
        }
    }

    [Fact]
    public void Allowed_actions_match_the_workflow()
    {
        foreach (var status in Enum.GetValues<IssueStatus>())
        {
            var expected = Allowed.Keys.Where(k => k.Item1 == status).Select(k => k.Item2).Order();
            Assert.Equal(expected, IssueLifecycle.AllowedActions(status));
        }
    }

    [Theory]
    [InlineData(Reported)]
    [InlineData(Assigned)]
    [InlineData(Rectifying)]
    [InlineData(Returned)]
    public void No_closing_without_passing_verification(IssueStatus from)
    {
        var result = IssueLifecycle.Transition(from, PassVerification, "office-1", null, Now);
        Assert.Equal("verification_required", result.Error!.Code);
        Assert.Contains("销号", result.Error.MessageZh);
    }

    [Theory]
    [InlineData(Assigned, Reassign)]
    [InlineData(Rectifying, Reassign)]
    [InlineData(Verifying, FailVerification)]
    [InlineData(Reported, Reject)]
    [InlineData(Assigned, Reject)]
    [InlineData(Closed, Reopen)]
    public void Reasons_are_required_where_the_workflow_says(IssueStatus from, IssueActionKind action)
    {
        foreach (var note in new[] { null, "", "   " })
        {
            var result = IssueLifecycle.Transition(from, Complete(action), "office-1", note, Now);
            Assert.Equal("reason_required", result.Error!.Code);
            Assert.Contains("理由", result.Error.MessageZh);
        }
    }

    [Fact]
    public void Other_transitions_do_not_need_a_reason()
    {
        Assert.True(IssueLifecycle.Transition(Reported, IssueAction.Assign("chief-1"), "office-1", null, Now).Ok);
        Assert.True(IssueLifecycle.Transition(Verifying, PassVerification, "office-1", null, Now).Ok);
    }

    [Fact]
    public void Assignments_need_a_chief_and_reassignment_another_one()
    {
        Assert.Equal("assignee_required", IssueLifecycle.Transition(Reported, Assign, "office-1", null, Now).Error!.Code);
        Assert.Equal("assignee_required", IssueLifecycle.Transition(Assigned, Reassign, "office-1", "辖区调整", Now).Error!.Code);
        var same = IssueLifecycle.Transition(Rectifying, IssueAction.Reassign("chief-1"), "office-1", "辖区调整", Now, currentAssigneeId: "chief-1");
        Assert.Equal("same_assignee", same.Error!.Code);
        var other = IssueLifecycle.Transition(Rectifying, IssueAction.Reassign("chief-2"), "office-1", "辖区调整", Now, currentAssigneeId: "chief-1");
        Assert.Equal((Assigned, "chief-2"), (other.Status, other.Transition!.AssigneeId));
    }

    [Fact]
    public void An_issue_may_be_handed_to_a_unit_beside_or_instead_of_a_chief()
    {
        var unit = IssueLifecycle.Transition(Reported, new IssueAction(Assign, UnitCode: "U-DZ"), "office-1", null, Now);
        Assert.Equal((Assigned, null, "U-DZ"), (unit.Status, unit.Transition!.AssigneeId, unit.Transition.UnitCode));
        var both = IssueLifecycle.Transition(Reported, new IssueAction(Assign, "chief-1", "U-DZ"), "office-1", null, Now);
        Assert.Equal(("chief-1", "U-DZ"), (both.Transition!.AssigneeId, both.Transition.UnitCode));
        var sameUnit = IssueLifecycle.Transition(Assigned, new IssueAction(Reassign, UnitCode: "U-DZ"), "office-1", "调整", Now, "chief-1", "U-DZ");
        Assert.Equal("same_assignee", sameUnit.Error!.Code);
        var otherUnit = IssueLifecycle.Transition(Assigned, new IssueAction(Reassign, UnitCode: "U-SW"), "office-1", "移交水务局", Now, "chief-1", "U-DZ");
        Assert.Equal("U-SW", otherUnit.Transition!.UnitCode);
    }

    [Fact]
    public void A_recheck_reopens_a_closed_issue_with_a_reason()
    {
        Assert.Equal("reason_required", IssueLifecycle.Transition(Closed, Reopen, "office-1", null, Now).Error!.Code);
        Assert.Equal(Returned, IssueLifecycle.Transition(Closed, Reopen, "office-1", "回头看：垃圾反弹", Now).Status);
        Assert.Equal("issue_finished", IssueLifecycle.Transition(Rejected, Reopen, "office-1", "x", Now).Error!.Code);
    }

    [Fact]
    public void Finished_issues_and_missing_actors_are_refused()
    {
        Assert.Equal("issue_finished", IssueLifecycle.Transition(Closed, StartRectification, "office-1", null, Now).Error!.Code);
        Assert.Equal("issue_finished", IssueLifecycle.Transition(Rejected, IssueAction.Assign("chief-1"), "office-1", null, Now).Error!.Code);
        Assert.Equal("actor_required", IssueLifecycle.Transition(Verifying, PassVerification, " ", null, Now).Error!.Code);
    }

    [Fact]
    public void A_failed_verification_goes_back_to_rectifying_through_returned()
    {
        var returned = IssueLifecycle.Transition(Verifying, FailVerification, "office-1", "垃圾未清理干净", Now);
        Assert.Equal(Returned, returned.Status);
        Assert.Equal("垃圾未清理干净", returned.Transition!.Note);
        Assert.Equal(Rectifying, IssueLifecycle.Transition(returned.Status, StartRectification, "chief-1", null, Now).Status);
    }

    [Fact]
    public void Codes_and_labels()
    {
        Assert.Equal("illegal_discharge", IssueCategory.IllegalDischarge.ToCode());
        Assert.Equal("非法排污", IssueCategory.IllegalDischarge.ChineseLabel());
        Assert.Equal("黑臭水体", IssueCategory.BlackOdorous.ChineseLabel());
        Assert.Equal(["乱占", "乱采", "乱堆", "乱建"], new[] { IssueCategory.Encroachment, IssueCategory.IllegalMining, IssueCategory.Dumping, IssueCategory.IllegalConstruction }.Select(c => c.ChineseLabel()));
        Assert.True(IssueCategories.TryParse("black_odorous", out var category));
        Assert.Equal(IssueCategory.BlackOdorous, category);
        Assert.False(IssueCategories.TryParse("Garbage", out _));
        Assert.Equal("已销号", Closed.ChineseLabel());
        Assert.True(IssueStatuses.TryParse("returned", out var status));
        Assert.Equal(Returned, status);
    }
}
