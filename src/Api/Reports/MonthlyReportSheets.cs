using RiverGis.Api.Exports;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Reports;

/// <summary>The monthly report as an XLSX workbook (月报.xlsx): one sheet per part, headed in Chinese with the JSON names.</summary>
public static class MonthlyReportSheets
{
    /// <summary>A labelled figure of the summary sheet.</summary>
    public sealed record Figure(string Key, string Label, object? Value);

    private static readonly ExportTable<Figure> Summary = TableExport.Of<Figure>("概况",
        new("指标(key)", f => f.Key), new("名称(label)", f => f.Label), new("数值(value)", f => f.Value));

    private static readonly ExportTable<KeyValuePair<string, LevelCoverage>> Coverage = TableExport.Of<KeyValuePair<string, LevelCoverage>>("覆盖率",
        new("级别(level)", c => c.Key), new("应覆盖长度m(required_m)", c => c.Value.RequiredM), new("已覆盖长度m(covered_m)", c => c.Value.CoveredM),
        new("覆盖率%(covered_pct)", c => c.Value.CoveredPct), new("河段数(segments)", c => c.Value.Segments), new("空缺河段(vacant_segments)", c => c.Value.VacantSegments));

    private static readonly ExportTable<KeyValuePair<string, LevelPatrols>> Patrols = TableExport.Of<KeyValuePair<string, LevelPatrols>>("巡河",
        new("级别(level)", p => p.Key), new("河长数(chiefs)", p => p.Value.Chiefs), new("达标数(compliant)", p => p.Value.Compliant),
        new("达标率%(compliant_pct)", p => p.Value.CompliantPct));

    private static readonly ExportTable<(string Group, string Code, ProblemCounts Counts)> Problems = TableExport.Of<(string Group, string Code, ProblemCounts Counts)>("问题",
        new("分组(group)", p => p.Group), new("类别(code)", p => p.Code), new("新增(new)", p => p.Counts.New), new("销号(closed)", p => p.Counts.Closed),
        new("超期(overdue)", p => p.Counts.Overdue));

    private static readonly ExportTable<UnitLights> Lights = TableExport.Of<UnitLights>("亮灯",
        new("单位编码(code)", u => u.Code), new("单位(name)", u => u.Name), new("灯(light)", u => u.Light.ChineseLabel()), new("红(red)", u => u.Red),
        new("黄(yellow)", u => u.Yellow), new("绿(green)", u => u.Green), new("本年红灯月数(red_months_this_year)", u => u.RedMonthsThisYear),
        new("扣分(deduction)", u => u.Deduction));

    private static readonly ExportTable<RedItem> Red = TableExport.Of<RedItem>("红灯事项",
        new("类型(kind)", r => r.Kind), new("编号(id)", r => r.Id), new("事项(title)", r => r.Title), new("期限(deadline)", r => r.Deadline),
        new("区域(area)", r => r.AreaName), new("责任主体(who_must_act)", r => r.WhoMustAct));

    private static readonly ExportTable<VacantSegment> Vacancies = TableExport.Of<VacantSegment>("河长空缺",
        new("河段(segment_code)", v => v.SegmentCode), new("名称(name)", v => v.Name), new("河流(river_code)", v => v.RiverCode),
        new("级别(level)", v => v.Level.ChineseLabel()), new("区域(area_code)", v => v.AreaCode), new("空缺起(vacant_since)", v => v.VacantSince?.ToString("yyyy-MM-dd")));

    private static readonly ExportTable<AreaRollup> Children = TableExport.Of<AreaRollup>("下级区域",
        new("区域编码(area_code)", a => a.AreaCode), new("区域(name)", a => a.Name), new("新增问题(new)", a => a.New), new("销号(closed)", a => a.Closed),
        new("超期(overdue)", a => a.Overdue), new("红灯(red)", a => a.Red), new("黄灯(yellow)", a => a.Yellow), new("绿灯(green)", a => a.Green),
        new("任务完成率%(tasks_done_pct)", a => a.TasksDonePct));

    private static readonly ExportTable<MonthTrend> Trend = TableExport.Of<MonthTrend>("趋势",
        new("月份(month)", t => t.Month), new("新增(new)", t => t.New), new("销号(closed)", t => t.Closed));

    public static byte[] Xlsx(MonthlyReport r)
    {
        IEnumerable<(string, string, ProblemCounts)> Group(string group, IReadOnlyDictionary<string, ProblemCounts> counts) =>
            counts.Select(kv => (group, kv.Key, kv.Value));
        return new Workbook()
            .Sheet(Summary, SummaryOf(r))
            .Sheet(Coverage, r.Coverage)
            .Sheet(Patrols, r.Patrols)
            .Sheet(Problems, Group("category", r.Problems.ByCategory).Concat(Group("source", r.Problems.BySource)).Concat(Group("level", r.Problems.ByLevel)))
            .Sheet(Lights, r.Lights.Units)
            .Sheet(Red, r.RedItems)
            .Sheet(Vacancies, r.Vacancies)
            .Sheet(Children, r.Children)
            .Sheet(Trend, r.Trend)
            .ToBytes();
    }

    /// <summary>The headline figures, keyed by their JSON paths (the contract's keys).</summary>
    public static IEnumerable<Figure> SummaryOf(MonthlyReport r)
    {
        yield return new("area_code", "区域", $"{r.AreaName}（{r.AreaCode}）");
        yield return new("month", "月份", r.MonthLabel);
        yield return new("problems.new", "新增问题", r.Problems.New);
        yield return new("problems.closed", "销号问题", r.Problems.Closed);
        yield return new("problems.closed_on_time_pct", "按期销号率%", r.Problems.ClosedOnTimePct);
        yield return new("problems.overdue", "超期未办结", r.Problems.Overdue);
        yield return new("lights.red", "红灯", r.Lights.Red);
        yield return new("lights.yellow", "黄灯", r.Lights.Yellow);
        yield return new("lights.green", "绿灯", r.Lights.Green);
        foreach (var (level, c) in r.Coverage) yield return new($"coverage.{level}.covered_pct", $"{AdminLevels.Parse(level).ChineseLabel()}河长覆盖率%", c.CoveredPct);
        foreach (var (level, p) in r.Patrols) yield return new($"patrols.{level}.compliant_pct", $"{AdminLevels.Parse(level).ChineseLabel()}巡河达标率%", p.CompliantPct);
        yield return new("tasks.done_pct", "任务完成率%", r.Tasks.DonePct);
        yield return new("vacancies", "河长空缺河段", r.Vacancies.Count);
        yield return new("submission.punctuality", "报送", r.Submission.PunctualityLabel ?? "未报送");
    }
}
