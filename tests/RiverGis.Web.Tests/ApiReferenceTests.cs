using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace RiverGis.Web.Tests;

/// <summary>The API reference at /docs, in headless Chromium: it renders the live document and never leaves the host.</summary>
[Collection(WebMapCollection.Name)]
public sealed class ApiReferenceTests(WebMapFixture fixture)
{
    [Fact]
    public async Task The_reference_renders_the_document_offline()
    {
        var page = await fixture.Browser.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        page.Request += (_, r) => requests.Enqueue(r.Url);
        page.Console += (_, m) => { if (m.Type == "error") errors.Enqueue(m.Text); };
        page.PageError += (_, e) => errors.Enqueue("uncaught: " + e);
        page.RequestFailed += (_, r) => errors.Enqueue($"failed: {r.Url} {r.Failure}");
        // Under the policy the service sends for /docs (its inline configuration script allowed by hash).
        await page.AddInitScriptAsync(ContentSecurityPolicyTests.RecordViolations);
        try
        {
            await page.GotoAsync(fixture.BaseUrl + "/docs", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            // Operations from several parts of the document, rendered from /openapi/v1.json by the page itself (a tag's
            // operations appear when it is opened in the sidebar).
            foreach (var (tag, summary) in new[] { ("Service", "200 when the service and its database answer"),
                         ("Responsibility analysis", "Coverage gaps (覆盖缺口) at a level"), ("Problem ledger", "Report a problem at a point (上报)") })
            {
                try
                {
                    await page.GetByText(tag, new PageGetByTextOptions { Exact = true }).First.ClickAsync();
                    await page.GetByText(summary).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
                }
                catch (TimeoutException)
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebMapFixture.Screenshots, "docs-failed.png") });
                    Assert.Fail($"'{summary}' never appeared.\nrequests:\n{string.Join("\n", requests)}\nerrors:\n{string.Join("\n", errors)}");
                }
            }
            Assert.Contains(requests, u => u.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebMapFixture.Screenshots, "docs.png") });
            var foreign = requests.Where(u => !(u.StartsWith("data:") || u.StartsWith("blob:") || new Uri(u).Host == "127.0.0.1")).Distinct().ToList();
            Assert.True(foreign.Count == 0, "requests that left 127.0.0.1:\n" + string.Join("\n", foreign));
            Assert.True(errors.IsEmpty, "errors:\n" + string.Join("\n", errors));
            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
