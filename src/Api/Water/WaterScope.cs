using RiverGis.Api.Accounts;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Water;

/// <summary>
/// Which water resources a caller may change, as SQL the water stores add to their WHERE (so nothing out of scope is
/// touched, and out of scope answers 404 like the ledger): an administrator everything; an office what lies in its
/// area's subtree — a section answering to an area there, an outlet inside its area, a zone of an area there, a
/// signboard of a segment or zone there. Each predicate takes the placeholder of <see cref="AreaOf"/> (NULL: no limit).
/// </summary>
public static class WaterScope
{
    /// <summary>The area whose subtree the caller edits: null for an administrator, the office's area, and for any other role an area nothing has.</summary>
    public static string? AreaOf(Caller caller) => caller.Role switch
    {
        Role.Admin => null,
        Role.Office => caller.AreaCode ?? "",
        _ => "",
    };

    /// <summary>On table sections: one of its areas lies in the subtree.</summary>
    public static string Sections(string area) =>
        $"({area}::text IS NULL OR EXISTS (SELECT 1 FROM unnest(sections.area_codes) a WHERE {area} = ANY (area_lineage(a))))";

    /// <summary>On table outlets: the outlet lies inside the office's area.</summary>
    public static string Outlets(string area) =>
        $"({area}::text IS NULL OR EXISTS (SELECT 1 FROM admin_areas a WHERE a.code = {area} AND ST_Intersects(a.geom, outlets.geom)))";

    /// <summary>On table water_body_zones: the zone's area lies in the subtree.</summary>
    public static string Zones(string area) => $"({area}::text IS NULL OR {area} = ANY (area_lineage(water_body_zones.area_code)))";

    /// <summary>On table signboards: the area of the board's segment or zone lies in the subtree.</summary>
    public static string Signboards(string area) =>
        $"({area}::text IS NULL OR {area} = ANY (area_lineage(coalesce((SELECT s.area_code FROM segments s WHERE s.code = signboards.segment_code), "
        + "(SELECT z.area_code FROM water_body_zones z WHERE z.code = signboards.zone_code)))))";

    /// <summary>Whether the caller's subtree holds one of <paramref name="areaCodes"/> (for what is not stored yet: a new section, a proposed one).</summary>
    public static bool Holds(RiverSystem system, Caller caller, IEnumerable<string> areaCodes) => AreaOf(caller) switch
    {
        null => true,
        var area => areaCodes.Any(a => system.Areas.ContainsKey(a) && system.AncestorsAndSelf(a).Any(x => x.Code == area)),
    };

    /// <summary>The areas and their ancestors, for the audit log (an office reads the entries of its subtree).</summary>
    public static string[] Lineage(RiverSystem system, IEnumerable<string?> areaCodes) =>
        areaCodes.OfType<string>().Where(system.Areas.ContainsKey).SelectMany(a => system.AncestorsAndSelf(a).Select(x => x.Code))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
