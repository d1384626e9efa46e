namespace RiverGis.Geo.Tasks;

/// <summary>One dated progress note of a plan item: the progress reached and whether the office cancelled the item.</summary>
public sealed record ProgressFact(DateTimeOffset At, int Progress, bool Cancelled);

/// <summary>Replays a plan item's progress notes to an instant (bulletins frozen at the cut-off).</summary>
public static class PlanTaskHistory
{
    /// <param name="notes">The item's notes in stored order (time, then id).</param>
    /// <returns>The status and progress at <paramref name="at"/> (0 %, planned, before the first note).</returns>
    public static (PlanTaskStatus Status, int Progress) At(IReadOnlyList<ProgressFact> notes, DateTimeOffset at)
    {
        var (progress, cancelled) = (0, false);
        foreach (var n in notes)
        {
            if (n.At > at) break;
            (progress, cancelled) = (n.Progress, n.Cancelled);
        }
        return (PlanTasks.StatusOf(progress, cancelled), progress);
    }
}
