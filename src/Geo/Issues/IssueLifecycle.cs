namespace RiverGis.Geo.Issues;

/// <summary>What someone does to an issue; the wire codes are the snake_case names (report, assign, start_rectification …).</summary>
public enum IssueActionKind
{
    /// <summary>上报: files the issue. The first event of every issue, not a transition (POST /api/issues does it).</summary>
    Report,
    /// <summary>交办: reported → assigned to a chief (assignee required).</summary>
    Assign,
    /// <summary>改派: assigned or rectifying → assigned to another chief (assignee and reason required).</summary>
    Reassign,
    /// <summary>开始整改: assigned or returned → rectifying.</summary>
    StartRectification,
    /// <summary>提交验收: rectifying → verifying.</summary>
    SubmitForVerification,
    /// <summary>验收通过并销号: verifying → closed. The only way to close an issue.</summary>
    PassVerification,
    /// <summary>验收不通过（退回）: verifying → returned (reason required).</summary>
    FailVerification,
    /// <summary>不予受理: reported or assigned → rejected, as not a valid report (reason required; terminal).</summary>
    Reject,
    /// <summary>重新打开: closed → returned, when a re-check (回头看) finds the problem back (reason required).</summary>
    Reopen,
}

/// <summary>An action, with the chief and/or the unit it assigns the issue to when it is an assignment.</summary>
/// <param name="UnitCode">The unit that carries out the rectification (交办单位), beside or instead of a chief.</param>
public readonly record struct IssueAction(IssueActionKind Kind, string? AssigneeId = null, string? UnitCode = null)
{
    /// <summary>Assign to <paramref name="chiefId"/>.</summary>
    public static IssueAction Assign(string chiefId) => new(IssueActionKind.Assign, chiefId);

    /// <summary>Reassign to <paramref name="chiefId"/> (another chief).</summary>
    public static IssueAction Reassign(string chiefId) => new(IssueActionKind.Reassign, chiefId);

    /// <summary>An action that assigns nobody.</summary>
    public static implicit operator IssueAction(IssueActionKind kind) => new(kind);
}

/// <summary>Why a transition was refused, in English and Chinese, with a stable code for clients.</summary>
public sealed record TransitionError(string Code, string Message, string MessageZh);

/// <summary>A transition that happened: for the issue's history.</summary>
public sealed record IssueTransition(IssueStatus From, IssueStatus To, IssueActionKind Action, string Actor, string? Note, string? AssigneeId, DateTimeOffset At,
    string? UnitCode = null);

/// <summary>The outcome of <see cref="IssueLifecycle.Transition"/>: the new status and its record, or an error and the unchanged status.</summary>
public sealed record TransitionResult(IssueStatus Status, IssueTransition? Transition, TransitionError? Error)
{
    /// <summary>True when the transition was allowed.</summary>
    public bool Ok => Error is null;
}

/// <summary>
/// The rules of the problem ledger's workflow: which action is allowed in which status, and what it needs. Pure: the
/// caller stores the result.
/// <code>
/// reported   --assign(chief)-------------&gt; assigned   --start_rectification--&gt; rectifying --submit_for_verification--&gt; verifying
/// verifying  --pass_verification---------&gt; closed (销号, terminal)
/// verifying  --fail_verification(reason)-&gt; returned   --start_rectification--&gt; rectifying
/// assigned | rectifying --reassign(chief, reason)--&gt; assigned
/// reported | assigned   --reject(reason)----------&gt; rejected (terminal)
/// closed     --reopen(reason)------------&gt; returned (a re-check, 回头看, found the problem back)
/// </code>
/// An assignment names a chief, a unit (交办单位), or both.
/// </summary>
public static class IssueLifecycle
{
    private static readonly Dictionary<IssueActionKind, (IssueStatus[] From, IssueStatus To)> Rules = new()
    {
        [IssueActionKind.Assign] = ([IssueStatus.Reported], IssueStatus.Assigned),
        [IssueActionKind.Reassign] = ([IssueStatus.Assigned, IssueStatus.Rectifying], IssueStatus.Assigned),
        [IssueActionKind.StartRectification] = ([IssueStatus.Assigned, IssueStatus.Returned], IssueStatus.Rectifying),
        [IssueActionKind.SubmitForVerification] = ([IssueStatus.Rectifying], IssueStatus.Verifying),
        [IssueActionKind.PassVerification] = ([IssueStatus.Verifying], IssueStatus.Closed),
        [IssueActionKind.FailVerification] = ([IssueStatus.Verifying], IssueStatus.Returned),
        [IssueActionKind.Reject] = ([IssueStatus.Reported, IssueStatus.Assigned], IssueStatus.Rejected),
        [IssueActionKind.Reopen] = ([IssueStatus.Closed], IssueStatus.Returned),
    };

