using RiverGis.Geo.Indexing;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Which areas a caller works in, for the office's records that have an area (units, the roster, plan items, bulletins,
/// reports, re-check samples, the assessment, sanctions): an office its area's subtree, an administrator every area;
/// a chief reads only what it is responsible for (a chief column), the public nothing. An area outside the scope
/// answers 404 like an issue (<see cref="AccessConventions.Scoped{TBuilder}"/>).
/// </summary>
public static class AreaScope
{
    /// <summary>True when <paramref name="areaCode"/> lies in the caller's subtree (an administrator: every known area).</summary>
    public static bool Holds(Caller caller, RiverSystem system, string areaCode) => caller.Role switch
    {
        Role.Admin => true,
        Role.Office when caller.AreaCode is { } own => system.AncestorsAndSelf(areaCode).Any(a => a.Code == own),
        _ => false,
    };

    /// <summary>
    /// The predicate for <paramref name="caller"/> on a column holding a record's area and its ancestors (null: no
    /// restriction); a chief sees the records whose <paramref name="chiefColumn"/> names them, when there is one.
    /// <paramref name="parameter"/> adds a parameter and returns its placeholder.
    /// </summary>
    public static string? Sql(Caller caller, string areaCodesColumn, Func<object, string> parameter, string? chiefColumn = null) => caller.Role switch
    {
        Role.Admin => null,
        Role.Office when caller.AreaCode is { } area => $"{areaCodesColumn} @> ARRAY[{parameter(area)}]::text[]",
        Role.Chief when chiefColumn is not null && caller.ChiefId is { } chief => $"{chiefColumn} = {parameter(chief)}",
        _ => "false",
    };

    /// <summary>An area and its ancestors: the audit log's areas of a record (the offices whose scope holds it).</summary>
    public static string[] Chain(RiverSystem system, string areaCode) => system.AncestorsAndSelf(areaCode).Select(a => a.Code).ToArray();

    /// <summary>The area a request that names none is about: the office's own; null (every area) for an administrator.</summary>
    public static string? DefaultArea(Caller caller) => caller.Role == Role.Office ? caller.AreaCode : null;

    /// <summary>The 404 problem detail for an area outside the caller's scope (the same as an unknown one).</summary>
    public static string NotInScope(string areaCode) => $"There is no area '{areaCode}' in your scope.";
}
