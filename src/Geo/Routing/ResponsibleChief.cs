using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Routing;

/// <summary>A chief as routing reports it: who, which role, and the level and code of the area the chief belongs to.</summary>
/// <param name="Id">Chief id.</param>
/// <param name="Name">Chief name.</param>
/// <param name="Role">General chief (总河长) or segment chief (河长).</param>
/// <param name="Level">Level of the chief's area (the chief's level).</param>
/// <param name="AreaCode">Code of the chief's area.</param>
/// <param name="Phone">Contact phone, when known.</param>
/// <param name="AreaName">Name of the chief's area (what a notice board shows next to the chief), when known.</param>
public sealed record ResponsibleChief(string Id, string Name, ChiefRole Role, AdminLevel Level, string AreaCode, string? Phone, string? AreaName = null)
{
    /// <summary>
    /// Describes <paramref name="chief"/>; its level is that of its area, or <paramref name="fallbackLevel"/> when the
    /// area is unknown to <paramref name="system"/> (a data error the validator reports; routing must still answer).
    /// </summary>
    public static ResponsibleChief Of(Chief chief, RiverSystem system, AdminLevel fallbackLevel)
    {
        var known = system.Areas.TryGetValue(chief.AreaCode, out var area);
        return new ResponsibleChief(chief.Id, chief.Name, chief.Role, known ? area!.Area.Level : fallbackLevel, chief.AreaCode, chief.Phone,
            known ? area!.Area.Name : null);
    }
}
