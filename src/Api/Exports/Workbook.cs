using MiniExcelLibs;

namespace RiverGis.Api.Exports;

/// <summary>
/// A workbook of several sheets (a report: summary, coverage, lights…), each defined like a single export table
/// (<see cref="ExportTable{T}"/>: header and value per column). Numbers stay numbers; everything else is written as
/// <see cref="TableExport.Text"/> writes it.
/// </summary>
public sealed class Workbook
{
    private readonly Dictionary<string, object> _sheets = new(StringComparer.Ordinal);

    public Workbook Sheet<T>(ExportTable<T> table, IEnumerable<T> rows)
    {
        var list = rows.Select(row => table.Columns.ToDictionary(c => c.Header, c => Typed(c.Value(row)))).ToList();
        // MiniExcel writes the header from the first row: an empty sheet still shows its columns.
        if (list.Count == 0) list.Add(table.Columns.ToDictionary(c => c.Header, _ => (object?)null));
        _sheets[table.Sheet] = list;
        return this;
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        buffer.SaveAs(_sheets);
        return buffer.ToArray();
    }

    private static object? Typed(object? value) => value is null or double or int or long or decimal ? value : TableExport.Text(value);
}
