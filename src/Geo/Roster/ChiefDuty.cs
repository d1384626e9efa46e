using RiverGis.Geo.Model;

namespace RiverGis.Geo.Roster;

/// <summary>
/// The post a chief holds on a segment or an area (职责). A segment may have several holders at once (a 河长 and a
/// 双河长, deputies, an executive chief) but one 河长 at a time (<see cref="ChiefDuties.IsExclusive"/>).
/// </summary>
public enum ChiefDuty
{
    /// <summary>河长: the segment's chief (the one routing answers with).</summary>
    Chief,
    /// <summary>双河长: a second chief of equal rank (e.g. the party secretary beside the head of government).</summary>
    Dual,
    /// <summary>副河长: a deputy chief of the segment.</summary>
    Deputy,
    /// <summary>代理河长: stands in for a vacant or absent chief.</summary>
    Acting,
    /// <summary>执行河长: carries out the chief's duties day to day (often a department head).</summary>
    Executive,
    /// <summary>总河长: the general chief of an area.</summary>
    General,
    /// <summary>副总河长: a deputy general chief of an area.</summary>
    DeputyGeneral,
}

/// <summary>Wire codes, Chinese labels and classes of <see cref="ChiefDuty"/>.</summary>
public static class ChiefDuties
{
    public static string ToCode(this ChiefDuty duty) => EnumCodes.ToCode(duty);

    public static bool TryParse(string? code, out ChiefDuty duty) => EnumCodes.TryParse(code, out duty);

    public static string ChineseLabel(this ChiefDuty duty) => duty switch
    {
        ChiefDuty.Chief => "河长",
        ChiefDuty.Dual => "双河长",
        ChiefDuty.Deputy => "副河长",
        ChiefDuty.Acting => "代理河长",
        ChiefDuty.Executive => "执行河长",
        ChiefDuty.General => "总河长",
        _ => "副总河长",
    };

    /// <summary>General and deputy general chiefs hold an area; every other duty a segment.</summary>
    public static bool IsAreaDuty(this ChiefDuty duty) => duty is ChiefDuty.General or ChiefDuty.DeputyGeneral;

    /// <summary>The 河长 of a segment and the 总河长 of an area: posts handed over from one holder to the next (接替).</summary>
    public static bool IsPrimary(this ChiefDuty duty) => duty is ChiefDuty.Chief or ChiefDuty.General;

    /// <summary>
    /// One holder at a time: the 河长 of a segment (routing answers with one chief). An area may have two 总河长 (a
    /// party secretary and a head of government, 双总河长), so that post is not exclusive.
    /// </summary>
    public static bool IsExclusive(this ChiefDuty duty) => duty == ChiefDuty.Chief;
}
