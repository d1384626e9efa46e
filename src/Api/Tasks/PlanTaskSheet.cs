using System.Globalization;
using RiverGis.Api.Exports;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Tasks;

namespace RiverGis.Api.Tasks;

/// <summary>
/// The plan list as a spreadsheet (一河一策任务清单): one column per field, headed <c>名称(title)</c> so offices read the
/// Chinese and the importer the code in parentheses. The export's columns are the import's (plus the id, status and
/// light, which the importer ignores), so an exported sheet edited in Excel imports back.
/// </summary>
public static class PlanTaskSheet
{
    public static readonly string[] Required = ["title", "list", "deadline"];

    public static readonly string[] Optional =
    [
        "code", "river_code", "segment_code", "area_code", "lead_unit_code", "cooperating_unit_codes", "chief_id", "year", "created_on",
        "target", "target_value", "target_unit", "water_class", "section_code", "progress",
    ];

    public static readonly ExportTable<PlanTaskProperties> Export = TableExport.Of<PlanTaskProperties>("一河一策任务清单",
        new("序号(id)", t => t.Id),
        new("编号(code)", t => t.Code),
        new("名称(title)", t => t.Title),
        new("清单(list)", t => t.List),
        new("河流(river_code)", t => t.RiverCode),
        new("河段(segment_code)", t => t.SegmentCode),
        new("区域(area_code)", t => t.AreaCode),
        new("牵头单位(lead_unit_code)", t => t.LeadUnitCode),
        new("配合单位(cooperating_unit_codes)", t => string.Join(";", t.CooperatingUnitCodes)),
        new("责任河长(chief_id)", t => t.ChiefId),
        new("年度(year)", t => t.Year),
        new("下达日期(created_on)", t => t.CreatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("完成时限(deadline)", t => t.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("目标(target)", t => t.Target),
        new("目标值(target_value)", t => t.TargetValue),
        new("计量单位(target_unit)", t => t.TargetUnit),
        new("水质目标(water_class)", t => t.WaterClass),
        new("断面(section_code)", t => t.SectionCode),
        new("进度%(progress)", t => t.Progress),
        new("状态(status_label)", t => t.StatusLabel),
        new("亮灯(light_label)", t => t.LightLabel));

    /// <summary>A row as a request; unreadable cells are reported on the row (line and column).</summary>
    public static PlanTaskRequest Request(CsvRecord row)
    {
        var listText = row.Optional("list");
        PlanList? list = null;
        if (listText is not null)
        {
            list = Enum.GetValues<PlanList>().Cast<PlanList?>().FirstOrDefault(l => l!.Value.ToCode() == listText || l.Value.ChineseLabel() == listText || l.Value.ChineseLabel()[..2] == listText);
            if (list is null) row.Problem("list", $"unknown value '{listText}', expected target|problem|task|responsibility (or 目标清单, 问题清单, 任务清单, 责任清单)");
        }
        var progress = row.Number("progress");
        var year = row.Number("year");
        if (progress is { } p && p != Math.Floor(p)) row.Problem("progress", $"{p} is not a whole percentage");
        if (year is { } y && y != Math.Floor(y)) row.Problem("year", $"{y} is not a year");
        return new PlanTaskRequest(row.Optional("code"), row.Optional("title"), list, row.Optional("river_code"), row.Optional("segment_code"),
            row.Optional("area_code"), row.Optional("lead_unit_code"),
            row.Optional("cooperating_unit_codes")?.Split([';', '；', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            row.Optional("chief_id"), year is { } yy ? (int)yy : null, row.Date("created_on"), row.Date("deadline"), row.Optional("target"),
            row.Number("target_value"), row.Optional("target_unit"), row.Optional("water_class"), row.Optional("section_code"),
            progress is { } pp ? (int)Math.Clamp(pp, int.MinValue, int.MaxValue) : null);
    }
}
