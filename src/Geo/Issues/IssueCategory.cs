using RiverGis.Geo.Model;

namespace RiverGis.Geo.Issues;

/// <summary>Problem categories of the ledger (the "four disorders" 四乱 and the usual water problems).</summary>
public enum IssueCategory
{
    /// <summary>乱占: encroachment on the river or its banks.</summary>
    Encroachment,
    /// <summary>乱采: illegal sand or gravel mining.</summary>
    IllegalMining,
    /// <summary>乱堆: dumping or piling of materials or waste.</summary>
    Dumping,
    /// <summary>乱建: illegal construction.</summary>
    IllegalConstruction,
    /// <summary>非法排污: illegal discharge of sewage.</summary>
    IllegalDischarge,
    /// <summary>垃圾: floating or bank garbage.</summary>
    Garbage,
    /// <summary>黑臭水体: black and odorous water.</summary>
    BlackOdorous,
    /// <summary>水质不达标: a monitoring section failed its target class (opened by the consecutive-failure scan).</summary>
    WaterQuality,
    /// <summary>其他: anything else.</summary>
    Other,
}

/// <summary>Wire codes (the enum's snake_case names, see <see cref="EnumCodes"/>) and Chinese labels of <see cref="IssueCategory"/>.</summary>
public static class IssueCategories
{
    /// <summary>All categories in ledger order.</summary>
    public static IReadOnlyList<IssueCategory> All { get; } = Enum.GetValues<IssueCategory>();

    /// <summary>The wire code, e.g. <c>illegal_discharge</c>.</summary>
    public static string ToCode(this IssueCategory category) => EnumCodes.ToCode(category);

    /// <summary>The Chinese label, e.g. 非法排污.</summary>
    public static string ChineseLabel(this IssueCategory category) => category switch
    {
        IssueCategory.Encroachment => "乱占",
        IssueCategory.IllegalMining => "乱采",
        IssueCategory.Dumping => "乱堆",
        IssueCategory.IllegalConstruction => "乱建",
        IssueCategory.IllegalDischarge => "非法排污",
        IssueCategory.Garbage => "垃圾",
        IssueCategory.BlackOdorous => "黑臭水体",
        IssueCategory.WaterQuality => "水质不达标",
        _ => "其他",
    };

    /// <summary>Parses a wire code (exact, lower case).</summary>
    public static bool TryParse(string? code, out IssueCategory category) => EnumCodes.TryParse(code, out category);

    /// <summary>
    /// Parses a wire code or its Chinese label (乱占, 非法排污 …): what reporters type on a patrol app or a form is the
    /// label the office's notice boards use, so intake takes both; responses keep the code.
    /// </summary>
    public static bool TryParseCodeOrLabel(string? text, out IssueCategory category)
    {
        if (TryParse(text, out category)) return true;
        foreach (var candidate in All)
        {
            if (!string.Equals(candidate.ChineseLabel(), text?.Trim(), StringComparison.Ordinal)) continue;
            category = candidate;
            return true;
        }
        return false;
    }

    /// <summary>Codes and labels accepted by <see cref="TryParseCodeOrLabel"/>, for messages.</summary>
    public static string ExpectedCodesOrLabels => string.Join("|", All.Select(c => c.ToCode())) + " (or 中文: " + string.Join("|", All.Select(c => c.ChineseLabel())) + ")";
}

/// <summary>Who reported an issue.</summary>
public enum IssueSource
{
    /// <summary>巡河: a chief or patroller on patrol.</summary>
    Patrol,
    /// <summary>群众举报: the public (also Open311 reports).</summary>
    Public,
    /// <summary>督查: an inspection by the office or a higher level.</summary>
    Inspection,
}
