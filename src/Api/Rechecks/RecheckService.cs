using Microsoft.Extensions.Options;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Limits;
using RiverGis.Api.Http;
using RiverGis.Api.Issues;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Rechecks;

namespace RiverGis.Api.Rechecks;

/// <summary>
/// 回头看: re-checking closed issues. A re-check passes, or reopens the issue with its reason (closed → returned, a
/// lifecycle transition kept in the history with the re-check in one transaction). Each quarter a sample of the issues
/// closed in it is drawn per area (a configured share, deterministic, see <see cref="RecheckSampler"/>).
/// </summary>
public sealed class RecheckService(RecheckStore store, IssueStore issues, IssueTransitions transitions, SystemSnapshots snapshots, TimeProvider clock,
    IOptions<RecheckOptions> options)
{
    /// <summary>
    /// A re-check by an office of an issue in its scope (else: not found). Reopening is the lifecycle's <c>reopen</c>
    /// through <see cref="IssueTransitions"/> (its role rules, its event and audit entry), with the re-check stored in the
    /// same transaction.
    /// </summary>
    public async Task<Outcome<RecheckResponse>> RecheckAsync(long id, RecheckRequest request, Caller caller, CancellationToken ct)
    {
        if (request.Result is not { } result) return Outcome<RecheckResponse>.Invalid("The re-check is not valid.", "result", "required (passes|reopens)");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (result == RecheckResult.Reopens && reason is null) return Outcome<RecheckResponse>.Invalid("The re-check is not valid.", "reason", "required to reopen an issue");
        if (reason is { Length: > FieldLimits.Note }) return Outcome<RecheckResponse>.Invalid("The re-check is not valid.", "reason", $"at most {FieldLimits.Note} characters");
        var issue = await issues.GetAsync(id, caller, ct);
        if (issue is null) return Outcome<RecheckResponse>.NotFound($"There is no issue {id} in your scope.");
        if (issue.Status != IssueStatus.Closed)
            return Outcome<RecheckResponse>.Conflict("Only closed issues are re-checked.", "id", $"issue {id} is {issue.Status.ToCode()} ({issue.Status.ChineseLabel()}), not closed");
        var now = clock.GetUtcNow();
        if (result == RecheckResult.Passes)
            return Outcome<RecheckResponse>.Ok(new RecheckResponse(await store.InsertAsync(caller, issue, now, result, reason, ct), issue.Status));
        RecheckRecord? recorded = null;
        var outcome = await transitions.ApplyAsync(id, new TransitionRequest(IssueActionKind.Reopen, null, reason, null), caller, ct,
            async (tx, t) => recorded = await store.InsertAsync(tx, caller, issue, t.At, result, reason, ct));
        return outcome switch
        {
            { NotFound: true } => Outcome<RecheckResponse>.NotFound($"There is no issue {id} in your scope."),
            { Denied: { } denied } => Outcome<RecheckResponse>.Forbidden($"You may not do this: {denied}."),
            { Invalid: { } invalid } => Outcome<RecheckResponse>.Invalid("The re-check is not valid.", [invalid]),
            { Refused: { } error } => Outcome<RecheckResponse>.Conflict("The issue cannot be reopened.", "id", error.Message),
            _ when recorded is null => Outcome<RecheckResponse>.Conflict("The issue cannot be reopened.", "id", "not closed any more"),
            _ => Outcome<RecheckResponse>.Ok(new RecheckResponse(recorded, outcome.Issue!.Status)),
        };
    }

    /// <summary>The quarter's sample for an area: drawn now when <paramref name="draw"/> and none was drawn (the first draw stands).</summary>
    public async Task<Outcome<RecheckSampleResponse>> SampleAsync(OfficePeriod quarter, string areaCode, bool draw, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (!system.Areas.ContainsKey(areaCode)) return Outcome<RecheckSampleResponse>.Invalid("Unknown area.", "area_code", $"unknown area '{areaCode}'");
        if (!AreaScope.Holds(caller, system, areaCode)) return Outcome<RecheckSampleResponse>.NotFound(AreaScope.NotInScope(areaCode));
        var now = clock.GetUtcNow();
        if (now < quarter.End)
            return Outcome<RecheckSampleResponse>.Conflict("The quarter has not ended.", "quarter", $"{quarter.Code} ends {quarter.End:yyyy-MM-dd HH:mm} (+08:00); its sample is drawn after that");
        var closed = await store.ClosedAsync(quarter.Start, quarter.End, areaCode, ct);
        if (await store.SampleAsync(quarter.Code, areaCode, ct) is null && draw)
            await store.SaveSampleAsync(caller, quarter.Code, areaCode, system.AncestorsAndSelf(areaCode).Select(a => a.Code).ToList(),
                options.Value.Sampler.Draw(quarter.Code, areaCode, closed), now, ct);
        if (await store.SampleAsync(quarter.Code, areaCode, ct) is not { } sample)
        {
            return closed.Count == 0 && draw
                ? Outcome<RecheckSampleResponse>.Ok(new RecheckSampleResponse(quarter.Code, areaCode, now, 0, 0, 0, []))
                : Outcome<RecheckSampleResponse>.NotFound($"No sample of {quarter.Code} was drawn for area '{areaCode}' (POST draws it).");
        }
        var (drawnAt, sampled) = sample;
        return Outcome<RecheckSampleResponse>.Ok(new RecheckSampleResponse(quarter.Code, areaCode, drawnAt, closed.Count, sampled.Count,
            sampled.Count(s => s.Result is not null), sampled));
    }

    /// <summary>The re-checks of an issue the caller may see; null when it is not in the caller's scope.</summary>
    public async Task<List<RecheckRecord>?> ForIssueAsync(long id, Caller caller, CancellationToken ct) =>
        await issues.GetAsync(id, caller, ct) is null ? null : await store.ForIssueAsync(id, ct);
}
