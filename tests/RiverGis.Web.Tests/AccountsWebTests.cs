using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The web map by role, signed in through its own form: a township office closes an issue of its township and cannot
/// see one of the neighbouring county; an anonymous visitor reports and follows the report but has no ledger and no
/// actions; a chief sees 我的问题 with the steps that are theirs; an administrator manages users.
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class AccountsWebTests(WebMapFixture fixture)
{
    private string Cs => fixture.ConnectionString;

    /// <summary>A township of a Liechtenstein county (Wahlkreis) with a chief on one of its township segments.</summary>
    private Task<List<string>> TownshipSegmentAsync(string county) => Db.ColumnAsync<string>(Cs,
        $"SELECT s.code || '|' || s.area_code || '|' || s.chief_id FROM segments s JOIN admin_areas a ON a.code = s.area_code " +
        $"WHERE a.parent_code = '{county}' AND s.level = 'township' AND s.chief_id IS NOT NULL ORDER BY s.code LIMIT 1");

    [Fact]
    public async Task A_township_office_closes_an_issue_of_its_township_and_cannot_see_the_neighbouring_county()
    {
        var own = (await TownshipSegmentAsync("LI-OB")).Single().Split('|');
        var neighbour = (await TownshipSegmentAsync("LI-UL")).Single().Split('|');
        var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync(own[0]);
        using var mine = await fixture.FileIssueAsync(lon, lat, "garbage", "乡镇河长办测试：本乡镇");
        var id = mine.RootElement.GetProperty("id").GetInt64();
        Assert.Equal(own[1], mine.RootElement.GetProperty("properties").GetProperty("area_code").GetString()![..own[1].Length]);
        var other = await fixture.MidpointOfSegmentAsync(neighbour[0]);
        using var theirs = await fixture.FileIssueAsync(other.Lon, other.Lat, "garbage", "乡镇河长办测试：邻县");
        var otherId = theirs.RootElement.GetProperty("id").GetInt64();

        await using var map = await fixture.OpenAsync();
        await fixture.SignInAsync(map, "web-township", "office", area: own[1]);
        Assert.Equal("web-township", await map.Page.InnerTextAsync("[data-testid=user-name]"));
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=open-users]"));
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=open-my-issues]"));
        await map.Page.ClickAsync("[data-testid=open-ledger]");
        await map.Page.Locator("[data-testid=ledger][data-state=ready]").WaitForAsync();
        var row = map.Page.Locator($"[data-testid=ledger-row][data-issue-id='{id}']");
        await row.WaitForAsync();
        Assert.Equal(0, await map.Page.Locator($"[data-testid=ledger-row][data-issue-id='{otherId}']").CountAsync());
        // Every row of the office's ledger lies in its township.
        var shown = await map.Page.Locator("[data-testid=ledger-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.issueId)");
        var inScope = await Db.ColumnAsync<long>(Cs, $"SELECT id FROM issues WHERE area_codes @> ARRAY['{own[1]}']");
        Assert.All(shown, s => Assert.Contains(long.Parse(s, CultureInfo.InvariantCulture), inScope));
        // Asked for by id (a guessed URL), the neighbour's issue does not exist for this office.
        // (the browser context's own requests, with the page's session cookie; not the page's fetch, whose 404 the console would report)
        Assert.Equal(404, (await map.Page.APIRequest.GetAsync($"{fixture.BaseUrl}/api/issues/{otherId}")).Status);
        Assert.Equal(200, (await map.Page.APIRequest.GetAsync($"{fixture.BaseUrl}/api/issues/{id}")).Status);

        // 交办 by the office, 整改 and 提交验收 by the chief (their token), 验收通过（销号） by the office.
        await row.ClickAsync();
        await map.TransitionAsync("assign", 2);
        var chief = await fixture.AsAsync("web-chief-" + own[2], "chief", chief: own[2]);
        foreach (var step in new[] { "start_rectification", "submit_for_verification" })
        {
            using var done = await chief.PostAsync($"/api/issues/{id}/transitions", new StringContent($$"""{"action": "{{step}}"}""", Encoding.UTF8, "application/json"));
            Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        }
        await row.ClickAsync();
        await map.TransitionAsync("pass_verification", 5);
        Assert.Equal("closed", await Db.ScalarAsync<string>(Cs, $"SELECT status FROM issues WHERE id = {id}"));
        Assert.Equal(["公众", "web-township", "web-chief-" + own[2], "web-chief-" + own[2], "web-township"],
            await Db.ColumnAsync<string>(Cs, $"SELECT actor FROM issue_events WHERE issue_id = {id} ORDER BY at, id"));
        await map.ScreenshotAsync("08-township-office-ledger.png");

        // Signing out: back to what the public sees.
        await map.Page.ClickAsync("[data-testid=sign-out]");
        await map.Page.Locator("[data-testid=sign-in]").WaitForAsync();
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=open-ledger]"));
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task An_anonymous_visitor_reports_and_follows_the_report_but_has_no_ledger_and_no_actions()
    {
        await using var map = await fixture.OpenAsync();
        Assert.Equal("public", await map.EvalAsync<string>("() => window.riverGis.session.role"));
        foreach (var tool in new[] { "open-ledger", "open-demarcation", "open-my-issues", "open-users" })
            Assert.True(await map.Page.IsHiddenAsync($"[data-testid={tool}]"), tool);
        await map.EvalAsync("() => { location.hash = '#/ledger'; }");
        await map.WaitShownAsync(null, "notice");
        Assert.Equal("forbidden", await map.Page.GetAttributeAsync("[data-testid=notice]", "data-reason"));
        await map.Page.ClickAsync("[data-testid=notice-map]");
        await map.WaitShownAsync(null, null);

        var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync("LI-R-SAMINA-TWN04");
        await map.EvalAsync("([lat, lon]) => window.riverGis.setView(lat, lon, 15)", new[] { lat, lon });
        await map.Page.ClickAsync("[data-testid=mode-report]");
        await map.ClickMapAsync(lon, lat);
        await map.Page.Locator("[data-testid=responsible][data-state=ready]").WaitForAsync();
        var description = "公众上报 " + Guid.NewGuid().ToString("N")[..8];
        await map.Page.FillAsync("[data-testid=report-description]", description);
        await map.Page.FillAsync("[data-testid=report-contact]", "13900000123");
        await map.Page.ClickAsync("[data-testid=report-submit]");
        var result = map.Page.Locator("[data-testid=report-result]");
        await result.WaitForAsync();
        Assert.Equal(1L, await Db.ScalarAsync<long>(Cs, $"SELECT count(*) FROM issues WHERE description = '{description}'"));
        // The follow-up token is shown once; its status URL shows this report, with the reporter's own contact.
        var token = await map.Page.InnerTextAsync("[data-testid=report-follow-up-token]");
        var status = await map.EvalAsync<string>("url => fetch(url).then(r => r.text())", await map.Page.GetAttributeAsync("[data-testid=report-follow-up-link]", "href"));
        Assert.Contains(description, status);
        Assert.Contains("13900000123", status);
        Assert.False(string.IsNullOrWhiteSpace(token));
        Assert.Equal(0, await map.Page.Locator("[data-testid=issue-actions], [data-testid=transition-submit]").CountAsync());
        // Nor can the page reach the ledger behind the interface.
        Assert.Equal(401, (await map.Page.APIRequest.GetAsync($"{fixture.BaseUrl}/api/issues")).Status);
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task A_chief_sees_their_issues_and_an_administrator_manages_users()
    {
        var own = (await TownshipSegmentAsync("LI-UL")).Single().Split('|');
        var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync(own[0]);
        using var issue = await fixture.FileIssueAsync(lon, lat, "other", "河长测试：我的问题");
        var id = issue.RootElement.GetProperty("id").GetInt64();
        var office = await fixture.AsAsync("web-ul", "office", area: "LI-UL");
        using (var assigned = await office.PostAsync($"/api/issues/{id}/transitions", new StringContent($$"""{"action": "assign", "chief_id": "{{own[2]}}"}""", Encoding.UTF8, "application/json")))
            Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());

        await using var map = await fixture.OpenAsync();
        await fixture.SignInAsync(map, "web-chief-" + own[2], "chief", chief: own[2]);
        Assert.True(await map.Page.IsHiddenAsync("[data-testid=open-ledger]"));
        await map.Page.ClickAsync("[data-testid=open-my-issues]");
        await map.Page.Locator($"[data-testid=ledger-row][data-issue-id='{id}']").ClickAsync();
        var offered = await map.Page.Locator("[data-testid=issue-actions][data-state=ready] [data-testid=transition-action] option")
            .EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Equal(["start_rectification"], offered);
        await map.TransitionAsync("start_rectification", 3);
        Assert.Equal("rectifying", await Db.ScalarAsync<string>(Cs, $"SELECT status FROM issues WHERE id = {id}"));
        await map.ScreenshotAsync("09-chief-my-issues.png");

        await map.Page.ClickAsync("[data-testid=sign-out]");
        await fixture.SignInAsync(map, "web-admin");
        await map.Page.ClickAsync("[data-testid=open-users]");
        await map.Page.Locator("[data-testid=users][data-state=ready]").WaitForAsync();
        await map.Page.FillAsync("[data-testid=user-username]", "web-new-office");
        await map.Page.FillAsync("[data-testid=user-password]", "a-long-enough-password");
        await map.Page.SelectOptionAsync("[data-testid=user-role-select]", "office");
        await map.Page.FillAsync("[data-testid=user-area]", "LI-OB");
        await map.Page.ClickAsync("[data-testid=user-create]");
        var created = map.Page.Locator("[data-testid=user-row][data-username=web-new-office]");
        await created.WaitForAsync();
        await created.Locator("[data-testid=user-toggle]").ClickAsync();
        await map.Page.Locator("[data-testid=user-row][data-username=web-new-office][data-disabled=true]").WaitForAsync();
        Assert.True(await Db.ScalarAsync<bool>(Cs, "SELECT disabled FROM users WHERE username = 'web-new-office'"));
        await map.ScreenshotAsync("10-admin-users.png");
        await map.AssertCleanAsync();
    }
}
