using RiverGis.Geo.Model;
using RiverGis.Geo.Roster;

namespace RiverGis.Geo.Dataset;

/// <summary>
/// The office's tables of a dataset (README, dataset format): <c>roster.csv</c> — appointments with their dates — and
/// <c>units.csv</c> — the units of the river-chief system. Both optional. Read here; cross-checked by <see cref="Validate"/>.
/// </summary>
public static class OfficeTables
{
    public static readonly string[] RosterColumns = ["chief_id", "duty", "segment_code", "area_code", "appointed_on", "ended_on"];
    public static readonly string[] UnitColumns = ["code", "name", "kind", "area_code"];

    public static void Read(string folder, DatasetContent content, List<DatasetProblem> problems)
    {
        ReadRoster(Path.Combine(folder, DatasetFiles.Roster), content, problems);
        ReadUnits(Path.Combine(folder, DatasetFiles.Units), content, problems);
    }

    private static void ReadRoster(string path, DatasetContent content, List<DatasetProblem> problems)
    {
        if (!File.Exists(path)) return;
        var table = CsvRecords.Read(File.ReadAllText(path, System.Text.Encoding.UTF8), DatasetFiles.Roster, RosterColumns[..2], RosterColumns[2..], problems);
        if (table is null) return;
        foreach (var row in table.Records(problems))
        {
            var chief = row.Required("chief_id");
            var duty = row.Enum<ChiefDuty>("duty");
            var segment = row.Optional("segment_code");
            var area = row.Optional("area_code");
            var from = row.Date("appointed_on");
            var to = row.Date("ended_on");
            if (duty is { } d && d.IsAreaDuty() && area is null) row.Problem("area_code", $"required for {d.ToCode()} (an area's post)");
            if (duty is { } s && !s.IsAreaDuty() && segment is null) row.Problem("segment_code", $"required for {s.ToCode()} (a segment's post)");
            if (duty is { } a && a.IsAreaDuty() && segment is not null) row.Problem("segment_code", $"must be empty for {a.ToCode()} (an area's post)");
            if (from is { } f && to is { } t && t <= f) row.Problem("ended_on", $"{t:yyyy-MM-dd} is not after appointed_on {f:yyyy-MM-dd}");
            if (row.Failed || chief is null || duty is null) continue;
            content.Roster.Add(new(new RosterEntry(chief, duty.Value, segment, area, from, to), row.Line, null));
        }
    }

    private static void ReadUnits(string path, DatasetContent content, List<DatasetProblem> problems)
    {
        if (!File.Exists(path)) return;
        var table = CsvRecords.Read(File.ReadAllText(path, System.Text.Encoding.UTF8), DatasetFiles.Units, UnitColumns, ["phone"], problems);
        if (table is null) return;
        foreach (var row in table.Records(problems))
        {
            var code = row.Required("code");
            var name = row.Required("name");
            var kind = row.Enum<UnitKind>("kind");
            var area = row.Required("area_code");
            if (row.Failed || code is null || name is null || kind is null || area is null) continue;
            content.Units.Add(new(new Unit(code, name, kind.Value, area, row.Optional("phone")), row.Line, null));
        }
    }

    /// <summary>
    /// References and consistency: known chiefs, segments and areas; a post held by a chief of its own area; one 河长 per
    /// segment and one 总河长 per area at a time; the open 河长 appointment of a segment listed in the roster is the
    /// segment's <c>chief_id</c> (routing answers with it) and a vacant segment has none; unit codes unique and areas known.
    /// </summary>
    public static void Validate(DatasetContent content, IReadOnlyDictionary<string, AdminArea> areas, IReadOnlyDictionary<string, Chief> chiefs,
        IReadOnlyDictionary<string, Segment> segments, List<DatasetProblem> problems)
    {
        void Problem(int line, string column, string message) => problems.Add(new(DatasetFiles.Roster, null, line, column, message));
        foreach (var (entry, line, _) in content.Roster)
        {
            var target = entry.AreaCode;
            if (entry.SegmentCode is { } code)
            {
                if (!segments.TryGetValue(code, out var segment)) Problem(line, "segment_code", $"unknown segment '{code}'");
                else if (entry.AreaCode is not null && entry.AreaCode != segment.AreaCode)
                    Problem(line, "area_code", $"segment '{code}' belongs to area '{segment.AreaCode}', not '{entry.AreaCode}'");
                target = segment?.AreaCode;
            }
            else if (target is not null && !areas.ContainsKey(target)) Problem(line, "area_code", $"unknown area '{target}'");
            if (!chiefs.TryGetValue(entry.ChiefId, out var chief)) Problem(line, "chief_id", $"unknown chief '{entry.ChiefId}'");
            else if (target is not null && chief.AreaCode != target)
                Problem(line, "chief_id", $"chief '{chief.Id}' belongs to area '{chief.AreaCode}', not to the post's area '{target}'");
        }
        var posts = content.Roster.Where(r => r.Item.SegmentCode is null || segments.ContainsKey(r.Item.SegmentCode)).ToList();
        foreach (var overlap in TenureOverlaps.Find(posts, r => (r.Item.Duty, r.Item.SegmentCode ?? r.Item.AreaCode ?? ""), r => (r.Item.AppointedOn, r.Item.EndedOn)))
        {
            Problem(overlap.Second.Position, "appointed_on",
                $"{overlap.Second.Item.Duty.ChineseLabel()} of '{overlap.Second.Item.SegmentCode ?? overlap.Second.Item.AreaCode}' overlaps the appointment on line {overlap.First.Position}: one {overlap.Second.Item.Duty.ToCode()} at a time");
        }
        foreach (var group in posts.Where(r => r.Item.Duty == ChiefDuty.Chief && r.Item.SegmentCode is not null).GroupBy(r => r.Item.SegmentCode!))
        {
            var segment = segments[group.Key];
            var open = group.Where(r => r.Item.EndedOn is null).ToList();
            if (segment.ChiefId is null && open.Count > 0)
                Problem(open[0].Position, "ended_on", $"segment '{group.Key}' is vacant (no chief_id in segments) but this 河长 appointment is not ended");
            else if (segment.ChiefId is { } holder && open.All(r => r.Item.ChiefId != holder))
                Problem(group.First().Position, "chief_id",
                    $"segment '{group.Key}' has chief_id '{holder}' but the roster has no open 河长 appointment of that chief (roster and segments must agree on today's chief)");
        }
    }
}
