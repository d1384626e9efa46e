using System.Text.Json.Serialization;

namespace RiverGis.Geo.Water;

/// <summary>Surface-water classes of GB 3838-2002 (Ⅰ–Ⅴ, and 劣Ⅴ beyond Ⅴ), best first.</summary>
public enum WaterClass
{
    [JsonStringEnumMemberName("I")] I = 1,
    [JsonStringEnumMemberName("II")] II = 2,
    [JsonStringEnumMemberName("III")] III = 3,
    [JsonStringEnumMemberName("IV")] IV = 4,
    [JsonStringEnumMemberName("V")] V = 5,
    /// <summary>劣Ⅴ类: worse than class Ⅴ.</summary>
    [JsonStringEnumMemberName("劣V")] WorseThanV = 6,
}

/// <summary>Rivers and lakes/reservoirs have different total-phosphorus limits, and total nitrogen counts only for lakes.</summary>
public enum WaterBodyKind { River, Lake }

/// <summary>The basic items of GB 3838-2002 Table 1 that river-chief offices sample (factor codes are the wire names).</summary>
public enum WaterFactor
{
    /// <summary>溶解氧 dissolved oxygen — a lower bound (≥).</summary>
    [JsonStringEnumMemberName("do")] DissolvedOxygen,
    /// <summary>高锰酸盐指数 permanganate index.</summary>
    [JsonStringEnumMemberName("codmn")] PermanganateIndex,
    /// <summary>化学需氧量 chemical oxygen demand.</summary>
    [JsonStringEnumMemberName("cod")] ChemicalOxygenDemand,
    /// <summary>五日生化需氧量 five-day biochemical oxygen demand.</summary>
    [JsonStringEnumMemberName("bod5")] Bod5,
    /// <summary>氨氮 ammonia nitrogen.</summary>
    [JsonStringEnumMemberName("nh3_n")] AmmoniaNitrogen,
    /// <summary>总磷 total phosphorus (as P).</summary>
    [JsonStringEnumMemberName("tp")] TotalPhosphorus,
    /// <summary>总氮 total nitrogen (as N), lakes and reservoirs only.</summary>
    [JsonStringEnumMemberName("tn")] TotalNitrogen,
    /// <summary>铜 copper.</summary>
    [JsonStringEnumMemberName("cu")] Copper,
    /// <summary>锌 zinc.</summary>
    [JsonStringEnumMemberName("zn")] Zinc,
    /// <summary>氟化物 fluoride (as F⁻).</summary>
    [JsonStringEnumMemberName("f")] Fluoride,
    /// <summary>硒 selenium.</summary>
    [JsonStringEnumMemberName("se")] Selenium,
    /// <summary>砷 arsenic.</summary>
    [JsonStringEnumMemberName("as")] Arsenic,
    /// <summary>汞 mercury.</summary>
    [JsonStringEnumMemberName("hg")] Mercury,
    /// <summary>镉 cadmium.</summary>
    [JsonStringEnumMemberName("cd")] Cadmium,
    /// <summary>铬（六价） hexavalent chromium.</summary>
    [JsonStringEnumMemberName("cr6")] Chromium6,
    /// <summary>铅 lead.</summary>
    [JsonStringEnumMemberName("pb")] Lead,
    /// <summary>氰化物 cyanide.</summary>
    [JsonStringEnumMemberName("cn")] Cyanide,
    /// <summary>挥发酚 volatile phenol.</summary>
    [JsonStringEnumMemberName("phenol")] VolatilePhenol,
    /// <summary>石油类 petroleum.</summary>
    [JsonStringEnumMemberName("oil")] Petroleum,
    /// <summary>阴离子表面活性剂 anionic surfactant (LAS).</summary>
    [JsonStringEnumMemberName("las")] AnionicSurfactant,
    /// <summary>硫化物 sulfide.</summary>
    [JsonStringEnumMemberName("sulfide")] Sulfide,
}

/// <summary>The limits of one factor for classes Ⅰ–Ⅴ (mg/L) and whether the limit is a minimum (DO) or a maximum.</summary>
public sealed record FactorLimits(WaterFactor Factor, string Code, string ChineseName, bool AtLeast, IReadOnlyList<double> Limits,
    IReadOnlyList<double>? LakeLimits = null, bool LakeOnly = false)
{
    /// <summary>The limits for a kind of water body (classes Ⅰ–Ⅴ in order).</summary>
    public IReadOnlyList<double> For(WaterBodyKind kind) => kind == WaterBodyKind.Lake && LakeLimits is not null ? LakeLimits : Limits;

    /// <summary>Whether the factor takes part in classifying this kind of water body.</summary>
    public bool AppliesTo(WaterBodyKind kind) => !LakeOnly || kind == WaterBodyKind.Lake;
}

