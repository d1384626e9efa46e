namespace RiverGis.Api.Features;

/// <summary>The collections served under /features. Property names are snake_case, matching the dataset format.</summary>
public static class FeatureCollections
{
    private static FeatureProperty S(string name, string sql, string description, bool queryable = true) => new(name, sql, PropertyType.String, queryable, description);
    private static FeatureProperty N(string name, string sql, string description) => new(name, sql, PropertyType.Number, false, description);
    private static FeatureProperty I(string name, string sql, string description) => new(name, sql, PropertyType.Integer, true, description);

    public static readonly FeatureCollectionDefinition AdminAreas = new(
        "admin-areas", "Administrative areas 行政区域",
        "Areas of every level (province, city, county, township, village) with their parent and general chief (总河长).",
        "admin_areas t LEFT JOIN LATERAL (SELECT g.id, g.name, g.phone FROM chiefs g WHERE g.area_code = t.code AND g.role = 'general' ORDER BY g.id LIMIT 1) gc ON true",
        "t.code", false, "admin_areas", FeatureGeometryType.MultiPolygon,
        [
            S("code", "t.code", "administrative division code"),
            S("name", "t.name", "name"),
            S("level", "t.level", "province|city|county|township|village"),
            S("parent_code", "t.parent_code", "code of the parent area"),
            S("dataset_code", "t.dataset_code", "dataset the area came from"),
            S("general_chief_id", "gc.id", "id of the general chief (总河长)", false),
            S("general_chief_name", "gc.name", "name of the general chief", false),
            S("general_chief_phone", "gc.phone", "phone of the general chief", false),
            new("synthetic", "coalesce((t.attributes->>'synthetic')::boolean, false)", PropertyType.Boolean, false, "true when the geometry is constructed, not surveyed"),
        ]);

    public static readonly FeatureCollectionDefinition Rivers = new(
        "rivers", "Rivers 河流",
        "Rivers digitised from source to mouth, with the highest level that manages them.",
        "rivers t", "t.code", false, "rivers", FeatureGeometryType.MultiLineString,
        [
            S("code", "t.code", "river code"),
            S("name", "t.name", "name"),
            S("level", "t.level", "highest level that manages the river"),
            S("downstream_code", "t.downstream_code", "river it flows into"),
            S("dataset_code", "t.dataset_code", "dataset the river came from"),
            N("length_m", "round(t.length_m::numeric, 1)", "geodesic length in metres"),
            new("synthetic", "coalesce((t.attributes->>'synthetic')::boolean, false)", PropertyType.Boolean, false, "true when the geometry is constructed, not surveyed"),
        ]);

    public static readonly FeatureCollectionDefinition Segments = new(
        "segments", "River segments 河段",
        "Segments of rivers owned by an area at one level, with the responsible chief (河长) joined; chief_id null = vacant.",
        "segments t JOIN rivers r ON r.code = t.river_code JOIN admin_areas a ON a.code = t.area_code LEFT JOIN chiefs c ON c.id = t.chief_id",
        "t.code", false, "segments", FeatureGeometryType.MultiLineString,
        [
            S("code", "t.code", "segment code"),
            S("name", "t.name", "segment name", false),
            S("river_code", "t.river_code", "river"),
            S("river_name", "r.name", "river name", false),
            S("level", "t.level", "level of the segment"),
            S("area_code", "t.area_code", "area that owns the segment"),
            S("area_name", "a.name", "name of the owning area", false),
            S("chief_id", "t.chief_id", "responsible chief (null = vacant)"),
            S("chief_name", "c.name", "name of the chief", false),
            S("chief_phone", "c.phone", "phone of the chief", false),
            new("vacant", "(t.chief_id IS NULL)", PropertyType.Boolean, true, "true when no chief is assigned"),
            S("dataset_code", "t.dataset_code", "dataset"),
            N("length_m", "round(t.length_m::numeric, 1)", "geodesic length in metres"),
        ]);

