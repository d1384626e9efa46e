namespace RiverGis.Geo.Roster;

/// <summary>Two appointments that hold the same exclusive post on the same days.</summary>
public sealed record TenureOverlap<T>(T First, T Second);

/// <summary>
/// One 河长 per segment on any day (双河长, deputies and executive chiefs may be several): finds appointments of an
/// exclusive duty (<see cref="ChiefDuties.IsExclusive"/>) on the same post whose tenures overlap.
/// </summary>
public static class TenureOverlaps
{
    /// <param name="key">The post of an item (duty and segment/area code).</param>
    public static IReadOnlyList<TenureOverlap<T>> Find<T>(IEnumerable<T> items, Func<T, (ChiefDuty Duty, string Target)> key,
        Func<T, (DateOnly? From, DateOnly? To)> tenure)
    {
        var found = new List<TenureOverlap<T>>();
        foreach (var group in items.Where(i => key(i).Duty.IsExclusive()).GroupBy(key))
        {
            var ordered = group.OrderBy(i => tenure(i).From ?? DateOnly.MinValue).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = tenure(ordered[i - 1]);
                var current = tenure(ordered[i]);
                // Half-open tenures: [from, to). An open previous tenure overlaps anything that starts after it.
                if (previous.To is not { } end || (current.From ?? DateOnly.MinValue) < end) found.Add(new(ordered[i - 1], ordered[i]));
            }
        }
        return found;
    }
}
