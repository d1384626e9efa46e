using RiverGis.Api.Http;
using RiverGis.Geo.Demarcation;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Demarcation;

/// <summary>
/// One problem of a proposed demarcation (mapped from <see cref="DemarcationProblem"/>). <c>index</c> is its place in
/// <c>problems</c>; features carry the same index, so a client can pair a drawn problem with the listed one.
/// </summary>
public sealed record DemarcationProblemProperties(
    DemarcationProblemKind Kind,
    DemarcationSeverity Severity,
    string? SegmentCode,
    IReadOnlyList<string> SegmentCodes,
    int? FeatureIndex,
    IReadOnlyList<int> FeatureIndices,
    string? RiverCode,
    AdminLevel? Level,
    string? AreaCode,
    string MessageEn,
    string MessageZh,
    double? LengthM,
    double? FromM,
    double? ToM,
    string Message,
    int Index);

/// <summary>
/// POST /api/demarcation/check: the problems that have a place as features, and every problem in <c>problems</c>.
/// <c>counts</c> has every kind (0 when none).
/// </summary>
public sealed record DemarcationCheckResponse(
    IReadOnlyList<Feature<DemarcationProblemProperties>> Features,
    bool Ok,
    int ErrorCount,
    int WarningCount,
    IReadOnlyDictionary<DemarcationProblemKind, int> Counts,
    IReadOnlyList<DemarcationProblemProperties> Problems,
    SegmentReplacement Replace,
    double ToleranceM) : FeatureCollection<DemarcationProblemProperties>(Features);