    public static readonly FeatureCollectionDefinition Outlets = new(
        "outlets", "Sewage outlets 入河排污口",
        "Outlets discharging into rivers, by kind, scale (规模以上/以下) and permit status.",
        "outlets t LEFT JOIN rivers r ON r.code = t.river_code", "t.code", false, "outlets", FeatureGeometryType.Point,
        [
            S("code", "t.code", "outlet code"),
            S("name", "t.name", "name"),
            S("kind", "t.kind", "industrial|municipal|agricultural|aquaculture|other"),
            S("scale", "t.scale", "above|below (规模以上/以下)"),
            S("permit", "t.permit", "approved|pending|none"),
            S("river_code", "t.river_code", "receiving river"),
            S("river_name", "r.name", "receiving river name", false),
            S("dataset_code", "t.dataset_code", "dataset"),
        ]);

    public static readonly FeatureCollectionDefinition PatrolTracks = new(
        "patrol-tracks", "Patrol tracks 巡河轨迹",
        "GPS tracks of river patrols by chiefs.",
        "patrol_tracks t JOIN chiefs c ON c.id = t.chief_id JOIN admin_areas a ON a.code = c.area_code", "t.id", true, "patrol_tracks", FeatureGeometryType.MultiLineString,
        [
            I("track_id", "t.id", "track id (the feature id, repeated as an attribute for desktop GIS)"),
            S("chief_id", "t.chief_id", "chief who patrolled"),
            S("chief_name", "c.name", "name of the chief", false),
            S("level", "a.level", "level of the chief"),
            S("area_code", "c.area_code", "area of the chief"),
            new("started_at", "t.started_at", PropertyType.DateTime, false, "start of the patrol"),
            new("ended_at", "t.ended_at", PropertyType.DateTime, false, "end of the patrol"),
            N("duration_min", "round(extract(epoch FROM t.ended_at - t.started_at)::numeric / 60, 1)", "duration in minutes"),
            N("length_m", "round(t.length_m::numeric, 1)", "geodesic length in metres"),
            S("dataset_code", "t.dataset_code", "dataset"),
        ],
        TemporalSql: "tstzrange(t.started_at, t.ended_at, '[]')");

    /// <summary>The status light in SQL: issue_light (migration 0003), the same rule as <see cref="Geo.Issues.StatusLight"/> (a test holds them together).</summary>
    public static readonly string LightSql =
        $"issue_light(t.status, t.deadline, now(), interval '{Geo.Issues.StatusLight.DueSoon.TotalSeconds} seconds')";

    public static readonly FeatureCollectionDefinition Issues = new(
        "issues", "Issues 问题台账",
        "Problems reported at a point, routed to the responsible chief, with status and the red/yellow/green light. Reporter contacts are not published.",
        "issues t", "t.id", true, "issues", FeatureGeometryType.Point,
        [
            I("issue_id", "t.id", "issue id (the feature id, repeated as an attribute for desktop GIS; GET /api/issues/{id})"),
            S("category", "t.category", "problem category"),
            S("status", "t.status", "reported|assigned|rectifying|verifying|closed|returned|rejected"),
            S("light", LightSql, "green|yellow|red (due within 3 days: yellow; overdue: red)"),
            S("description", "t.description", "what was reported", false),
            S("source", "t.source", "patrol|public|inspection"),
            S("chief_id", "t.chief_id", "responsible chief"),
            S("chief_name", "t.chief->>'name'", "name of the responsible chief", false),
            S("river_code", "t.river_code", "river"),
            S("segment_code", "t.segment_code", "segment"),
            S("area_code", "t.area_code", "deepest area containing the point"),
            new("reported_at", "t.reported_at", PropertyType.DateTime, false, "when it was reported"),
            new("deadline", "t.deadline", PropertyType.DateTime, false, "rectification deadline"),
            new("closed_at", "t.closed_at", PropertyType.DateTime, false, "when it was closed or rejected"),
            S("chief_phone", "t.chief->>'phone'", "phone of the responsible chief", false),
        ],
        TemporalSql: "tstzrange(t.reported_at, t.reported_at, '[]')",
        CacheCounts: false);

    public static IReadOnlyList<FeatureCollectionDefinition> All { get; } = [AdminAreas, Rivers, Segments, Outlets, PatrolTracks, Issues];

    public static FeatureCollectionDefinition? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
