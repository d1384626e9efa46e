using RiverGis.Api.Roster;
using RiverGis.Api.Store;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Figures;

/// <summary>Whether one chief met the patrol frequency of their level in a period.</summary>
public sealed record ChiefPatrolFigure(string ChiefId, AdminLevel Level, string AreaCode, bool Compliant);

/// <summary>
/// Patrol compliance per chief for a calendar period, as the monthly report and the assessment need it. One seam: the
/// patrols capability (issue 12) provides the district plans' calendar rules; until it is on main this reads the
/// existing <c>/api/analysis/patrols</c> computation over the period.
/// </summary>
public interface IPatrolComplianceFigures
{
    Task<IReadOnlyList<ChiefPatrolFigure>> ForPeriodAsync(OfficePeriod period, string? areaCode, AdminLevel? level, CancellationToken ct);
}

/// <summary>
/// The existing patrol analysis (<see cref="PatrolCompliance"/>) over the period's days, for the chiefs holding segments
/// on the period's last day (or today, for the period in progress) as the roster says.
/// </summary>
public sealed class AnalysisPatrolCompliance(PastSystems past, PatrolTrackLoader tracks, TimeProvider clock) : IPatrolComplianceFigures
{
    public async Task<IReadOnlyList<ChiefPatrolFigure>> ForPeriodAsync(OfficePeriod period, string? areaCode, AdminLevel? level, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var system = await past.OnAsync(OfficePeriod.DayOf((now < period.End ? now : period.End).AddTicks(-1)), ct);
        var loaded = await tracks.LoadAsync(period.Start, period.End, ct);
        return PatrolCompliance.Evaluate(system, loaded, period.Start, period.End, areaCode: areaCode, level: level)
            .Select(r => new ChiefPatrolFigure(r.ChiefId, r.Level, r.AreaCode, r.Compliant)).ToList();
    }
}
