namespace RiverGis.Geo.LinearReferencing;

/// <summary>A closed measure interval [From, To] along a line, in metres from its upstream end.</summary>
public readonly record struct Interval(double From, double To)
{
    public double Length => To - From;
    public double Middle => (From + To) / 2;
    public bool Contains(double m, double slack = 0) => m >= From - slack && m <= To + slack;
}

/// <summary>
/// A set of disjoint, sorted measure intervals with the set operations the responsibility analyses are made of
/// (river inside an area minus the stretches covered by segments = a gap). Immutable.
/// </summary>
public sealed class IntervalSet
{
    public static readonly IntervalSet Empty = new([]);

    private readonly Interval[] _intervals;

    private IntervalSet(Interval[] normalised) => _intervals = normalised;

    public IReadOnlyList<Interval> Intervals => _intervals;
    public bool IsEmpty => _intervals.Length == 0;
    public double Length => _intervals.Sum(i => i.Length);

    public static IntervalSet Of(double from, double to) => to > from ? new([new Interval(from, to)]) : Empty;

    /// <summary>Sorts and merges overlapping or touching intervals; drops empty ones.</summary>
    public static IntervalSet From(IEnumerable<Interval> intervals)
    {
        var sorted = intervals.Where(i => i.To > i.From).OrderBy(i => i.From).ToList();
        var merged = new List<Interval>(sorted.Count);
        foreach (var interval in sorted)
        {
            if (merged.Count > 0 && interval.From <= merged[^1].To)
            {
                if (interval.To > merged[^1].To) merged[^1] = merged[^1] with { To = interval.To };
            }
            else
            {
                merged.Add(interval);
            }
        }
        return merged.Count == 0 ? Empty : new IntervalSet(merged.ToArray());
    }

    public IntervalSet Union(IntervalSet other) => From(_intervals.Concat(other._intervals));

    public IntervalSet Intersect(IntervalSet other)
    {
        var result = new List<Interval>();
        int i = 0, j = 0;
        while (i < _intervals.Length && j < other._intervals.Length)
        {
            var a = _intervals[i];
            var b = other._intervals[j];
            var from = Math.Max(a.From, b.From);
            var to = Math.Min(a.To, b.To);
            if (to > from) result.Add(new Interval(from, to));
            if (a.To < b.To) i++; else j++;
        }
        return result.Count == 0 ? Empty : new IntervalSet(result.ToArray());
    }

    public IntervalSet Subtract(IntervalSet other)
    {
        if (other.IsEmpty || IsEmpty) return this;
        var result = new List<Interval>();
        var j = 0;
        foreach (var a in _intervals)
        {
            var from = a.From;
            while (j < other._intervals.Length && other._intervals[j].To <= from) j++;
            var k = j;
            while (k < other._intervals.Length && other._intervals[k].From < a.To)
            {
                var b = other._intervals[k];
                if (b.From > from) result.Add(new Interval(from, b.From));
                from = Math.Max(from, b.To);
                k++;
            }
            if (a.To > from) result.Add(new Interval(from, a.To));
        }
        return From(result);
    }

    /// <summary>Each interval grown by <paramref name="amount"/> at both ends, clamped to [min, max]: closes holes narrower than 2×amount.</summary>
    public IntervalSet Grow(double amount, double min, double max) =>
        From(_intervals.Select(i => new Interval(Math.Max(min, i.From - amount), Math.Min(max, i.To + amount))));

    /// <summary>Drops intervals not longer than <paramref name="minLength"/> (slivers from digitising differences).</summary>
    public IntervalSet WithoutShorterThan(double minLength) =>
        From(_intervals.Where(i => i.Length > minLength));

    public bool Contains(double measure, double slack = 0)
    {
        var lo = 0;
        var hi = _intervals.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var interval = _intervals[mid];
            if (interval.To + slack < measure) lo = mid + 1;
            else if (interval.From - slack > measure) hi = mid - 1;
            else return true;
        }
        return false;
    }

    public override string ToString() => string.Join(" ", _intervals.Select(i => $"[{i.From:0.#},{i.To:0.#}]"));
}
