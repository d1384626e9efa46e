namespace RiverGis.Geo.Dataset;

/// <summary>
/// The one CSV writer (RFC 4180; <see cref="CsvTable"/> reads it back): fields joined by commas, a field quoted (quotes
/// doubled) when it holds a comma, quote or line break or starts or ends with whitespace; rows end with the text
/// writer's <see cref="TextWriter.NewLine"/>. Used for chiefs.csv and for exports such as the issue ledger.
/// <para>
/// <paramref name="forSpreadsheets"/>: the file is meant to be opened in Excel or WPS (exports), so a cell that a
/// spreadsheet would run as a formula — one beginning with <c>= + - @</c>, a tab or a carriage return (OWASP "CSV
/// injection", e.g. <c>=HYPERLINK(…)</c> in a reporter's text) — is written with a leading apostrophe, which shows it
/// as the text it is. Plain numbers (<c>-3.5</c>) stay numbers. Dataset files (chiefs.csv) are data for our reader,
/// not spreadsheets: there the text is kept exactly.
/// </para>
/// </summary>
public sealed class CsvWriter(TextWriter text, bool forSpreadsheets = false)
{
    public void WriteRow(params ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) text.Write(',');
            text.Write(Field(forSpreadsheets ? Neutralised(fields[i]) : fields[i]));
        }
        text.Write(text.NewLine);
    }

    /// <summary>A cell a spreadsheet would evaluate, made text with a leading apostrophe (OWASP); other cells as they are.</summary>
    public static string Neutralised(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value) ? "'" + value : value;

    private static bool IsPlainNumber(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        && value.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E');

    public void WriteRow(IEnumerable<string> fields) => WriteRow([.. fields]);

    /// <summary>One field as written.</summary>
    public static string Field(string value)
    {
        var needsQuotes = value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]));
        foreach (var c in value)
        {
            if (c is ',' or '"' or '\r' or '\n') needsQuotes = true;
        }
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
