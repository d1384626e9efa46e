using RiverGis.Api.Patrols;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Figures;

/// <summary>Whether one chief met the patrol frequency of their level in a period.</summary>
public sealed record ChiefPatrolFigure(string ChiefId, AdminLevel Level, string AreaCode, bool Compliant);

/// <summary>Patrol compliance per chief for a calendar period, as the monthly report and the assessment need it.</summary>
public interface IPatrolComplianceFigures
{
    Task<IReadOnlyList<ChiefPatrolFigure>> ForPeriodAsync(OfficePeriod period, string? areaCode, AdminLevel? level, CancellationToken ct);
}

/// <summary>
/// The patrols capability's judgement (<see cref="PatrolComplianceService"/>): the district plans' calendar rules per
/// level and role (总河长 quarterly, county monthly, township 4 a month and 1 per 旬, …), on valid patrols only.
/// </summary>
public sealed class PlanPatrolCompliance(PatrolComplianceService patrols) : IPatrolComplianceFigures
{
    public async Task<IReadOnlyList<ChiefPatrolFigure>> ForPeriodAsync(OfficePeriod period, string? areaCode, AdminLevel? level, CancellationToken ct) =>
        (await patrols.ForPeriodAsync(period, areaCode, level, ct)).Chiefs
            .Select(c => new ChiefPatrolFigure(c.Chief.Id, c.Level, c.Chief.AreaCode, c.Verdict.Compliant)).ToList();
}
