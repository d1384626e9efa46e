namespace RiverGis.Geo.Model;

/// <summary>Administrative levels of the River Chief System, ordered from the top (province) down.</summary>
public enum AdminLevel
{
    Province = 0,
    City = 1,
    County = 2,
    Township = 3,
    Village = 4,
}

public static class AdminLevels
{
    public static readonly IReadOnlyList<AdminLevel> TopDown =
        [AdminLevel.Province, AdminLevel.City, AdminLevel.County, AdminLevel.Township, AdminLevel.Village];

    /// <summary>The wire codes, top-down (province|city|county|township|village).</summary>
    public static readonly IReadOnlyList<string> Codes = EnumCodes.All<AdminLevel>();

    public static string ToCode(this AdminLevel level) => EnumCodes.ToCode(level);

    /// <summary>Chinese label as used on river-chief notice boards (省级/市级/县级/乡级/村级).</summary>
    public static string ChineseLabel(this AdminLevel level) => level switch
    {
        AdminLevel.Province => "省级",
        AdminLevel.City => "市级",
        AdminLevel.County => "县级",
        AdminLevel.Township => "乡级",
        _ => "村级",
    };

    public static bool TryParse(string? code, out AdminLevel level) => EnumCodes.TryParse(code, out level);

    public static AdminLevel Parse(string code) =>
        TryParse(code, out var level) ? level : throw new FormatException($"unknown level '{code}', expected one of {string.Join("|", Codes)}");

    /// <summary>True when <paramref name="level"/> is the same as or above <paramref name="other"/> (closer to the province).</summary>
    public static bool IsAtOrAbove(this AdminLevel level, AdminLevel other) => level <= other;
}
