using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Water;

/// <summary>
/// 设置审批率 and 监测率 of the above-scale outlets (规模以上排污口) of one area in a period: of those still discharging
/// (not closed, not connected to the sewer), how many are approved and how many were monitored at least once.
/// </summary>
public sealed record AreaOutletRates(string AreaCode, OfficePeriod Period, int AboveScale, int Approved, double? ApprovalRatePercent,
    int Monitored, double? MonitoringRatePercent, IReadOnlyList<string> Unmonitored);

/// <summary>
/// Outlet rates per area, as county summaries report them ("7 of 10 approved, 9 of 9 monitored"): an outlet counts for
/// the deepest area containing it and every area above that one.
/// </summary>
public static class OutletRates
{
    /// <summary>True for an outlet that still discharges into the river.</summary>
    public static bool Discharging(this Outlet outlet) => outlet.Status is OutletStatus.Normal or OutletStatus.Rectifying;

    /// <param name="monitoredCodes">Outlets with at least one monitoring record in the period.</param>
    public static IReadOnlyList<AreaOutletRates> Compute(RiverSystem system, OfficePeriod period, IReadOnlySet<string> monitoredCodes)
    {
        var tallies = new Dictionary<string, (int Above, int Approved, int Monitored, List<string> Unmonitored)>(StringComparer.Ordinal);
        foreach (var outlet in system.Data.Outlets.Where(o => o.Scale == OutletScale.Above && o.Discharging()))
        {
            var monitored = monitoredCodes.Contains(outlet.Code);
            foreach (var area in AreasOf(system, outlet))
            {
                var t = tallies.TryGetValue(area, out var existing) ? existing : (Above: 0, Approved: 0, Monitored: 0, Unmonitored: new List<string>());
                t.Above++;
                if (outlet.Permit == PermitStatus.Approved) t.Approved++;
                if (monitored) t.Monitored++;
                else t.Unmonitored.Add(outlet.Code);
                tallies[area] = t;
            }
        }
        return tallies.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new AreaOutletRates(kv.Key, period, kv.Value.Above, kv.Value.Approved, Rate(kv.Value.Approved, kv.Value.Above),
                kv.Value.Monitored, Rate(kv.Value.Monitored, kv.Value.Above), kv.Value.Unmonitored.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>The deepest area containing the outlet and its ancestors.</summary>
    public static IEnumerable<string> AreasOf(RiverSystem system, Outlet outlet)
    {
        var (x, y) = system.Projection.Project(outlet.Location.X, outlet.Location.Y);
        foreach (var level in system.LevelsPresent.Reverse())
        {
            var deepest = system.AreasContaining(level, x, y).OrderBy(a => a.Area.Code, StringComparer.Ordinal).FirstOrDefault();
            if (deepest is not null) return system.AncestorsAndSelf(deepest.Area.Code).Select(a => a.Code);
        }
        return [];
    }

    private static double? Rate(int count, int of) => of == 0 ? null : Math.Round(100.0 * count / of, 2);
}
