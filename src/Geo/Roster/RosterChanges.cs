using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Roster;

/// <summary>What happened to a post (for the month's 公告).</summary>
public enum RosterChangeKind
{
    /// <summary>任命: a chief took up a post nobody handed over.</summary>
    Appointed,
    /// <summary>接替: a chief took over a primary post (河长, 总河长) from a predecessor the same day.</summary>
    Replaced,
    /// <summary>免去: a chief left a post and nobody took it over that day.</summary>
    Ended,
}

/// <summary>One change of the roster on a day: the appointment concerned and, for a handover, the predecessor's.</summary>
public sealed record RosterChange(DateOnly On, RosterChangeKind Kind, Appointment Appointment, Appointment? Predecessor);

/// <summary>
/// The changes of the roster within a period (动态调整), for the office's monthly announcement: appointments that
/// started in it (a handover when a primary post's previous holder left that day) and those that ended without a
/// successor. Appointments with an unknown start are the roster's first records, not changes.
/// </summary>
public static class RosterChanges
{
    public static IReadOnlyList<RosterChange> In(ChiefRoster roster, OfficePeriod period, Func<Appointment, bool>? inScope = null)
    {
        bool InPeriod(DateOnly? day) => day is { } d && d >= period.FirstDay && d <= period.LastDay;
        var selected = roster.All.Where(a => inScope?.Invoke(a) ?? true).ToList();
        var endings = selected.Where(a => InPeriod(a.EndedOn)).ToList();
        var handedOver = new HashSet<Appointment>(ReferenceEqualityComparer.Instance);
        var changes = new List<RosterChange>();
        foreach (var a in selected.Where(a => InPeriod(a.AppointedOn)))
        {
            var predecessor = a.Duty.IsPrimary()
                ? endings.FirstOrDefault(e => e.Duty == a.Duty && e.Target == a.Target && e.EndedOn == a.AppointedOn && e.ChiefId != a.ChiefId && !handedOver.Contains(e))
                : null;
            if (predecessor is not null) handedOver.Add(predecessor);
            changes.Add(new(a.AppointedOn!.Value, predecessor is null ? RosterChangeKind.Appointed : RosterChangeKind.Replaced, a, predecessor));
        }
        changes.AddRange(endings.Where(e => !handedOver.Contains(e)).Select(e => new RosterChange(e.EndedOn!.Value, RosterChangeKind.Ended, e, null)));
        return changes.OrderBy(c => c.On).ThenBy(c => c.Appointment.Target, StringComparer.Ordinal).ThenBy(c => c.Appointment.Duty)
            .ThenBy(c => c.Kind).ThenBy(c => c.Appointment.ChiefId, StringComparer.Ordinal).ToList();
    }
}
