using System.Text;

namespace RiverGis.Geo.Dataset;

/// <summary>A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF) that keeps 1-based line numbers for messages.</summary>
public static class CsvTable
{
    public readonly record struct Row(int Line, string[] Fields);

    public readonly record struct CsvError(int Line, string Message);

    public static List<Row> Read(string text, out List<CsvError> errors)
    {
        errors = [];
        var rows = new List<Row>();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var inQuotes = false;
        var fieldQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldQuoted:
                    inQuotes = true;
                    fieldQuoted = true;
                    break;
                case '"':
                    errors.Add(new(line, "stray quote inside an unquoted field"));
                    field.Append(c);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (inQuotes) errors.Add(new(rowLine, "quoted field is not closed"));
        EndRow();
        return rows;

        void EndRow()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldQuoted = false;
            if (!(fields.Count == 1 && fields[0].Length == 0)) rows.Add(new(rowLine, fields.ToArray()));
            fields.Clear();
        }
    }
}
