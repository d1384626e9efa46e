using System.Globalization;
using Microsoft.Playwright;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The navigation shell of the web map: every view has a URL (#/ledger, #/profile/&lt;river&gt;, #/report/&lt;lon,lat&gt;),
/// panel views open beside the map and full pages over it, back and forward move between them, the map's position
/// rides along in the URL, and the top bar's tools and the user menu follow the session's role. Full pages are
/// registered here the way a future page module registers itself (the shell's own notice page is the only built-in).
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class NavigationShellTests(WebMapFixture fixture)
{
    private const string River = "LI-R-SAMINA";

    /// <summary>A full page as a feature module would add it: counts how often it was entered and left.</summary>
    private const string RegisterProbe = @"([name, roles]) => {
        const probe = {
          view: { name, kind: 'page', title: '探针页 ' + name, roles: roles ?? undefined,
                  tool: { label: '探针', icon: 'check', title: 'probe page', testid: 'open-' + name } },
          entered: 0, left: 0, args: [],
          enter(el, route) { this.entered++; this.args.push(route.arg); el.innerHTML = `<h2 data-testid=""probe-heading"">探针页 ${name}</h2>`; },
          leave() { this.left++; },
        };
        (window.probes ??= {})[name] = probe;
        window.riverGis.shell.register(probe);
      }";

    [Fact]
    public async Task Panel_views_have_urls_and_follow_back_and_forward()
    {
        await using var map = await fixture.OpenAsync();
        Assert.StartsWith("#/?at=", await map.HashAsync());
        // The ledger and the demarcation check are the office's.
        await fixture.SignInAsync(map, "web-county", "office", area: "511113");

        await map.Page.ClickAsync("[data-testid=open-ledger]");
        await map.Page.Locator("[data-testid=ledger][data-state=ready]").WaitForAsync();
        Assert.StartsWith("#/ledger?at=", await map.HashAsync());
        Assert.Equal("问题台账", await map.Page.InnerTextAsync("#panel-title"));
        Assert.Equal("page", await map.Page.GetAttributeAsync("[data-testid=open-ledger]", "aria-current"));

        await map.Page.ClickAsync("[data-testid=open-demarcation]");
        await map.WaitShownAsync("demarcation", null);
        Assert.StartsWith("#/demarcation?at=", await map.HashAsync());
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=view-ledger]"));
        Assert.Null(await map.Page.GetAttributeAsync("[data-testid=open-ledger]", "aria-current"));

        // A typed (or linked) URL opens a view with its argument: the river's profile, its river highlighted.
        await map.EvalAsync("river => { location.hash = '#/profile/' + river; }", River);
        await map.Page.Locator($"[data-testid=view-profile][data-river='{River}'][data-state=ready]").WaitForAsync();
        Assert.Equal(await RiverNameAsync(River), await map.Page.InnerTextAsync("[data-testid=profile-name]"));
        Assert.Equal(1, await map.EvalAsync<int>("() => window.riverGis.counts().highlight"));

        // Back: the demarcation check as it was left (the profile's highlight goes with the profile), then the ledger.
        await map.Page.GoBackAsync();
        await map.WaitShownAsync("demarcation", null);
        Assert.Equal("划界检查", await map.Page.InnerTextAsync("#panel-title"));
        Assert.Equal(0, await map.EvalAsync<int>("() => window.riverGis.counts().highlight"));
        await map.Page.GoBackAsync();
        await map.WaitShownAsync("ledger", null);
        await map.Page.GoBackAsync();
        await map.WaitShownAsync(null, null);
        Assert.StartsWith("#/?at=", await map.HashAsync());

        // Forward twice: the ledger, then the demarcation check again.
        await map.Page.GoForwardAsync();
        await map.WaitShownAsync("ledger", null);
        await map.Page.GoForwardAsync();
        await map.WaitShownAsync("demarcation", null);

        // The close button and Escape return to the map alone, as a new step back can undo.
        await map.Page.ClickAsync("[data-testid=panel-close]");
        await map.WaitShownAsync(null, null);
        Assert.StartsWith("#/?at=", await map.HashAsync());
        await map.Page.GoBackAsync();
        await map.WaitShownAsync("demarcation", null);
        await map.Page.Keyboard.PressAsync("Escape");
        await map.WaitShownAsync(null, null);
        await map.AssertCleanAsync();
    }

    [Theory]
    [InlineData("/#/ledger", "ledger", "问题台账")]
    [InlineData("/#/demarcation", "demarcation", "划界检查")]
    [InlineData("/#/profile/" + River, "profile", "一河一档")]
    public async Task A_url_opens_its_panel_view_at_start(string path, string view, string title)
    {
        // Signed in as an office (the session cookie is there when the page starts), as a bookmark would be opened.
        await using var map = await fixture.OpenAsync(path, signedInAs: ("web-county", "office", "511113"));
        await map.WaitShownAsync(view, null);
        Assert.Equal(title, await map.Page.InnerTextAsync("#panel-title"));
        Assert.True(await map.Page.IsVisibleAsync($"[data-testid=view-{view}]"));
        if (view == "profile")
        {
            await map.Page.Locator($"[data-testid=view-profile][data-river='{River}'][data-state=ready]").WaitForAsync();
            Assert.Equal(await RiverNameAsync(River), await map.Page.InnerTextAsync("[data-testid=profile-name]"));
        }
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task A_report_url_opens_the_form_for_its_point_with_whom_the_API_routes_it_to()
    {
        var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync("LI-R-SAMINA-TWN03");
        var point = string.Create(CultureInfo.InvariantCulture, $"{lon:0.000000},{lat:0.000000}");
        var (x, y) = (double.Parse(point.Split(',')[0], CultureInfo.InvariantCulture), double.Parse(point.Split(',')[1], CultureInfo.InvariantCulture));
        await using var map = await fixture.OpenAsync("/#/report/" + point);
        await map.Page.Locator("[data-testid=responsible][data-state=ready]").WaitForAsync();
        var panel = map.Page.Locator("[data-testid=report-panel]");
        Assert.Equal(x, double.Parse((await panel.GetAttributeAsync("data-lon"))!, CultureInfo.InvariantCulture), 9);
        Assert.Equal(y, double.Parse((await panel.GetAttributeAsync("data-lat"))!, CultureInfo.InvariantCulture), 9);
        using var responsible = await fixture.GetJsonAsync($"/api/responsible?lon={point.Split(',')[0]}&lat={point.Split(',')[1]}");
        Assert.Equal(responsible.RootElement.GetProperty("chief").GetProperty("id").GetString(),
            await map.Page.GetAttributeAsync("[data-testid=responsible-chief]", "data-chief-id"));

        // Not a point: the panel says so and nothing is asked of the API.
        await map.EvalAsync("() => { location.hash = '#/report/north-of-the-bridge'; }");
        await map.Page.Locator("[data-testid=view-report][data-state=error]").WaitForAsync();
        Assert.Contains("位置无效", await map.Page.InnerTextAsync("[data-testid=view-report]"));
        Assert.DoesNotContain(map.Requests, u => u.Contains("north-of-the-bridge", StringComparison.Ordinal));

        // A click on the map offers 在此上报问题; the form it opens has the URL of its point.
        await map.EvalAsync("([lat, lon]) => { window.riverGis.map.fire('click', { latlng: L.latLng(lat, lon) }); }", new[] { y, x });
        await map.Page.ClickAsync("[data-testid=empty-click-popup] [data-testid=report-here]");
        await map.Page.Locator("[data-testid=view-report][data-state=ready]").WaitForAsync();
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"#/report/{x},{y}?at="), await map.HashAsync());
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task The_map_position_rides_along_in_the_url()
    {
        await using var map = await fixture.OpenAsync();
        await map.EvalAsync("() => window.riverGis.setView(47.12, 9.54, 12.5)");
        var hash = await map.HashAsync();
        Assert.Contains("at=12.5/47.12", hash);

        // The URL opened anew shows the same place, also with a view open, and in the earlier #zoom/lat/lon form.
        foreach (var path in new[] { "/" + hash, "/#/ledger?at=12.5/47.12/9.54", "/#12.5/47.12/9.54" })
        {
            await using var again = await fixture.OpenAsync(path);
            var view = await again.EvalAsync<double[]>("() => { const m = window.riverGis.map, c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }");
            Assert.Equal(12.5, view[0]);
            Assert.Equal(47.12, view[1], 4);
            Assert.Equal(9.54, view[2], 4);
            await again.AssertCleanAsync();
        }
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task Full_pages_cover_the_map_and_follow_back_and_forward()
    {
        // A URL that names no view: the shell's notice page over the map, which started underneath.
        await using var map = await fixture.OpenAsync("/#/no-such-page", signedInAs: ("web-county", "office", "511113"));
        await map.WaitShownAsync(null, "notice");
        Assert.Equal("not_found", await map.Page.GetAttributeAsync("[data-testid=notice]", "data-reason"));
        Assert.StartsWith("页面不存在", await map.Page.TitleAsync());
        Assert.Equal("hidden", await map.EvalAsync<string>("() => getComputedStyle(document.querySelector('.stage')).visibility"));
        Assert.True(await map.LegendCountAsync("segments") > 0);
        await map.ScreenshotAsync("06-notice-page.png");

        await map.Page.ClickAsync("[data-testid=notice-map]");
        await map.WaitShownAsync(null, null);
        Assert.Equal("visible", await map.EvalAsync<string>("() => getComputedStyle(document.querySelector('.stage')).visibility"));
        Assert.DoesNotContain("页面不存在", await map.Page.TitleAsync());
        Assert.Contains("河长制一张图", await map.Page.TitleAsync());

        // A page module registers itself: its tool appears after the others and opens it at #/probe.
        await map.EvalAsync(RegisterProbe, new object?[] { "probe", null });
        var tools = await map.Page.Locator("[data-testid=tools] button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.testid)");
        Assert.Equal(new[] { "mode-report", "open-demarcation", "open-ledger", "open-dashboard", "open-patrols", "open-my-issues", "open-users", "open-probe" }, tools);
        await map.Page.ClickAsync("[data-testid=open-probe]");
        await map.WaitShownAsync(null, "probe");
        Assert.StartsWith("#/probe", await map.HashAsync());
        Assert.Equal("探针页 probe", await map.Page.InnerTextAsync("[data-testid=page-probe] [data-testid=probe-heading]"));
        Assert.StartsWith("探针页 probe · ", await map.Page.TitleAsync());

        // A panel view from the page: the page leaves, the map comes back with the panel.
        await map.Page.ClickAsync("[data-testid=open-ledger]");
        await map.WaitShownAsync("ledger", null);
        Assert.Equal(1, await map.EvalAsync<int>("() => window.probes.probe.left"));

        await map.Page.GoBackAsync();
        await map.WaitShownAsync(null, "probe");
        Assert.Equal(2, await map.EvalAsync<int>("() => window.probes.probe.entered"));
        await map.Page.GoBackAsync();
        await map.WaitShownAsync(null, null);
        await map.Page.GoBackAsync();
        await map.WaitShownAsync(null, "notice");
        await map.Page.GoForwardAsync();
        await map.WaitShownAsync(null, null);
        await map.Page.GoForwardAsync();
        await map.WaitShownAsync(null, "probe");

        // Map tools and the dataset chooser bring the map back first.
        await map.Page.ClickAsync("[data-testid=mode-report]");
        await map.WaitShownAsync(null, null);
        Assert.Equal("true", await map.Page.GetAttributeAsync("[data-testid=mode-report]", "aria-pressed"));
        await map.Page.GoBackAsync();
        await map.WaitShownAsync(null, "probe");
        Assert.Equal("false", await map.Page.GetAttributeAsync("[data-testid=mode-report]", "aria-pressed"));
        await map.Page.ClickAsync("[data-testid=dataset-liechtenstein]");
        await map.WaitShownAsync(null, null);
        await map.IdleAsync();
        Assert.True(await map.EvalAsync<bool>("() => window.riverGis.featureIds('segments').length > 0"));

        // One name, one view.
        var twice = await Assert.ThrowsAsync<PlaywrightException>(() => map.EvalAsync(RegisterProbe, new object?[] { "probe", null }));
        Assert.Contains("registered twice", twice.Message);
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task Tools_pages_and_the_user_menu_follow_the_role_of_the_session()
    {
        await using var map = await fixture.OpenAsync("/#/office-desk");
        await map.EvalAsync(RegisterProbe, new object?[] { "office-desk", new[] { "office", "admin" } });

        // Anonymous (public): the map and reporting, the user menu offers 登录; the office's tools and page are not for them.
        Assert.Equal("public", await map.EvalAsync<string>("() => window.riverGis.session.role"));
        Assert.True(await map.Page.IsVisibleAsync("[data-testid=sign-in]"));
        Assert.True(await map.Page.IsVisibleAsync("[data-testid=mode-report]"));
        foreach (var tool in new[] { "open-demarcation", "open-ledger", "open-dashboard", "open-my-issues", "open-users" }) Assert.True(await map.Page.IsHiddenAsync($"[data-testid={tool}]"));
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=open-office-desk]"));
        await map.WaitShownAsync(null, "notice");
        Assert.Equal("forbidden", await map.Page.GetAttributeAsync("[data-testid=notice]", "data-reason"));

        // An office user signs in: name and role in the top bar, the tool appears, the page the URL names opens.
        await map.EvalAsync("() => window.riverGis.session.set({ name: '王晓河', role: 'office', area_code: '511113' })");
        Assert.Equal("王晓河", await map.Page.InnerTextAsync("[data-testid=user-name]"));
        Assert.Equal("河长办", await map.Page.InnerTextAsync("[data-testid=user-role]"));
        Assert.True(await map.Page.IsVisibleAsync("[data-testid=open-office-desk]"));
        await map.WaitShownAsync(null, "office-desk");
        await map.ScreenshotAsync("07-signed-in-page.png");

        // A chief may not see it: the tool goes, the page gives way to the notice.
        await map.EvalAsync("() => window.riverGis.session.set({ name: '侯建军', role: 'chief', chief_id: 'LI-C-10' })");
        Assert.Equal("河长", await map.Page.InnerTextAsync("[data-testid=user-role]"));
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=open-office-desk]"));
        await map.WaitShownAsync(null, "notice");
        Assert.Equal(1, await map.EvalAsync<int>("() => window.probes['office-desk'].left"));

        await map.EvalAsync("() => window.riverGis.session.clear()");
        Assert.True(await map.Page.IsVisibleAsync("[data-testid=sign-in]"));
        Assert.Equal("public", await map.EvalAsync<string>("() => window.riverGis.session.role"));

        // Only the four roles exist.
        var unknown = await Assert.ThrowsAsync<PlaywrightException>(() => map.EvalAsync("() => window.riverGis.session.set({ name: 'x', role: 'superuser' })"));
        Assert.Contains("unknown role", unknown.Message);
        Assert.Equal("public", await map.EvalAsync<string>("() => window.riverGis.session.role"));
        await map.AssertCleanAsync();
    }

    private Task<string> RiverNameAsync(string code) =>
        Db.ScalarAsync<string>(fixture.ConnectionString, $"SELECT name FROM rivers WHERE code = '{code}'");
}
