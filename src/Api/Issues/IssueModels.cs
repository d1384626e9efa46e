using System.Text.Json.Serialization;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Network;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Issues;

/// <summary>
/// How an issue was routed when it was filed (stored as jsonb with the issue, so the ledger keeps it across re-imports
/// of the river-chief data). For discharge and black-odorous reports also the outlets upstream (who might be polluting)
/// and the chiefs downstream (who must be warned); for a failing monitoring section the section, its results and who is
/// informed upstream; these members are left out for other categories.
/// </summary>
public sealed record IssueRouting(
    bool Escalated,
    EscalationReason? EscalationReason,
    IReadOnlyList<SkippedLevel> SkippedLevels,
    AdminLevel? ExpectedLevel,
    AdminLevel? ResponsibleLevel,
    bool GeneralChiefFallback,
    IReadOnlyList<RoutingCandidate> Candidates,
    long DataVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StretchOutlet>? UpstreamOutlets = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? UpstreamKm = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WarnedChief>? DownstreamChiefs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DownstreamKm = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Water.SectionEscalation? Section = null);

/// <summary>An issue as stored in the ledger (table issues).</summary>
public sealed class IssueRow
{
    public long Id { get; set; }
    public IssueCategory Category { get; set; }
    public string Description { get; set; } = "";
    public IssueSource Source { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterContact { get; set; }
    public string[] PhotoUrls { get; set; } = [];
    public IssueStatus Status { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ChiefId { get; set; }
    public ResponsibleChief? Chief { get; set; }
    public IReadOnlyList<ResponsibleChief> Chain { get; set; } = [];
    public IssueRouting? Routing { get; set; }
    public string? RiverCode { get; set; }
    public string? SegmentCode { get; set; }
    public string? AreaCode { get; set; }
    public double? MeasureM { get; set; }
    public double? DistanceM { get; set; }
    public bool OffRiver { get; set; }
    public long[] DuplicateOf { get; set; } = [];
    public double Lon { get; set; }
    public double Lat { get; set; }
    /// <summary>The routed area and its ancestors (the offices whose scope holds the issue; the areas whose chiefs it may be assigned to).</summary>
    public string[] AreaCodes { get; set; } = [];
    /// <summary>The unit the issue is handed to (交办单位), beside or instead of the chief.</summary>
    public string? UnitCode { get; set; }
    public long? PatrolId { get; set; }
}

/// <summary>One transition of an issue (table issue_events); the first event of every issue is <c>report</c>.</summary>
public sealed record IssueEvent(DateTimeOffset At, IssueActionKind Action, IssueStatus? FromStatus, IssueStatus ToStatus, string Actor, string? Note, string? ChiefId,
    string? UnitCode = null);

/// <summary>
/// An issue as the API shows it (a feature's properties): the stored facts plus labels, the status light, the days
/// left and the actions allowed next. Mapped from <see cref="IssueRow"/> by Mapster (Hosting/ResponseMappings).
/// </summary>
public sealed class IssueProperties
{
    public long Id { get; set; }
    public IssueCategory Category { get; set; }
    public string CategoryLabel { get; set; } = "";
    public string Description { get; set; } = "";
    public IssueSource Source { get; set; }
    public string? ReporterName { get; set; }
    /// <summary>
    /// The reporter's contact (and name): only for the office in scope (GET /api/issues/{id}) and for the reporter (the
    /// answer to the report, the follow-up status page); null for everyone else and in every list.
    /// </summary>
    public string? ReporterContact { get; set; }
    public string[] PhotoUrls { get; set; } = [];
    public IssueStatus Status { get; set; }
    public string StatusLabel { get; set; } = "";
    public LightColour Light { get; set; }
    public string LightLabel { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public double DaysLeft { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ChiefId { get; set; }
    public ResponsibleChief? Chief { get; set; }
    /// <summary>The unit the issue is handed to (交办单位), when one is.</summary>
    public string? UnitCode { get; set; }
    public IReadOnlyList<ResponsibleChief> Chain { get; set; } = [];
    public IssueRouting? Routing { get; set; }
    public string? RiverCode { get; set; }
    public string? SegmentCode { get; set; }
    public string? AreaCode { get; set; }
    public double? MeasureM { get; set; }
    public double? DistanceM { get; set; }
    public bool OffRiver { get; set; }
    public long[] PossibleDuplicates { get; set; } = [];
    public IReadOnlyList<IssueActionKind> AllowedActions { get; set; } = [];
    public double Lon { get; set; }
    public double Lat { get; set; }
    /// <summary>The patrol during which the problem was found (巡河发现), if any.</summary>
    public long? PatrolId { get; set; }
    /// <summary>The history (GET /api/issues/{id} and transitions); null in lists.</summary>
    public IReadOnlyList<IssueEvent>? Events { get; set; }
    /// <summary>Only in the answer to a report: the reporter's token for following it (GET /api/issues/status/{token}).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public FollowUp? FollowUp { get; set; }
}

/// <summary>How a reporter follows their report: the token (shown once) and the status URL that takes it.</summary>
public sealed record FollowUp(string Token, string StatusUrl);

/// <summary>One step of an issue as its reporter sees it: when, what, and the status it reached (no names or notes of the office).</summary>
public sealed record ReporterEvent(DateTimeOffset At, IssueActionKind Action, IssueStatus ToStatus);

/// <summary>
/// GET /api/issues/status/{token}: one report as its reporter follows it — where it stands, who is responsible, the
/// steps so far, and the reporter's own name and contact as given (nobody else's).
/// </summary>
public sealed record ReporterStatus(long Id, IssueCategory Category, string CategoryLabel, string Description, IssueStatus Status, string StatusLabel,
    LightColour Light, string LightLabel, DateTimeOffset ReportedAt, DateTimeOffset Deadline, DateTimeOffset? ClosedAt, ResponsibleChief? Chief,
    string? ReporterName, string? ReporterContact, IReadOnlyList<ReporterEvent> Events);

/// <summary>How many issues of the selection show each light (红黄绿灯).</summary>
public sealed record LightCounts(int Green, int Yellow, int Red);

/// <summary>GET /api/issues: one page of the ledger, how many issues match, and the light counts of the selection without its light filter.</summary>
public sealed record IssueLedgerResponse(IReadOnlyList<Feature<IssueProperties>> Features, int NumberMatched, int NumberReturned, LightCounts Lights)
    : FeatureCollection<IssueProperties>(Features);

/// <summary>A category with its label and rectification deadline.</summary>
public sealed record IssueCategoryInfo(IssueCategory Code, string Label, int DeadlineDays);

/// <summary>A request to move an issue along its lifecycle.</summary>
/// <param name="Action">What to do (every action but report, which is how an issue is filed).</param>
/// <param name="Actor">Ignored: the actor is always the signed-in user (accepted so that older scripts keep working).</param>
/// <param name="Note">Why: required to reassign, fail verification or reject.</param>
/// <param name="ChiefId">The chief to assign or reassign to.</param>
/// <param name="UnitCode">The unit to hand the issue to (交办单位), beside or instead of a chief.</param>
public sealed record TransitionRequest(IssueActionKind? Action, string? Actor, string? Note, string? ChiefId, string? UnitCode = null);

/// <summary>The report's properties as POST /api/issues takes them (its schema in the OpenAPI document).</summary>
/// <param name="Category">A category code, or its Chinese label (乱占, 乱采, 乱堆, 乱建, 非法排污, 垃圾, 黑臭水体, 其他).</param>
/// <param name="ReportedAt">When it was seen (ISO 8601; default: now); apps that queue reports offline send it.</param>
public sealed record IssueReportProperties(string Category, string Description, IssueSource Source, string? ReporterName, string? ReporterContact,
    IReadOnlyList<string>? PhotoUrls, DateTimeOffset? ReportedAt);
