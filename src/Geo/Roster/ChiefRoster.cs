using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Roster;

/// <summary>The days a chief held a post within a period (inclusive range).</summary>
public sealed record Tenure(Appointment Appointment, DateOnly First, DateOnly Last)
{
    public int Days => Last.DayNumber - First.DayNumber + 1;
}

/// <summary>
/// The chief roster over time (河长名录, 动态调整): every appointment ever recorded, asked by day or period, so that a
/// bulletin, report or assessment of a past month credits whoever held a post then. Immutable; safe to share.
/// </summary>
public sealed class ChiefRoster
{
    public static readonly ChiefRoster Empty = new([]);

    private readonly Dictionary<string, List<Appointment>> _bySegment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Appointment>> _byArea = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Appointment>> _byChief = new(StringComparer.Ordinal);

    public ChiefRoster(IEnumerable<Appointment> appointments)
    {
        // Duty order (河长 before 双河长 …), then the earlier start, then the id: the order every answer keeps.
        All = appointments.OrderBy(a => a.Duty).ThenBy(a => a.AppointedOn ?? DateOnly.MinValue).ThenBy(a => a.Id).ToList();
        foreach (var a in All)
        {
            Add(a.SegmentCode is { } segment ? _bySegment : _byArea, a.SegmentCode ?? a.AreaCode, a);
            Add(_byChief, a.ChiefId, a);
        }
    }

    public IReadOnlyList<Appointment> All { get; }

    /// <summary>Who held posts on segment <paramref name="segmentCode"/> on <paramref name="day"/> (河长 first).</summary>
    public IReadOnlyList<Appointment> HoldersOf(string segmentCode, DateOnly day) =>
        _bySegment.TryGetValue(segmentCode, out var list) ? list.Where(a => a.HoldsOn(day)).ToList() : [];

    /// <summary>Who held posts of area <paramref name="areaCode"/> (总河长, 副总河长) on <paramref name="day"/>.</summary>
    public IReadOnlyList<Appointment> AreaHoldersOf(string areaCode, DateOnly day) =>
        _byArea.TryGetValue(areaCode, out var list) ? list.Where(a => a.HoldsOn(day)).ToList() : [];

    /// <summary>
    /// Who answered for the segment on <paramref name="day"/>: its 河长, else a 代理河长 standing in; null when the
    /// segment was vacant (双河长, deputies and executive chiefs do not fill a vacancy).
    /// </summary>
    public Appointment? ResponsibleFor(string segmentCode, DateOnly day)
    {
        var holders = HoldersOf(segmentCode, day);
        return holders.FirstOrDefault(a => a.Duty == ChiefDuty.Chief) ?? holders.FirstOrDefault(a => a.Duty == ChiefDuty.Acting);
    }

    /// <summary>Every post <paramref name="chiefId"/> held during <paramref name="period"/>, with the days held.</summary>
    public IReadOnlyList<Tenure> PostsOf(string chiefId, OfficePeriod period) =>
        _byChief.TryGetValue(chiefId, out var list)
            ? list.Select(a => (a, Range: a.TenureIn(period))).Where(x => x.Range is not null)
                .Select(x => new Tenure(x.a, x.Range!.Value.First, x.Range.Value.Last)).ToList()
            : [];

    /// <summary>The segments <paramref name="chiefId"/> held (any duty) during <paramref name="period"/>, with the days held.</summary>
    public IReadOnlyList<Tenure> SegmentsOf(string chiefId, OfficePeriod period) =>
        PostsOf(chiefId, period).Where(t => t.Appointment.SegmentCode is not null).ToList();

    /// <summary>Every appointment ever recorded on a segment or area (its code), in duty and start order.</summary>
    public IReadOnlyList<Appointment> HistoryOf(string segmentOrAreaCode) =>
        _bySegment.GetValueOrDefault(segmentOrAreaCode) ?? _byArea.GetValueOrDefault(segmentOrAreaCode) ?? [];

    /// <summary>Every appointment of a chief, in duty and start order.</summary>
    public IReadOnlyList<Appointment> AppointmentsOf(string chiefId) => _byChief.GetValueOrDefault(chiefId) ?? [];

    /// <summary>Whether <paramref name="chiefId"/> ever held a post on <paramref name="segmentCode"/>.</summary>
    public bool EverHeld(string chiefId, string segmentCode) =>
        _bySegment.TryGetValue(segmentCode, out var list) && list.Any(a => a.ChiefId == chiefId);

    private static void Add(Dictionary<string, List<Appointment>> index, string key, Appointment a)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(a);
    }
}
