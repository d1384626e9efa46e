using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Roster;

/// <summary>
/// The river-chief system as it stood on a past day: every segment's chief_id replaced by the 河长 the roster says held it
/// that day (or none: vacant), so coverage and vacancies of a past month are those of that month. The segments and
/// rivers themselves are today's (their history is not kept).
/// </summary>
public static class RosterOverlay
{
    /// <summary>The data with the chiefs of <paramref name="day"/>; null when they are today's already (nothing to rebuild).</summary>
    public static RiverSystemData? On(RiverSystemData data, ChiefRoster roster, DateOnly day)
    {
        var changed = false;
        var segments = data.Segments.Select(s =>
        {
            var chief = HolderOn(roster, s, day);
            if (chief == s.ChiefId) return s;
            changed = true;
            return s with { ChiefId = chief };
        }).ToList();
        return changed ? data with { Segments = segments } : null;
    }

    /// <summary>
    /// The segment's 河长 on the day; a segment the roster knows nothing about keeps its chief (the roster starts with
    /// the first import, and segments added by hand-made data may have none).
    /// </summary>
    public static string? HolderOn(ChiefRoster roster, Segment segment, DateOnly day)
    {
        var history = roster.HistoryOf(segment.Code);
        if (!history.Any(a => a.Duty == ChiefDuty.Chief)) return segment.ChiefId;
        return history.FirstOrDefault(a => a.Duty == ChiefDuty.Chief && a.HoldsOn(day))?.ChiefId;
    }
}