    /// <summary>The actions that move an issue from one status to another (every action but <see cref="IssueActionKind.Report"/>).</summary>
    public static IReadOnlyList<IssueActionKind> Transitions { get; } = Rules.Keys.Order().ToList();

    /// <summary>Actions allowed in <paramref name="status"/> (what a client may offer).</summary>
    public static IReadOnlyList<IssueActionKind> AllowedActions(IssueStatus status) =>
        Rules.Where(r => r.Value.From.Contains(status)).Select(r => r.Key).Order().ToList();

    /// <summary>
    /// Applies <paramref name="action"/> by <paramref name="actor"/> to an issue in <paramref name="current"/> at
    /// <paramref name="now"/>. <paramref name="note"/> is the reason where one is required (reassign, fail
    /// verification, reject, reopen). <paramref name="currentAssigneeId"/> and <paramref name="currentUnitCode"/>, when
    /// given, let a reassignment check that it assigns someone else.
    /// </summary>
    public static TransitionResult Transition(IssueStatus current, IssueAction action, string actor, string? note, DateTimeOffset now,
        string? currentAssigneeId = null, string? currentUnitCode = null)
    {
        if (!Rules.TryGetValue(action.Kind, out var rule))
            return Refuse(current, "unknown_action", $"unknown action {action.Kind}", $"未知操作 {action.Kind}");
        var (en, zh) = (action.Kind.EnglishName(), action.Kind.ChineseLabel());
        if (string.IsNullOrWhiteSpace(actor))
            return Refuse(current, "actor_required", "the actor is required", "必须注明操作人");
        if (current.IsTerminal() && !rule.From.Contains(current))
            return Refuse(current, "issue_finished",
                $"cannot {en}: the issue is already {current.ToCode()}",
                $"不能{zh}：问题已{(current == IssueStatus.Closed ? "销号" : "不予受理")}");
        if (!rule.From.Contains(current))
        {
            if (action.Kind == IssueActionKind.PassVerification)
                return Refuse(current, "verification_required",
                    $"cannot close an issue that has not been submitted for verification (status: {current.ToCode()})",
                    $"未经验收不能销号（当前状态：{current.ChineseLabel()}）");
            return Refuse(current, "not_allowed",
                $"cannot {en} an issue that is {current.ToCode()}; allowed from: {string.Join(", ", rule.From.Select(s => s.ToCode()))}",
                $"当前状态为{current.ChineseLabel()}，不能{zh}");
        }
        var needsReason = action.Kind is IssueActionKind.Reassign or IssueActionKind.FailVerification or IssueActionKind.Reject or IssueActionKind.Reopen;
        if (needsReason && string.IsNullOrWhiteSpace(note))
            return Refuse(current, "reason_required", $"a reason is required to {en}", $"{zh}必须说明理由");
        var assigns = action.Kind is IssueActionKind.Assign or IssueActionKind.Reassign;
        if (assigns && string.IsNullOrWhiteSpace(action.AssigneeId) && string.IsNullOrWhiteSpace(action.UnitCode))
            return Refuse(current, "assignee_required", $"a chief or a unit to {en} to is required", $"{zh}必须指定河长或单位");
        var sameChief = action.AssigneeId is null || action.AssigneeId == currentAssigneeId;
        var sameUnit = action.UnitCode is null || action.UnitCode == currentUnitCode;
        if (action.Kind == IssueActionKind.Reassign && sameChief && sameUnit && (currentAssigneeId is not null || currentUnitCode is not null))
            return Refuse(current, "same_assignee", "reassignment must be to another chief or unit", "改派必须指定其他河长或单位");

        var transition = new IssueTransition(current, rule.To, action.Kind, actor, note, assigns ? action.AssigneeId : null, now,
            assigns ? action.UnitCode : null);
        return new TransitionResult(rule.To, transition, null);
    }

    private static TransitionResult Refuse(IssueStatus current, string code, string message, string messageZh) =>
        new(current, null, new TransitionError(code, message, messageZh));
}

/// <summary>Names of <see cref="IssueActionKind"/> for messages.</summary>
public static class IssueActions
{
    /// <summary>The Chinese name, e.g. 交办.</summary>
    public static string ChineseLabel(this IssueActionKind kind) => kind switch
    {
        IssueActionKind.Report => "上报",
        IssueActionKind.Assign => "交办",
        IssueActionKind.Reassign => "改派",
        IssueActionKind.StartRectification => "开始整改",
        IssueActionKind.SubmitForVerification => "提交验收",
        IssueActionKind.PassVerification => "验收销号",
        IssueActionKind.FailVerification => "验收退回",
        IssueActionKind.Reopen => "重新打开",
        _ => "不予受理",
    };

    /// <summary>The English verb phrase, e.g. "start rectification".</summary>
    public static string EnglishName(this IssueActionKind kind) => kind switch
    {
        IssueActionKind.PassVerification => "pass verification and close",
        _ => Model.EnumCodes.ToCode(kind).Replace('_', ' '),
    };
}
