namespace RiverGis.Geo.Assessment;

/// <summary>Grades by total score (0–100): 优秀 ≥ <see cref="Excellent"/>, 良好 ≥ <see cref="Good"/>, 合格 ≥ <see cref="Pass"/>, else 不合格.</summary>
public sealed record GradeScale(double Excellent = 90, double Good = 80, double Pass = 60)
{
    public Grade Of(double total) => total >= Excellent ? Grade.Excellent : total >= Good ? Grade.Good : total >= Pass ? Grade.Pass : Grade.Fail;
}

/// <summary>Standard competition ranking (1, 2, 2, 4): equal totals share a rank, compared to 0.01 points.</summary>
public static class Ranking
{
    public static IReadOnlyList<int> Of(IReadOnlyList<double> totals)
    {
        var rounded = totals.Select(t => Math.Round(t, 2)).ToList();
        return rounded.Select(t => 1 + rounded.Count(other => other > t)).ToList();
    }
}
