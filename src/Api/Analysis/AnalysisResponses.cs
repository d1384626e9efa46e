using RiverGis.Api.Http;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;

namespace RiverGis.Api.Analysis;

// What the analysis endpoints answer: the src/Geo results without their geometries as feature properties (mapped by
// Mapster, see Hosting/ResponseMappings), in feature collections that say which data version they were computed on.

/// <summary>An analysis result as GeoJSON: the features, the data version analysed and the computing time.</summary>
public record AnalysisCollection<T>(IReadOnlyList<Feature<T>> Features, long DataVersion, double ComputedMs) : FeatureCollection<T>(Features);

/// <summary>A coverage gap (覆盖缺口): a stretch inside a level-L area that no level-L segment with a chief covers.</summary>
public sealed record CoverageGapProperties(string RiverCode, string RiverName, AdminLevel Level, string AreaCode, string AreaName,
    GapReason Reason, double LengthM, double FromM, double ToM, IReadOnlyList<string> SegmentCodes);

/// <summary>Coverage of one river at the level.</summary>
public sealed record CoverageRiverRow(string RiverCode, string RiverName, AdminLevel RiverLevel, AdminLevel Level, double LengthM, double RequiredM,
    double CoveredM, double? CoveredPercent, double UnassignedM, double VacantM, double OutsideAreasM, int GapCount);

/// <summary>Coverage of the analysed rivers inside one area of the level.</summary>
public sealed record CoverageAreaRow(string AreaCode, string AreaName, AdminLevel Level, string? ParentCode, int RiverCount, double RequiredM,
    double CoveredM, double? CoveredPercent, double UnassignedM, double VacantM, int GapCount);

public sealed record CoverageSummary(CoverageTotals Totals, IReadOnlyList<CoverageRiverRow> Rivers, IReadOnlyList<CoverageAreaRow> Areas);

/// <summary>GET /api/analysis/coverage-gaps.</summary>
public sealed record CoverageGapsResponse(IReadOnlyList<Feature<CoverageGapProperties>> Features, AdminLevel Level, double ToleranceM,
    CoverageSummary Summary, long DataVersion, double ComputedMs) : AnalysisCollection<CoverageGapProperties>(Features, DataVersion, ComputedMs);

/// <summary>A stretch covered twice at one level (重复划分).</summary>
public sealed record OverlapProperties(string RiverCode, string RiverName, AdminLevel Level, IReadOnlyList<string> SegmentCodes,
    IReadOnlyList<string> AreaCodes, double LengthM, double FromM, double ToM);

/// <summary>The part of a segment outside its own area (跨界河段).</summary>
public sealed record CrossBoundaryProperties(string SegmentCode, string RiverCode, AdminLevel Level, string OwnAreaCode, string? EnteredAreaCode,
    string? EnteredAreaName, double LengthM);

/// <summary>Where a river crosses a boundary between areas of the level (交界断面).</summary>
public sealed record BoundaryCrossingProperties(string RiverCode, string RiverName, AdminLevel Level, CrossingKind Kind, double MeasureM,
    string? UpstreamAreaCode, string? DownstreamAreaCode, CrossingSide? Upstream, CrossingSide? Downstream);

/// <summary>A stretch of river along a boundary (界河), with the areas on its banks.</summary>
public sealed record BorderRiverProperties(string RiverCode, string RiverName, AdminLevel Level, string? LeftAreaCode, string? LeftAreaName,
    string? RightAreaCode, string? RightAreaName, double LengthM, double FromM, double ToM, double MedianDistanceM);

/// <summary>GET /api/rivers/{code}/profile: the one-river-one-file (一河一档), geometries as GeoJSON geometry objects.</summary>
public sealed record RiverProfileResponse(
    NetTopologySuite.Geometries.Geometry Geometry,
    string Code,
    string Name,
    AdminLevel Level,
    string? DownstreamCode,
    string? DownstreamName,
    double LengthM,
    IReadOnlyList<ProfileLevel> Levels,
    IReadOnlyList<CoverageGap> Gaps,
    IReadOnlyList<SegmentOverlap> Overlaps,
    IReadOnlyList<BoundaryCrossing> BoundaryCrossings,
    IReadOnlyList<ProfileOutlet> Outlets)
{
    /// <summary>Sections, outlets' lifecycle and rates, signboards (issue 14).</summary>
    public Water.RiverWaterFile? Water { get; init; }
}
