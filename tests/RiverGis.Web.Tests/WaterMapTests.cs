using System.Globalization;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The water on the web map over the sample data (issue 14): sections coloured by their latest class with the
/// standard's colours and legend, failing ones ringed; outlets by status; signboards with the stale ones marked; lakes
/// and reservoirs with their zones; a section's months as an Apache ECharts chart.
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class WaterMapTests(WebMapFixture fixture)
{
    [Fact]
    public async Task Water_layers_draw_what_the_API_serves_and_a_section_opens_its_chart()
    {
        await using var map = await fixture.OpenAsync();
        await map.IdleAsync();
        // ECharts is loaded when a chart is first shown (below), not with the map.
        Assert.DoesNotContain(map.Requests, u => u.Contains("/lib/echarts/", StringComparison.Ordinal));
        using (var sections = await fixture.GetJsonAsync("/api/sections"))
        {
            var features = sections.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.True(features.Count > 0);
            Assert.Equal(features.Count, await map.LegendCountAsync("sections"));
            var failing = features.Count(f => f.GetProperty("properties").GetProperty("failing").GetBoolean());
            Assert.Equal(failing.ToString(CultureInfo.InvariantCulture), await map.Page.InnerTextAsync("[data-sub=section-failing] [data-subcount]"));
        }
        using (var boards = await fixture.GetJsonAsync("/api/signboards"))
        {
            Assert.Equal(boards.RootElement.GetProperty("features").GetArrayLength(), await map.LegendCountAsync("signboards"));
            var stale = boards.RootElement.GetProperty("stale").GetInt32();
            Assert.True(stale > 0, "the samples plant a stale board");
            Assert.Equal(stale.ToString(CultureInfo.InvariantCulture), await map.Page.InnerTextAsync("[data-sub=board-stale] [data-subcount]"));
        }
        using (var zones = await fixture.GetJsonAsync("/api/water-bodies/zones"))
            Assert.Equal(zones.RootElement.GetProperty("features").GetArrayLength(), await map.LegendCountAsync("waterBodies"));
        var closed = await Db.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM outlets WHERE status = 'connected_to_sewer'");
        await map.FitDatasetAsync("*");
        Assert.Equal(closed.ToString(CultureInfo.InvariantCulture), await map.Page.InnerTextAsync("[data-sub=outlet-connected_to_sewer] [data-subcount]"));
        await map.ScreenshotAsync("20-water-overview.png");

        // The planted failing section of Jinkouhe: its chart and months.
        var code = await Db.ScalarAsync<string>(fixture.ConnectionString, "SELECT max(code) FROM sections WHERE dataset_code = 'jinkouhe'");
        await map.FitDatasetAsync("jinkouhe");
        await map.ScreenshotAsync("21-jinkouhe-sections.png");
        await map.GotoAsync($"/#/section/{code}");
        await map.Page.Locator($"[data-testid=view-section][data-section='{code}'][data-state=ready]").WaitForAsync();
        await map.Page.Locator("[data-testid=section-chart][data-ready=true] canvas").WaitForAsync();
        Assert.Contains(map.Requests, u => u.EndsWith("/lib/echarts/echarts.esm.min.js", StringComparison.Ordinal));
        var months = await map.Page.Locator("[data-testid=section-months] tbody tr").CountAsync();
        using (var series = await fixture.GetJsonAsync($"/api/sections/{code}/series"))
            Assert.Equal(series.RootElement.GetProperty("periods").GetArrayLength(), months);
        await map.ScreenshotAsync("22-section-chart.png");
        await map.AssertCleanAsync();
    }
}
