using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Api.Tests.Patrols;

namespace RiverGis.Web.Tests;

/// <summary>
/// 巡河 in the browser: the web map's view uploads a GPX file and draws the patrolled stretch; the chiefs' phone page,
/// in a phone viewport with geolocation moving along a river of the Jinkouhe sample, records a patrol with a photo and
/// a problem, keeps it while offline, sends it when the network returns and shows the verdict and the month's standing.
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class PatrolPageTests(WebMapFixture fixture)
{
    [Fact]
    public async Task The_patrol_view_uploads_a_gpx_file_and_shows_the_patrolled_stretch()
    {
        const string chief = "511113-P023";
        var route = await PatrolRequests.RouteAlongAsync(fixture.ConnectionString, chief);
        var file = Path.Combine(Path.GetTempPath(), $"rivergis-walk-{Guid.NewGuid():N}.gpx");
        await File.WriteAllTextAsync(file, PatrolRequests.Gpx(route, new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8)), 10));
        // The county office (河长办) files a chief's GPX file; the view is the office's.
        await using var map = await fixture.OpenAsync("/#/patrols", signedInAs: ("web-county", "office", "511113"));
        await map.Page.Locator("[data-testid=patrols][data-state=ready]").WaitForAsync();
        await map.Page.FillAsync("[data-testid=patrol-upload-chief]", chief);
        await map.Page.SetInputFilesAsync("[data-testid=patrol-file]", file);
        await map.Page.Locator("[data-testid=patrol-result][data-state=done]").WaitForAsync();
        Assert.Equal("true", await map.Page.GetAttributeAsync("[data-testid=patrol-result]", "data-valid"));
        Assert.Contains("有效巡河", await map.Page.InnerTextAsync("[data-testid=patrol-verdict]"));
        await map.Page.Locator("[data-testid=patrol-chief][data-state=ready]").WaitForAsync();
        await map.IdleAsync();

        // The stretches on the map are the API's coverage of the chief's segments for November: the patrolled one drawn.
        using var coverage = await fixture.GetJsonAsync($"/api/patrols/coverage?period=2026-11&chief_id={chief}&include_patrolled=true");
        var expected = coverage.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("state").GetString()).ToList();
        var drawn = await map.EvalAsync<string[]>("() => window.riverGis.layers.patrolCoverage.features.map(f => f.properties.state)");
        Assert.Equal(expected, drawn);
        Assert.Contains("patrolled", drawn);
        var patrolled = coverage.RootElement.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("patrolled_m").GetDouble());
        var drawnPatrolled = await map.EvalAsync<double>(
            "() => window.riverGis.layers.patrolCoverage.features.filter(f => f.properties.state === 'patrolled').reduce((m, f) => m + f.properties.length_m, 0)");
        Assert.True(patrolled > 300, $"{patrolled} m patrolled");
        Assert.Equal(patrolled, drawnPatrolled, 0);
        Assert.True(await map.EvalAsync<int>("() => window.riverGis.layers.patrolTrack.features.length") >= 1);

        // The compliance table of the month: shortfalls marked red.
        Assert.Equal("2026-11", await map.Page.InputValueAsync("[data-testid=patrol-period]"));
        var shortfall = map.Page.Locator("[data-testid=patrol-row][data-status=shortfall]").First;
        Assert.Equal("rgb(198, 40, 40)", await shortfall.Locator("[data-testid=patrol-shortfall]").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        await map.ScreenshotAsync("20-patrols-view.png");
        await map.AssertCleanAsync();
        File.Delete(file);
    }

    [Fact]
    public async Task The_phone_page_records_a_patrol_along_a_river_offline_and_sends_it_when_back_online()
    {
        const string chief = "511113-P019";
        var route = await PatrolRequests.RouteAlongAsync(fixture.ConnectionString, chief);
        var context = fixture.Browser;
        await context.ClearCookiesAsync();
        await context.GrantPermissionsAsync(["geolocation"], new BrowserContextGrantPermissionsOptions { Origin = fixture.BaseUrl });
        await context.SetGeolocationAsync(new Geolocation { Longitude = (float)route[0].Lon, Latitude = (float)route[0].Lat, Accuracy = 8 });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            // The phone's clock runs from half an hour ago; each fix comes 10 s after the one before.
            var start = DateTimeOffset.UtcNow.AddMinutes(-40);
            await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = start.UtcDateTime });
            await page.GotoAsync(fixture.BaseUrl + "/patrol.html");
            await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
            Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
            Assert.Equal("patrol.webmanifest", await page.GetAttributeAsync("link[rel=manifest]", "href"));
            // An office account is turned away (the page files the signed-in chief's own patrols); the chief's account signs in.
            await fixture.AsAsync("web-county", "office", "511113");
            await page.FillAsync("[data-testid=phone-username]", "web-county");
            await page.FillAsync("[data-testid=phone-password]", WebMapFixture.Password);
            await page.ClickAsync("[data-testid=phone-login-go]");
            await page.Locator("[data-testid=phone-login-msg]", new() { HasText = "供河长使用" }).WaitForAsync();
            await fixture.AsAsync("web-chief-p019", "chief", chief: chief);
            await page.FillAsync("[data-testid=phone-username]", "web-chief-p019");
            await page.FillAsync("[data-testid=phone-password]", WebMapFixture.Password);
            await page.ClickAsync("[data-testid=phone-login-go]");
            await page.Locator("[data-testid=phone-home]:visible").WaitForAsync();
            await page.ClickAsync("[data-testid=phone-start]");
            for (var i = 0; i < route.Count; i++)
            {
                if (i > 0) await page.Clock.FastForwardAsync(10_000);
                await context.SetGeolocationAsync(new Geolocation { Longitude = (float)route[i].Lon, Latitude = (float)route[i].Lat, Accuracy = 8 });
                await page.WaitForFunctionAsync("n => Number(document.querySelector('[data-testid=phone-fixes]').textContent) >= n", i + 1);
                if (i == route.Count / 2)
                {
                    await page.SetInputFilesAsync("[data-testid=phone-photo]", new FilePayload { Name = "河面.png", MimeType = "image/png", Buffer = Png });
                    await page.ClickAsync("[data-testid=phone-report-open]");
                    await page.SelectOptionAsync("[data-testid=phone-report-category]", "garbage");
                    await page.FillAsync("[data-testid=phone-report-description]", "河岸堆放生活垃圾");
                    await page.ClickAsync("[data-testid=phone-report-save]");
                    await page.Locator("[data-testid=phone-pending]", new() { HasText = "问题 1" }).WaitForAsync();
                }
            }
            var km = double.Parse(await page.InnerTextAsync("[data-testid=phone-km]"), CultureInfo.InvariantCulture);
            Assert.InRange(km, 1.0, 2.5);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebMapFixture.Screenshots, "21-phone-patrolling.png") });

            // The network drops as the patrol ends: it waits in IndexedDB, and goes when the network is back.
            var stored = await Db.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM patrol_tracks WHERE chief_id = '{chief}'");
            await context.SetOfflineAsync(true);
            await page.ClickAsync("[data-testid=phone-end]");
            await page.Locator("[data-testid=phone-pending]", new() { HasText = "巡河记录 1" }).WaitForAsync();
            Assert.Equal(stored, await Db.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM patrol_tracks WHERE chief_id = '{chief}'"));
            await context.SetOfflineAsync(false);
            await page.Locator("[data-testid=phone-verdict][data-state=valid]").WaitForAsync();
            await page.Locator("[data-testid=phone-period] p").WaitForAsync();
            Assert.Contains("有效巡河", await page.InnerTextAsync("[data-testid=phone-verdict]"));
            var standing = await page.InnerTextAsync("[data-testid=phone-period]");
            Assert.Contains("每周不少于1次", standing);
            Assert.Equal("0", await page.GetAttributeAsync("[data-testid=phone-pending]", "data-count"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebMapFixture.Screenshots, "22-phone-verdict.png") });

            // Stored once, with its photo and the problem filed with the patrol's id.
            Assert.Equal(stored + 1, await Db.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM patrol_tracks WHERE chief_id = '{chief}'"));
            var id = await Db.ScalarAsync<long>(fixture.ConnectionString, $"SELECT max(id) FROM patrol_tracks WHERE chief_id = '{chief}'");
            Assert.Equal(route.Count, await Db.ScalarAsync<int>(fixture.ConnectionString, $"SELECT ST_NPoints(geom) FROM patrol_tracks WHERE id = {id}"));
            Assert.Equal(1, await Db.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM photos WHERE patrol_id = {id}"));
            Assert.Equal("河岸堆放生活垃圾", await Db.ScalarAsync<string>(fixture.ConnectionString, $"SELECT description FROM issues WHERE patrol_id = {id}"));
            // Everything was filed as the signed-in chief.
            Assert.Equal("web-chief-p019", await Db.ScalarAsync<string>(fixture.ConnectionString, $"SELECT submitted_by FROM patrol_tracks WHERE id = {id}"));
            Assert.Equal("web-chief-p019", await Db.ScalarAsync<string>(fixture.ConnectionString, $"SELECT reported_by FROM issues WHERE patrol_id = {id}"));
            using var shown = await fixture.GetJsonAsync($"/api/patrols/compliance?period={start.ToOffset(TimeSpan.FromHours(8)):yyyy-MM}&chief_id={chief}");
            var shortfall = shown.RootElement.GetProperty("chiefs")[0].GetProperty("shortfall").GetInt32();
            Assert.Equal(shortfall.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-testid=phone-period]", "data-shortfall"));
            Assert.Empty(errors);
        }
        finally
        {
            await context.SetOfflineAsync(false);
            await context.ClearPermissionsAsync();
            await page.CloseAsync();
        }
    }

    /// <summary>A 1×1 PNG (a phone photo without EXIF: its position and time cannot be checked).</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
