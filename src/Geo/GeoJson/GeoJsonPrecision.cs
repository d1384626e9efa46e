namespace RiverGis.Geo.GeoJson;

/// <summary>
/// The one rounding rule for GeoJSON coordinates we write — dataset files, generated and sample data, API responses:
/// <see cref="Decimals"/> decimals of a degree (1e-6° ≈ 0.11 m of latitude, finer than any digitised river line),
/// halves rounded away from zero. Writers that must keep a geometry valid may use more decimals where this rounding
/// would collapse or cross it (<see cref="Dataset.DatasetWriter.Round"/>).
/// </summary>
public static class GeoJsonPrecision
{
    public const int Decimals = 6;

    private static readonly double[] Powers = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

    /// <summary>The value on the grid of <see cref="Decimals"/> decimals.</summary>
    public static double Round(double degrees) => Round(degrees, Decimals);

    /// <summary>The value on the grid of <paramref name="decimals"/> decimals: the double nearest to the decimal number written.</summary>
    public static double Round(double degrees, int decimals) =>
        Math.Round(degrees * Powers[decimals], MidpointRounding.AwayFromZero) / Powers[decimals];
}
