using RiverGis.Geo.Indexing;
using RiverGis.Geo.Network;

namespace RiverGis.Geo.Water;

/// <summary>A section with where it stands on its river (null measure: a lake section, or a river section off its river).</summary>
public sealed record PlacedSection(MonitoringSection Section, double? MeasureM, double? OffsetM);

/// <summary>Everything of the water loaded with a data version: the river system's sections placed on their rivers, lakes and reservoirs, zones, signboards.</summary>
public sealed record WaterData(IReadOnlyList<MonitoringSection> Sections, IReadOnlyList<WaterBody> WaterBodies, IReadOnlyList<WaterBodyZone> Zones,
    IReadOnlyList<Signboard> Signboards)
{
    public static readonly WaterData Empty = new([], [], [], []);
}

/// <summary>
/// The water of a river-chief system prepared for questions: sections by code with their measures, and the catchment
/// walker that stops at them. Immutable; built with the river system's snapshot.
/// </summary>
public sealed class WaterSystem
{
    public WaterSystem(WaterData data, RiverSystem system, NetworkNavigator navigator)
    {
        Data = data;
        Sections = data.Sections.ToDictionary(s => s.Code, s =>
        {
            var snap = s.RiverCode is { } river ? SectionSnapper.Snap(system, river, s.Location, double.MaxValue / 4) : null;
            return new PlacedSection(s, snap?.MeasureM, snap?.OffsetM);
        }, StringComparer.Ordinal);
        WaterBodies = data.WaterBodies.ToDictionary(b => b.Code, StringComparer.Ordinal);
        Zones = data.Zones.ToDictionary(z => z.Code, StringComparer.Ordinal);
        Catchments = new UpstreamCatchment(navigator, Sections.Values
            .Where(p => p.MeasureM is not null && p.Section.RiverCode is not null)
            .Select(p => new NetworkSite(p.Section.Code, p.Section.RiverCode!, p.MeasureM!.Value)));
    }

    public WaterData Data { get; }
    public IReadOnlyDictionary<string, PlacedSection> Sections { get; }
    public IReadOnlyDictionary<string, WaterBody> WaterBodies { get; }
    public IReadOnlyDictionary<string, WaterBodyZone> Zones { get; }
    public UpstreamCatchment Catchments { get; }
}
