using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Dataset;

/// <summary>
/// Cross-references of the water layers: sections on a known river (and within the tolerance of it) or in a known water
/// body, answered for by known areas; zones of known water bodies and areas, of their area's level, with a chief of
/// that area, inside their water body and not overlapping at one level; boards of known segments or zones; samples of
/// known sections and monitoring records of known outlets.
/// </summary>
internal static class WaterDatasetValidator
{
    public static IEnumerable<DatasetProblem> Validate(DatasetContent content, Dictionary<string, AdminArea> areas, Dictionary<string, Chief> chiefs,
        Dictionary<string, River> rivers, double sectionToleranceM)
    {
        var problems = new List<DatasetProblem>();
        var sections = DatasetValidator.UniqueBy(content.Sections, s => s.Code, DatasetFiles.Sections, "code", problems, feature: true);
        var bodies = DatasetValidator.UniqueBy(content.WaterBodies, b => b.Code, DatasetFiles.WaterBodies, "code", problems, feature: true);
        var zones = DatasetValidator.UniqueBy(content.Zones, z => z.Code, DatasetFiles.Zones, "code", problems, feature: true);
        DatasetValidator.UniqueBy(content.Signboards, b => b.Code, DatasetFiles.Signboards, "code", problems, feature: true);
        DatasetValidator.UniqueBy(content.Samples, s => $"{s.SiteCode} @ {s.SampledAt:O}", DatasetFiles.Samples, "sampled_at", problems, feature: false);
        DatasetValidator.UniqueBy(content.OutletMonitoring, s => $"{s.SiteCode} @ {s.SampledAt:O}", DatasetFiles.OutletMonitoring, "sampled_at", problems, feature: false);
        CheckSections(content, areas, rivers, bodies, sectionToleranceM, problems);
        CheckZones(content, areas, chiefs, bodies, problems);
        foreach (var (body, index, _) in content.WaterBodies) DatasetValidator.CheckCode(body.Code, DatasetFiles.WaterBodies, index, "code", problems);
        var segments = content.Segments.Select(s => s.Item.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (board, index, _) in content.Signboards)
        {
            if (board.SegmentCode is { } segment && !segments.Contains(segment))
                problems.Add(new(DatasetFiles.Signboards, index, null, "segment_code", $"unknown segment '{segment}'"));
            if (board.ZoneCode is { } zone && !zones.ContainsKey(zone))
                problems.Add(new(DatasetFiles.Signboards, index, null, "zone_code", $"unknown zone '{zone}'"));
        }
        foreach (var (sample, line, _) in content.Samples)
        {
            if (!sections.ContainsKey(sample.SiteCode))
                problems.Add(new(DatasetFiles.Samples, null, line, "section_code", $"unknown section '{sample.SiteCode}'"));
        }
        var outlets = content.Outlets.Select(o => o.Item.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (record, line, _) in content.OutletMonitoring)
        {
            if (!outlets.Contains(record.SiteCode))
                problems.Add(new(DatasetFiles.OutletMonitoring, null, line, "outlet_code", $"unknown outlet '{record.SiteCode}'"));
        }
        return problems;
    }

    private static void CheckSections(DatasetContent content, Dictionary<string, AdminArea> areas, Dictionary<string, River> rivers,
        Dictionary<string, WaterBody> bodies, double toleranceM, List<DatasetProblem> problems)
    {
        if (content.Sections.Count == 0) return;
        // Only the rivers the sections name are measured.
        var named = content.Sections.Select(s => s.Item.RiverCode).OfType<string>().Where(rivers.ContainsKey).Distinct().Select(c => rivers[c]).ToList();
        var system = new RiverSystem(new RiverSystemData([], [], named, [], []));
        foreach (var (section, index, _) in content.Sections)
        {
            DatasetValidator.CheckCode(section.Code, DatasetFiles.Sections, index, "code", problems);
            foreach (var area in section.AreaCodes.Where(a => !areas.ContainsKey(a)))
                problems.Add(new(DatasetFiles.Sections, index, null, "area_codes", $"unknown area '{area}'"));
            if (section.WaterBodyCode is { } body && !bodies.ContainsKey(body))
                problems.Add(new(DatasetFiles.Sections, index, null, "water_body_code", $"unknown water body '{body}'"));
            if (section.RiverCode is not { } river) continue;
            if (!rivers.ContainsKey(river))
                problems.Add(new(DatasetFiles.Sections, index, null, "river_code", $"unknown river '{river}'"));
            else if (SectionSnapper.Snap(system, river, section.Location, toleranceM) is null)
                problems.Add(new(DatasetFiles.Sections, index, null, "geometry", $"lies farther than {toleranceM:0} m from its river '{river}'"));
        }
    }

    private static void CheckZones(DatasetContent content, Dictionary<string, AdminArea> areas, Dictionary<string, Chief> chiefs,
        Dictionary<string, WaterBody> bodies, List<DatasetProblem> problems)
    {
        foreach (var (zone, index, _) in content.Zones)
        {
            DatasetValidator.CheckCode(zone.Code, DatasetFiles.Zones, index, "code", problems);
            if (!bodies.ContainsKey(zone.WaterBodyCode))
                problems.Add(new(DatasetFiles.Zones, index, null, "water_body_code", $"unknown water body '{zone.WaterBodyCode}'"));
            if (!areas.TryGetValue(zone.AreaCode, out var area))
                problems.Add(new(DatasetFiles.Zones, index, null, "area_code", $"unknown area '{zone.AreaCode}'"));
            else if (area.Level != zone.Level)
                problems.Add(new(DatasetFiles.Zones, index, null, "level", $"zone is {zone.Level.ToCode()} but its area '{area.Code}' is {area.Level.ToCode()}"));
            if (zone.ChiefId is null) continue;
            if (!chiefs.TryGetValue(zone.ChiefId, out var chief))
                problems.Add(new(DatasetFiles.Zones, index, null, "chief_id", $"unknown chief '{zone.ChiefId}'"));
            else if (chief.AreaCode != zone.AreaCode)
                problems.Add(new(DatasetFiles.Zones, index, null, "chief_id", $"chief '{chief.Id}' belongs to area '{chief.AreaCode}', not to the zone's area '{zone.AreaCode}'"));
        }
        var list = content.Zones.Select(z => z.Item).ToList();
        foreach (var defect in WaterBodyZoning.Check(list, bodies))
            problems.Add(new(DatasetFiles.Zones, content.Zones[defect.ZoneIndex].Position, null, "geometry", defect.Message));
    }
}
