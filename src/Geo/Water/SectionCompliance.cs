using RiverGis.Geo.Calendar;

namespace RiverGis.Geo.Water;

/// <summary>A section in one period: how many samples, the class of their mean, whether the target was met, and the run of failures so far.</summary>
/// <param name="Quality">Single-factor class of the period's mean concentrations against the section's target; null without samples.</param>
/// <param name="TargetMet">Null when the period has no sample.</param>
/// <param name="ConsecutiveFailures">Failing monitored periods in a row ending with this one (0 when it met its target or had no sample).</param>
/// <param name="RunStart">First period of that run of failures; null when there is none.</param>
public sealed record SectionPeriod(string SectionCode, OfficePeriod Period, int SampleCount, WaterQualityResult? Quality, bool? TargetMet,
    int ConsecutiveFailures, OfficePeriod? RunStart);

/// <summary>
/// Compliance of a section period by period (月度达标评价): the period's samples are averaged factor by factor (多次监测
/// 取算术平均值, as 《地表水环境质量评价办法（试行）》 does), the mean classified by single-factor evaluation against the
/// section's target, and failures counted in a row. A period without samples is not a monitoring result: it neither
/// counts as a failure nor breaks a run.
/// </summary>
public static class SectionCompliance
{
    /// <summary>The mean of each factor over the samples (a factor counts only where it was measured).</summary>
    public static IReadOnlyDictionary<WaterFactor, double> Mean(IReadOnlyCollection<WaterSample> samples)
    {
        var sums = new Dictionary<WaterFactor, (double Sum, int Count)>();
        foreach (var sample in samples)
        {
            foreach (var (factor, value) in sample.Values)
            {
                var (sum, count) = sums.GetValueOrDefault(factor);
                sums[factor] = (sum + value, count + 1);
            }
        }
        return sums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count);
    }

    /// <summary>
    /// The section's result in each of <paramref name="periods"/> (consecutive periods of one kind, oldest first) from
    /// its <paramref name="samples"/> (any order; those outside the periods are ignored).
    /// </summary>
    public static IReadOnlyList<SectionPeriod> Evaluate(MonitoringSection section, IEnumerable<WaterSample> samples, IReadOnlyList<OfficePeriod> periods)
    {
        var byPeriod = new List<WaterSample>[periods.Count];
        for (var i = 0; i < byPeriod.Length; i++) byPeriod[i] = [];
        foreach (var sample in samples)
        {
            var i = IndexOf(periods, sample.SampledAt);
            if (i >= 0) byPeriod[i].Add(sample);
        }
        var results = new List<SectionPeriod>(periods.Count);
        var run = 0;
        OfficePeriod? runStart = null;
        var kind = section.ClassificationKind();
        for (var i = 0; i < periods.Count; i++)
        {
            if (byPeriod[i].Count == 0)
            {
                results.Add(new SectionPeriod(section.Code, periods[i], 0, null, null, 0, null));
                continue;
            }
            var quality = WaterQualityClassifier.Classify(kind, Mean(byPeriod[i]), section.TargetClass);
            var met = quality.Class <= section.TargetClass;
            if (met)
            {
                run = 0;
                runStart = null;
            }
            else
            {
                run++;
                runStart ??= periods[i];
            }
            results.Add(new SectionPeriod(section.Code, periods[i], byPeriod[i].Count, quality, met, met ? 0 : run, met ? null : runStart));
        }
        return results;
    }

    /// <summary>The <paramref name="count"/> periods of <paramref name="last"/>'s kind ending with it, oldest first.</summary>
    public static IReadOnlyList<OfficePeriod> PeriodsEndingWith(OfficePeriod last, int count)
    {
        var list = new List<OfficePeriod>(count);
        var p = last;
        for (var i = 0; i < count; i++, p = p.Previous()) list.Add(p);
        list.Reverse();
        return list;
    }

    private static int IndexOf(IReadOnlyList<OfficePeriod> periods, DateTimeOffset at)
    {
        // Periods are consecutive and sorted: binary search on their starts.
        int lo = 0, hi = periods.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (at < periods[mid].Start) hi = mid - 1;
            else if (at >= periods[mid].End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }
}

/// <summary>Which way a section's class moved against the previous monitored period.</summary>
public enum WaterTrend
{
    /// <summary>好转: a better class than before.</summary>
    Improving,
    /// <summary>持平: the same class.</summary>
    Stable,
    /// <summary>变差: a worse class.</summary>
    Worsening,
    /// <summary>No earlier result to compare with.</summary>
    Unknown,
}

/// <summary>Trend of a series of period results.</summary>
public static class WaterTrends
{
    public static string ChineseLabel(this WaterTrend trend) => trend switch
    {
        WaterTrend.Improving => "好转",
        WaterTrend.Stable => "持平",
        WaterTrend.Worsening => "变差",
        _ => "—",
    };

    /// <summary>The latest monitored class against the one before it.</summary>
    public static WaterTrend Of(IReadOnlyList<SectionPeriod> series)
    {
        var monitored = series.Where(p => p.Quality is not null).ToList();
        if (monitored.Count < 2) return WaterTrend.Unknown;
        var (before, latest) = (monitored[^2].Quality!.Class, monitored[^1].Quality!.Class);
        return latest < before ? WaterTrend.Improving : latest > before ? WaterTrend.Worsening : WaterTrend.Stable;
    }
}
