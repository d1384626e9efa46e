using RiverGis.Geo.Model;

namespace RiverGis.Geo.Routing;

/// <summary>Outcome class of a responsibility query, for the HTTP layer to map (200 / 404 / 400).</summary>
public enum ResolveStatus
{
    /// <summary>A responsible chief was determined (on the river network or, off it, the area's general chief).</summary>
    Found,
    /// <summary>No river within the radius and no area contains the point: outside the system (HTTP 404).</summary>
    NotFound,
    /// <summary>The coordinates are out of range (HTTP 400); see <see cref="ResponsibilityResult.Message"/>.</summary>
    InvalidCoordinate,
}

/// <summary>Why a level was skipped while looking for the first responsible chief.</summary>
public enum EscalationReason
{
    /// <summary>A segment of that level covers the stretch but has no chief (河长空缺).</summary>
    Vacant,
    /// <summary>No segment of that level covers the stretch (未划分河段).</summary>
    Unassigned,
}

/// <summary>Why a candidate is listed next to the chosen chief.</summary>
public enum CandidateReason
{
    /// <summary>Another river is about as near as the chosen one (distance ≤ best + margin).</summary>
    OtherRiver,
    /// <summary>A neighbouring segment of the same level begins within the margin (along the river) of the point.</summary>
    SegmentBoundary,
    /// <summary>Another segment of the same level covers the same stretch (a border river shared by two areas).</summary>
    SharedStretch,
}

/// <summary>A level skipped on the way up, with the reason and the vacant segment if there was one.</summary>
/// <param name="ZoneCode">In a water body: the vacant zone (片区) of that level, if there was one.</param>
public sealed record SkippedLevel(AdminLevel Level, EscalationReason Reason, string? SegmentCode, string? ZoneCode = null);

/// <summary>Another chief who may be responsible for the reported point.</summary>
/// <param name="Chief">That chief; null when nobody at all is recorded for that stretch.</param>
/// <param name="RiverCode">River of the alternative.</param>
/// <param name="SegmentCode">Segment whose chief it is; null when the chief is a general chief.</param>
/// <param name="DistanceM">Geodesic distance from the point to the alternative's stretch.</param>
/// <param name="Why">Reason for listing it.</param>
public sealed record RoutingCandidate(ResponsibleChief? Chief, string RiverCode, string? SegmentCode, double DistanceM, CandidateReason Why);

/// <summary>A lon/lat position.</summary>
public readonly record struct GeoPosition(double Lon, double Lat);

/// <summary>A point snapped onto a river: the river, the measure along it and how far the point was.</summary>
/// <param name="RiverCode">River code.</param>
/// <param name="RiverName">River name.</param>
/// <param name="MeasureM">Geodesic metres along the river from its upstream end (source) to the snapped point.</param>
/// <param name="DistanceM">Geodesic distance from the point to the snapped point.</param>
/// <param name="Snapped">The nearest position on the river.</param>
public sealed record RiverSnap(string RiverCode, string RiverName, double MeasureM, double DistanceM, GeoPosition Snapped);

/// <summary>
/// Who is responsible for a problem reported at a position (<see cref="ResponsibilityIndex.Resolve"/>). All distances
/// and measures are geodesic metres.
/// </summary>
public sealed record ResponsibilityResult
{
    /// <summary>Found, NotFound (outside every area and no river near) or InvalidCoordinate.</summary>
    public required ResolveStatus Status { get; init; }
    /// <summary>Explanation for NotFound / InvalidCoordinate (e.g. a lat/lon swap hint); null otherwise.</summary>
    public string? Message { get; init; }
    /// <summary>No river within the radius: the chief is the general chief of the deepest area containing the point.</summary>
    public bool OffRiver { get; init; }
    /// <summary>The first responsible chief (第一责任人); null only when the data record nobody at all.</summary>
    public ResponsibleChief? Chief { get; init; }
    /// <summary>Every chief above the first one: higher-level segment chiefs, then general chiefs bottom-up; no duplicates.</summary>
    public IReadOnlyList<ResponsibleChief> Chain { get; init; } = [];
    /// <summary>Level at which the first responsible chief was expected (deepest required level containing the point).</summary>
    public AdminLevel? ExpectedLevel { get; init; }
    /// <summary>Level of the segment whose chief was chosen; null off the river or on the general-chief fallback.</summary>
    public AdminLevel? ResponsibleLevel { get; init; }
    /// <summary>True when the chief is not from the expected level.</summary>
    public bool Escalated { get; init; }
    /// <summary>Reason at the first level that failed; null when not escalated.</summary>
    public EscalationReason? EscalationReason { get; init; }
    /// <summary>Each level skipped, bottom-up, with its reason.</summary>
    public IReadOnlyList<SkippedLevel> SkippedLevels { get; init; } = [];
    /// <summary>True when no segment at any level had a chief and the general chief (总河长) was taken instead.</summary>
    public bool GeneralChiefFallback { get; init; }
    /// <summary>Nearest river within the radius.</summary>
    public string? RiverCode { get; init; }
    /// <summary>Name of <see cref="RiverCode"/>.</summary>
    public string? RiverName { get; init; }
    /// <summary>Segment whose chief is <see cref="Chief"/>; null on fallbacks.</summary>
    public string? SegmentCode { get; init; }
    /// <summary>Geodesic distance from the point to the river.</summary>
    public double? DistanceM { get; init; }
    /// <summary>Measure of the snapped point along the river, from its upstream end.</summary>
    public double? MeasureM { get; init; }
    /// <summary>Nearest point on the river.</summary>
    public GeoPosition? Snapped { get; init; }
    /// <summary>Deepest area containing the point.</summary>
    public string? AreaCode { get; init; }
    /// <summary>The lake or reservoir the point lies in (or on whose shore, within the shore radius); null on rivers.</summary>
    public string? WaterBodyCode { get; init; }
    /// <summary>Name of <see cref="WaterBodyCode"/>.</summary>
    public string? WaterBodyName { get; init; }
    /// <summary>The zone (片区) whose 湖长/库长 is <see cref="Chief"/>; null on rivers and on fallbacks.</summary>
    public string? ZoneCode { get; init; }
    /// <summary>Other possibly responsible chiefs (near another river, near a segment boundary, shared stretch), nearest first.</summary>
    public IReadOnlyList<RoutingCandidate> Candidates { get; init; } = [];
}
