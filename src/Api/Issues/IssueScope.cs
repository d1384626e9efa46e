using RiverGis.Api.Accounts;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Issues;

/// <summary>
/// Which issues a caller may see and act on, as SQL (the ledger's queries add it to their WHERE, so nothing out of
/// scope is ever loaded): an office the issues whose routed area lies in its area's subtree, a chief the issues routed
/// to them or on the segments they hold, an administrator all; the public none (it has the public faces: the
/// `issues` collection, Open311, and its own report through the follow-up token). Also which contacts the caller
/// reads (only an office, in its scope) and which transitions it may make.
/// </summary>
public static class IssueScope
{
    /// <summary>The predicate on table issues (alias-free) for <paramref name="caller"/>; <paramref name="parameter"/> adds a parameter and returns its placeholder.</summary>
    public static string? Sql(Caller caller, Func<object, string> parameter) => caller.Role switch
    {
        Role.Admin => null,
        Role.Office when caller.AreaCode is { } area => $"area_codes @> ARRAY[{parameter(area)}]::text[]",
        Role.Chief when caller.ChiefId is { } chief => $"(chief_id = {parameter(chief)} OR segment_code IN (SELECT code FROM segments WHERE chief_id = {parameter(chief)}))",
        _ => "false",
    };

    /// <summary>Reporters' name and contact: selected for an office (its scope is in the WHERE), NULL for everyone else.</summary>
    public static string ContactColumns(Caller? caller) =>
        caller?.Role == Role.Office ? "reporter_name, reporter_contact" : "NULL::text, NULL::text";

    /// <summary>The actions a chief may take (on issues assigned to them) and those an office may take (in its scope).</summary>
    private static readonly IssueActionKind[] ChiefActions = [IssueActionKind.StartRectification, IssueActionKind.SubmitForVerification];
    private static readonly IssueActionKind[] OfficeActions =
        [IssueActionKind.Assign, IssueActionKind.Reassign, IssueActionKind.PassVerification, IssueActionKind.FailVerification, IssueActionKind.Reject];

    /// <summary>Why <paramref name="caller"/> may not take <paramref name="action"/> on an issue it can see; null when it may.</summary>
    public static string? Denial(Caller caller, IssueRow issue, IssueActionKind action) => caller.Role switch
    {
        Role.Chief when !ChiefActions.Contains(action) => $"a chief may only {string.Join(" or ", ChiefActions.Select(a => a.ToCode()))}; {action.ToCode()} is for the office",
        Role.Chief when issue.ChiefId != caller.ChiefId => "only the chief the issue is assigned to may act on it",
        Role.Office when !OfficeActions.Contains(action) => $"{action.ToCode()} is for the chief the issue is assigned to",
        Role.Chief or Role.Office => null,
        _ => $"role {caller.Role.ToCode()} does not act on issues",
    };

    /// <summary>The actions the lifecycle allows now and the caller may take.</summary>
    public static IReadOnlyList<IssueActionKind> AllowedActions(Caller caller, IssueRow issue) =>
        IssueLifecycle.AllowedActions(issue.Status).Where(a => Denial(caller, issue, a) is null).ToList();
}
