namespace RiverGis.Geo.Dataset;

/// <summary>
/// The one CSV writer (RFC 4180; <see cref="CsvTable"/> reads it back): fields joined by commas, a field quoted (quotes
/// doubled) when it holds a comma, quote or line break or starts or ends with whitespace; rows end with the text
/// writer's <see cref="TextWriter.NewLine"/>. Used for chiefs.csv and for exports such as the issue ledger.
/// </summary>
public sealed class CsvWriter(TextWriter text)
{
    public void WriteRow(params ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) text.Write(',');
            text.Write(Field(fields[i]));
        }
        text.Write(text.NewLine);
    }

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
