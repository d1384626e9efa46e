using System.Globalization;

namespace RiverGis.Api.Http;

/// <summary>
/// Reads query-string values with every problem collected (missing, non-numeric, out of range, unknown parameter),
/// so one 400 response lists all of them by parameter name.
/// </summary>
public sealed class QueryValues(IQueryCollection query, params string[] allowed)
{
    public List<ProblemItem> Errors { get; } = Unknown(query, allowed);

    public bool Ok => Errors.Count == 0;

    public double? Double(string name, bool required = false, double min = double.MinValue, double max = double.MaxValue, double? fallback = null)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            if (required) Errors.Add(new(name, "required"));
            return fallback;
        }
        var text = values.ToString();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Errors.Add(new(name, $"'{text}' is not a number"));
            return null;
        }
        if (value < min || value > max)
        {
            Errors.Add(new(name, $"{text} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]"));
            return null;
        }
        return value;
    }

    /// <summary>An optional number with a default; on a bad value the error is recorded and the default returned.</summary>
    public double Number(string name, double fallback, double min = double.MinValue, double max = double.MaxValue) =>
        Double(name, min: min, max: max, fallback: fallback) ?? fallback;

    public int Int(string name, int fallback, int min, int max)
    {
        var value = Double(name, min: min, max: max, fallback: fallback);
        if (value is { } v && v != Math.Floor(v)) Errors.Add(new(name, $"{v} is not an integer"));
        return (int)(value ?? fallback);
    }

    public string? String(string name, bool required = false)
    {
        var text = query.TryGetValue(name, out var values) ? values.ToString().Trim() : "";
        if (text.Length > 0) return text;
        if (required) Errors.Add(new(name, "required"));
        return null;
    }

    public T? Enum<T>(string name, Func<string, (bool Ok, T Value)> parse, string expected, bool required = false) where T : struct
    {
        var text = String(name, required);
        if (text is null) return null;
        var (ok, value) = parse(text);
        if (!ok) Errors.Add(new(name, $"unknown value '{text}', expected one of {expected}"));
        return ok ? value : null;
    }

    /// <summary>China Standard Time (UTC+8, no daylight saving): what a date without a time means to a river-chief office.</summary>
    public static readonly TimeSpan OfficeOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// An ISO 8601 instant; a bare date (yyyy-MM-dd) is a whole day in China Standard Time — its first instant, or with
    /// <paramref name="endOfDay"/> its last, so that from=D&amp;to=D selects day D.
    /// </summary>
    public DateTimeOffset? Timestamp(string name, bool endOfDay = false)
    {
        var text = String(name);
        if (text is null) return null;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day, OfficeOffset);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        Errors.Add(new(name, $"'{text}' is not an ISO 8601 date or date-time"));
        return null;
    }

    public IResult Problem(string detail) => ApiProblems.BadRequest(detail, Errors.ToArray());

    private static List<ProblemItem> Unknown(IQueryCollection query, string[] allowed) =>
        allowed.Length == 0
            ? []
            : query.Keys.Where(k => !allowed.Contains(k))
                .Select(k => new ProblemItem(k, $"unknown parameter; expected {string.Join(", ", allowed)}")).ToList();
}
