using Microsoft.Playwright;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The web map under the strictest Content-Security-Policy the accounts work may send (`default-src 'self'`: no inline
/// script, event-handler attribute, eval or inline style): the page's HTML is served with that header (Playwright
/// adds it to the real response), every view that generates HTML is used, and no violation is reported. A planted
/// inline script and inline style at the end prove the policy was in force.
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class ContentSecurityPolicyTests(WebMapFixture fixture)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Records every violation the page reports (an init script: it runs before the page's own).</summary>
    private const string RecordViolations = @"
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(
          `${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));";

    [Fact]
    public async Task Page_runs_under_a_strict_content_security_policy()
    {
        var page = await fixture.Browser.NewPageAsync();
        var served = 0;
        await page.RouteAsync(url => new Uri(url).AbsolutePath is "/" or "/index.html", async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = Policy };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
            Interlocked.Increment(ref served);
        });
        await page.AddInitScriptAsync(RecordViolations);
        await using var map = new MapPage(fixture, page);
        await map.GotoAsync("/");
        Assert.Equal(1, served);

        // Every view that writes HTML: the legend and pins (start), popups and the profile, the report form with
        // whom it routes to, the demarcation check, the ledger with an issue's actions, the dashboard's charts, the notice page.
        var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync("LI-R-SAMINA-TWN01");
        // An issue for the ledger's actions, far from the points the tests click.
        var elsewhere = await fixture.MidpointOfSegmentAsync(await Db.ScalarAsync<string>(fixture.ConnectionString,
            "SELECT code FROM segments WHERE dataset_code = 'andorra' ORDER BY code LIMIT 1"));
        using var issue = await fixture.FileIssueAsync(elsewhere.Lon, elsewhere.Lat, "garbage", "CSP 测试：岸边垃圾");
        await map.EvalAsync("([lat, lon]) => window.riverGis.setView(lat, lon, 14)", new[] { lat, lon });
        await map.ClickMapAsync(lon, lat);
        await map.Page.Locator("[data-testid=segment-popup]").WaitForAsync();
        await map.Page.Locator("[data-testid=view-profile][data-state=ready]").WaitForAsync();
        await map.EvalAsync("() => { window.riverGis.map.closePopup(); }");
        var bar = await map.EvalAsync<double[]>(
            "() => { const s = document.querySelector('.coverage .bar span'); return [s.offsetWidth, s.parentElement.offsetWidth, Number(s.dataset.width)]; }");
        Assert.Equal(bar[2] / 100 * bar[1], bar[0], 0); // the bar's width was set although style attributes are forbidden

        await map.Page.ClickAsync("[data-testid=mode-report]");
        await map.ClickMapAsync(lon, lat);
        await map.Page.Locator("[data-testid=responsible][data-state=ready]").WaitForAsync();

        await map.Page.ClickAsync("[data-testid=open-demarcation]");
        await map.WaitShownAsync("demarcation", null);
        await map.Page.ClickAsync("[data-testid=open-ledger]");
        await map.Page.Locator("[data-testid=ledger][data-state=ready]").WaitForAsync();
        await map.Page.Locator($"[data-testid=ledger-row][data-issue-id='{issue.RootElement.GetProperty("id").GetInt64()}']").ClickAsync();
        await map.Page.Locator("[data-testid=issue-actions][data-state=ready]").WaitForAsync();
        await map.EvalAsync("() => { location.hash = '#/dashboard/511113'; }");
        await map.Page.Locator("[data-testid=dashboard][data-state=ready]").WaitForAsync(new() { Timeout = 60_000 });
        await map.EvalAsync("() => { location.hash = '#/no-such-page'; }");
        await map.WaitShownAsync(null, "notice");
        await map.Page.GoBackAsync();
        await map.WaitShownAsync(null, "dashboard");
        await map.Page.GoBackAsync();
        await map.WaitShownAsync("ledger", null);
        await map.IdleAsync();

        Assert.Empty(await map.EvalAsync<string[]>("() => window.cspViolations"));
        await map.AssertCleanAsync();

        // The policy was in force: an inline script and an inline style planted now are refused and reported.
        await map.EvalAsync(@"() => {
            const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.appendChild(s);
            document.body.insertAdjacentHTML('beforeend', '<span id=""planted"" style=""color: rgb(255, 0, 0)"">x</span>'); }");
        await map.Page.WaitForFunctionAsync("() => window.cspViolations.length >= 2");
        var violations = await map.EvalAsync<string[]>("() => window.cspViolations");
        Assert.Contains(violations, v => v.StartsWith("script-src-elem", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("style-src-attr", StringComparison.Ordinal));
        Assert.False(await map.EvalAsync<bool>("() => window.inlineRan === true"));
        Assert.NotEqual("rgb(255, 0, 0)", await map.EvalAsync<string>("() => getComputedStyle(document.getElementById('planted')).color"));
    }
}
