using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

/// <summary>A frequency rule as configured: <c>{"Required": 4, "Per": "month", "PerXun": 1}</c>.</summary>
public sealed class FrequencyOption
{
    public int Required { get; set; }
    public string Per { get; set; } = "";
    public int PerXun { get; set; }
}

/// <summary>
/// Configuration of patrols (section <c>Patrols</c>): the validity rules (<c>Validity</c>, see <see cref="PatrolValidityRules"/>),
/// the frequencies (<c>Frequencies</c>: keys <c>general</c> or <c>chief:&lt;level&gt;</c>, or <c>general:&lt;level&gt;</c> for one level
/// of general chiefs; what is not configured keeps the shipped default) and the intake and photo limits.
/// </summary>
public sealed class PatrolOptions
{
    public PatrolValidityRules Validity { get; set; } = new();
    public Dictionary<string, FrequencyOption> Frequencies { get; set; } = new();

    /// <summary>Most fixes in one track (a day at one fix a second is 86 400).</summary>
    public int MaxPoints { get; set; } = 100_000;

    /// <summary>Longest patrol accepted (hours).</summary>
    public double MaxDurationHours { get; set; } = 24;

    /// <summary>Clock tolerance for times in the future (minutes): a phone clock a little ahead is not a forgery.</summary>
    public double FutureToleranceMin { get; set; } = 5;

    public int MaxFindings { get; set; } = 4000;
    public int MaxPhotos { get; set; } = 20;

    /// <summary>Largest photo accepted (bytes).</summary>
    public int MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>A photo taken farther than this from the patrol's track (m) is flagged on the patrol.</summary>
    public double PhotoMaxDistanceM { get; set; } = 300;

    /// <summary>A photo taken more than this before the start or after the end of the patrol (minutes) is flagged.</summary>
    public double PhotoTimeToleranceMin { get; set; } = 15;

    public PatrolFrequencyRules FrequencyRules()
    {
        var rules = PatrolFrequencyRules.Defaults();
        // The general rule first, then level-specific ones, whatever the order of the configuration.
        foreach (var (key, option) in Frequencies.OrderBy(kv => kv.Key.Contains(':')))
        {
            var parts = key.Split(':');
            if (!EnumCodes.TryParse<ChiefRole>(parts[0], out var role) || parts.Length > 2)
                throw new InvalidOperationException($"Patrols:Frequencies: '{key}' is not general, general:<level> or chief:<level>");
            if (!EnumCodes.TryParse<PeriodKind>(option.Per, out var per))
                throw new InvalidOperationException($"Patrols:Frequencies:{key}:Per '{option.Per}' is not one of {EnumCodes.Expected<PeriodKind>()}");
            var rule = new PatrolFrequency(option.Required, per, option.PerXun);
            if (parts.Length == 1)
            {
                if (role != ChiefRole.General) throw new InvalidOperationException($"Patrols:Frequencies: river chiefs' rules are per level (chief:<level>), not '{key}'");
                foreach (var level in AdminLevels.TopDown) rules[(role, level)] = rule;
                continue;
            }
            if (!AdminLevels.TryParse(parts[1], out var at))
                throw new InvalidOperationException($"Patrols:Frequencies: '{parts[1]}' in '{key}' is not one of {string.Join("|", AdminLevels.Codes)}");
            rules[(role, at)] = rule;
        }
        return new PatrolFrequencyRules(rules);
    }
}
