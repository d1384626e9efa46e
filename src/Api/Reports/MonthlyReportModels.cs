using RiverGis.Api.Bulletins;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Reporting;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Reports;

/// <summary>Configuration section <c>Reports</c>: when the monthly report is due (default the 1st of the next month, 18:00 CST).</summary>
public sealed class ReportOptions
{
    public int DueDay { get; set; } = 1;
    public int DueHour { get; set; } = 18;

    public ReportDeadline Deadline => DueDay is >= 1 and <= 28 && DueHour is >= 0 and <= 23
        ? new ReportDeadline(DueDay, DueHour)
        : throw new InvalidOperationException($"Reports:DueDay must be 1–28 and Reports:DueHour 0–23 (got {DueDay}, {DueHour})");
}

/// <summary>Coverage of the rivers at one level at the month's end (覆盖率) and the segments without a 河长 (空缺).</summary>
public sealed record LevelCoverage(double RequiredM, double CoveredM, double? CoveredPct, int Segments, int VacantSegments);

/// <summary>Patrol compliance of the chiefs of one level in the month (巡河达标率).</summary>
public sealed record LevelPatrols(int Chiefs, int Compliant, double? CompliantPct);

/// <summary>New, closed and overdue problems of one category (or source, or level).</summary>
public sealed record ProblemCounts(int New, int Closed, int Overdue);

/// <summary>The month's problems (问题): new, closed (of them on time), overdue at the month's end, by category, source and level.</summary>
/// <param name="Overdue">Open and past their deadline at the end of the month (or now, for the month in progress).</param>
/// <param name="ByLevel">By the level of the chief each problem was routed to.</param>
public sealed record ProblemFigures(int New, int Closed, int ClosedOnTime, double? ClosedOnTimePct, int Overdue,
    IReadOnlyDictionary<string, ProblemCounts> ByCategory, IReadOnlyDictionary<string, ProblemCounts> BySource, IReadOnlyDictionary<string, ProblemCounts> ByLevel);

/// <summary>A unit's lights in the month's bulletin.</summary>
public sealed record UnitLights(string Code, string Name, LightColour Light, int Red, int Yellow, int Green, int RedMonthsThisYear, double Deduction);

/// <summary>The month's lights (亮灯) from its bulletin: frozen at the cut-off, or provisional.</summary>
public sealed record ReportLights(int Red, int Yellow, int Green, bool Frozen, DateTimeOffset AsOf, IReadOnlyList<UnitLights> Units);

/// <summary>Plan items of the year at the month's end (任务推进).</summary>
public sealed record TaskFigures(int Total, int Done, double? DonePct, int Overdue, double? AverageProgress, IReadOnlyDictionary<string, ProblemCounts> ByList);

/// <summary>A red item and who must act on it (红灯事项及责任主体).</summary>
public sealed record RedItem(BulletinItemKind Kind, long Id, string Title, DateTimeOffset Deadline, string? ChiefId, string? ChiefName, string? UnitCode,
    string? UnitName, string? AreaCode, string? AreaName, string WhoMustAct, double? Lon, double? Lat);

/// <summary>A segment without a 河长 at the month's end.</summary>
public sealed record VacantSegment(string SegmentCode, string? Name, string RiverCode, AdminLevel Level, string AreaCode, DateOnly? VacantSince, string? ActingChiefId);

/// <summary>A child area's figures (lower levels roll up into the report of their parent).</summary>
public sealed record AreaRollup(string AreaCode, string Name, AdminLevel Level, int New, int Closed, int Overdue, int Red, int Yellow, int Green, double? TasksDonePct);

/// <summary>New and closed problems of a month (for the trend chart).</summary>
public sealed record MonthTrend(string Month, int New, int Closed);

/// <summary>Whether (and when) the report was marked submitted, against its due time (按时报送).</summary>
public sealed record ReportSubmission(DateTimeOffset DueAt, DateTimeOffset? SubmittedAt, Punctuality? Punctuality, string? PunctualityLabel, string? Actor);

/// <summary>
/// The monthly report (月报) of an area, its subtree rolled up. Contract for scripts: <c>problems.new</c>,
/// <c>problems.closed</c>, <c>problems.overdue</c>, <c>problems.by_category</c>, <c>lights.red|yellow|green</c>,
/// <c>coverage.&lt;level&gt;.covered_pct</c>, <c>patrols.&lt;level&gt;.compliant_pct</c>, <c>tasks.done_pct</c>.
/// </summary>
public sealed record MonthlyReport(
    string AreaCode, string AreaName, AdminLevel AreaLevel, string Month, string MonthLabel, DateTimeOffset GeneratedAt, DateTimeOffset AsOf,
    IReadOnlyDictionary<string, LevelCoverage> Coverage, IReadOnlyList<VacantSegment> Vacancies, IReadOnlyDictionary<string, LevelPatrols> Patrols,
    ProblemFigures Problems, ReportLights Lights, TaskFigures Tasks, IReadOnlyList<RedItem> RedItems, IReadOnlyList<AreaRollup> Children,
    IReadOnlyList<MonthTrend> Trend, ReportSubmission Submission);

/// <summary>POST /api/reports/monthly/submissions: marks an area's monthly report submitted (上报).</summary>
public sealed record SubmitReportRequest(string? AreaCode, string? Month, string? Note);
