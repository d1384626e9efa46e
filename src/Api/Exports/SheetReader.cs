using System.Globalization;
using MiniExcelLibs;
using RiverGis.Geo.Dataset;

namespace RiverGis.Api.Exports;

/// <summary>
/// Reads an uploaded table — CSV (UTF-8, with or without BOM) or an XLSX workbook's first sheet — into rows with their
/// 1-based line (row) numbers, so imports report problems the way the office sees them in Excel. Dates become
/// <c>yyyy-MM-dd</c>, numbers invariant text.
/// </summary>
public static class SheetReader
{
    public static bool IsXlsx(string? mediaType) => string.Equals(mediaType, TableExport.XlsxType, StringComparison.OrdinalIgnoreCase);

    public static bool IsCsv(string? mediaType) => mediaType is not null &&
        (mediaType.Equals(TableExport.CsvType, StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>The rows of <paramref name="body"/>; a body that is not what its type says is a problem at line 1.</summary>
    public static List<CsvTable.Row> Rows(byte[] body, string? mediaType, string file, List<DatasetProblem> problems)
    {
        if (!IsXlsx(mediaType))
        {
            string text;
            try
            {
                text = new System.Text.UTF8Encoding(false, true).GetString(body);
            }
            catch (System.Text.DecoderFallbackException)
            {
                problems.Add(new(file, null, 1, null, "not UTF-8 text; save the CSV as UTF-8 (Excel: CSV UTF-8) or upload the .xlsx"));
                return [];
            }
            var rows = CsvTable.Read(text, out var errors);
            problems.AddRange(errors.Select(e => new DatasetProblem(file, null, e.Line, null, e.Message)));
            return rows;
        }
        try
        {
            using var stream = new MemoryStream(body);
            var list = new List<CsvTable.Row>();
            var line = 0;
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                line++;
                var fields = row.Values.Select(Text).ToArray();
                var last = Array.FindLastIndex(fields, f => f.Length > 0);
                if (last >= 0) list.Add(new CsvTable.Row(line, fields[..(last + 1)]));
            }
            return list;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or ArgumentException or NotSupportedException)
        {
            problems.Add(new(file, null, 1, null, $"not a readable XLSX workbook: {ex.Message}"));
            return [];
        }
    }

    private static string Text(object? cell) => cell switch
    {
        null => "",
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
