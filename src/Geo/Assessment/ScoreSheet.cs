namespace RiverGis.Geo.Assessment;

/// <summary>
/// What was measured for one area or unit in a period; null where an item does not apply (a unit patrols no river;
/// an area with no monitoring section has no water-quality figure; nothing closed, nothing due).
/// </summary>
/// <param name="RedMonths">Red months in the period.</param>
/// <param name="RedMonthsBefore">Red months of the same year before the period: the n-th red month of a year is deducted wherever it falls.</param>
public sealed record Measures(
    double? PatrolCompliancePercent = null,
    double? ClosedOnTimePercent = null,
    int? RedMonths = null,
    int? VacantSegments = null,
    int? LateReports = null,
    int? MissingReports = null,
    double? TaskCompletionPercent = null,
    double? WaterQualityPercent = null,
    int RedMonthsBefore = 0);

/// <summary>One line of a score card: the item, the figure measured, the points scored out of the weight.</summary>
public sealed record ItemScore(AssessmentItem Item, double Measured, double Score, double Weight);

/// <summary>A score card: the applicable items, the total out of 100 and the grade.</summary>
public sealed record ScoreCard(IReadOnlyList<ItemScore> Items, double Total, Grade Grade);

/// <summary>
/// The configurable score sheet (考核评分表): a weight and a scoring rule per item, and the grade thresholds. Items that
/// do not apply to a subject are left out and the total is scaled to 100 over the weights that do apply, so a unit
/// (which has no patrols or vacancies) and an area are graded on the same scale.
/// </summary>
public sealed record ScoreSheet(
    RatioRule PatrolCompliance,
    RatioRule ClosedOnTime,
    double RedLightsWeight,
    Bulletins.RedLightDeduction RedLights,
    DeductionRule Vacancies,
    double ReportWeight,
    double PointsPerLateReport,
    double PointsPerMissingReport,
    RatioRule TaskCompletion,
    RatioRule WaterQuality,
    GradeScale Grades)
{
    /// <summary>
    /// The shipped defaults: patrols 25, problems closed on time 20, red lights 15 (2 points per red month from the third,
    /// the plans' 从第三次开始扣分), vacancies 10 (2 per vacant segment), report punctuality 10 (2 per late, 5 per missing
    /// report), plan items 15, water quality 5; shares score from 50 % (patrols, closing on time) or 0 % (items, water) up
    /// to 100 %; 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60. Offices configure their own.
    /// </summary>
    public static readonly ScoreSheet Default = new(
        new RatioRule(25, 50, 100), new RatioRule(20, 50, 100), 15, new Bulletins.RedLightDeduction(3, 2), new DeductionRule(10, 2),
        10, 2, 5, new RatioRule(15, 0, 100), new RatioRule(5, 0, 100), new GradeScale());

    public ScoreCard Score(Measures m)
    {
        var items = new List<ItemScore>();
        void Ratio(AssessmentItem item, RatioRule rule, double? percent)
        {
            if (percent is { } p) items.Add(new(item, p, rule.Score(p), rule.Weight));
        }
        Ratio(AssessmentItem.PatrolCompliance, PatrolCompliance, m.PatrolCompliancePercent);
        Ratio(AssessmentItem.ClosedOnTime, ClosedOnTime, m.ClosedOnTimePercent);
        if (m.RedMonths is { } red)
        {
            var deducted = RedLights.DeductedMonths(m.RedMonthsBefore + red) - RedLights.DeductedMonths(m.RedMonthsBefore);
            items.Add(new(AssessmentItem.RedLights, red, Math.Max(0, RedLightsWeight - deducted * RedLights.PointsPerRedMonth), RedLightsWeight));
        }
        if (m.VacantSegments is { } vacant) items.Add(new(AssessmentItem.Vacancies, vacant, Vacancies.Score(vacant), Vacancies.Weight));
        if (m.LateReports is { } late && m.MissingReports is { } missing)
        {
            var score = Math.Max(0, ReportWeight - late * PointsPerLateReport - missing * PointsPerMissingReport);
            items.Add(new(AssessmentItem.ReportPunctuality, late + missing, score, ReportWeight));
        }
        Ratio(AssessmentItem.TaskCompletion, TaskCompletion, m.TaskCompletionPercent);
        Ratio(AssessmentItem.WaterQuality, WaterQuality, m.WaterQualityPercent);
        var weights = items.Sum(i => i.Weight);
        var total = weights > 0 ? Math.Round(items.Sum(i => i.Score) / weights * 100, 2) : 0;
        return new ScoreCard(items.Select(i => i with { Score = Math.Round(i.Score, 2) }).ToList(), total, Grades.Of(total));
    }
}
