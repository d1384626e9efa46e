using System.Globalization;
using RiverGis.Geo.Dataset;

namespace RiverGis.Geo.Water;

/// <summary>
/// Reads measured factors as people send them: a factor code (<c>nh3_n</c>…) with a value in mg/L, or with a unit —
/// <c>mg/L</c> or <c>µg/L</c> (also written <c>μg/L</c>, <c>ug/L</c>; converted to mg/L). Every refusal says what and
/// where: an unknown factor names the codes, an unknown unit the units, a negative or non-numeric value the value.
/// </summary>
public static class MeasurementInput
{
    /// <summary>The units taken, with their factor to mg/L.</summary>
    public static readonly IReadOnlyDictionary<string, double> Units = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["mg/L"] = 1, ["µg/L"] = 0.001, ["μg/L"] = 0.001, ["ug/L"] = 0.001,
    };

    public static string ExpectedFactors => string.Join("|", SurfaceWaterStandard.Table.Select(r => r.Code));

    public const string ExpectedUnits = "mg/L|µg/L";

    /// <summary>The factor of a code; the error names the codes when it is none.</summary>
    public static WaterFactor? Factor(string code, out string? error)
    {
        error = null;
        if (SurfaceWaterStandard.TryParseFactor(code.Trim(), out var factor)) return factor;
        error = $"unknown factor '{code}', expected one of {ExpectedFactors}";
        return null;
    }

    /// <summary>The factor to mg/L of a unit (null or empty: mg/L); null with an error for any other unit.</summary>
    public static double? UnitScale(string? unit, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(unit)) return 1;
        if (Units.TryGetValue(unit.Trim(), out var scale)) return scale;
        error = $"unknown unit '{unit}', expected {ExpectedUnits}";
        return null;
    }

    /// <summary>A CSV column header: <c>tp</c>, <c>tp[µg/L]</c> or <c>tp (µg/L)</c>.</summary>
    public static (WaterFactor Factor, double Scale)? Column(string header, out string? error)
    {
        var text = header.Trim();
        string? unit = null;
        var open = text.IndexOfAny(['[', '(']);
        if (open > 0 && text[^1] is ']' or ')')
        {
            unit = text[(open + 1)..^1];
            text = text[..open].Trim();
        }
        var factor = Factor(text, out error);
        if (factor is null) return null;
        var scale = UnitScale(unit, out error);
        return scale is null ? null : (factor.Value, scale.Value);
    }

    /// <summary>A concentration: a finite number, not negative; the error says why not.</summary>
    public static double? Value(double value, out string? error)
    {
        error = !double.IsFinite(value) ? "not a finite number" : value < 0 ? $"negative concentration {value.ToString(CultureInfo.InvariantCulture)}" : null;
        return error is null ? value : null;
    }

    /// <summary>A concentration written as text (a CSV cell).</summary>
    public static double? Value(string text, out string? error)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{text}' is not a number";
            return null;
        }
        return Value(value, out error);
    }

    /// <summary>
    /// A measurement table (CSV): a site column (<paramref name="siteColumn"/>), <c>sampled_at</c> (ISO 8601 with a time
    /// zone, or a bare date meaning that day in China Standard Time) and one column per factor; empty cells are not
    /// measured. Samples later than <paramref name="now"/> (plus five minutes of clock skew) are refused.
    /// </summary>
    public static List<WaterSample> ReadTable(string text, string file, string siteColumn, DateTimeOffset now, List<DatasetProblem> problems)
    {
        var samples = new List<WaterSample>();
        var rows = CsvTable.Read(text, out var csvErrors);
        problems.AddRange(csvErrors.Select(e => new DatasetProblem(file, null, e.Line, null, e.Message)));
        if (rows.Count == 0)
        {
            problems.Add(new(file, null, 1, null, $"missing header {siteColumn},sampled_at,<factor codes…>"));
            return samples;
        }
        var header = rows[0].Fields;
        var site = Array.IndexOf(header, siteColumn);
        var at = Array.IndexOf(header, "sampled_at");
        var source = Array.IndexOf(header, "source");
        if (site < 0) problems.Add(new(file, null, 1, siteColumn, $"column '{siteColumn}' is missing from the header"));
        if (at < 0) problems.Add(new(file, null, 1, "sampled_at", "column 'sampled_at' is missing from the header"));
        var columns = new List<(int Index, WaterFactor Factor, double Scale)>();
        for (var i = 0; i < header.Length; i++)
        {
            if (i == site || i == at || header[i] is "source" or "synthetic" or "note") continue;
            if (Column(header[i], out var error) is { } column) columns.Add((i, column.Factor, column.Scale));
            else problems.Add(new(file, null, 1, header[i], error!));
        }
        if (site < 0 || at < 0) return samples;
        foreach (var row in rows.Skip(1))
        {
            string Cell(int i) => i < row.Fields.Length ? row.Fields[i].Trim() : "";
            void Report(string property, string message) => problems.Add(new(file, null, row.Line, property, message));
            var code = Cell(site);
            if (code.Length == 0) Report(siteColumn, "required");
            var when = Timestamp(Cell(at), out var timeError);
            if (when is null) Report("sampled_at", timeError!);
            else if (when > now.AddMinutes(5)) Report("sampled_at", $"{Cell(at)} lies in the future");
            var values = new Dictionary<WaterFactor, double>();
            foreach (var (index, factor, scale) in columns)
            {
                var cell = Cell(index);
                if (cell.Length == 0) continue;
                if (Value(cell, out var valueError) is { } v) values[factor] = v * scale;
                else Report(header[index], valueError!);
            }
            if (values.Count == 0 && columns.Count > 0) Report("row", "no factor measured");
            if (code.Length > 0 && when is { } w && w <= now.AddMinutes(5)) samples.Add(new WaterSample(code, w, values, source >= 0 && Cell(source).Length > 0 ? Cell(source) : null));
        }
        return samples;
    }

    /// <summary>An ISO 8601 timestamp with a time zone, or a bare date (that day 00:00 China Standard Time).</summary>
    public static DateTimeOffset? Timestamp(string text, out string? error)
    {
        error = null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Calendar.OfficePeriod.StartOf(day);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
            return value;
        error = $"'{text}' is not a date (2026-11-03) or an ISO 8601 timestamp with a time zone";
        return null;
    }
}
