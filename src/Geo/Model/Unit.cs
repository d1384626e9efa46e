namespace RiverGis.Geo.Model;

/// <summary>What a unit of the river-chief system is (单位类型).</summary>
public enum UnitKind
{
    /// <summary>成员单位: a department that is a member of the river-chief system (水务局, 生态环境局 …).</summary>
    Member,
    /// <summary>联络员单位: a department that provides a river's liaison (联络员).</summary>
    Liaison,
    /// <summary>乡镇（街道）人民政府: a township government or street office that carries out rectification.</summary>
    Government,
    /// <summary>河长办: a river-chief office.</summary>
    Office,
}

/// <summary>
/// A unit (单位) of the river-chief system in an area: problems and tasks are handed to units as well as to chiefs
/// (交办乡镇落实整改并移交区级行业主管部门); a task names a lead unit (牵头单位) and cooperating units.
/// </summary>
public sealed record Unit(string Code, string Name, UnitKind Kind, string AreaCode, string? Phone);

public static class UnitKinds
{
    public static string ToCode(this UnitKind kind) => EnumCodes.ToCode(kind);

    public static bool TryParse(string? code, out UnitKind kind) => EnumCodes.TryParse(code, out kind);

    public static string ChineseLabel(this UnitKind kind) => kind switch
    {
        UnitKind.Member => "成员单位",
        UnitKind.Liaison => "联络员单位",
        UnitKind.Government => "乡镇（街道）人民政府",
        _ => "河长办",
    };
}
