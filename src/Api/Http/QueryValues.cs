using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RiverGis.Api.Http;

/// <summary>
/// Reads query-string values with every problem collected (missing, non-numeric, out of range, unknown parameter),
/// so one 400 response lists all of them by parameter name. Endpoints declare their parameters once
/// (<see cref="QueryParameterConventions.WithQuery"/>) and read them with <see cref="Of"/> and the typed <c>Read</c>s.
/// </summary>
public sealed class QueryValues(IQueryCollection query, params string[] allowed)
{
    private QuerySpec? _spec;

    public List<ProblemItem> Errors { get; } = Unknown(query, allowed);

    /// <summary>The query of the current request, checked against the parameters its endpoint declares.</summary>
    public static QueryValues Of(HttpContext http)
    {
        var spec = http.GetEndpoint()?.Metadata.GetMetadata<QuerySpec>()
            ?? throw new InvalidOperationException($"{http.Request.Path}: the endpoint declares no query parameters (WithQuery)");
        // No declared parameter at all still refuses unknown ones: "allowed" must not be empty for that.
        var names = spec.Parameters.Count == 0 ? [""] : spec.Parameters.Select(p => p.Name).ToArray();
        return new QueryValues(http.Request.Query, names) { _spec = spec };
    }

    private void Check(QueryParameter parameter)
    {
        if (_spec is not null && !_spec.Declares(parameter))
            throw new InvalidOperationException($"query parameter '{parameter.Name}' is read but not declared by the endpoint");
    }

    /// <summary>A number: the default when absent (or on a bad value, which is recorded).</summary>
    public double Read(NumberParameter p)
    {
        Check(p);
        var value = Double(p.Name, p.Required, p.Min, p.Max, p.Default);
        if (p.Integer && value is { } v && v != Math.Floor(v)) Errors.Add(new(p.Name, $"{v} is not an integer"));
        return value ?? p.Default ?? double.NaN;
    }

    /// <summary>A number that may be absent (no default): null then.</summary>
    public double? ReadOptional(NumberParameter p)
    {
        Check(p);
        return Double(p.Name, p.Required, p.Min, p.Max, p.Default);
    }

    public int ReadInt(NumberParameter p) => (int)Read(p);

    public string? Read(TextParameter p)
    {
        Check(p);
        return String(p.Name, p.Required);
    }

    public bool? Read(BooleanParameter p)
    {
        Check(p);
        var text = String(p.Name);
        if (text is null) return null;
        if (text is "true" or "false") return text == "true";
        Errors.Add(new(p.Name, $"unknown value '{text}', expected one of true|false"));
        return null;
    }

    public DateTimeOffset? Read(TimestampParameter p)
    {
        Check(p);
        return Timestamp(p.Name, p.EndOfDay);
    }

    public Geo.Calendar.OfficePeriod? Read(PeriodParameter p)
    {
        Check(p);
        var text = String(p.Name, p.Required);
        if (text is null) return null;
        if (Geo.Calendar.OfficePeriod.TryParse(text, out var period, out var error)) return period;
        Errors.Add(new(p.Name, error!));
        return null;
    }

    public T? Read<T>(EnumParameter<T> p) where T : struct, Enum
    {
        Check(p);
        var text = String(p.Name, p.Required);
        if (text is null) return p.Default;
        if (p.TryParse(text, out var value)) return value;
        Errors.Add(new(p.Name, $"unknown value '{text}', expected one of {p.Expected}"));
        return null;
    }

    public bool Ok => Errors.Count == 0;

    private double? Double(string name, bool required = false, double min = double.MinValue, double max = double.MaxValue, double? fallback = null)
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

    private string? String(string name, bool required = false)
    {
        var text = query.TryGetValue(name, out var values) ? values.ToString().Trim() : "";
        if (text.Length > 0) return text;
        if (required) Errors.Add(new(name, "required"));
        return null;
    }

    /// <summary>China Standard Time (UTC+8, no daylight saving): what a date without a time means to a river-chief office.</summary>
    public static readonly TimeSpan OfficeOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// An ISO 8601 instant; a bare date (yyyy-MM-dd) is a whole day in China Standard Time — its first instant, or with
    /// <paramref name="endOfDay"/> its last, so that from=D&amp;to=D selects day D.
    /// </summary>
    private DateTimeOffset? Timestamp(string name, bool endOfDay = false)
    {
        var text = String(name);
        if (text is null) return null;
        DateTimeOffset? value = null;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day >= Earliest.Date && day < Latest.Date) value = new DateTimeOffset(day, OfficeOffset) is var start && endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            if (instant >= Earliest && instant < Latest) value = instant;
        }
        else
        {
            Errors.Add(new(name, $"'{text}' is not an ISO 8601 date or date-time"));
            return null;
        }
        if (value is null) Errors.Add(new(name, $"'{text}' is out of range [{Earliest:yyyy-MM-dd}, {Latest:yyyy-MM-dd})"));
        return value;
    }

    /// <summary>
    /// The dates the service takes: the river-chief system is recent, and the bounds keep every instant (also shifted
    /// to China Standard Time or to the end of a day) inside what .NET and PostgreSQL represent.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ProblemHttpResult Problem(string detail) => ApiProblems.BadRequest(detail, Errors.ToArray());

    private static List<ProblemItem> Unknown(IQueryCollection query, string[] allowed) =>
        allowed.Length == 0
            ? []
            : query.Keys.Where(k => !allowed.Contains(k))
                .Select(k => new ProblemItem(k, allowed is [""] ? "unknown parameter; this endpoint takes none" : $"unknown parameter; expected {string.Join(", ", allowed)}")).ToList();
}