/// <summary>
/// GB 3838-2002《地表水环境质量标准》Table 1 (基本项目标准限值), the basic items in mg/L. The class of a value is the best
/// class whose limit it meets (≤ the limit, or ≥ for dissolved oxygen); beyond class Ⅴ it is 劣Ⅴ. Total phosphorus has
/// its own limits for lakes and reservoirs (湖、库); total nitrogen applies to lakes and reservoirs only. pH, water
/// temperature and faecal coliforms are not classified here (no class ladder for pH and temperature; coliforms are
/// not part of the routine assessment).
/// </summary>
public static class SurfaceWaterStandard
{
    public static IReadOnlyList<FactorLimits> Table { get; } =
    [
        new(WaterFactor.DissolvedOxygen, "do", "溶解氧", true, [7.5, 6, 5, 3, 2]),
        new(WaterFactor.PermanganateIndex, "codmn", "高锰酸盐指数", false, [2, 4, 6, 10, 15]),
        new(WaterFactor.ChemicalOxygenDemand, "cod", "化学需氧量", false, [15, 15, 20, 30, 40]),
        new(WaterFactor.Bod5, "bod5", "五日生化需氧量", false, [3, 3, 4, 6, 10]),
        new(WaterFactor.AmmoniaNitrogen, "nh3_n", "氨氮", false, [0.15, 0.5, 1.0, 1.5, 2.0]),
        new(WaterFactor.TotalPhosphorus, "tp", "总磷", false, [0.02, 0.1, 0.2, 0.3, 0.4], LakeLimits: [0.01, 0.025, 0.05, 0.1, 0.2]),
        new(WaterFactor.TotalNitrogen, "tn", "总氮", false, [0.2, 0.5, 1.0, 1.5, 2.0], LakeOnly: true),
        new(WaterFactor.Copper, "cu", "铜", false, [0.01, 1.0, 1.0, 1.0, 1.0]),
        new(WaterFactor.Zinc, "zn", "锌", false, [0.05, 1.0, 1.0, 2.0, 2.0]),
        new(WaterFactor.Fluoride, "f", "氟化物", false, [1.0, 1.0, 1.0, 1.5, 1.5]),
        new(WaterFactor.Selenium, "se", "硒", false, [0.01, 0.01, 0.01, 0.02, 0.02]),
        new(WaterFactor.Arsenic, "as", "砷", false, [0.05, 0.05, 0.05, 0.1, 0.1]),
        new(WaterFactor.Mercury, "hg", "汞", false, [0.00005, 0.00005, 0.0001, 0.001, 0.001]),
        new(WaterFactor.Cadmium, "cd", "镉", false, [0.001, 0.005, 0.005, 0.005, 0.01]),
        new(WaterFactor.Chromium6, "cr6", "铬（六价）", false, [0.01, 0.05, 0.05, 0.05, 0.1]),
        new(WaterFactor.Lead, "pb", "铅", false, [0.01, 0.01, 0.05, 0.05, 0.1]),
        new(WaterFactor.Cyanide, "cn", "氰化物", false, [0.005, 0.05, 0.2, 0.2, 0.2]),
        new(WaterFactor.VolatilePhenol, "phenol", "挥发酚", false, [0.002, 0.002, 0.005, 0.01, 0.1]),
        new(WaterFactor.Petroleum, "oil", "石油类", false, [0.05, 0.05, 0.05, 0.5, 1.0]),
        new(WaterFactor.AnionicSurfactant, "las", "阴离子表面活性剂", false, [0.2, 0.2, 0.2, 0.3, 0.3]),
        new(WaterFactor.Sulfide, "sulfide", "硫化物", false, [0.05, 0.1, 0.2, 0.5, 1.0]),
    ];

    public static FactorLimits Of(WaterFactor factor) => Table[(int)factor];

    /// <summary>Reads a factor code (<c>nh3_n</c>…); false for anything else.</summary>
    public static bool TryParseFactor(string? code, out WaterFactor factor)
    {
        foreach (var row in Table)
        {
            if (!string.Equals(row.Code, code, StringComparison.Ordinal)) continue;
            factor = row.Factor;
            return true;
        }
        factor = default;
        return false;
    }

    /// <summary>The class a measured value of one factor meets.</summary>
    public static WaterClass ClassOf(WaterFactor factor, double value, WaterBodyKind kind)
    {
        var row = Of(factor);
        var limits = row.For(kind);
        for (var i = 0; i < limits.Count; i++)
        {
            if (row.AtLeast ? value >= limits[i] : value <= limits[i]) return (WaterClass)(i + 1);
        }
        return WaterClass.WorseThanV;
    }

    /// <summary>The limit of a factor for a class (Ⅰ–Ⅴ).</summary>
    public static double LimitOf(WaterFactor factor, WaterClass waterClass, WaterBodyKind kind)
    {
        if (waterClass == WaterClass.WorseThanV) throw new ArgumentOutOfRangeException(nameof(waterClass), "劣Ⅴ has no limit");
        return Of(factor).For(kind)[(int)waterClass - 1];
    }

    /// <summary>The label as printed, e.g. Ⅲ类, 劣Ⅴ类.</summary>
    public static string ChineseLabel(this WaterClass waterClass) => waterClass switch
    {
        WaterClass.I => "Ⅰ类",
        WaterClass.II => "Ⅱ类",
        WaterClass.III => "Ⅲ类",
        WaterClass.IV => "Ⅳ类",
        WaterClass.V => "Ⅴ类",
        _ => "劣Ⅴ类",
    };

    /// <summary>Wire code, as in the contract: I|II|III|IV|V|劣V.</summary>
    public static string ToCode(this WaterClass waterClass) => waterClass == WaterClass.WorseThanV ? "劣V" : waterClass.ToString();

    public static bool TryParseClass(string? code, out WaterClass waterClass)
    {
        foreach (var c in Enum.GetValues<WaterClass>())
        {
            if (c.ToCode() != code) continue;
            waterClass = c;
            return true;
        }
        waterClass = default;
        return false;
    }
}
