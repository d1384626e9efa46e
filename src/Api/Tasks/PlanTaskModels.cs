using RiverGis.Geo.Issues;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Tasks;

/// <summary>A plan item as stored (table plan_tasks).</summary>
public sealed class PlanTaskRow
{
    public long Id { get; set; }
    public string? Code { get; set; }
    public string Title { get; set; } = "";
    public PlanList List { get; set; }
    public string? RiverCode { get; set; }
    public string? SegmentCode { get; set; }
    public string AreaCode { get; set; } = "";
    public string? LeadUnitCode { get; set; }
    public string[] CooperatingUnitCodes { get; set; } = [];
    public string? ChiefId { get; set; }
    public int Year { get; set; }
    public DateOnly CreatedOn { get; set; }
    public DateOnly Deadline { get; set; }
    public string? Target { get; set; }
    public double? TargetValue { get; set; }
    public string? TargetUnit { get; set; }
    public string? WaterClass { get; set; }
    public string? SectionCode { get; set; }
    public int Progress { get; set; }
    public PlanTaskStatus Status { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A plan item validated and ready to store (its area chain computed).</summary>
public sealed record PlanTaskRecord(
    string? Code, string Title, PlanList List, string? RiverCode, string? SegmentCode, string AreaCode, string[] AreaCodes, string? LeadUnitCode,
    string[] CooperatingUnitCodes, string? ChiefId, int Year, DateOnly CreatedOn, DateOnly Deadline, string? Target, double? TargetValue,
    string? TargetUnit, string? WaterClass, string? SectionCode, int Progress);

/// <summary>A dated progress note (table plan_task_progress).</summary>
public sealed record ProgressNote(DateTimeOffset At, int Progress, bool Cancelled, string? Note, string Actor);

/// <summary>
/// A plan item as the API shows it: the stored facts plus labels, the light and the days left (as of the request), and
/// on the single item its progress notes. Mapped from <see cref="PlanTaskRow"/> (Hosting/ResponseMappings).
/// </summary>
public sealed class PlanTaskProperties
{
    public long Id { get; set; }
    public string? Code { get; set; }
    public string Title { get; set; } = "";
    public PlanList List { get; set; }
    public string ListLabel { get; set; } = "";
    public string? RiverCode { get; set; }
    public string? SegmentCode { get; set; }
    public string AreaCode { get; set; } = "";
    public string? LeadUnitCode { get; set; }
    public string[] CooperatingUnitCodes { get; set; } = [];
    public string? ChiefId { get; set; }
    public int Year { get; set; }
    public DateOnly CreatedOn { get; set; }
    public DateOnly Deadline { get; set; }
    public string? Target { get; set; }
    public double? TargetValue { get; set; }
    public string? TargetUnit { get; set; }
    public string? WaterClass { get; set; }
    public string? SectionCode { get; set; }
    public int Progress { get; set; }
    public PlanTaskStatus Status { get; set; }
    public string StatusLabel { get; set; } = "";
    public DateOnly? CompletedOn { get; set; }
    public LightColour Light { get; set; }
    public string LightLabel { get; set; } = "";
    public int DaysLeft { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The dated progress notes (GET /api/tasks/{id}, writes); null in lists.</summary>
    public IReadOnlyList<ProgressNote>? ProgressNotes { get; set; }
}

/// <summary>GET /api/tasks: the items of the filter with their light counts.</summary>
public sealed record PlanTaskListResponse(int Count, Issues.LightCounts Lights, IReadOnlyList<PlanTaskProperties> Tasks);

/// <summary>POST /api/tasks/import: how many items the spreadsheet created and updated (by code).</summary>
public sealed record PlanTaskImportResponse(int Created, int Updated, IReadOnlyList<long> Ids);

/// <summary>A plan item as an office writes it (POST creates, PUT replaces the fields; import rows have the same columns).</summary>
/// <param name="Code">Optional key of the item in the office's plan (e.g. 2026-R1-03): import updates the item with that code.</param>
/// <param name="SegmentCode">The item's segment; or <paramref name="RiverCode"/> with <paramref name="AreaCode"/> (the river's stretch in the area), or an area alone.</param>
/// <param name="CooperatingUnitCodes">配合单位.</param>
/// <param name="ChiefId">The responsible chief (default: whoever holds the segment when lights are counted).</param>
/// <param name="CreatedOn">Default: today (China Standard Time).</param>
/// <param name="Year">The plan year (default: the year it was created).</param>
/// <param name="Deadline">The day it is due; not before <paramref name="CreatedOn"/>.</param>
/// <param name="WaterClass">A target water-quality class (I, II, III, IV, V, 劣V) for a target-list item.</param>
/// <param name="SectionCode">The monitoring section the target refers to, where sections exist.</param>
/// <param name="Progress">Initial progress, 0–100 (default 0).</param>
public sealed record PlanTaskRequest(
    string? Code, string? Title, PlanList? List, string? RiverCode, string? SegmentCode, string? AreaCode, string? LeadUnitCode,
    IReadOnlyList<string>? CooperatingUnitCodes, string? ChiefId, int? Year, DateOnly? CreatedOn, DateOnly? Deadline, string? Target,
    double? TargetValue, string? TargetUnit, string? WaterClass, string? SectionCode, int? Progress);

/// <summary>A dated progress note (进展): the progress reached, what was done, or the item cancelled.</summary>
public sealed record ProgressRequest(int? Progress, string? Note, bool? Cancelled);
