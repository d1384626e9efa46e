using RiverGis.Geo.Network;
using RiverGis.Geo.Routing;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>Configuration of the water capabilities (section "Water" of appsettings.json).</summary>
public sealed class WaterOptions
{
    /// <summary>A section farther than this from its river is refused (m).</summary>
    public double SectionToleranceM { get; set; } = SectionSnapper.DefaultToleranceM;
    /// <summary>Failing monitored months in a row that open a problem (对连续两次不达标断面…).</summary>
    public int ConsecutiveFailures { get; set; } = ConsecutiveFailureScan.DefaultThreshold;
    /// <summary>How far upstream the suspects of a failing section are looked for, at most (km), when no section stops the walk earlier.</summary>
    public double CatchmentLimitKm { get; set; } = UpstreamCatchment.DefaultLimitKm;
    /// <summary>A boundary crossing with a section this close along the river is not proposed again (m).</summary>
    public double CandidateProximityM { get; set; } = SectionCandidates.DefaultProximityM;
    /// <summary>A report within this distance of a lake's or reservoir's shore is routed to its zones (m).</summary>
    public double ShoreRadiusM { get; set; } = WaterBodyLocator.DefaultShoreRadiusM;
    /// <summary>A signboard farther than this from its segment or zone is reported (m).</summary>
    public double SignboardFarM { get; set; } = SignboardChecks.DefaultFarM;
    /// <summary>The supervision phone printed on generated boards (监督电话).</summary>
    public string SupervisionPhone { get; set; } = "12345";
    /// <summary>Public address of the web map for the boards' QR codes (default: the address the request came to).</summary>
    public string? PublicBaseUrl { get; set; }
}
