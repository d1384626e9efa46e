using RiverGis.Geo.Model;

namespace RiverGis.Geo.Issues;

/// <summary>
/// Where an issue stands: reported → assigned (交办) → rectifying (整改) → verifying (验收) → closed (销号); a failed
/// verification returns it (returned, then rectifying again); an invalid report is rejected (terminal).
/// </summary>
public enum IssueStatus
{
    /// <summary>已上报: reported, not yet handed to a chief.</summary>
    Reported,
    /// <summary>已交办: assigned to a responsible chief.</summary>
    Assigned,
    /// <summary>整改中: being rectified.</summary>
    Rectifying,
    /// <summary>待验收: rectification submitted, awaiting verification.</summary>
    Verifying,
    /// <summary>已销号: verified and closed (terminal).</summary>
    Closed,
    /// <summary>已退回: verification failed; goes back to rectifying.</summary>
    Returned,
    /// <summary>不予受理: not a valid report (terminal).</summary>
    Rejected,
}

/// <summary>Wire codes (the enum's snake_case names, see <see cref="EnumCodes"/>), Chinese labels and classes of <see cref="IssueStatus"/>.</summary>
public static class IssueStatuses
{
    /// <summary>The wire code, e.g. <c>rectifying</c>.</summary>
    public static string ToCode(this IssueStatus status) => EnumCodes.ToCode(status);

    /// <summary>The Chinese label, e.g. 整改中.</summary>
    public static string ChineseLabel(this IssueStatus status) => status switch
    {
        IssueStatus.Reported => "已上报",
        IssueStatus.Assigned => "已交办",
        IssueStatus.Rectifying => "整改中",
        IssueStatus.Verifying => "待验收",
        IssueStatus.Closed => "已销号",
        IssueStatus.Returned => "已退回",
        _ => "不予受理",
    };

    /// <summary>
    /// Closed and rejected issues take no further action. The one definition in C#; SQL has its own in the function
    /// <c>issue_is_open(status)</c> (migration 0003), and a test compares the two for every status.
    /// </summary>
    public static bool IsTerminal(this IssueStatus status) => status is IssueStatus.Closed or IssueStatus.Rejected;

    /// <summary>Every status that is not terminal: the issue still needs work.</summary>
    public static bool IsOpen(this IssueStatus status) => !status.IsTerminal();

    /// <summary>Parses a wire code (exact, lower case).</summary>
    public static bool TryParse(string? code, out IssueStatus status) => EnumCodes.TryParse(code, out status);
}
