using RiverGis.Geo.Assessment;
using RiverGis.Geo.Bulletins;

namespace RiverGis.Api.Assessment;

/// <summary>A share item of the score sheet in configuration: its weight and the shares scoring nothing and full marks.</summary>
public sealed class RatioItemOptions
{
    public double Weight { get; set; }
    public double ZeroAtPercent { get; set; }
    public double FullAtPercent { get; set; } = 100;

    public RatioRule Rule => new(Weight, ZeroAtPercent, FullAtPercent);
}

/// <summary>
/// Configuration section <c>Assessment</c>: the score sheet (weights and thresholds) and the grade thresholds; the
/// defaults are <see cref="ScoreSheet.Default"/>. Red months are deducted as the <c>Bulletins</c> section says.
/// </summary>
public sealed class AssessmentOptions
{
    public RatioItemOptions PatrolCompliance { get; set; } = new() { Weight = 25, ZeroAtPercent = 50 };
    public RatioItemOptions ClosedOnTime { get; set; } = new() { Weight = 20, ZeroAtPercent = 50 };
    public double RedLightsWeight { get; set; } = 15;
    public double VacanciesWeight { get; set; } = 10;
    public double PointsPerVacancy { get; set; } = 2;
    public double ReportWeight { get; set; } = 10;
    public double PointsPerLateReport { get; set; } = 2;
    public double PointsPerMissingReport { get; set; } = 5;
    public RatioItemOptions TaskCompletion { get; set; } = new() { Weight = 15 };
    public RatioItemOptions WaterQuality { get; set; } = new() { Weight = 5 };
    public double Excellent { get; set; } = 90;
    public double Good { get; set; } = 80;
    public double Pass { get; set; } = 60;

    public ScoreSheet Sheet(RedLightDeduction redLights) => new(PatrolCompliance.Rule, ClosedOnTime.Rule, RedLightsWeight, redLights,
        new DeductionRule(VacanciesWeight, PointsPerVacancy), ReportWeight, PointsPerLateReport, PointsPerMissingReport, TaskCompletion.Rule, WaterQuality.Rule,
        new GradeScale(Excellent, Good, Pass));
}

/// <summary>Who is assessed.</summary>
public enum SubjectKind
{
    Area,
    Unit,
}

/// <summary>One item's line of a score card.</summary>
public sealed record ItemScoreResponse(AssessmentItem Item, string Label, double Measured, double Score, double Weight);

/// <summary>An area's or unit's score card in the period: item scores, total (out of 100), grade and rank among its kind.</summary>
public sealed record SubjectScore(SubjectKind Kind, string Code, string Name, string AreaCode, IReadOnlyList<ItemScoreResponse> Items, double Total, Grade Grade,
    string GradeLabel, int Rank, IReadOnlyList<SanctionRecord> Sanctions);

/// <summary>GET /api/assessment: the period's score cards per area of the level and per unit of those areas.</summary>
public sealed record AssessmentResponse(string Period, string PeriodLabel, string Level, string? AreaCode, DateTimeOffset AsOf, IReadOnlyList<SubjectScore> Areas,
    IReadOnlyList<SubjectScore> Units);

/// <summary>What a sanction is (问责方式).</summary>
public enum SanctionKind
{
    /// <summary>提示.</summary>
    Reminder,
    /// <summary>通报.</summary>
    Notice,
    /// <summary>约谈.</summary>
    Interview,
    /// <summary>问责.</summary>
    Accountability,
}

/// <summary>Whom a sanction concerns.</summary>
public enum SanctionSubject
{
    Chief,
    Unit,
    Area,
}

public static class SanctionKinds
{
    public static string ChineseLabel(this SanctionKind kind) => kind switch
    {
        SanctionKind.Reminder => "提示",
        SanctionKind.Notice => "通报",
        SanctionKind.Interview => "约谈",
        _ => "问责",
    };
}

/// <summary>A sanction in the log: who, when, why, decided by whom, and the user who recorded it.</summary>
/// <param name="DecidedBy">The authority that decided it (e.g. 县总河长), as the office states it.</param>
/// <param name="RecordedBy">The signed-in user who entered it.</param>
public sealed record SanctionRecord(long Id, SanctionKind Kind, string KindLabel, SanctionSubject SubjectType, string SubjectCode, string SubjectName,
    string AreaCode, DateOnly OnDay, string Reason, string DecidedBy, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>POST /api/sanctions.</summary>
/// <param name="OnDay">The day it was decided (default today; not in the future).</param>
/// <param name="DecidedBy">Who decided it (e.g. 区总河长, 区河长办).</param>
public sealed record SanctionRequest(SanctionKind? Kind, SanctionSubject? SubjectType, string? SubjectCode, DateOnly? OnDay, string? Reason, string? DecidedBy);

/// <summary>GET /api/sanctions.</summary>
public sealed record SanctionListResponse(int Count, IReadOnlyList<SanctionRecord> Sanctions);
