using RiverGis.Api.Http;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>One factor of a classified sample: value (mg/L), its class, 超标倍数 against the target, whether it counts for this water.</summary>
public sealed record FactorResponse(WaterFactor Factor, string Name, double Value, WaterClass WaterClass, double? Exceedance, bool Counted);

/// <summary>
/// A classification by GB 3838-2002 (single-factor evaluation): <c>water_class</c> ∈ I|II|III|IV|V|劣V, the factors that
/// decide it, and 超标倍数 (<c>exceedance</c>, by factor code) of those breaking the target.
/// </summary>
public sealed record ClassificationResponse(WaterBodyKind Kind, WaterClass WaterClass, string WaterClassLabel, string Quality,
    IReadOnlyList<WaterFactor> DecidingFactors, IReadOnlyDictionary<string, double> Exceedance, WaterClass Target, bool MeetsTarget,
    IReadOnlyList<FactorResponse> Factors)
{
    public static ClassificationResponse From(WaterQualityResult r) => new(r.Kind, r.Class, r.Class.ChineseLabel(), r.Class.QualityLabel(),
        r.DecidingFactors, r.Exceedance.ToDictionary(kv => SurfaceWaterStandard.Of(kv.Key).Code, kv => kv.Value), r.ReferenceClass, r.MeetsReference,
        r.Factors.Select(f => new FactorResponse(f.Factor, SurfaceWaterStandard.Of(f.Factor).ChineseName, f.Value, f.Class, f.Exceedance, f.Counted)).ToList());
}

/// <summary>A section as the map and lists show it: identity, place, target and its standing in the period asked for.</summary>
/// <param name="WaterClass">Class of the latest monitored month up to the period (null: never monitored).</param>
/// <param name="LatestPeriod">That month (yyyy-MM).</param>
/// <param name="Failing">True when the section has failed its target at least the configured number of monitored months in a row.</param>
public sealed record SectionProperties(string Code, string Name, SectionKind Kind, string KindLabel, WaterClass TargetClass, string? RiverCode,
    string? WaterBodyCode, IReadOnlyList<string> AreaCodes, double? MeasureM, double? OffsetM, string Period, WaterClass? WaterClass,
    string? WaterClassLabel, string? Quality, string? LatestPeriod, bool? TargetMet, int ConsecutiveFailures, bool Failing,
    IReadOnlyList<WaterFactor> DecidingFactors, WaterTrend Trend, string TrendLabel)
{
    public static SectionProperties From(SectionStanding s, int threshold)
    {
        var section = s.Section.Section;
        var latest = s.Latest;
        var q = latest?.Quality;
        return new SectionProperties(section.Code, section.Name, section.Kind, section.Kind.ChineseLabel(), section.TargetClass, section.RiverCode,
            section.WaterBodyCode, section.AreaCodes, Round(s.Section.MeasureM), Round(s.Section.OffsetM), s.Current.Period.Code, q?.Class,
            q?.Class.ChineseLabel(), q?.Class.QualityLabel(), latest?.Period.Code, latest?.TargetMet, latest?.ConsecutiveFailures ?? 0,
            (latest?.ConsecutiveFailures ?? 0) >= threshold, q?.DecidingFactors ?? [], WaterTrends.Of(s.Series), WaterTrends.Of(s.Series).ChineseLabel());
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 1) : null;
}

/// <summary>A section's month: samples, the class of their mean and the run of failures.</summary>
public sealed record PeriodResponse(string Period, string Label, int SampleCount, WaterClass? WaterClass, bool? TargetMet, int ConsecutiveFailures,
    IReadOnlyList<WaterFactor> DecidingFactors, IReadOnlyDictionary<string, double> Means)
{
    public static PeriodResponse From(SectionPeriod p) => new(p.Period.Code, p.Period.ChineseLabel, p.SampleCount, p.Quality?.Class, p.TargetMet,
        p.ConsecutiveFailures, p.Quality?.DecidingFactors ?? [],
        p.Quality?.Factors.ToDictionary(f => SurfaceWaterStandard.Of(f.Factor).Code, f => Math.Round(f.Value, 4)) ?? []);
}

/// <summary>A stored sample.</summary>
public sealed record SampleResponse(long Id, string SectionCode, DateTimeOffset SampledAt, IReadOnlyDictionary<string, double> Factors, WaterClass WaterClass,
    string WaterClassLabel, IReadOnlyList<string> DecidingFactors, string? Source)
{
    public static SampleResponse From(SampleRow r) => new(r.Id, r.SectionCode, r.SampledAt, r.Factors, r.WaterClass, r.WaterClass.ChineseLabel(), r.Deciding, r.Source);
}

/// <summary>POST /api/sections/{code}/samples and the import: what was stored, and the problems the consecutive-failure scan opened or found open.</summary>
public sealed record SamplesStoredResponse(int Stored, IReadOnlyList<SampleResponse> Samples, IReadOnlyList<EscalationOutcome> Escalations);

/// <summary>GET /api/sections/{code}/series: the section and its months (for the chart), with the samples.</summary>
public sealed record SectionSeriesResponse(SectionProperties Section, IReadOnlyList<PeriodResponse> Periods, IReadOnlyList<SampleResponse> Samples);

/// <summary>达标率 of an area with its name and level.</summary>
public sealed record AreaComplianceResponse(string AreaCode, string? AreaName, AdminLevel? Level, int Sections, int Monitored, int Met, double? RatePercent,
    int PreviousMonitored, int PreviousMet, double? PreviousRatePercent, double? ChangePoints);

/// <summary>GET /api/water-quality/compliance: the sections in the period and 达标率 per area.</summary>
public sealed record ComplianceResponse(IReadOnlyList<Feature<SectionProperties>> Features, string Period, int Threshold,
    IReadOnlyList<AreaComplianceResponse> Areas) : FeatureCollection<SectionProperties>(Features);

/// <summary>A proposed section at a boundary crossing.</summary>
public sealed record CandidateProperties(string Key, string RiverCode, string RiverName, AdminLevel Level, Geo.Responsibility.CrossingKind Kind,
    double MeasureM, string? UpstreamAreaCode, string? DownstreamAreaCode, IReadOnlyList<string> AreaCodes);

/// <summary>Accepting a candidate: the new section's code, name, target and kind (defaults: derived code and name, boundary).</summary>
public sealed record AcceptCandidateRequest(string? Code, string? Name, string? TargetClass, SectionKind? Kind);

/// <summary>Rejecting a candidate: why (who is the signed-in user).</summary>
public sealed record RejectCandidateRequest(string? Note);

/// <summary>A decision taken on a candidate.</summary>
public sealed record CandidateDecisionResponse(string Key, string Decision, string? SectionCode);

/// <summary>A sample as posted: when and the factors (a value in mg/L, or {"value", "unit"}).</summary>
public sealed record SampleRequest(string SampledAt, IReadOnlyDictionary<string, object> Factors, string? Unit);

/// <summary>A section as posted (the properties of a GeoJSON Point Feature).</summary>
public sealed record SectionRequestProperties(string Code, string Name, SectionKind Kind, string TargetClass, string? RiverCode, string? WaterBodyCode,
    IReadOnlyList<string> AreaCodes);
