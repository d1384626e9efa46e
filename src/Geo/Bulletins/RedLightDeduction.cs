namespace RiverGis.Geo.Bulletins;

/// <summary>
/// Points deducted for red lights (红灯): from the n-th red month of a year on (district plans: 从第三次开始扣分), each
/// red month costs <see cref="PointsPerRedMonth"/>. A unit (or chief, or area) has a red month when its monthly bulletin
/// shows at least one red item.
/// </summary>
public sealed record RedLightDeduction(int FromRedMonth = 3, double PointsPerRedMonth = 2)
{
    /// <summary>Red months that cost points: those from the <see cref="FromRedMonth"/>-th on.</summary>
    public int DeductedMonths(int redMonths) => Math.Max(0, redMonths - (FromRedMonth - 1));

    public double Points(int redMonths) => DeductedMonths(redMonths) * PointsPerRedMonth;

    /// <summary>Whether the <paramref name="redMonthNumber"/>-th red month of the year (1-based) is deducted.</summary>
    public bool IsDeducted(int redMonthNumber) => redMonthNumber >= FromRedMonth;
}
