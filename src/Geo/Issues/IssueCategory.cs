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
    /// <summary>其他: anything else.</summary>
    Other,
}

/// <summary>Wire codes (snake_case) and Chinese labels of <see cref="IssueCategory"/>.</summary>
public static class IssueCategories
{
    private static readonly (IssueCategory Category, string Code, string Label)[] Table =
    [
        (IssueCategory.Encroachment, "encroachment", "乱占"),
        (IssueCategory.IllegalMining, "illegal_mining", "乱采"),
        (IssueCategory.Dumping, "dumping", "乱堆"),
        (IssueCategory.IllegalConstruction, "illegal_construction", "乱建"),
        (IssueCategory.IllegalDischarge, "illegal_discharge", "非法排污"),
        (IssueCategory.Garbage, "garbage", "垃圾"),
        (IssueCategory.BlackOdorous, "black_odorous", "黑臭水体"),
        (IssueCategory.Other, "other", "其他"),
    ];

    /// <summary>All categories in ledger order.</summary>
    public static IReadOnlyList<IssueCategory> All { get; } = Table.Select(t => t.Category).ToArray();

    /// <summary>The wire code, e.g. <c>illegal_discharge</c>.</summary>
    public static string ToCode(this IssueCategory category) => Table[(int)category].Code;

    /// <summary>The Chinese label, e.g. 非法排污.</summary>
    public static string ChineseLabel(this IssueCategory category) => Table[(int)category].Label;

    /// <summary>Parses a wire code (exact, lower case).</summary>
    public static bool TryParse(string? code, out IssueCategory category)
    {
        foreach (var (value, wire, _) in Table)
        {
            if (!string.Equals(wire, code, StringComparison.Ordinal)) continue;
            category = value;
            return true;
        }
        category = default;
        return false;
    }
}
