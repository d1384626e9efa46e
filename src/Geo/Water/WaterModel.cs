using NetTopologySuite.Geometries;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Water;

/// <summary>What a monitoring section (断面) is set for.</summary>
public enum SectionKind
{
    /// <summary>交界断面: at a boundary between areas (or between a main stem and a tributary).</summary>
    Boundary,
    /// <summary>考核断面: an assessment section of the river-chief plans.</summary>
    Assessment,
    /// <summary>水功能区断面: the control section of a water-function zone.</summary>
    FunctionZone,
    /// <summary>水源地断面: a drinking-water source.</summary>
    DrinkingSource,
}

/// <summary>A polygon water body: a natural lake (湖) or a reservoir (水库).</summary>
public enum WaterBodyType
{
    Lake,
    Reservoir,
}

/// <summary>Where a sewage outlet stands in its lifecycle (入河排污口整治).</summary>
public enum OutletStatus
{
    /// <summary>正常: discharging under its permit.</summary>
    Normal,
    /// <summary>整治中: being rectified.</summary>
    Rectifying,
    /// <summary>已关停: closed.</summary>
    Closed,
    /// <summary>截污纳管: connected to the sewer, no longer discharging into the river.</summary>
    ConnectedToSewer,
}

/// <summary>Chinese labels of the water enums.</summary>
public static class WaterLabels
{
    public static string ChineseLabel(this SectionKind kind) => kind switch
    {
        SectionKind.Boundary => "交界断面",
        SectionKind.Assessment => "考核断面",
        SectionKind.FunctionZone => "水功能区断面",
        _ => "水源地断面",
    };

    public static string ChineseLabel(this WaterBodyType type) => type == WaterBodyType.Lake ? "湖泊" : "水库";

    /// <summary>湖长 for lakes, 库长 for reservoirs.</summary>
    public static string ChiefTitle(this WaterBodyType type) => type == WaterBodyType.Lake ? "湖长" : "库长";

    public static string ChineseLabel(this OutletStatus status) => status switch
    {
        OutletStatus.Normal => "正常",
        OutletStatus.Rectifying => "整治中",
        OutletStatus.Closed => "已关停",
        _ => "截污纳管",
    };

    /// <summary>
    /// 水质状况 of a class as 《地表水环境质量评价办法（试行）》 (环办〔2011〕22号) Table 2 describes it: Ⅰ–Ⅱ 优, Ⅲ 良好,
    /// Ⅳ 轻度污染, Ⅴ 中度污染, 劣Ⅴ 重度污染 (drawn blue, green, yellow, orange, red).
    /// </summary>
    public static string QualityLabel(this WaterClass waterClass) => waterClass switch
    {
        WaterClass.I or WaterClass.II => "优",
        WaterClass.III => "良好",
        WaterClass.IV => "轻度污染",
        WaterClass.V => "中度污染",
        _ => "重度污染",
    };

    /// <summary>The classification kind of a section: lake limits inside a water body, river limits otherwise.</summary>
    public static WaterBodyKind ClassificationKind(this MonitoringSection section) =>
        section.WaterBodyCode is null ? WaterBodyKind.River : WaterBodyKind.Lake;
}

/// <summary>
/// A monitoring section (监测断面): a point on a river (snapped with its measure) or in a water body, with its kind,
/// the class it must meet and the area(s) answering for it (two for a boundary section: upstream and downstream).
/// </summary>
public sealed record MonitoringSection(string Code, string Name, SectionKind Kind, WaterClass TargetClass, string? RiverCode,
    string? WaterBodyCode, IReadOnlyList<string> AreaCodes, Point Location);

/// <summary>One measurement of a section (or an outlet): when, the factors in mg/L, and where it came from (e.g. <c>synthetic</c>).</summary>
public sealed record WaterSample(string SiteCode, DateTimeOffset SampledAt, IReadOnlyDictionary<WaterFactor, double> Values, string? Source = null);

/// <summary>A lake or reservoir (polygon), managed from <see cref="Level"/> down.</summary>
public sealed record WaterBody(string Code, string Name, WaterBodyType Type, AdminLevel Level, Geometry Geometry);

/// <summary>A responsibility zone (片区) of a water body: the part one area's 湖长/库长 answers for at one level.</summary>
public sealed record WaterBodyZone(string Code, string WaterBodyCode, string? Name, AdminLevel Level, string AreaCode, string? ChiefId, Geometry Geometry);

/// <summary>
/// A public signboard (公示牌) and what is printed on it: the chief's name, post and phone, the extent and duties, the
/// water-quality target, the supervision phone and the date printed. It stands by a segment or a water-body zone.
/// </summary>
public sealed record Signboard(string Code, string? SegmentCode, string? ZoneCode, string ChiefName, string? ChiefPost, string? ChiefPhone,
    string? Extent, string? Duties, string? Target, string? SupervisionPhone, DateOnly? PrintedOn, Point Location);

/// <summary>Approval (设置审批) of an outlet: date and document number; null when not approved.</summary>
public sealed record OutletApproval(DateOnly ApprovedOn, string? DocumentNo);
