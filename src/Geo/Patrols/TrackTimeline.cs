using System.Globalization;
using System.Text.Json;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Patrols;

/// <summary>
/// The times of a track's positions as GeoJSON carries them (<c>properties.times</c>: one ISO 8601 time with a time
/// zone per position, the convention of GPX→GeoJSON converters), checked: one per position, never going back, inside
/// [started_at, ended_at] when those are given. Problems name the position (<c>times[12]</c>).
/// </summary>
public static class TrackTimeline
{
    /// <summary>Longest span <see cref="TrackTimes"/> holds (int milliseconds): far beyond any patrol.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <param name="problem">Called with (where, message) for every problem.</param>
    public static TrackTimes? Read(JsonElement array, string path, int positions, DateTimeOffset? from, DateTimeOffset? to, Action<string, string> problem)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            problem(path, "expected an array of ISO 8601 times, one per position");
            return null;
        }
        var times = new List<DateTimeOffset>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !TryParse(item.GetString()!, out var time))
            {
                problem($"{path}[{i}]", $"{(item.ValueKind == JsonValueKind.String ? $"'{item.GetString()}'" : item.GetRawText())} is not an ISO 8601 time with a time zone (e.g. 2026-10-03T09:12:00+08:00)");
                return null;
            }
            times.Add(time);
            i++;
        }
        if (times.Count != positions)
        {
            problem(path, $"{times.Count} times for {positions} positions: give one time per position");
            return null;
        }
        return Check(times, k => $"{path}[{k}]", from, to, problem);
    }

    /// <summary>Checks order and bounds of per-position times; the result is relative to <paramref name="from"/> (or the first time).</summary>
    public static TrackTimes? Check(IReadOnlyList<DateTimeOffset> times, Func<int, string> where, DateTimeOffset? from, DateTimeOffset? to,
        Action<string, string> problem)
    {
        if (times.Count == 0) return null;
        for (var k = 1; k < times.Count; k++)
        {
            if (times[k] >= times[k - 1]) continue;
            problem(where(k), $"{Format(times[k])} is earlier than the time of the position before it ({Format(times[k - 1])}): times must not go back");
            return null;
        }
        if (from is { } start && times[0] < start)
        {
            problem(where(0), $"{Format(times[0])} is before started_at ({Format(start)})");
            return null;
        }
        if (to is { } end && times[^1] > end)
        {
            problem(where(times.Count - 1), $"{Format(times[^1])} is after ended_at ({Format(end)})");
            return null;
        }
        var origin = from ?? times[0];
        if (times[^1] - origin > MaxSpan)
        {
            problem(where(times.Count - 1), $"the track spans more than {MaxSpan.TotalDays:0} days");
            return null;
        }
        return TrackTimes.From(origin, times);
    }

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value)
        && (text.EndsWith('Z') || text.EndsWith('z') || text.Contains('+') || text.LastIndexOf('-') > 9);

    public static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
}
