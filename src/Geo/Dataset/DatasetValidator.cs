using NetTopologySuite.Geometries;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Dataset;

/// <summary>
/// Cross-reference and consistency checks over a whole dataset: duplicate codes, unknown area/river/chief references,
/// level consistency (a township segment belongs to a township and its chief to that township), parent chains,
/// downstream cycles, and features whose coordinates look lat/lon-swapped relative to the rest of the dataset.
/// </summary>
public static class DatasetValidator
{
    public static bool IsCode(string code) =>
        code.Length is > 0 and <= 64 && code.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.');

    public static List<DatasetProblem> Validate(DatasetContent content, double sectionToleranceM = Water.SectionSnapper.DefaultToleranceM)
    {
        var problems = new List<DatasetProblem>();
        var areas = UniqueBy(content.Areas, a => a.Code, DatasetFiles.AdminAreas, "code", problems, feature: true);
        var chiefs = UniqueBy(content.Chiefs, c => c.Id, DatasetFiles.Chiefs, "id", problems, feature: false);
        var rivers = UniqueBy(content.Rivers, r => r.Code, DatasetFiles.Rivers, "code", problems, feature: true);
        var segments = UniqueBy(content.Segments, s => s.Code, DatasetFiles.Segments, "code", problems, feature: true);
        UniqueBy(content.Outlets, o => o.Code, DatasetFiles.Outlets, "code", problems, feature: true);
        UniqueBy(content.PatrolTracks, t => $"{t.ChiefId} @ {t.StartedAt:O}", DatasetFiles.PatrolTracks, "started_at", problems, feature: true);

        foreach (var (area, index, _) in content.Areas)
        {
            CheckCode(area.Code, DatasetFiles.AdminAreas, index, "code", problems);
            if (area.ParentCode is null) continue;
            if (!areas.TryGetValue(area.ParentCode, out var parent))
                problems.Add(new(DatasetFiles.AdminAreas, index, null, "parent_code", $"unknown area '{area.ParentCode}'"));
            else if (!parent.Level.IsAtOrAbove(area.Level) || parent.Level == area.Level)
                problems.Add(new(DatasetFiles.AdminAreas, index, null, "parent_code",
                    $"parent '{parent.Code}' is {parent.Level.ToCode()}, which is not above this {area.Level.ToCode()} area"));
        }
        foreach (var (chief, line, _) in content.Chiefs)
        {
            CheckCode(chief.Id, DatasetFiles.Chiefs, null, "id", problems, line);
            if (!areas.ContainsKey(chief.AreaCode))
                problems.Add(new(DatasetFiles.Chiefs, null, line, "area_code", $"unknown area '{chief.AreaCode}'"));
        }
        foreach (var (river, index, _) in content.Rivers)
        {
            CheckCode(river.Code, DatasetFiles.Rivers, index, "code", problems);
            if (river.DownstreamCode is null) continue;
            if (river.DownstreamCode == river.Code)
                problems.Add(new(DatasetFiles.Rivers, index, null, "downstream_code", "a river cannot flow into itself"));
            else if (!rivers.ContainsKey(river.DownstreamCode))
                problems.Add(new(DatasetFiles.Rivers, index, null, "downstream_code", $"unknown river '{river.DownstreamCode}'"));
        }
        CheckDownstreamCycles(content, rivers, problems);
        foreach (var (segment, index, _) in content.Segments)
        {
            CheckCode(segment.Code, DatasetFiles.Segments, index, "code", problems);
            if (!rivers.ContainsKey(segment.RiverCode))
                problems.Add(new(DatasetFiles.Segments, index, null, "river_code", $"unknown river '{segment.RiverCode}'"));
            if (!areas.TryGetValue(segment.AreaCode, out var area))
                problems.Add(new(DatasetFiles.Segments, index, null, "area_code", $"unknown area '{segment.AreaCode}'"));
            else if (area.Level != segment.Level)
                problems.Add(new(DatasetFiles.Segments, index, null, "level",
                    $"segment is {segment.Level.ToCode()} but its area '{area.Code}' is {area.Level.ToCode()}"));
            if (segment.ChiefId is null) continue;
            if (!chiefs.TryGetValue(segment.ChiefId, out var chief))
                problems.Add(new(DatasetFiles.Segments, index, null, "chief_id", $"unknown chief '{segment.ChiefId}'"));
            else if (chief.AreaCode != segment.AreaCode)
                problems.Add(new(DatasetFiles.Segments, index, null, "chief_id",
                    $"chief '{chief.Id}' belongs to area '{chief.AreaCode}', not to the segment's area '{segment.AreaCode}'"));
        }
        foreach (var (outlet, index, _) in content.Outlets)
        {
            CheckCode(outlet.Code, DatasetFiles.Outlets, index, "code", problems);
            if (outlet.RiverCode is not null && !rivers.ContainsKey(outlet.RiverCode))
                problems.Add(new(DatasetFiles.Outlets, index, null, "river_code", $"unknown river '{outlet.RiverCode}'"));
        }
        foreach (var (track, index, _) in content.PatrolTracks)
        {
            if (!chiefs.ContainsKey(track.ChiefId))
                problems.Add(new(DatasetFiles.PatrolTracks, index, null, "chief_id", $"unknown chief '{track.ChiefId}'"));
        }
        problems.AddRange(WaterDatasetValidator.Validate(content, areas, chiefs, rivers, sectionToleranceM));
        OfficeTables.Validate(content, areas, chiefs, segments, problems);
        UniqueBy(content.Units, u => u.Code, DatasetFiles.Units, "code", problems, feature: false);
        foreach (var (unit, line, _) in content.Units)
        {
            CheckCode(unit.Code, DatasetFiles.Units, null, "code", problems, line);
            if (!areas.ContainsKey(unit.AreaCode)) problems.Add(new(DatasetFiles.Units, null, line, "area_code", $"unknown area '{unit.AreaCode}'"));
        }
        problems.AddRange(FindSwappedFeatures(content));
        return problems;
    }

