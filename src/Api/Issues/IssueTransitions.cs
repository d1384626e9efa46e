using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Limits;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Issues;

/// <summary>What became of a transition request: the issue, or why not (not in scope, not allowed, bad input, refused by the lifecycle).</summary>
public sealed record TransitionOutcome(IssueRow? Issue, bool NotFound = false, string? Denied = null, ProblemItem? Invalid = null, TransitionError? Refused = null);

/// <summary>
/// Moves an issue along its lifecycle for the signed-in caller: only in the caller's scope (else it does not exist for
/// them), only the actions of the caller's role (a chief starts and submits rectification of their own issues; an
/// office assigns, reassigns, verifies, closes and rejects), an assignment only to a chief of the issue's area chain
/// (the routed area and its ancestors), and the actor is the caller — a body's <c>actor</c> is ignored.
/// </summary>
public sealed class IssueTransitions(IssueStore store, SystemSnapshots snapshots, TimeProvider clock)
{
    public async Task<TransitionOutcome> ApplyAsync(long id, TransitionRequest request, Caller caller, CancellationToken ct)
    {
        if (request.Action is not { } kind || kind == IssueActionKind.Report)
            return new(null, Invalid: new ProblemItem("action", $"expected one of {string.Join("|", IssueLifecycle.Transitions.Select(a => a.ToCode()))}"));
        if (request.Note is { Length: > FieldLimits.Note }) return new(null, Invalid: new ProblemItem("note", $"longer than {FieldLimits.Note} characters"));
        if (request.ChiefId is { Length: > FieldLimits.Code }) return new(null, Invalid: new ProblemItem("chief_id", $"longer than {FieldLimits.Code} characters"));
        var snapshot = await snapshots.CurrentAsync(ct);
        var (row, decision) = await store.TransitionAsync(id, caller, current =>
        {
            if (IssueScope.Denial(caller, current, kind) is { } denied) return new TransitionDecision(null, Denied: denied);
            ResponsibleChief? newChief = null;
            if (kind is IssueActionKind.Assign or IssueActionKind.Reassign && request.ChiefId is { } chiefId)
            {
                if (!snapshot.System.Chiefs.TryGetValue(chiefId, out var chief))
                    return new TransitionDecision(null, Invalid: new ProblemItem("chief_id", $"unknown chief '{chiefId}'"));
                if (!current.AreaCodes.Contains(chief.AreaCode))
                {
                    return new TransitionDecision(null, Invalid: new ProblemItem("chief_id",
                        $"chief '{chiefId}' ({chief.AreaCode}) is not in the issue's area chain ({string.Join(", ", current.AreaCodes)}); "
                        + "an issue goes only to a chief of its own area or an area above it"));
                }
                newChief = ResponsibleChief.Of(chief, snapshot.System, AdminLevel.Village);
            }
            var result = IssueLifecycle.Transition(current.Status, new IssueAction(kind, request.ChiefId), caller.Actor, request.Note, clock.GetUtcNow(), current.ChiefId);
            return new TransitionDecision(result, newChief);
        }, ct);
        if (row is null) return new(null, NotFound: true);
        return decision switch
        {
            { Denied: { } denied } => new(row, Denied: denied),
            { Invalid: { } invalid } => new(row, Invalid: invalid),
            { Result.Error: { } error } => new(row, Refused: error),
            _ => new(row),
        };
    }
}
