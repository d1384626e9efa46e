using RiverGis.Geo.Issues;
using RiverGis.Geo.Rechecks;

namespace RiverGis.Api.Rechecks;

/// <summary>Configuration section <c>Rechecks</c>: the quarterly sample (回头看).</summary>
public sealed class RecheckOptions
{
    /// <summary>Share of the issues closed in a quarter drawn for re-checking (default 0.1 = 10 %).</summary>
    public double SampleShare { get; set; } = 0.1;

    /// <summary>At least this many when any issue was closed (default 1).</summary>
    public int SampleMinimum { get; set; } = 1;

    public RecheckSampler Sampler => new(SampleShare, SampleMinimum);
}

/// <summary>A re-check of a closed issue: what it found, why, who, when, and for which quarter's sample.</summary>
public sealed record RecheckRecord(long Id, long IssueId, DateTimeOffset At, RecheckResult Result, string? Reason, string Actor, string? Quarter);

/// <summary>POST /api/issues/{id}/recheck.</summary>
/// <param name="Result">passes (复核通过) or reopens (问题反弹: the issue goes back to rectification).</param>
/// <param name="Reason">Required to reopen.</param>
public sealed record RecheckRequest(RecheckResult? Result, string? Reason);

/// <summary>The re-check with the issue's status after it.</summary>
public sealed record RecheckResponse(RecheckRecord Recheck, IssueStatus IssueStatus);

/// <summary>One issue of a quarterly sample: when it was closed and what its re-checks found (null while not re-checked).</summary>
public sealed record SampledIssue(long IssueId, string Title, string? AreaCode, DateTimeOffset ClosedAt, IssueStatus Status, RecheckResult? Result);

/// <summary>A quarter's sample of closed issues in an area (回头看抽查).</summary>
public sealed record RecheckSampleResponse(string Quarter, string AreaCode, DateTimeOffset DrawnAt, int ClosedInQuarter, int Drawn, int Rechecked,
    IReadOnlyList<SampledIssue> Issues);
