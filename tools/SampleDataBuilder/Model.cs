using NetTopologySuite.Geometries;

namespace RiverGis.SampleDataBuilder;

/// <summary>Administrative levels, top to bottom; the enum order is the hierarchy order.</summary>
public enum Level { Province, City, County, Township, Village }

public static class Levels
{
    public static string Name(Level l) => l.ToString().ToLowerInvariant();

    /// <summary>Short tag used inside segment codes (keeps codes readable and unique per level).</summary>
    public static string Tag(Level l) => l switch
    {
        Level.Province => "PRV",
        Level.City => "CITY",
        Level.County => "CNTY",
        Level.Township => "TWN",
        _ => "VIL",
    };
}

public sealed record Area(string Code, string Name, Level Level, string? ParentCode, Geometry Geom, string Source, bool Synthetic);

public sealed record Chief(string Id, string Name, string Role, string AreaCode, string Phone);

public sealed class River
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required Level Level { get; init; }
    public required Geometry Geom { get; set; }
    public required string Source { get; init; }
    public required bool Synthetic { get; init; }
    public string? DownstreamCode { get; set; }
}

public sealed class Segment
{
    public required string Code { get; init; }
    public required string RiverCode { get; init; }
    public required Level Level { get; init; }
    public required string AreaCode { get; init; }
    public required string Name { get; init; }
    public required Geometry Geom { get; set; }
    public string? ChiefId { get; set; }
    /// <summary>Planted vacancy: chief assignment leaves this segment without a chief.</summary>
    public bool Vacant { get; set; }
}

public sealed record Outlet(string Code, string Name, string Kind, string Scale, string Permit, string? RiverCode, Point Geom);

public sealed record Track(string ChiefId, DateTimeOffset StartedAt, DateTimeOffset EndedAt, LineString Geom);

/// <summary>One planted defect, described for the README.</summary>
public sealed record Defect(string Kind, string[] Codes, string Description);

public sealed class Dataset
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>Prefix for chief ids and outlet codes, keeps codes globally unique.</summary>
    public required string Prefix { get; init; }
    public required Utm Utm { get; init; }
    /// <summary>Offset of local time for patrol timestamps (Europe switches from CEST to CET on 2026-10-25).</summary>
    public required Func<DateTime, TimeSpan> UtcOffset { get; init; }
    public List<Area> Areas { get; } = [];
    public List<River> Rivers { get; } = [];
    public List<Segment> Segments { get; } = [];
    public List<Chief> Chiefs { get; } = [];
    public List<Outlet> Outlets { get; } = [];
    public List<Track> Tracks { get; } = [];
    public List<Defect> Defects { get; } = [];

    public Area Area(string code) => Areas.Single(a => a.Code == code);
    public River River(string code) => Rivers.Single(r => r.Code == code);
    public IEnumerable<Level> AreaLevels => Areas.Select(a => a.Level).Distinct().Order();
}
