using System.Globalization;
using Mapster;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Roster;

namespace RiverGis.Api.Roster;

/// <summary>The month's roster changes as the office publishes them (河长调整公告): one sentence per change.</summary>
public static class RosterNotice
{
    public static RosterNoticeResponse For(ChiefRoster roster, OfficePeriod month, string? areaCode, RiverSystem system)
    {
        bool InScope(Appointment a) => areaCode is null || system.AncestorsAndSelf(a.AreaCode).Any(x => x.Code == areaCode);
        var changes = RosterChanges.In(roster, month, InScope)
            .Select(c => new RosterChangeResponse(c.On, c.Kind, Label(c.Kind), c.Appointment.Adapt<AppointmentResponse>(),
                c.Predecessor?.Adapt<AppointmentResponse>(), Sentence(c, system)))
            .ToList();
        var place = areaCode is not null && system.Areas.TryGetValue(areaCode, out var area) ? area.Area.Name : "";
        var title = $"{place}{month.ChineseLabel}河长调整公告";
        var body = changes.Count == 0 ? $"{month.ChineseLabel}河长无调整。" : string.Join("\n", changes.Select((c, i) => $"{i + 1}. {c.TextZh}"));
        return new RosterNoticeResponse(month.Code, areaCode, title, changes.Count, changes, title + "\n" + body);
    }

    public static string Label(RosterChangeKind kind) => kind switch
    {
        RosterChangeKind.Appointed => "任命",
        RosterChangeKind.Replaced => "接替",
        _ => "免去",
    };

    private static string Sentence(RosterChange change, RiverSystem system)
    {
        var a = change.Appointment;
        var who = a.Post is null ? a.ChiefName : $"{a.ChiefName}（{a.Post}）";
        var post = Place(a, system) + a.Duty.ChineseLabel();
        var day = change.On.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        return change.Kind switch
        {
            RosterChangeKind.Appointed => $"自{day}起，{who}任{post}。",
            RosterChangeKind.Replaced => $"自{day}起，{who}接替{change.Predecessor!.ChiefName}任{post}。",
            _ => $"自{day}起，{who}不再担任{post}。",
        };
    }

    /// <summary>The segment's name (or river and area), or the area's name for an area post; the code when no longer in the data.</summary>
    public static string Place(Appointment a, RiverSystem system)
    {
        if (a.SegmentCode is { } code)
        {
            if (!system.Segments.TryGetValue(code, out var s)) return code;
            if (s.Segment.Name is { } name) return name;
            var river = system.Rivers.TryGetValue(s.Segment.RiverCode, out var r) ? r.River.Name : s.Segment.RiverCode;
            return $"{river}{AreaName(s.Segment.AreaCode, system)}段";
        }
        return AreaName(a.AreaCode, system);
    }

    private static string AreaName(string code, RiverSystem system) => system.Areas.TryGetValue(code, out var area) ? area.Area.Name : code;
}
