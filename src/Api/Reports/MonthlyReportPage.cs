using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Reports;

/// <summary>
/// The monthly report as a printable zh-CN page (月报): the same figures as the JSON, laid out as the office files it.
/// No script and no inline style (the stylesheet is wwwroot/css/report-print.css), so the page passes a strict
/// Content-Security-Policy; the browser's print (or headless Chromium's) makes the PDF.
/// </summary>
public static class MonthlyReportPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Html(MonthlyReport r)
    {
        var h = new StringBuilder();
        var title = $"{r.AreaName}{r.MonthLabel}河长制工作月报";
        h.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(title))
            .Append("</title><link rel=\"stylesheet\" href=\"../../css/report-print.css\"></head><body><main class=\"report\">");
        h.Append("<h1>").Append(E(title)).Append("</h1>");
        h.Append("<p class=\"meta\">区域编码 ").Append(E(r.AreaCode)).Append("　统计截至 ").Append(Time(r.AsOf)).Append("　生成于 ").Append(Time(r.GeneratedAt)).Append("</p>");

        Section(h, "一、总体情况");
        Table(h, ["新增问题", "销号问题", "按期销号率", "超期未办结", "红灯", "黄灯", "绿灯", "任务完成率", "河长空缺河段"],
        [[N(r.Problems.New), N(r.Problems.Closed), Pct(r.Problems.ClosedOnTimePct), N(r.Problems.Overdue), N(r.Lights.Red), N(r.Lights.Yellow), N(r.Lights.Green),
            Pct(r.Tasks.DonePct), N(r.Vacancies.Count)]]);

        Section(h, "二、河长覆盖与空缺");
        Table(h, ["级别", "应覆盖长度（km）", "已覆盖长度（km）", "覆盖率", "河段", "空缺河段"],
            r.Coverage.Select(c => new[] { Level(c.Key), Km(c.Value.RequiredM), Km(c.Value.CoveredM), Pct(c.Value.CoveredPct), N(c.Value.Segments), N(c.Value.VacantSegments) }));
        if (r.Vacancies.Count > 0)
            Table(h, ["空缺河段", "名称", "级别", "区域", "空缺起"], r.Vacancies.Select(v => new[] { E(v.SegmentCode), E(v.Name ?? ""), v.Level.ChineseLabel(), E(v.AreaCode), v.VacantSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—" }));

        Section(h, "三、巡河情况");
        Table(h, ["级别", "河长数", "达标", "达标率"], r.Patrols.Select(p => new[] { Level(p.Key), N(p.Value.Chiefs), N(p.Value.Compliant), Pct(p.Value.CompliantPct) }));

        Section(h, "四、问题办理（按类别）");
        Table(h, ["类别", "新增", "销号", "超期"], r.Problems.ByCategory.Select(c => new[] { Category(c.Key), N(c.Value.New), N(c.Value.Closed), N(c.Value.Overdue) }));

        Section(h, $"五、亮灯通报（{(r.Lights.Frozen ? "已于截止时点冻结" : "截止时点前，临时")}）");
        Table(h, ["单位", "灯", "红", "黄", "绿", "本年红灯月数", "扣分"],
            r.Lights.Units.Select(u => new[] { E(u.Name), $"<span class=\"light {u.Light.ToCode()}\">{u.Light.ChineseLabel()}</span>", N(u.Red), N(u.Yellow), N(u.Green), N(u.RedMonthsThisYear), u.Deduction.ToString(CultureInfo.InvariantCulture) }));

        Section(h, "六、红灯事项及责任主体");
        Table(h, ["事项", "期限", "区域", "责任主体"], r.RedItems.Select(i => new[] { E(i.Title), Time(i.Deadline), E(i.AreaName ?? ""), E(i.WhoMustAct) }));

        Section(h, "七、一河一策任务推进");
        Table(h, ["任务总数", "已完成", "完成率", "超期", "平均进度"],
            [[N(r.Tasks.Total), N(r.Tasks.Done), Pct(r.Tasks.DonePct), N(r.Tasks.Overdue), r.Tasks.AverageProgress is { } a ? $"{a.ToString(CultureInfo.InvariantCulture)}%" : "—"]]);

        if (r.Children.Count > 0)
        {
            Section(h, "八、下级区域");
            Table(h, ["区域", "新增", "销号", "超期", "红灯", "黄灯", "绿灯", "任务完成率"],
                r.Children.Select(c => new[] { E(c.Name), N(c.New), N(c.Closed), N(c.Overdue), N(c.Red), N(c.Yellow), N(c.Green), Pct(c.TasksDonePct) }));
        }
        var s = r.Submission;
        h.Append("<p class=\"submission\">报送时限：").Append(Time(s.DueAt)).Append("　")
            .Append(s.SubmittedAt is { } at ? $"已于 {Time(at)} 报送（{s.PunctualityLabel}）" : "尚未报送").Append("</p>");
        h.Append("</main></body></html>");
        return h.ToString();
    }

    private static void Section(StringBuilder h, string title) => h.Append("<h2>").Append(E(title)).Append("</h2>");

    private static void Table(StringBuilder h, string[] header, IEnumerable<string[]> rows)
    {
        h.Append("<table><thead><tr>");
        foreach (var c in header) h.Append("<th>").Append(E(c)).Append("</th>");
        h.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            h.Append("<tr>");
            foreach (var cell in row) h.Append("<td>").Append(cell).Append("</td>");
            h.Append("</tr>");
        }
        if (!any) h.Append("<tr><td colspan=\"").Append(header.Length).Append("\">无</td></tr>");
        h.Append("</tbody></table>");
    }

    private static string E(string text) => Encoder.Encode(text);
    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Pct(double? value) => value is { } v ? $"{v.ToString("0.##", CultureInfo.InvariantCulture)}%" : "—";
    private static string Km(double metres) => (metres / 1000).ToString("0.00", CultureInfo.InvariantCulture);
    private static string Time(DateTimeOffset t) => t.ToOffset(Geo.Calendar.OfficePeriod.Offset).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
    private static string Level(string code) => AdminLevels.TryParse(code, out var l) ? l.ChineseLabel() : E(code);
    private static string Category(string code) => IssueCategories.TryParse(code, out var c) ? c.ChineseLabel() : E(code);
}
