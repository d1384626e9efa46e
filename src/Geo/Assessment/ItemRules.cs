namespace RiverGis.Geo.Assessment;

/// <summary>
/// A share scored linearly: nothing at or below <see cref="ZeroAtPercent"/>, the full <see cref="Weight"/> at or above
/// <see cref="FullAtPercent"/>, in between in proportion (e.g. 50 % → 0, 100 % → 25 points, 80 % → 15).
/// </summary>
public sealed record RatioRule(double Weight, double ZeroAtPercent = 0, double FullAtPercent = 100)
{
    public double Score(double percent)
    {
        if (FullAtPercent <= ZeroAtPercent) return percent >= FullAtPercent ? Weight : 0;
        var share = Math.Clamp((percent - ZeroAtPercent) / (FullAtPercent - ZeroAtPercent), 0, 1);
        return Weight * share;
    }
}

/// <summary>Points taken off the <see cref="Weight"/> per counted event (a vacancy, a late report…), never below zero.</summary>
public sealed record DeductionRule(double Weight, double PointsEach)
{
    public double Score(double count) => Math.Max(0, Weight - PointsEach * count);
}
