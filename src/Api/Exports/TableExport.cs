using System.Globalization;
using System.Text;
using MiniExcelLibs;
using RiverGis.Geo.Dataset;

namespace RiverGis.Api.Exports;

/// <summary>What a listing endpoint answers with (<c>format=</c>): its JSON/GeoJSON, or the same rows as CSV or XLSX.</summary>
public enum ExportFormat
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>One column of an exported table: its header (Chinese with the code, as offices read it) and value.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Tables the offices take into Excel (台账, 考核表): the one place that writes rows as CSV (the shared
/// <see cref="CsvWriter"/>, UTF-8 with BOM, cells that a spreadsheet would run as formulas neutralised per OWASP) or as
/// XLSX (MiniExcel: typed cells — numbers stay numbers, times are ISO 8601 text in China Standard Time). Define the
/// columns once with <see cref="Of{T}"/>; <see cref="ExportTable{T}.Result"/> gives the download.
/// </summary>
public static class TableExport
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static ExportTable<T> Of<T>(string sheet, params ExportColumn<T>[] columns) => new(sheet, columns);

    /// <summary>A CSV cell a spreadsheet would read as a formula (= + - @, tab, CR) gets a leading apostrophe (OWASP CSV injection).</summary>
    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(cell) ? "'" + cell : cell;

    /// <summary>How a value is written as text: invariant numbers, ISO 8601 times in China Standard Time, enum wire codes.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTimeOffset t => t.ToOffset(Geo.Calendar.OfficePeriod.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => Geo.Model.EnumCodes.CodeOf(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumber(string cell) => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}

/// <summary>A table definition: a sheet name and columns.</summary>
public sealed class ExportTable<T>(string sheet, IReadOnlyList<ExportColumn<T>> columns)
{
    public string Sheet { get; } = sheet;
    public IReadOnlyList<ExportColumn<T>> Columns { get; } = columns;

    public byte[] Csv(IEnumerable<T> rows)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" })
        {
            var writer = new CsvWriter(text);
            writer.WriteRow(Columns.Select(c => c.Header));
            foreach (var row in rows) writer.WriteRow(Columns.Select(c => TableExport.Neutralise(TableExport.Text(c.Value(row)))));
        }
        return buffer.ToArray();
    }

    public byte[] Xlsx(IEnumerable<T> rows)
    {
        var table = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(Columns.Count);
            foreach (var c in Columns) cells[c.Header] = Cell(c.Value(row));
            return cells;
        }).ToList();
        if (table.Count == 0) table.Add(Columns.ToDictionary(c => c.Header, _ => (object?)null));
        using var buffer = new MemoryStream();
        buffer.SaveAs(table, sheetName: Sheet);
        return buffer.ToArray();
    }

    /// <summary>The download of <paramref name="rows"/> in <paramref name="format"/> (CSV or XLSX) named <paramref name="fileName"/> plus the extension.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Result(IEnumerable<T> rows, ExportFormat format, string fileName) => format switch
    {
        ExportFormat.Xlsx => TypedResults.File(Xlsx(rows), TableExport.XlsxType, fileName + ".xlsx"),
        _ => TypedResults.File(Csv(rows), TableExport.CsvType + "; charset=utf-8", fileName + ".csv"),
    };

    private static object? Cell(object? value) => value switch
    {
        null => null,
        double or int or long or decimal or float => value,
        bool b => b ? "是" : "否",
        _ => TableExport.Text(value),
    };
}
