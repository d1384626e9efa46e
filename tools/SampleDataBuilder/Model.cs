using System.Text.Encodings.Web;
using System.Text.Json;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.SampleDataBuilder;

public static class Levels
{
    /// <summary>Short tag used inside segment codes (keeps codes readable and unique per level).</summary>
    public static string Tag(AdminLevel l) => l switch
    {
        AdminLevel.Province => "PRV",
        AdminLevel.City => "CITY",
        AdminLevel.County => "CNTY",
        AdminLevel.Township => "TWN",
        _ => "VIL",
    };
}

/// <summary>Where a feature comes from, written as its free properties <c>source</c> and <c>synthetic</c>.</summary>
public sealed record Provenance(string Source, bool Synthetic)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Properties => JsonSerializer.Serialize(new { source = Source, synthetic = Synthetic }, Json);
}

/// <summary>One planted defect, described for the README.</summary>
public sealed record Defect(string Kind, string[] Codes, string Description);

/// <summary>
/// A sample dataset while it is built: the dataset format's own model (RiverGis.Geo records, replaced as the build
/// changes them) plus what only the builder needs — a UTM zone for metres, the local clock, the provenance of areas and
/// rivers, the planted vacancies and the defect notes for the README. <see cref="ToContent"/> hands it to the writer.
/// </summary>
public sealed class Dataset
{
    private static readonly Provenance SegmentSource = new("derived: river ∩ area, synthetic assignment", true);
    private static readonly Provenance OutletSource = new("synthetic outlet", true);
    private static readonly Provenance TrackSource = new("synthetic GPS track", true);
    private static readonly Provenance SectionSource = new("synthetic section at a boundary crossing", true);
    private static readonly Provenance BoardSource = new("synthetic signboard", true);
    private static readonly Provenance WaterBodySource = new("Natural Earth 1:10m lakes (public domain)", false);
    private static readonly Provenance ZoneSource = new("derived: water body ∩ DCW province, synthetic assignment", true);

    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>Prefix for chief ids and outlet codes, keeps codes globally unique.</summary>
    public required string Prefix { get; init; }
    public required Utm Utm { get; init; }
    /// <summary>Offset of local time for patrol timestamps (Europe switches from CEST to CET on 2026-10-25).</summary>
    public required Func<DateTime, TimeSpan> UtcOffset { get; init; }
    public List<AdminArea> Areas { get; } = [];
    public List<River> Rivers { get; } = [];
    public List<Segment> Segments { get; } = [];
    public List<Chief> Chiefs { get; } = [];
    public List<Outlet> Outlets { get; } = [];
    public List<PatrolTrack> Tracks { get; } = [];
    public List<MonitoringSection> Sections { get; } = [];
    /// <summary>Synthetic samples of the sections (source "synthetic" in samples.csv).</summary>
    public List<WaterSample> Samples { get; } = [];
    public List<WaterSample> OutletMonitoring { get; } = [];
    public List<Signboard> Signboards { get; } = [];
    public List<WaterBody> WaterBodies { get; } = [];
    public List<WaterBodyZone> Zones { get; } = [];
    public List<Unit> Units { get; } = [];
    public Dictionary<string, Provenance> AreaSources { get; } = [];
    public Dictionary<string, Provenance> RiverSources { get; } = [];
    /// <summary>Segments left without a chief on purpose (planted vacancies): chief assignment skips them.</summary>
    public HashSet<string> Vacant { get; } = [];
    public List<Defect> Defects { get; } = [];

    public void Add(AdminArea area, Provenance source)
    {
        Areas.Add(area);
        AreaSources[area.Code] = source;
    }

    public void Add(River river, Provenance source)
    {
        Rivers.Add(river);
        RiverSources[river.Code] = source;
    }

    /// <summary>Puts the changed record in place of the one with its code.</summary>
    public void Replace(River river) => Rivers[Rivers.FindIndex(r => r.Code == river.Code)] = river;

    public void Replace(Segment segment) => Segments[Segments.FindIndex(s => s.Code == segment.Code)] = segment;

    public AdminArea Area(string code) => Areas.Single(a => a.Code == code);
    public River River(string code) => Rivers.Single(r => r.Code == code);
    public IEnumerable<AdminLevel> AreaLevels => Areas.Select(a => a.Level).Distinct().Order();

    /// <summary>The dataset as the format's content, every feature with its provenance.</summary>
    public DatasetContent ToContent()
    {
        var content = new DatasetContent { Code = Code, Name = Name };
        content.Areas.AddRange(Areas.Select((a, i) => new Sourced<AdminArea>(a, i, AreaSources[a.Code].Properties)));
        content.Chiefs.AddRange(Chiefs.Select((c, i) => new Sourced<Chief>(c, i + 2, null)));
        content.Rivers.AddRange(Rivers.Select((r, i) => new Sourced<River>(r, i, RiverSources[r.Code].Properties)));
        content.Segments.AddRange(Segments.Select((s, i) => new Sourced<Segment>(s, i, SegmentSource.Properties)));
        content.Outlets.AddRange(Outlets.Select((o, i) => new Sourced<Outlet>(o, i, OutletSource.Properties)));
        content.PatrolTracks.AddRange(Tracks.Select((t, i) => new Sourced<PatrolTrack>(t, i, TrackSource.Properties)));
        content.Sections.AddRange(Sections.Select((x, i) => new Sourced<MonitoringSection>(x, i, SectionSource.Properties)));
        content.Samples.AddRange(Samples.Select((x, i) => new Sourced<WaterSample>(x, i + 2, null)));
        content.OutletMonitoring.AddRange(OutletMonitoring.Select((x, i) => new Sourced<WaterSample>(x, i + 2, null)));
        content.Signboards.AddRange(Signboards.Select((x, i) => new Sourced<Signboard>(x, i, BoardSource.Properties)));
        content.WaterBodies.AddRange(WaterBodies.Select((x, i) => new Sourced<WaterBody>(x, i, WaterBodySource.Properties)));
        content.Zones.AddRange(Zones.Select((x, i) => new Sourced<WaterBodyZone>(x, i, ZoneSource.Properties)));
        content.Units.AddRange(Units.Select((u, i) => new Sourced<Unit>(u, i + 2, null)));
        return content;
    }
}
