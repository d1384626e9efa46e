using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Roster;

/// <summary>
/// One appointment of a chief to a post (任职): who, which duty, on which segment or area, from when until when. The
/// tenure is the half-open day range [<see cref="AppointedOn"/>, <see cref="EndedOn"/>) in China Standard Time: on the
/// day an appointment ends its successor holds the post. A null start means "since before the roster's records" (the
/// first import of a dataset says who holds a segment, not since when); a null end means the post is still held.
/// </summary>
/// <param name="Id">The stored appointment's id (0 for one not stored yet).</param>
/// <param name="ChiefName">The chief's name when appointed: history keeps it after the chief leaves the data.</param>
/// <param name="Post">The chief's government post (职务, e.g. 副区长) when appointed.</param>
/// <param name="AreaCode">The area of the post: the segment's area, or the area of a (deputy) general chief.</param>
/// <param name="SegmentCode">The segment; null for area duties.</param>
public sealed record Appointment(
    long Id, string ChiefId, string ChiefName, string? Post, ChiefDuty Duty, string AreaCode, string? SegmentCode,
    DateOnly? AppointedOn, DateOnly? EndedOn)
{
    public bool IsOpen => EndedOn is null;

    /// <summary>Whether the chief holds the post on <paramref name="day"/>.</summary>
    public bool HoldsOn(DateOnly day) => (AppointedOn is not { } from || from <= day) && (EndedOn is not { } end || day < end);

    /// <summary>The days of <paramref name="period"/> the post was held, as an inclusive range; null when none.</summary>
    public (DateOnly First, DateOnly Last)? TenureIn(OfficePeriod period)
    {
        var first = AppointedOn is { } from && from > period.FirstDay ? from : period.FirstDay;
        var last = EndedOn is { } end && end.AddDays(-1) < period.LastDay ? end.AddDays(-1) : period.LastDay;
        return first <= last ? (first, last) : null;
    }

    /// <summary>The segment code, or the area code for an area duty: what the post is about.</summary>
    public string Target => SegmentCode ?? AreaCode;
}

/// <summary>A row of a dataset's roster.csv: an appointment as the office writes it down.</summary>
public sealed record RosterEntry(string ChiefId, ChiefDuty Duty, string? SegmentCode, string? AreaCode, DateOnly? AppointedOn, DateOnly? EndedOn);
