using System.Globalization;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Issues;

/// <summary>
/// The ledger as CSV for spreadsheets: UTF-8 with BOM (so Excel and WPS read the Chinese), written by the one CSV writer
/// in spreadsheet mode (cells that would run as formulas are neutralised). No reporter contacts.
/// </summary>
public static class IssueCsv
{
    private static readonly string[] Header =
        ["id", "category", "类别", "status", "状态", "light", "红黄绿灯", "reported_at", "deadline", "closed_at", "chief_id", "chief_name",
         "chief_phone", "river_code", "segment_code", "area_code", "lon", "lat", "description"];

    public static string Write(IEnumerable<IssueProperties> issues)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        text.Write('\uFEFF');
        var csv = new CsvWriter(text, forSpreadsheets: true);
        csv.WriteRow(Header);
        foreach (var i in issues)
        {
            csv.WriteRow(
                i.Id.ToString(CultureInfo.InvariantCulture), i.Category.ToCode(), i.CategoryLabel, i.Status.ToCode(), i.StatusLabel, i.Light.ToCode(), i.LightLabel,
                Time(i.ReportedAt), Time(i.Deadline), i.ClosedAt is { } closed ? Time(closed) : "", i.ChiefId ?? "", i.Chief?.Name ?? "",
                i.Chief?.Phone ?? "", i.RiverCode ?? "", i.SegmentCode ?? "", i.AreaCode ?? "",
                i.Lon.ToString("0.0000000", CultureInfo.InvariantCulture), i.Lat.ToString("0.0000000", CultureInfo.InvariantCulture), i.Description);
        }
        return text.ToString();
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
