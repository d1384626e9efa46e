using RiverGis.Geo.Model;
using RiverGis.Geo.Water;
using RiverGis.Geo.Roster;

namespace RiverGis.Geo.Dataset;

/// <summary>An item read from a dataset file with where it came from and the free properties it carried.</summary>
public sealed record Sourced<T>(T Item, int Position, string? ExtraProperties);

/// <summary>The content of one dataset folder, read and validated.</summary>
public sealed class DatasetContent
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string Folder { get; init; } = "";
    public List<Sourced<AdminArea>> Areas { get; } = [];
    public List<Sourced<Chief>> Chiefs { get; } = [];
    public List<Sourced<River>> Rivers { get; } = [];
    public List<Sourced<Segment>> Segments { get; } = [];
    public List<Sourced<Outlet>> Outlets { get; } = [];
    public List<Sourced<PatrolTrack>> PatrolTracks { get; } = [];
    public List<Sourced<MonitoringSection>> Sections { get; } = [];
    public List<Sourced<WaterBody>> WaterBodies { get; } = [];
    public List<Sourced<WaterBodyZone>> Zones { get; } = [];
    public List<Sourced<Signboard>> Signboards { get; } = [];
    /// <summary>Water samples of the sections (samples.csv; the position is the CSV line).</summary>
    public List<Sourced<WaterSample>> Samples { get; } = [];
    /// <summary>Monitoring records of the outlets (outlet_monitoring.csv).</summary>
    public List<Sourced<WaterSample>> OutletMonitoring { get; } = [];
    /// <summary>roster.csv: appointments with their dates (optional; without it the importer derives the roster from chief_id).</summary>
    public List<Sourced<RosterEntry>> Roster { get; } = [];
    public List<Sourced<Unit>> Units { get; } = [];

    /// <summary>What was repaired while reading (file, feature, what changed) and other notes that refuse nothing.</summary>
    public List<DatasetProblem> Warnings { get; } = [];

    public int FeatureCount => Areas.Count + Chiefs.Count + Rivers.Count + Segments.Count + Outlets.Count + PatrolTracks.Count
        + Sections.Count + WaterBodies.Count + Zones.Count + Signboards.Count + Samples.Count + OutletMonitoring.Count + Roster.Count + Units.Count;
}

/// <summary>Names of the files of the dataset format (public contract, see README).</summary>
public static class DatasetFiles
{
    public const string Manifest = "dataset.json";
    public const string AdminAreas = "admin_areas.geojson";
    public const string Chiefs = "chiefs.csv";
    public const string Rivers = "rivers.geojson";
    public const string Segments = "segments.geojson";
    public const string Outlets = "outlets.geojson";
    public const string PatrolTracks = "patrol_tracks.geojson";
    public const string Sections = "sections.geojson";
    public const string WaterBodies = "water_bodies.geojson";
    public const string Zones = "water_body_zones.geojson";
    public const string Signboards = "signboards.geojson";
    public const string Samples = "samples.csv";
    public const string OutletMonitoring = "outlet_monitoring.csv";
    public const string Roster = "roster.csv";
    public const string Units = "units.csv";

    public static readonly IReadOnlyList<string> Required = [Manifest, AdminAreas, Chiefs, Rivers, Segments];

    public static readonly IReadOnlyList<string> All = [.. Required, Outlets, PatrolTracks, Sections, WaterBodies, Zones, Signboards, Samples, OutletMonitoring, Roster, Units];
}
