using RiverGis.Api.Accounts;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Patrols;

/// <summary>
/// Whose patrols a caller may see and act for (a patrol's area is its chief's area): an administrator every chief's,
/// an office the chiefs of its area and the areas under it, a chief their own; the public none. The stores receive the
/// chiefs in scope and put them in their WHERE, so nothing out of scope is loaded, and a patrol outside the scope does
/// not exist for the caller (404), as with issues.
/// </summary>
public static class PatrolScope
{
    /// <summary>The chiefs whose patrols <paramref name="caller"/> may see; null: every chief (an administrator).</summary>
    public static IReadOnlyList<string>? Chiefs(Caller caller, RiverSystem system) => caller.Role switch
    {
        Role.Admin => null,
        Role.Office when caller.AreaCode is { } area => system.Chiefs.Values.Where(c => InArea(system, c.AreaCode, area)).Select(c => c.Id).ToList(),
        Role.Chief when caller.ChiefId is { } chief => [chief],
        _ => [],
    };

    /// <summary>Whether <paramref name="caller"/> may see (and an office act for) the patrols of <paramref name="chiefId"/>.</summary>
    public static bool Holds(Caller caller, RiverSystem system, string chiefId) => caller.Role switch
    {
        Role.Admin => true,
        Role.Office => caller.AreaCode is { } area && system.Chiefs.TryGetValue(chiefId, out var chief) && InArea(system, chief.AreaCode, area),
        Role.Chief => caller.ChiefId == chiefId,
        _ => false,
    };

    /// <summary>Whether an office of <paramref name="caller"/>'s area serves <paramref name="areaCode"/> (administrators every area).</summary>
    public static bool Serves(Caller caller, RiverSystem system, string areaCode) =>
        caller.Role == Role.Admin || caller.Role == Role.Office && caller.AreaCode is { } own && InArea(system, areaCode, own);

    /// <summary>The area a chief's patrol belongs to, with its ancestors (the audit log's area codes).</summary>
    public static string[] AreaCodes(RiverSystem system, string chiefId) =>
        system.Chiefs.TryGetValue(chiefId, out var chief) ? system.AncestorsAndSelf(chief.AreaCode).Select(a => a.Code).ToArray() : [];

    private static bool InArea(RiverSystem system, string areaCode, string within) =>
        areaCode == within || system.AncestorsAndSelf(areaCode).Any(a => a.Code == within);
}
