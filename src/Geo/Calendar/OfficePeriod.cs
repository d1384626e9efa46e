using System.Globalization;

namespace RiverGis.Geo.Calendar;

/// <summary>The kinds of calendar period river-chief offices count in (district plans: 每月, 每季度, 每年, 每旬, 每周).</summary>
public enum PeriodKind
{
    Year,
    Quarter,
    Month,
    /// <summary>旬: days 1–10 (上旬), 11–20 (中旬), 21 to the end of the month (下旬).</summary>
    Xun,
    /// <summary>ISO 8601 week (Monday to Sunday).</summary>
    Week,
}

/// <summary>
/// A calendar period in China Standard Time (UTC+8), the offices' clock — not a rolling window. Periods are half-open
/// [<see cref="Start"/>, <see cref="End"/>). Codes: <c>2026</c>, <c>2026-Q4</c>, <c>2026-11</c>, <c>2026-11-X2</c>
/// (中旬 of November), <c>2026-W48</c> (ISO week).
/// </summary>
/// <param name="Number">Quarter 1–4, month 1–12 (also the month of a 旬) or ISO week 1–53; 0 for a year.</param>
/// <param name="Part">For a 旬: 1 (上旬), 2 (中旬) or 3 (下旬); otherwise 0.</param>
public readonly record struct OfficePeriod(PeriodKind Kind, int Year, int Number = 0, int Part = 0)
{
    /// <summary>UTC offset of China Standard Time.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Years accepted by <see cref="TryParse"/>: far outside them a date is a typing error, not a plan.</summary>
    public const int MinYear = 1990, MaxYear = 2100;

    public DateOnly FirstDay => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 1, 1),
        PeriodKind.Quarter => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Xun => new DateOnly(Year, Number, (Part - 1) * 10 + 1),
        _ => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Number, DayOfWeek.Monday)),
    };

    /// <summary>The last day of the period (inclusive).</summary>
    public DateOnly LastDay => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 12, 31),
        PeriodKind.Quarter => FirstDay.AddMonths(3).AddDays(-1),
        PeriodKind.Month => FirstDay.AddMonths(1).AddDays(-1),
        PeriodKind.Xun => Part < 3 ? FirstDay.AddDays(9) : new DateOnly(Year, Number, DateTime.DaysInMonth(Year, Number)),
        _ => FirstDay.AddDays(6),
    };

    public DateTimeOffset Start => StartOf(FirstDay);

    public DateTimeOffset End => StartOf(LastDay.AddDays(1));

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>The machine code, e.g. <c>2026-Q4</c>; <see cref="Parse"/> reads it back.</summary>
    public string Code => Kind switch
    {
        PeriodKind.Year => Year.ToString("0000", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{Year:0000}-Q{Number}",
        PeriodKind.Month => $"{Year:0000}-{Number:00}",
        PeriodKind.Xun => $"{Year:0000}-{Number:00}-X{Part}",
        _ => $"{Year:0000}-W{Number:00}",
    };

    /// <summary>How the offices write it, e.g. 2026年第四季度, 2026年11月中旬.</summary>
    public string ChineseLabel => Kind switch
    {
        PeriodKind.Year => $"{Year}年",
        PeriodKind.Quarter => $"{Year}年第{"一二三四"[Number - 1]}季度",
        PeriodKind.Month => $"{Year}年{Number}月",
        PeriodKind.Xun => $"{Year}年{Number}月{"上中下"[Part - 1]}旬",
        _ => $"{Year}年第{Number}周",
    };

    public override string ToString() => Code;

    /// <summary>Midnight at the start of <paramref name="day"/> in China Standard Time.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The office day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static OfficePeriod YearOf(int year) => new(PeriodKind.Year, year);

    public static OfficePeriod MonthOf(int year, int month) => new(PeriodKind.Month, year, month);

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="instant"/>.</summary>
    public static OfficePeriod Containing(PeriodKind kind, DateTimeOffset instant)
    {
        var day = DayOf(instant);
        return kind switch
        {
            PeriodKind.Year => new(kind, day.Year),
            PeriodKind.Quarter => new(kind, day.Year, (day.Month - 1) / 3 + 1),
            PeriodKind.Month => new(kind, day.Year, day.Month),
            PeriodKind.Xun => new(kind, day.Year, day.Month, Math.Min(3, (day.Day - 1) / 10 + 1)),
            _ => new(kind, ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue))),
        };
    }

    /// <summary>
    /// The periods of <paramref name="kind"/> that lie inside this one, in order (the 旬 of a month, the months of a
    /// quarter…). ISO weeks straddle months: those that start inside this period are returned.
    /// </summary>
    public IReadOnlyList<OfficePeriod> Subperiods(PeriodKind kind)
    {
        var list = new List<OfficePeriod>();
        for (var p = Containing(kind, Start); p.Start < End; p = p.Next())
        {
            if (p.Start >= Start) list.Add(p);
        }
        return list;
    }

    /// <summary>The period of the same kind that follows this one.</summary>
    public OfficePeriod Next() => Containing(Kind, End);

    /// <summary>The period of the same kind before this one.</summary>
    public OfficePeriod Previous() => Containing(Kind, Start.AddDays(-1));

    public static OfficePeriod Parse(string code) =>
        TryParse(code, out var period, out var error) ? period : throw new FormatException(error);

    /// <summary>Reads a period code; <paramref name="error"/> says what is wrong when it is not one.</summary>
    public static bool TryParse(string? code, out OfficePeriod period, out string? error)
    {
        period = default;
        error = null;
        var parts = (code ?? "").Trim().Split('-');
        if (parts.Length is < 1 or > 3 || parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return Fail(code, out error);
        if (year is < MinYear or > MaxYear)
        {
            error = $"year {year} is outside {MinYear}–{MaxYear}";
            return false;
        }
        if (parts.Length == 1)
        {
            period = YearOf(year);
            return true;
        }
        var second = parts[1];
        if (parts.Length == 2 && second.Length == 2 && second[0] == 'Q' && second[1] is >= '1' and <= '4')
        {
            period = new(PeriodKind.Quarter, year, second[1] - '0');
            return true;
        }
        if (parts.Length == 2 && second.Length == 3 && second[0] == 'W' && int.TryParse(second[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var week))
        {
            if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
            {
                error = $"{year} has ISO weeks 1–{ISOWeek.GetWeeksInYear(year)}, not {week}";
                return false;
            }
            period = new(PeriodKind.Week, year, week);
            return true;
        }
        if (second.Length != 2 || !int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            return Fail(code, out error);
        if (parts.Length == 2)
        {
            period = MonthOf(year, month);
            return true;
        }
        if (parts[2] is not ("X1" or "X2" or "X3")) return Fail(code, out error);
        period = new(PeriodKind.Xun, year, month, parts[2][1] - '0');
        return true;
    }

    private static bool Fail(string? code, out string error)
    {
        error = $"'{code}' is not a period; expected YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-Xn (旬 n = 1–3) or YYYY-Www";
        return false;
    }
}
