using System.Text.Json.Nodes;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>An issue as stored in the ledger (table issues).</summary>
public sealed class IssueRow
{
    public long Id { get; set; }
    public IssueCategory Category { get; set; }
    public string Description { get; set; } = "";
    public string Source { get; set; } = "";
    public string? ReporterName { get; set; }
    public string? ReporterContact { get; set; }
    public string[] PhotoUrls { get; set; } = [];
    public IssueStatus Status { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ChiefId { get; set; }
    public JsonNode? Chief { get; set; }
    public JsonNode? Chain { get; set; }
    public JsonNode? Routing { get; set; }
    public string? RiverCode { get; set; }
    public string? SegmentCode { get; set; }
    public string? AreaCode { get; set; }
    public double? MeasureM { get; set; }
    public double? DistanceM { get; set; }
    public bool OffRiver { get; set; }
    public long[] DuplicateOf { get; set; } = [];
    public double Lon { get; set; }
    public double Lat { get; set; }
}

/// <summary>One transition of an issue (table issue_events).</summary>
public sealed record IssueEventDto(DateTimeOffset At, string Action, string? FromStatus, string ToStatus, string Actor, string? Note, string? ChiefId);

/// <summary>An issue as the API shows it: the stored facts plus labels, the status light and what can be done next.</summary>
public sealed class IssueDto
{
    public long Id { get; set; }
    public string Category { get; set; } = "";
    public string CategoryLabel { get; set; } = "";
    public string Description { get; set; } = "";
    public string Source { get; set; } = "";
    public string? ReporterName { get; set; }
    public string? ReporterContact { get; set; }
    public string[] PhotoUrls { get; set; } = [];
    public string Status { get; set; } = "";
    public string StatusLabel { get; set; } = "";
    public string Light { get; set; } = "";
    public string LightLabel { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public double DaysLeft { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ChiefId { get; set; }
    public JsonNode? Chief { get; set; }
    public JsonNode? Chain { get; set; }
    public JsonNode? Routing { get; set; }
    public string? RiverCode { get; set; }
    public string? SegmentCode { get; set; }
    public string? AreaCode { get; set; }
    public double? MeasureM { get; set; }
    public double? DistanceM { get; set; }
    public bool OffRiver { get; set; }
    public long[] PossibleDuplicates { get; set; } = [];
    public string[] AllowedActions { get; set; } = [];
    public double Lon { get; set; }
    public double Lat { get; set; }
    public List<IssueEventDto>? Events { get; set; }
}

/// <summary>A request to move an issue along its lifecycle.</summary>
public sealed record TransitionRequest(string? Action, string? Actor, string? Note, string? ChiefId);
