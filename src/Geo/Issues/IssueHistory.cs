namespace RiverGis.Geo.Issues;

/// <summary>One stored event of an issue as the history needs it: when, the status it led to, who it assigned.</summary>
public sealed record IssueEventFact(DateTimeOffset At, IssueStatus ToStatus, string? ChiefId, string? UnitCode);

/// <summary>Where an issue stood at an instant: its status, its chief and its unit then.</summary>
public sealed record IssueStateAt(IssueStatus Status, string? ChiefId, string? UnitCode);

/// <summary>
/// Replays an issue's history to an instant, so a bulletin frozen late (or recomputed) shows the issue as it stood at
/// the cut-off: the status of the last event at or before it, and the chief and unit of the last events that named
/// one (the report event names the routed chief). Events at the same instant keep their stored order.
/// </summary>
public static class IssueHistory
{
    /// <param name="events">The issue's events in stored order (time, then id).</param>
    /// <returns>Null when the issue had not been reported yet at <paramref name="at"/>.</returns>
    public static IssueStateAt? At(IReadOnlyList<IssueEventFact> events, DateTimeOffset at)
    {
        IssueStateAt? state = null;
        foreach (var e in events)
        {
            if (e.At > at) break;
            state = new IssueStateAt(e.ToStatus, e.ChiefId ?? state?.ChiefId, e.UnitCode ?? state?.UnitCode);
        }
        return state;
    }
}
