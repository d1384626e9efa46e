using System.Globalization;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The dashboard (驾驶舱) in headless Chromium on the Jinkouhe sample: problems filed on its rivers and a plan item by
/// the district's office; the page offers the dashboard only once that office has signed in, and then
/// #/dashboard/511113 shows the monthly report's real numbers in its key figures and draws every chart (ECharts from
/// npm, nothing off 127.0.0.1). The screenshot is kept in artifacts/screenshots/.
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class DashboardTests(WebMapFixture fixture)
{
    private const string County = "511113";

    [Fact]
    public async Task The_dashboard_shows_the_jinkouhe_months_real_numbers_in_charts()
    {
        var segments = await Db.ColumnAsync<string>(fixture.ConnectionString,
            $"SELECT s.code FROM segments s JOIN admin_areas a ON a.code = s.area_code WHERE s.dataset_code = 'jinkouhe' AND s.level = 'township' AND s.chief_id IS NOT NULL ORDER BY s.code LIMIT 3");
        var filed = new List<JsonDocument>();
        foreach (var (segment, category) in segments.Zip(new[] { "garbage", "illegal_discharge", "dumping" }))
        {
            var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync(segment);
            filed.Add(await fixture.FileIssueAsync(lon, lat, category, "驾驶舱测试：金口河问题"));
        }
        // The district's office hands the first problem to its township's government (units.csv of the sample): the lights
        // chart shows units.
        var office = await fixture.AsAsync("web-jinkouhe", "office", County);
        var township = await Db.ScalarAsync<string>(fixture.ConnectionString, $"SELECT area_code FROM segments WHERE code = '{segments[0]}'");
        using var assigned = await office.PostAsync($"/api/issues/{filed[0].RootElement.GetProperty("id").GetInt64()}/transitions", new StringContent(
            $$"""{"action": "assign", "unit_code": "511113-U-{{township}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        using var task = await office.PostAsync("/api/tasks", new StringContent(
            $$"""{"title": "大渡河岸线整治（驾驶舱测试）", "list": "task", "segment_code": "{{segments[0]}}", "deadline": "2099-12-31"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(task.IsSuccessStatusCode, await task.Content.ReadAsStringAsync());

        // Anonymous: no dashboard among the tools, and its URL answers with a notice, not the office's figures.
        await using var map = await fixture.OpenAsync();
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=open-dashboard]"));
        await map.EvalAsync("code => { location.hash = '#/dashboard/' + code; }", County);
        await map.WaitShownAsync(null, "notice");
        await map.EvalAsync("() => { location.hash = '#/'; }");
        await map.WaitShownAsync(null, null);
        // The district's office signs in through the form: the dashboard is its tool, with its own area.
        await fixture.SignInAsync(map, "web-jinkouhe", "office", County);
        Assert.False(await map.Page.IsHiddenAsync("[data-testid=open-dashboard]"));
        await map.Page.ClickAsync("[data-testid=open-dashboard]");
        await map.Page.Locator($"[data-testid=dashboard][data-state=ready][data-area='{County}']").WaitForAsync(new() { Timeout = 60_000 });
        Assert.False(await map.Page.IsHiddenAsync("[data-testid=page]"));

        var month = await map.Page.GetAttributeAsync("[data-testid=dashboard]", "data-month");
        var report = JsonDocument.Parse(await office.GetStringAsync($"/api/reports/monthly?area_code={County}&month={month}")).RootElement;
        async Task<string> Kpi(string id) => (await map.Page.InnerTextAsync($"[data-testid=kpi-{id}] .kpi-value")).Trim();
        Assert.Equal(report.GetProperty("problems").GetProperty("new").GetInt32().ToString(CultureInfo.InvariantCulture), await Kpi("problems-new"));
        Assert.True(report.GetProperty("problems").GetProperty("new").GetInt32() >= 3);
        Assert.Equal(report.GetProperty("lights").GetProperty("red").GetInt32().ToString(CultureInfo.InvariantCulture), await Kpi("lights-red"));
        Assert.Equal(report.GetProperty("vacancies").GetArrayLength().ToString(CultureInfo.InvariantCulture), await Kpi("vacancies"));

        // Every chart is drawn on its own canvas, sized by the page (not zero), with the report's series in it.
        Assert.Equal(7, await map.Page.Locator("[data-chart] canvas").CountAsync());
        var sizes = await map.EvalAsync<int[]>("() => [...document.querySelectorAll('[data-chart] canvas')].map(c => c.width * c.height)");
        Assert.All(sizes, s => Assert.True(s > 10_000));
        var trend = await map.EvalAsync<int[]>("() => window.riverGis.dashboardSeries('trend', 0)");
        Assert.Equal(report.GetProperty("trend").EnumerateArray().Select(t => t.GetProperty("new").GetInt32()), trend);
        var coverage = await map.EvalAsync<double[]>("() => window.riverGis.dashboardSeries('coverage', 0)");
        Assert.Equal(report.GetProperty("coverage").EnumerateObject().Select(c => c.Value.GetProperty("covered_pct").GetDouble()), coverage);

        Assert.Equal("units", await map.Page.GetAttributeAsync("[data-chart=lights]", "data-by"));
        var litUnits = report.GetProperty("lights").GetProperty("units").EnumerateArray()
            .Where(u => u.GetProperty("red").GetInt32() + u.GetProperty("yellow").GetInt32() + u.GetProperty("green").GetInt32() > 0).ToList();
        Assert.NotEmpty(litUnits);
        foreach (var (light, index) in new[] { ("red", 0), ("yellow", 1), ("green", 2) })
            Assert.Equal(litUnits.Sum(u => u.GetProperty(light).GetInt32()), (await map.EvalAsync<int[]>($"() => window.riverGis.dashboardSeries('lights', {index})")).Sum());

        // The whole page in one picture: tall enough for every chart.
        await map.Page.SetViewportSizeAsync(1440, 1500);
        await map.EvalAsync("() => window.dispatchEvent(new Event('resize'))");
        await map.ScreenshotAsync("05-dashboard-jinkouhe.png");
        await map.Page.SetViewportSizeAsync(1440, 900);
        await map.AssertCleanAsync();
        foreach (var issue in filed) issue.Dispose();
    }
}
