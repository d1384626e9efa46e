using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace RiverGis.Web.Tests;

/// <summary>
/// The web map in one browser page, with what the page must never do recorded as it happens: console errors,
/// uncaught exceptions, failed requests and requests to any host other than the service on 127.0.0.1.
/// Waits use the page's explicit readiness signals (window.riverGis.ready / idle()), never sleeps.
/// </summary>
public sealed class MapPage : IAsyncDisposable
{
    private readonly WebMapFixture _fixture;
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<(string Url, string Error)> _failed = new();
    private readonly ConcurrentQueue<string> _requests = new();

    public MapPage(WebMapFixture fixture, IPage page)
    {
        _fixture = fixture;
        Page = page;
        page.Console += (_, m) => { if (m.Type == "error") _consoleErrors.Enqueue($"{m.Text} @ {m.Location}"); };
        page.PageError += (_, e) => _consoleErrors.Enqueue("uncaught: " + e);
        page.RequestFailed += (_, r) => _failed.Enqueue((r.Url, r.Failure ?? "?"));
        page.Request += (_, r) => _requests.Enqueue(r.Url);
    }

    public IPage Page { get; }

    public IReadOnlyCollection<string> Requests => _requests.ToArray();

    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(_fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await WaitReadyAsync();
    }

    /// <summary>Waits for the start-up loads (window.riverGis.ready) and for every layer load to finish.</summary>
    public async Task WaitReadyAsync()
    {
        await Page.WaitForFunctionAsync("() => window.riverGis && document.body.dataset.ready");
        var ready = await Page.EvaluateAsync<string>("() => document.body.dataset.ready");
        Assert.True(ready == "true", "the map did not start: " + string.Join("\n", _consoleErrors));
        await IdleAsync();
    }

    /// <summary>Resolves once no layer load is running or scheduled (after the move debounce).</summary>
    public Task IdleAsync() => Page.EvaluateAsync("() => window.riverGis.idle()");

    public Task<T> EvalAsync<T>(string expression, object? arg = null) => Page.EvaluateAsync<T>(expression, arg);

    public Task EvalAsync(string expression, object? arg = null) => Page.EvaluateAsync(expression, arg);

    public async Task FitDatasetAsync(string code)
    {
        await Page.EvaluateAsync("code => window.riverGis.fitDataset(code)", code);
        await IdleAsync();
    }

    /// <summary>The number of features a layer has drawn, as the legend exposes it (data-feature-count).</summary>
    public async Task<int> LegendCountAsync(string layer) =>
        int.Parse(await Page.GetAttributeAsync($"[data-testid=legend-{layer}]", "data-feature-count") ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>Page coordinates of a lon/lat on the map.</summary>
    public async Task<(double X, double Y)> PointOfAsync(double lon, double lat)
    {
        var p = await Page.EvaluateAsync<double[]>(
            @"([lon, lat]) => { const m = window.riverGis.map; const pt = m.latLngToContainerPoint([lat, lon]);
                const r = m.getContainer().getBoundingClientRect(); return [r.left + pt.x, r.top + pt.y]; }", new[] { lon, lat });
        return (p[0], p[1]);
    }

    public async Task ClickMapAsync(double lon, double lat)
    {
        var (x, y) = await PointOfAsync(lon, lat);
        // The point must be on the map itself, not under the legend, the panel or a popup.
        var tag = await Page.EvaluateAsync<string>("([x, y]) => document.elementFromPoint(x, y)?.tagName ?? ''", new[] { x, y });
        Assert.True(tag == "CANVAS", $"({lon}, {lat}) is under a <{tag}>, not on the map canvas");
        await Page.Mouse.ClickAsync((float)x, (float)y);
    }

    /// <summary>The page's location hash (the route of the navigation shell).</summary>
    public Task<string> HashAsync() => Page.EvaluateAsync<string>("() => decodeURIComponent(location.hash)");

    /// <summary>Waits until the side panel shows <paramref name="panel"/> and the full-page area <paramref name="page"/> (null: closed).</summary>
    public Task WaitShownAsync(string? panel, string? page) => Page.WaitForFunctionAsync(
        @"([panel, page]) => {
            const p = document.getElementById('panel'), g = document.getElementById('page');
            return (p.hidden ? null : p.dataset.view) === panel && (g.hidden ? null : g.dataset.view) === page; }",
        new[] { panel, page });

    /// <summary>Submits a transition in the selected issue's actions and waits for its history to have <paramref name="events"/> entries.</summary>
    public async Task TransitionAsync(string action, int events)
    {
        var actions = Page.Locator("[data-testid=issue-actions][data-state=ready]");
        await actions.Locator($"[data-testid=transition-action] option[value={action}]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await actions.Locator("[data-testid=transition-action]").SelectOptionAsync(action);
        await actions.Locator("[data-testid=transition-submit]").ClickAsync();
        await Page.WaitForFunctionAsync(
            "n => document.querySelectorAll('[data-testid=issue-history] li').length === n && document.querySelector('[data-testid=issue-actions]').dataset.state === 'ready'",
            events);
    }

    public async Task ScreenshotAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebMapFixture.Screenshots, name), FullPage = true });
    }

    /// <summary>No console error, no failed request (except loads the page cancelled itself as stale), nothing but 127.0.0.1.</summary>
    public async Task AssertCleanAsync()
    {
        Assert.True(_consoleErrors.IsEmpty, "console errors:\n" + string.Join("\n", _consoleErrors));
        var cancelled = (await Page.EvaluateAsync<string[]>("() => window.riverGis.abortedUrls()")).ToHashSet();
        var failed = _failed.Where(f => !(f.Error.Contains("ERR_ABORTED") && cancelled.Contains(f.Url))).ToList();
        Assert.True(failed.Count == 0, "failed requests:\n" + string.Join("\n", failed.Select(f => $"{f.Url}: {f.Error}")));
        var foreign = _requests.Where(u => !IsLocal(u)).Distinct().ToList();
        Assert.True(foreign.Count == 0, "requests that left 127.0.0.1:\n" + string.Join("\n", foreign));
    }

    private static bool IsLocal(string url)
    {
        if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)) return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "127.0.0.1";
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
