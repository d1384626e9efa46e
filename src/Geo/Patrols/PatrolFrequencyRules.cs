using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Patrols;

/// <summary>
/// How often a chief must patrol: at least <see cref="Required"/> valid patrols in every calendar <see cref="Per"/>
/// period, and — where the plan says so — at least <see cref="PerXun"/> in every 旬 as well.
/// </summary>
public sealed record PatrolFrequency(int Required, PeriodKind Per, int PerXun = 0)
{
    /// <summary>The rule as the plans write it, e.g. 每月不少于4次、每旬不少于1次.</summary>
    public string Words => $"{Every(Per)}不少于{Required}次" + (PerXun > 0 ? $"、每旬不少于{PerXun}次" : "");

    public static string Every(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => "每年",
        PeriodKind.Quarter => "每季度",
        PeriodKind.Month => "每月",
        PeriodKind.Xun => "每旬",
        _ => "每周",
    };
}

/// <summary>
/// The patrol frequencies by role and level. The shipped defaults are the district plans' figures: 总河长 (general
/// chiefs, any level) at least 1 a quarter; county river chiefs 1 a month; city river chiefs 1 a quarter; township river
/// chiefs 4 a month and 1 in every 旬. The plans give no figure for village chiefs (weekly is shipped) nor for province
/// river chiefs (twice a year is shipped). Every rule can be replaced (section <c>Patrols:Frequencies</c>).
/// </summary>
public sealed class PatrolFrequencyRules
{
    private readonly Dictionary<(ChiefRole, AdminLevel), PatrolFrequency> _rules;

    public PatrolFrequencyRules(IReadOnlyDictionary<(ChiefRole Role, AdminLevel Level), PatrolFrequency> rules)
    {
        _rules = new(rules);
        foreach (var role in Enum.GetValues<ChiefRole>())
        {
            foreach (var level in AdminLevels.TopDown)
            {
                if (!_rules.TryGetValue((role, level), out var rule)) throw new ArgumentException($"no patrol frequency for {role.ToCode()} chiefs at {level.ToCode()} level");
                if (rule.Required < 1 || rule.PerXun < 0) throw new ArgumentException($"patrol frequency for {role.ToCode()}:{level.ToCode()} must require at least one patrol");
            }
        }
    }

    public static readonly PatrolFrequencyRules Default = new(Defaults());

    public static Dictionary<(ChiefRole Role, AdminLevel Level), PatrolFrequency> Defaults()
    {
        var rules = new Dictionary<(ChiefRole, AdminLevel), PatrolFrequency>();
        foreach (var level in AdminLevels.TopDown) rules[(ChiefRole.General, level)] = new(1, PeriodKind.Quarter);
        rules[(ChiefRole.Chief, AdminLevel.Province)] = new(2, PeriodKind.Year);
        rules[(ChiefRole.Chief, AdminLevel.City)] = new(1, PeriodKind.Quarter);
        rules[(ChiefRole.Chief, AdminLevel.County)] = new(1, PeriodKind.Month);
        rules[(ChiefRole.Chief, AdminLevel.Township)] = new(4, PeriodKind.Month, PerXun: 1);
        rules[(ChiefRole.Chief, AdminLevel.Village)] = new(1, PeriodKind.Week);
        return rules;
    }

    public PatrolFrequency For(ChiefRole role, AdminLevel level) => _rules[(role, level)];

    public IReadOnlyDictionary<(ChiefRole Role, AdminLevel Level), PatrolFrequency> All => _rules;
}
