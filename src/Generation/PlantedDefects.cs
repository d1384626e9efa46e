using System.Text.Encodings.Web;
using System.Text.Json;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Model;

namespace RiverGis.Generation;

/// <summary>The kinds of responsibility defects the generator plants on purpose.</summary>
public enum DefectKind
{
    /// <summary>A segment that should exist is missing: the river inside that area has no segment at that level (a gap).</summary>
    Unassigned,
    /// <summary>The segment exists but has no chief (chief_id null).</summary>
    Vacant,
    /// <summary>The segment runs on along the river into the neighbouring area of the same level (and overlaps the neighbour's segment there).</summary>
    SpillOver,
    /// <summary>Two segments of the same area and level cover a common stretch of the river.</summary>
    Overlap,
}

/// <summary>
/// One planted defect and what an analysis should find.
/// <list type="bullet">
/// <item>Unassigned: <see cref="SegmentCode"/> is the code the missing segment would have had (it is not in the dataset);
/// expected length = the length of river inside <see cref="AreaCode"/> left without a segment at <see cref="Level"/>.</item>
/// <item>Vacant: expected length = the vacant segment's length.</item>
/// <item>SpillOver: expected length = how far the segment runs outside its area, into <see cref="OtherAreaCode"/>;
/// it overlaps <see cref="OtherSegmentCode"/> (the neighbour's segment) by the same length.</item>
/// <item>Overlap: <see cref="SegmentCode"/> and <see cref="OtherSegmentCode"/> overlap by the expected length.</item>
/// </list>
/// Lengths are geodesic metres along the river, as the analyses measure them (rounding of the written coordinates
/// moves them by centimetres).
/// </summary>
public sealed record PlantedDefect(
    DefectKind Kind,
    string SegmentCode,
    string RiverCode,
    AdminLevel Level,
    string AreaCode,
    double ExpectedLengthM,
    string? OtherSegmentCode = null,
    string? OtherAreaCode = null);

/// <summary>The manifest of planted defects of a generated dataset.</summary>
public sealed class PlantedDefects
{
    public PlantedDefects(IReadOnlyList<PlantedDefect> items, int baseSegmentCount)
    {
        Items = items;
        BaseSegmentCount = baseSegmentCount;
    }

    public IReadOnlyList<PlantedDefect> Items { get; }

    /// <summary>The cheats planted among the patrols, with the reason each must be refused for.</summary>
    public IReadOnlyList<PlantedCheat> Cheats { get; init; } = [];

    /// <summary>Segments the offices' cutting produced before any defect was planted (the base of the fractions).</summary>
    public int BaseSegmentCount { get; }

    public int Count(DefectKind kind) => Items.Count(d => d.Kind == kind);

    public IEnumerable<PlantedDefect> OfKind(DefectKind kind) => Items.Where(d => d.Kind == kind);

    /// <summary>Writes the manifest as JSON (e.g. planted_defects.json next to, not inside, the dataset folder).</summary>
    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteNumber("base_segment_count", BaseSegmentCount);
        writer.WriteStartObject("counts");
        foreach (var kind in Enum.GetValues<DefectKind>()) writer.WriteNumber(KindCode(kind), Count(kind));
        writer.WriteEndObject();
        writer.WriteStartArray("defects");
        foreach (var d in Items)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", KindCode(d.Kind));
            writer.WriteString("segment_code", d.SegmentCode);
            writer.WriteString("river_code", d.RiverCode);
            writer.WriteString("level", d.Level.ToCode());
            writer.WriteString("area_code", d.AreaCode);
            writer.WriteNumber("expected_length_m", Math.Round(d.ExpectedLengthM, 2));
            if (d.OtherSegmentCode is not null) writer.WriteString("other_segment_code", d.OtherSegmentCode);
            if (d.OtherAreaCode is not null) writer.WriteString("other_area_code", d.OtherAreaCode);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("patrol_cheats");
        foreach (var kind in Enum.GetValues<PatrolCheat>()) writer.WriteNumber(EnumCodes.CodeOf(kind), Cheats.Count(c => c.Kind == kind));
        writer.WriteEndObject();
        writer.WriteStartArray("cheats");
        foreach (var c in Cheats.OrderBy(c => c.StartedAt).ThenBy(c => c.ChiefId, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", EnumCodes.CodeOf(c.Kind));
            writer.WriteString("chief_id", c.ChiefId);
            writer.WriteString("started_at", DatasetWriter.FormatTimestamp(c.StartedAt));
            writer.WriteString("expected_reason", c.ExpectedReason.ToCode());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string KindCode(DefectKind kind) => kind switch
    {
        DefectKind.Unassigned => "unassigned",
        DefectKind.Vacant => "vacant",
        DefectKind.SpillOver => "spill_over",
        _ => "overlap",
    };
}

/// <summary>Facts about a generated province (not part of the dataset; timings vary between runs, the rest does not).</summary>
public sealed record GenerationStatistics
{
    public required double RegionWidthKm { get; init; }
    public required double RegionHeightKm { get; init; }
    public required double RegionAreaKm2 { get; init; }
    public required double TotalRiverKm { get; init; }
    /// <summary>River length per area (km/km²).</summary>
    public double DrainageDensity => TotalRiverKm / RegionAreaKm2;
    public required IReadOnlyDictionary<AdminLevel, int> AreasByLevel { get; init; }
    public required IReadOnlyDictionary<AdminLevel, int> RiversByLevel { get; init; }
    /// <summary>Rivers drawn without meanders (or straight between grid nodes) because the curve would have crossed another river.</summary>
    public required int SimplifiedRivers { get; init; }
    public required double MedianSinuosity { get; init; }
    public required IReadOnlyList<(string Stage, TimeSpan Elapsed)> Timings { get; init; }
}

/// <summary>What <see cref="SyntheticProvinceGenerator.Generate"/> returns.</summary>
public sealed record GeneratedProvince(DatasetContent Content, PlantedDefects Defects, GenerationStatistics Statistics)
{
    /// <summary>The office's year when it was asked for (<see cref="SyntheticProvinceGenerator.GenerateTo"/>).</summary>
    public OfficeYear? OfficeYear { get; init; }
}
