using System.Globalization;

namespace RiverGis.Geo.Dataset;

/// <summary>
/// A CSV table read by its header: columns by name (any order, extra columns ignored), required columns checked once,
/// every problem reported with the file, the 1-based line and the column, so a whole file is fixed in one pass.
/// </summary>
public sealed class CsvRecords
{
    private readonly Dictionary<string, int> _columns;
    private readonly string[] _header;

    private CsvRecords(string file, string[] header, Dictionary<string, int> columns, List<CsvTable.Row> rows)
    {
        File = file;
        _header = header;
        _columns = columns;
        Rows = rows;
    }

    public string File { get; }

    private List<CsvTable.Row> Rows { get; }

    /// <summary>
    /// Reads <paramref name="text"/>; null (with the problems listed) when the header lacks a required column. Columns in
    /// <paramref name="optional"/> may be missing from the header: their fields read as empty.
    /// </summary>
    public static CsvRecords? Read(string text, string file, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<DatasetProblem> problems)
    {
        var rows = CsvTable.Read(text, out var errors);
        problems.AddRange(errors.Select(e => new DatasetProblem(file, null, e.Line, null, e.Message)));
        return FromRows(rows, file, required, optional, problems);
    }

    /// <summary>
    /// A table from rows read elsewhere (a spreadsheet's rows, line = row number); the first row is the header. A header
    /// cell may carry a label before its column name in parentheses, as exports write them: <c>任务名称(title)</c>.
    /// </summary>
    public static CsvRecords? FromRows(IReadOnlyList<CsvTable.Row> rows, string file, IReadOnlyList<string> required, IReadOnlyList<string> optional,
        List<DatasetProblem> problems)
    {
        if (rows.Count == 0)
        {
            problems.Add(new(file, null, 1, null, $"missing header {string.Join(",", required)}"));
            return null;
        }
        var header = rows[0].Fields.Select(ColumnName).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in required.Concat(optional)) columns[name] = Array.IndexOf(header, name);
        var missing = required.Where(c => columns[c] < 0).ToList();
        foreach (var column in missing)
            problems.Add(new(file, null, 1, column, $"column '{column}' is missing from the header (expected {string.Join(",", required)})"));
        return missing.Count > 0 ? null : new CsvRecords(file, header, columns, rows.Skip(1).ToList());
    }

    /// <summary>The column name of a header cell: the text in trailing parentheses (ASCII or full-width), else the cell.</summary>
    private static string ColumnName(string cell)
    {
        var text = cell.Trim();
        var close = text.Length > 0 ? text[^1] : ' ';
        var open = text.LastIndexOf(close == ')' ? '(' : '（');
        return close is ')' or '）' && open >= 0 ? text[(open + 1)..^1].Trim() : text;
    }

    /// <summary>The data rows, each able to read its fields and report its problems into <paramref name="problems"/>.</summary>
    public IEnumerable<CsvRecord> Records(List<DatasetProblem> problems)
    {
        foreach (var row in Rows)
        {
            var record = new CsvRecord(this, row, problems);
            if (row.Fields.Length != _header.Length) record.Problem("row", $"has {row.Fields.Length} fields, the header has {_header.Length}");
            yield return record;
        }
    }

    internal string? Field(CsvTable.Row row, string column)
    {
        var i = _columns.TryGetValue(column, out var index) ? index : throw new ArgumentException($"column '{column}' was not declared", nameof(column));
        var value = i >= 0 && i < row.Fields.Length ? row.Fields[i].Trim() : "";
        return value.Length == 0 ? null : value;
    }
}

/// <summary>One data row of a <see cref="CsvRecords"/> table.</summary>
public sealed class CsvRecord
{
    private readonly CsvRecords _table;
    private readonly CsvTable.Row _row;
    private readonly List<DatasetProblem> _problems;

    internal CsvRecord(CsvRecords table, CsvTable.Row row, List<DatasetProblem> problems)
    {
        _table = table;
        _row = row;
        _problems = problems;
    }

    public int Line => _row.Line;

    /// <summary>True once this row has reported a problem.</summary>
    public bool Failed { get; private set; }

    public void Problem(string column, string message)
    {
        Failed = true;
        _problems.Add(new(_table.File, null, Line, column, message));
    }

    /// <summary>The trimmed field; null when empty.</summary>
    public string? Optional(string column) => _table.Field(_row, column);

    public string? Required(string column)
    {
        var value = Optional(column);
        if (value is null) Problem(column, "required");
        return value;
    }

    /// <summary>A wire code of <typeparamref name="T"/>; null (reported) when unknown, or when missing and required.</summary>
    public T? Enum<T>(string column, bool required = true) where T : struct, System.Enum
    {
        var text = required ? Required(column) : Optional(column);
        if (text is null) return null;
        if (Model.EnumCodes.TryParse<T>(text, out var value)) return value;
        Problem(column, $"unknown value '{text}', expected {Model.EnumCodes.Expected<T>()}");
        return null;
    }

    /// <summary>A calendar day written yyyy-MM-dd; null when empty (reported when required) or malformed (reported).</summary>
    public DateOnly? Date(string column, bool required = false)
    {
        var text = required ? Required(column) : Optional(column);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        Problem(column, $"'{text}' is not a date (yyyy-MM-dd)");
        return null;
    }

    /// <summary>A number; null when empty (reported when required) or not a number (reported).</summary>
    public double? Number(string column, bool required = false)
    {
        var text = required ? Required(column) : Optional(column);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        Problem(column, $"'{text}' is not a number");
        return null;
    }
}
