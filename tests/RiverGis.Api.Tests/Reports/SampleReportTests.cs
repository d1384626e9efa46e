using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Reports;

/// <summary>
/// The monthly report of the Jinkouhe sample (金口河区, 511113) for the current month: problems filed on its rivers, a
/// plan item, and the JSON, the XLSX (read back) and the printable page show the real numbers of the sample.
/// </summary>
public sealed class SampleReportTests(SampleService service) : IClassFixture<SampleService>
{
    private const string County = "511113";

    private async Task<(double Lon, double Lat)> PointOnAsync(string segmentCode) =>
        (await Db.ScalarAsync<double>(service.ConnectionString, $"SELECT ST_X(ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5)) FROM segments WHERE code = '{segmentCode}'"),
         await Db.ScalarAsync<double>(service.ConnectionString, $"SELECT ST_Y(ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5)) FROM segments WHERE code = '{segmentCode}'"));

    [Fact]
    public async Task The_jinkouhe_report_its_workbook_and_page_show_the_samples_numbers()
    {
        var township = await Db.ColumnAsync<string>(service.ConnectionString,
            $"SELECT s.code FROM segments s JOIN admin_areas a ON a.code = s.area_code WHERE s.level = 'township' AND a.parent_code = '{County}' AND s.chief_id IS NOT NULL ORDER BY s.code LIMIT 2");
        var filed = 0;
        foreach (var (segment, category) in township.Zip(new[] { "garbage", "illegal_discharge" }))
        {
            var (lon, lat) = await PointOnAsync(segment);
            var body = "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + FormattableString.Invariant($"{lon}, {lat}") + "]}, "
                + $"\"properties\": {{\"category\": \"{category}\", \"description\": \"金口河样例问题\", \"source\": \"patrol\"}}}}";
            await service.PostJsonAsync("/api/issues", body, HttpStatusCode.Created, client: await service.CountyOffice);
            filed++;
        }
        await service.PostJsonAsync("/api/tasks", $$"""{"title": "大渡河金口河段岸线整治", "list": "task", "segment_code": "{{township[0]}}", "deadline": "2099-12-31"}""", HttpStatusCode.Created, client: await service.CountyOffice);
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");

        var report = await service.GetJsonAsync($"/api/reports/monthly?area_code={County}&month={month}", client: await service.CountyOffice);
        Assert.Equal("金口河区", report.GetProperty("area_name").GetString());
        var problems = report.GetProperty("problems");
        var expectedNew = await Db.ScalarAsync<long>(service.ConnectionString,
            $"SELECT count(*) FROM issues WHERE area_codes @> ARRAY['{County}'] AND reported_at >= date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours') - interval '8 hours'");
        Assert.Equal(expectedNew, problems.GetProperty("new").GetInt32());
        Assert.True(problems.GetProperty("new").GetInt32() >= filed);
        Assert.Equal(1, problems.GetProperty("by_category").GetProperty("garbage").GetProperty("new").GetInt32());
        // Coverage per level against the coverage analysis of the same data; vacancies are the sample's vacant segments.
        foreach (var level in new[] { "county", "township", "village" })
        {
            var gaps = await service.GetJsonAsync($"/api/analysis/coverage-gaps?level={level}&area_code={County}", client: await service.CountyOffice);
            Assert.Equal(gaps.GetProperty("summary").GetProperty("totals").GetProperty("covered_percent").GetDouble(),
                report.GetProperty("coverage").GetProperty(level).GetProperty("covered_pct").GetDouble(), 2);
        }
        var vacant = await Db.ScalarAsync<long>(service.ConnectionString,
            $"SELECT count(*) FROM segments s WHERE s.chief_id IS NULL AND s.dataset_code = 'jinkouhe'");
        Assert.Equal(vacant, report.GetProperty("vacancies").GetArrayLength());
        Assert.True(vacant > 0);
        Assert.Equal(1, report.GetProperty("tasks").GetProperty("total").GetInt32());
        Assert.True(report.GetProperty("patrols").EnumerateObject().Any());
        Assert.Equal(5, report.GetProperty("children").GetArrayLength());

        var xlsx = await (await (await service.CountyOffice).GetAsync($"/api/reports/monthly?area_code={County}&month={month}&format=xlsx")).Content.ReadAsByteArrayAsync();
        var summary = new MemoryStream(xlsx).Query(useHeaderRow: true, sheetName: "概况").Cast<IDictionary<string, object>>()
            .ToDictionary(r => (string)r["指标(key)"], r => r["数值(value)"]);
        Assert.Equal(problems.GetProperty("new").GetInt32(), Convert.ToInt32(summary["problems.new"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(report.GetProperty("coverage").GetProperty("village").GetProperty("covered_pct").GetDouble(),
            Convert.ToDouble(summary["coverage.village.covered_pct"], System.Globalization.CultureInfo.InvariantCulture), 2);
        var sheets = MiniExcel.GetSheetNames(new MemoryStream(xlsx));
        Assert.Equal(["概况", "覆盖率", "巡河", "问题", "亮灯", "红灯事项", "河长空缺", "下级区域", "趋势"], sheets);
        var vacancies = new MemoryStream(xlsx).Query(useHeaderRow: true, sheetName: "河长空缺").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(vacant, vacancies.Count);

        var page = await (await service.CountyOffice).GetAsync($"/api/reports/monthly?area_code={County}&month={month}&format=html");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("金口河区", html);
        Assert.Contains("河长制工作月报", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("style=", html);
    }

    [Theory]
    [InlineData("/api/reports/monthly?area_code=511113&month=2026-Q4", "month", "not a month")]
    [InlineData("/api/reports/monthly?area_code=511113&month=26-11", "month", "not a period")]
    [InlineData("/api/reports/monthly?month=2026-11", "area_code", "required")]
    [InlineData("/api/reports/monthly?area_code=511113&month=2099-01", "month", "in the future")]
    [InlineData("/api/reports/monthly?area_code=511113&month=2026-11&format=pdf", "format", "unknown value 'pdf'")]
    [InlineData("/api/assessment?period=2026-W01&level=township", "period", "not a year, quarter or month")]
    [InlineData("/api/assessment?period=2026&level=province", "level", "unknown value 'province'")]
    [InlineData("/api/assessment?period=2026", "level", "required")]
    [InlineData("/api/assessment?period=2026&level=county&area_code=511113100", "area_code", "below county")]
    public async Task Bad_report_and_assessment_requests_say_what_is_wrong(string url, string where, string fragment) =>
        ServiceFixture.AssertNames(await service.GetJsonAsync(url, HttpStatusCode.BadRequest, client: await service.CountyOffice), where, fragment);

    [Fact]
    public async Task A_report_of_an_unknown_area_is_not_found() =>
        await service.GetJsonAsync($"/api/reports/monthly?area_code=999999&month=2026-11", HttpStatusCode.NotFound, client: await service.CountyOffice);
}
