using System.Globalization;

namespace RiverGis.Generation;

/// <summary>
/// What <see cref="SyntheticProvinceGenerator"/> generates. The output is a pure function of these options:
/// the same options give the same content, byte for byte once written.
/// </summary>
public sealed record GeneratorOptions
{
    public const int MaxRivers = 100_000;

    /// <summary>Number of rivers (exact). Everything else — region size, areas, chiefs, segments — scales with it.</summary>
    public int Rivers { get; init; } = 200;

    public int Seed { get; init; } = 1;

    /// <summary>Centre of the generated region (lon, lat); the default lies in the Sichuan basin.</summary>
    public double CentreLon { get; init; } = 104.5;

    public double CentreLat { get; init; } = 30.0;

    /// <summary>
    /// First two digits of every administrative code (GB/T 2260 style: province 510000, city 5101xx, county 510101,
    /// township 9 digits, village 12 digits); also used in river, segment, chief and outlet codes. Codes are global keys
    /// in RiverGis, so two generated datasets that must live side by side need different province codes.
    /// </summary>
    public string ProvinceCode { get; init; } = "51";

    /// <summary>
    /// Rivers per 1000 km² of region; sets the region's size (default 60: 20 000 rivers ≈ 333 000 km², about 6.3° × 5°,
    /// a province the size of Sichuan or Yunnan). The network's drainage density follows from it (≈0.55 km/km² at 60).
    /// </summary>
    public double RiversPerThousandKm2 { get; init; } = 60;

    /// <summary>
    /// A great river (过境干流) crosses the region, entering on one side and leaving on the opposite one, and most
    /// networks drain into it; without it every network drains to an outlet on the region's edge.
    /// </summary>
    public bool GreatRiver { get; init; } = true;

    /// <summary>Fraction of the (undamaged) segments dropped, leaving a stretch of river without a segment at that level.</summary>
    public double UnassignedFraction { get; init; } = 0.02;

    /// <summary>Fraction of segments left without a chief (chief_id null).</summary>
    public double VacantFraction { get; init; } = 0.02;

    /// <summary>Fraction of segments extended 200–800 m along the river into the neighbouring area of the same level.</summary>
    public double SpillOverFraction { get; init; } = 0.02;

    /// <summary>Fraction of segments split into two segments of the same area that overlap each other by 100–400 m.</summary>
    public double OverlapFraction { get; init; } = 0.02;

    /// <summary>Mean river length per sewage outlet (km).</summary>
    public double KmPerOutlet { get; init; } = 5;

    /// <summary>Months of patrol tracks, from <see cref="PatrolFirstMonth"/> (0: none).</summary>
    public int PatrolMonths { get; init; } = 3;

    /// <summary>The first month with patrols (its first day).</summary>
    public DateOnly PatrolFirstMonth { get; init; } = new(2026, 9, 1);

    /// <summary>Share of patrols that are planted cheats (too short, driven, wrong river, teleport), listed in the manifest.</summary>
    public double PatrolCheatFraction { get; init; } = 0.06;

    /// <summary>Seconds between two GPS fixes of a phone on patrol.</summary>
    public int FixIntervalS { get; init; } = 10;

    /// <summary>Same options with all four defect fractions set to <paramref name="fraction"/>.</summary>
    public GeneratorOptions WithDefectFraction(double fraction) => this with
    {
        UnassignedFraction = fraction, VacantFraction = fraction, SpillOverFraction = fraction, OverlapFraction = fraction,
    };

    /// <summary>Dataset code used in dataset.json: synthetic-{province}-n{rivers}-s{seed}.</summary>
    public string DatasetCode => string.Create(CultureInfo.InvariantCulture, $"synthetic-{ProvinceCode}-n{Rivers}-s{Seed}");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first unusable option.</summary>
    public void Validate()
    {
        if (Rivers is < 1 or > MaxRivers) throw new ArgumentException($"Rivers must be between 1 and {MaxRivers}, not {Rivers}", nameof(Rivers));
        if (CentreLon is < -175 or > 175 || CentreLat is < -80 or > 80)
            throw new ArgumentException("the centre must be a lon/lat position away from the poles and the antimeridian", nameof(CentreLon));
        if (ProvinceCode.Length != 2 || !ProvinceCode.All(char.IsAsciiDigit) || ProvinceCode[0] == '0')
            throw new ArgumentException($"ProvinceCode must be two digits 10–99, not '{ProvinceCode}'", nameof(ProvinceCode));
        if (!(RiversPerThousandKm2 is >= 5 and <= 500))
            throw new ArgumentException("RiversPerThousandKm2 must be between 5 and 500", nameof(RiversPerThousandKm2));
        foreach (var (name, value) in new[]
                 {
                     (nameof(UnassignedFraction), UnassignedFraction), (nameof(VacantFraction), VacantFraction),
                     (nameof(SpillOverFraction), SpillOverFraction), (nameof(OverlapFraction), OverlapFraction),
                 })
        {
            if (!(value is >= 0 and <= 0.2)) throw new ArgumentException($"{name} must be between 0 and 0.2, not {value}", name);
        }
        if (!(KmPerOutlet > 0.5)) throw new ArgumentException("KmPerOutlet must be above 0.5", nameof(KmPerOutlet));
        if (PatrolMonths is < 0 or > 36) throw new ArgumentException($"PatrolMonths must be between 0 and 36, not {PatrolMonths}", nameof(PatrolMonths));
        if (PatrolFirstMonth.Day != 1) throw new ArgumentException("PatrolFirstMonth must be the first day of a month", nameof(PatrolFirstMonth));
        if (!(PatrolCheatFraction is >= 0 and <= 0.5)) throw new ArgumentException("PatrolCheatFraction must be between 0 and 0.5", nameof(PatrolCheatFraction));
        if (FixIntervalS is < 1 or > 120) throw new ArgumentException("FixIntervalS must be between 1 and 120 seconds", nameof(FixIntervalS));
    }
}
