using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

// What the patrol endpoints answer. Built from stored patrols and the domain's verdicts in PatrolMapping; the plain
// record-to-record maps are Mapster rules in Hosting/ResponseMappings.

/// <summary>A segment the patrol went along and how much of it the patrol covered.</summary>
public sealed record FollowedSegmentProperties(string SegmentCode, string RiverCode, string? SegmentName, double SegmentLengthM, double CoveredM, double CoveredPercent);

/// <summary>A photo of a patrol with what its EXIF says and the flags it earned against the track.</summary>
public sealed record PatrolPhotoProperties(long Id, string Url, string ContentType, DateTimeOffset? TakenAt, double? Lon, double? Lat,
    IReadOnlyList<PhotoFlag> Flags, IReadOnlyList<string> FlagLabels);

/// <summary>A patrol (巡河记录) as a feature's properties: who, when, how far, the verdict and its reasons, the record.</summary>
public sealed class PatrolProperties
{
    public long Id { get; set; }
    public string ChiefId { get; set; } = "";
    public string? ChiefName { get; set; }
    public ChiefRole? Role { get; set; }
    public AdminLevel? Level { get; set; }
    public string? AreaCode { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public double DurationMin { get; set; }
    /// <summary>Geodesic length walked (without jumps), m.</summary>
    public double LengthM { get; set; }
    public int Points { get; set; }
    /// <summary>Whether every position has its time (else only the start and end are known).</summary>
    public bool TimedPoints { get; set; }
    public PatrolSource Source { get; set; }
    /// <summary>有效巡河: the patrol counts.</summary>
    public bool Valid { get; set; }
    public IReadOnlyList<PatrolFlaw> Reasons { get; set; } = [];
    public IReadOnlyList<string> ReasonLabels { get; set; } = [];
    public double OwnSharePercent { get; set; }
    public double VehicleSharePercent { get; set; }
    public double? TopSpeedKmh { get; set; }
    public int Jumps { get; set; }
    public IReadOnlyList<FollowedSegmentProperties> Segments { get; set; } = [];
    public string? Findings { get; set; }
    public string[] PhotoUrls { get; set; } = [];
    public IReadOnlyList<PatrolPhotoProperties> Photos { get; set; } = [];
    /// <summary>Problems filed during the patrol (POST /api/issues with patrol_id).</summary>
    public IReadOnlyList<LinkedIssue> Issues { get; set; } = [];
    public DateTimeOffset? SubmittedAt { get; set; }
}

/// <summary>Problems found by patrols, for one level of the patrolling chiefs.</summary>
public sealed record LevelProblemCount(AdminLevel Level, string LevelLabel, int Problems);

/// <summary>GET /api/patrols: one page of the patrol ledger (巡河台账), and the problems its patrols found per chief level.</summary>
public sealed record PatrolLedgerResponse(IReadOnlyList<Feature<PatrolProperties>> Features, int NumberMatched, int NumberReturned,
    IReadOnlyList<LevelProblemCount> ProblemsByLevel) : FeatureCollection<PatrolProperties>(Features);

/// <summary>A calendar window of a rule with the valid patrols counted in it.</summary>
public sealed record WindowCountProperties(string Period, string Label, int Valid, int Required);

/// <summary>One chief's line of the compliance table.</summary>
/// <param name="Required">Valid patrols the rule requires over the windows judged in the period.</param>
/// <param name="Per">The rule's period: year, quarter, month, xun (旬) or week.</param>
/// <param name="PerXun">The rule's minimum per 旬, where it has one.</param>
/// <param name="Rule">The rule in words, e.g. 每月不少于4次、每旬不少于1次.</param>
/// <param name="XunCounts">Valid patrols per 旬 where the rule has a per-旬 minimum.</param>
public sealed record ChiefComplianceRow(string ChiefId, string Name, ChiefRole Role, AdminLevel Level, string AreaCode, string AreaName,
    int Required, PeriodKind Per, int? PerXun, string Rule, int ValidPatrols, int InvalidPatrols, IReadOnlyList<WindowCountProperties> Windows,
    IReadOnlyList<WindowCountProperties>? XunCounts, ComplianceStatus Status, string StatusLabel, bool Compliant, int Shortfall);

/// <summary>Chiefs compliant of those judged, per level (and area).</summary>
public sealed record ComplianceTallyRow(string? AreaCode, string? AreaName, AdminLevel Level, string LevelLabel, int Chiefs, int Compliant, int Pending,
    double CompliantPercent);

public sealed record ComplianceSummary(int Chiefs, int Compliant, double CompliantPercent, IReadOnlyList<ComplianceTallyRow> ByLevel,
    IReadOnlyList<ComplianceTallyRow> ByArea);

/// <summary>GET /api/patrols/compliance.</summary>
public sealed record PatrolComplianceResponse(string Period, string PeriodLabel, DateTimeOffset From, DateTimeOffset To, string? AreaCode,
    IReadOnlyList<ChiefComplianceRow> Chiefs, ComplianceSummary Summary, int PatrolsRead, long DataVersion, double ComputedMs);

/// <summary>Whether a stretch of a chief's segment was patrolled in the period.</summary>
public enum StretchState
{
    Patrolled,
    Unpatrolled,
}

/// <summary>A stretch of a chief's segment, patrolled or not (未巡查河段), measured from the segment's start.</summary>
public sealed record CoverageStretchProperties(string ChiefId, string? ChiefName, string SegmentCode, string RiverCode, StretchState State,
    double FromM, double ToM, double LengthM);

/// <summary>How much of a segment its chief's valid patrols covered.</summary>
public sealed record SegmentCoverageRow(string SegmentCode, string RiverCode, string? SegmentName, string ChiefId, string? ChiefName, double LengthM,
    double PatrolledM, double PatrolledPercent, int Patrols);

/// <summary>GET /api/patrols/coverage.</summary>
public sealed record PatrolCoverageResponse(IReadOnlyList<Feature<CoverageStretchProperties>> Features, string Period, double ToleranceM,
    IReadOnlyList<SegmentCoverageRow> Segments, long DataVersion, double ComputedMs) : FeatureCollection<CoverageStretchProperties>(Features);

/// <summary>GET /api/patrols/rules: when a patrol counts, and how often each role and level must patrol.</summary>
public sealed record PatrolRulesResponse(PatrolValidityRules Validity, IReadOnlyList<FrequencyRow> Frequencies);

public sealed record FrequencyRow(ChiefRole Role, AdminLevel Level, int Required, PeriodKind Per, int? PerXun, string Rule);

/// <summary>POST /api/photos: the stored photo.</summary>
public sealed record PhotoProperties(long Id, string Url, string Sha256, string ContentType, int Bytes, DateTimeOffset? TakenAt, double? Lon, double? Lat,
    long? PatrolId, long? IssueId, IReadOnlyList<PhotoFlag> Flags);
