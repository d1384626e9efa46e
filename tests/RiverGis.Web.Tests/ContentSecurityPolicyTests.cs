using Microsoft.Playwright;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The web map under the Content-Security-Policy the service sends (SecurityHeaders: `script-src 'self'`, `style-src
/// 'self'`, `frame-ancestors 'none'` …: no inline script, event-handler attribute, eval or inline style): every view that
/// generates HTML is used — signed in as an office, so that the ledger and its actions are there too — and no violation
/// is reported. A planted inline script and inline style at the end prove the policy was in force.
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class ContentSecurityPolicyTests(WebMapFixture fixture)
{
    /// <summary>Records every violation the page reports (an init script: it runs before the page's own).</summary>
    public const string RecordViolations = @"
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(
          `${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));";

    [Fact]
    public async Task Page_runs_under_the_content_security_policy_it_is_served_with()
    {
        var page = await fixture.Browser.NewPageAsync();
        await fixture.Browser.ClearCookiesAsync();
        string? served = null;
        page.Response += (_, r) => { if (new Uri(r.Url).AbsolutePath == "/") served = r.Headers.GetValueOrDefault("content-security-policy"); };
        await page.AddInitScriptAsync(RecordViolations);
        await using var map = new MapPage(fixture, page);
        await map.GotoAsync("/");
        Assert.NotNull(served);
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self';", "style-src 'self';", "img-src 'self';", "object-src 'none'", "frame-ancestors 'none'" })
            Assert.Contains(directive, served);
        Assert.DoesNotContain("unsafe", served);
        // The office of Andorra, where the issue below is filed: its ledger shows it with the office's actions.
        await fixture.SignInAsync(map, "web-andorra", "office", area: "AD");

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
        await map.EvalAsync("() => { location.hash = '#/no-such-page'; }");
        await map.WaitShownAsync(null, "notice");
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
