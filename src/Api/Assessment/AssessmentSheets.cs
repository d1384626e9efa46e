using RiverGis.Api.Exports;
using RiverGis.Geo.Assessment;

namespace RiverGis.Api.Assessment;

/// <summary>The assessment as an XLSX workbook (考核表): one sheet of areas, one of units; a column per score-sheet item.</summary>
public static class AssessmentSheets
{
    public static byte[] Xlsx(AssessmentResponse a) => new Workbook()
        .Sheet(Table("区域考核"), a.Areas)
        .Sheet(Table("单位考核"), a.Units)
        .ToBytes();

    private static ExportTable<SubjectScore> Table(string sheet)
    {
        var columns = new List<ExportColumn<SubjectScore>>
        {
            new("排名(rank)", s => s.Rank), new("编码(code)", s => s.Code), new("名称(name)", s => s.Name), new("区域(area_code)", s => s.AreaCode),
        };
        foreach (var item in Enum.GetValues<AssessmentItem>())
            columns.Add(new($"{item.ChineseLabel()}({Geo.Model.EnumCodes.ToCode(item)})", s => s.Items.FirstOrDefault(i => i.Item == item)?.Score));
        columns.Add(new("总分(total)", s => s.Total));
        columns.Add(new("等次(grade)", s => s.GradeLabel));
        columns.Add(new("问责记录(sanctions)", s => string.Join("；", s.Sanctions.Select(x => $"{x.OnDay:yyyy-MM-dd} {x.KindLabel}：{x.Reason}"))));
        return TableExport.Of(sheet, columns.ToArray());
    }
}