    /// <summary>
    /// Features lying far outside the dataset's bulk whose swapped (lat, lon) twin lies inside it. The bulk is the
    /// median envelope of feature centres, so one wrong feature cannot drag the reference with it.
    /// </summary>
    public static IEnumerable<DatasetProblem> FindSwappedFeatures(DatasetContent content)
    {
        var all = new List<(string File, int Index, Geometry Geometry)>();
        all.AddRange(content.Areas.Select(a => (DatasetFiles.AdminAreas, a.Position, a.Item.Geometry)));
        all.AddRange(content.Rivers.Select(r => (DatasetFiles.Rivers, r.Position, r.Item.Geometry)));
        all.AddRange(content.Segments.Select(s => (DatasetFiles.Segments, s.Position, s.Item.Geometry)));
        all.AddRange(content.Outlets.Select(o => (DatasetFiles.Outlets, o.Position, (Geometry)o.Item.Location)));
        all.AddRange(content.PatrolTracks.Select(t => (DatasetFiles.PatrolTracks, t.Position, (Geometry)t.Item.Track)));
        if (all.Count < 3) yield break;
        var bulk = RobustExtent(all.Select(a => a.Geometry.EnvelopeInternal.Centre));
        foreach (var (file, index, geometry) in all)
        {
            if (CoordinateRange.LooksSwapped(geometry.EnvelopeInternal.Centre, bulk))
                yield return new(file, index, null, "geometry",
                    "coordinates look swapped ([lat, lon] instead of [lon, lat]): the feature lies far from the rest of the dataset, its mirror image inside it");
        }
    }

    /// <summary>The 10th–90th percentile box of a set of points, grown by its own size: where the data really are.</summary>
    public static Envelope RobustExtent(IEnumerable<Coordinate> centres)
    {
        var list = centres.ToList();
        if (list.Count == 0) return new Envelope();
        var xs = list.Select(c => c.X).Order().ToArray();
        var ys = list.Select(c => c.Y).Order().ToArray();
        double P(double[] v, double q) => v[(int)Math.Round(q * (v.Length - 1))];
        var envelope = new Envelope(P(xs, 0.1), P(xs, 0.9), P(ys, 0.1), P(ys, 0.9));
        envelope.ExpandBy(Math.Max(envelope.Width, 0.2), Math.Max(envelope.Height, 0.2));
        return envelope;
    }

    internal static void CheckCode(string code, string file, int? index, string property, List<DatasetProblem> problems, int? line = null)
    {
        if (!IsCode(code))
            problems.Add(new(file, index, line, property, $"'{code}' is not a usable code (letters, digits, '-', '_', '.', at most 64)"));
    }

    internal static Dictionary<string, T> UniqueBy<T>(List<Sourced<T>> items, Func<T, string> key, string file, string property,
        List<DatasetProblem> problems, bool feature)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (item, position, _) in items)
        {
            var k = key(item);
            if (first.TryGetValue(k, out var firstPosition))
            {
                var where = feature ? $"feature {firstPosition}" : $"line {firstPosition}";
                problems.Add(new(file, feature ? position : null, feature ? null : position, property, $"duplicate '{k}' (first used at {where})"));
                continue;
            }
            first[k] = position;
            map[k] = item;
        }
        return map;
    }

    private static void CheckDownstreamCycles(DatasetContent content, Dictionary<string, River> rivers, List<DatasetProblem> problems)
    {
        foreach (var (river, index, _) in content.Rivers)
        {
            var seen = new HashSet<string> { river.Code };
            var current = river.DownstreamCode;
            while (current is not null && rivers.TryGetValue(current, out var next))
            {
                if (!seen.Add(current))
                {
                    if (current == river.Code)
                        problems.Add(new(DatasetFiles.Rivers, index, null, "downstream_code", $"downstream chain loops back to '{river.Code}'"));
                    break;
                }
                current = next.DownstreamCode;
            }
        }
    }
}
