using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Web.Tests;

/// <summary>
/// The web map served at / over the sample data, driven in headless Chromium: it loads offline in Chinese, draws
/// what the API serves for the view, routes and files a report clicked on a river, shows the problems of an uploaded
/// demarcation and lists issues in the ledger with a CSV export. Screenshots go to artifacts/screenshots/.
/// </summary>
[Collection(WebMapCollection.Name)]
public sealed class WebMapTests(WebMapFixture fixture)
{
    private string Cs => fixture.ConnectionString;

    [Fact]
    public async Task Page_loads_in_Chinese_without_errors_and_without_leaving_the_host()
    {
        await using var map = await fixture.OpenAsync();

        Assert.Equal("zh-CN", await map.Page.GetAttributeAsync("html", "lang"));
        Assert.Contains("河长制一张图", await map.Page.TitleAsync());
        var header = await map.Page.InnerTextAsync("header");
        // The public's top bar: the datasets, reporting and 登录 (the office's tools appear once one signs in).
        foreach (var text in new[] { "列支敦士登", "安道尔", "金口河区", "上报问题", "登录" }) Assert.Contains(text, header);
        var tools = await map.Page.InnerTextAsync("[data-testid=tools]");
        foreach (var text in new[] { "划界检查", "问题台账" }) Assert.DoesNotContain(text, tools);

        // The start view is the extent of the data: every area of the three datasets is drawn.
        Assert.Equal(await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM admin_areas"), await map.LegendCountAsync("areas"));
        Assert.Equal(await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM segments"), await map.LegendCountAsync("segments"));

        // Leaflet comes from wwwroot/lib; the feature layers through OGC API Features items with bbox and limit.
        Assert.Contains(map.Requests, u => u.EndsWith("/lib/leaflet/leaflet.js", StringComparison.Ordinal));
        foreach (var collection in new[] { "admin-areas", "rivers", "segments", "outlets", "patrol-tracks", "issues" })
        {
            Assert.Contains(map.Requests, u => u.Contains($"/features/collections/{collection}/items?bbox=", StringComparison.Ordinal) && u.Contains("limit=10000", StringComparison.Ordinal));
        }
        Assert.Contains(map.Requests, u => u.Contains("/api/analysis/coverage-gaps?level=", StringComparison.Ordinal));

        await map.ScreenshotAsync("01-overview.png");
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task Layers_draw_what_the_API_serves_for_the_view()
    {
        await using var map = await fixture.OpenAsync();
        await map.FitDatasetAsync("liechtenstein");

        // Every feature layer shows as many features as the API has in the bbox the page asked with, which is the view.
        var view = await map.EvalAsync<string>("() => window.riverGis.viewBbox()");
        foreach (var (layer, collection) in new[] { ("areas", "admin-areas"), ("rivers", "rivers"), ("segments", "segments"), ("outlets", "outlets"), ("patrols", "patrol-tracks") })
        {
            Assert.Equal(view, await map.EvalAsync<string>("id => window.riverGis.lastBbox(id)", layer));
            using var items = await fixture.GetJsonAsync($"/features/collections/{collection}/items?bbox={view}&limit=10000");
            var matched = items.RootElement.GetProperty("numberMatched").GetInt32();
            Assert.True(matched > 0, $"{collection}: nothing in the view {view}");
            Assert.Equal(matched, await map.LegendCountAsync(layer));
        }

        // The view is Liechtenstein: the segments drawn are exactly its stored segments (the database's own view).
        var b = view.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var inView = await Db.ScalarAsync<long>(Cs, FormattableString.Invariant(
            $"SELECT count(*) FROM segments WHERE ST_Intersects(geom, ST_MakeEnvelope({b[0]}, {b[1]}, {b[2]}, {b[3]}, 4326))"));
        var liechtenstein = await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM segments WHERE dataset_code = 'liechtenstein'");
        Assert.Equal(liechtenstein, inView);
        Assert.Equal(inView, await map.LegendCountAsync("segments"));

        // Analysis layers: the whole result of the endpoint at the selected level, gaps split by reason in the legend.
        using (var gaps = await fixture.GetJsonAsync("/api/analysis/coverage-gaps?level=township"))
        {
            var features = gaps.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, await map.LegendCountAsync("gaps"));
            var vacant = features.Count(f => f.GetProperty("properties").GetProperty("reason").GetString() == "vacant");
            Assert.Equal(vacant.ToString(CultureInfo.InvariantCulture), await map.Page.InnerTextAsync("[data-sub=gap-vacant] [data-subcount]"));
            Assert.Equal((features.Count - vacant).ToString(CultureInfo.InvariantCulture), await map.Page.InnerTextAsync("[data-sub=gap-unassigned] [data-subcount]"));
        }
        using (var crossings = await fixture.GetJsonAsync("/api/analysis/boundary-crossings?level=township"))
            Assert.Equal(crossings.RootElement.GetProperty("features").GetArrayLength(), await map.LegendCountAsync("crossings"));
        using (var cross = await fixture.GetJsonAsync("/api/analysis/cross-boundary"))
            Assert.Equal(cross.RootElement.GetProperty("features").GetArrayLength(), await map.LegendCountAsync("crossBoundary"));

        // Toggles: a layer switched off draws nothing; a level unticked drops its segments.
        await map.Page.UncheckAsync("[data-testid=toggle-outlets]");
        Assert.Equal(0, await map.LegendCountAsync("outlets"));
        await map.Page.CheckAsync("[data-testid=toggle-outlets]");
        await map.IdleAsync();
        Assert.True(await map.LegendCountAsync("outlets") > 0);
        var township = await Db.ScalarAsync<long>(Cs, "SELECT count(*) FROM segments WHERE dataset_code = 'liechtenstein' AND level = 'township'");
        await map.Page.UncheckAsync("[data-sub=seg-township] input");
        Assert.Equal(inView - township, await map.LegendCountAsync("segments"));
        await map.Page.CheckAsync("[data-sub=seg-township] input");
        Assert.Equal(inView, await map.LegendCountAsync("segments"));

        // Another analysis level reloads the gaps for it.
        await map.Page.SelectOptionAsync("[data-testid=analysis-level]", "village");
        await map.IdleAsync();
        using (var village = await fixture.GetJsonAsync("/api/analysis/coverage-gaps?level=village"))
            Assert.Equal(village.RootElement.GetProperty("features").GetArrayLength(), await map.LegendCountAsync("gaps"));
        await map.Page.SelectOptionAsync("[data-testid=analysis-level]", "township");
        await map.IdleAsync();

        // A segment's popup and the river's profile (一河一档): chief and phone as stored.
        var (code, river, lon, lat) = await fixture.MidpointOfSegmentAsync("LI-R-SAMINA-TWN01");
        await map.EvalAsync("([lat, lon]) => window.riverGis.setView(lat, lon, 14)", new[] { lat, lon });
        await map.ClickMapAsync(lon, lat);
        var popup = map.Page.Locator("[data-testid=segment-popup]");
        await popup.WaitForAsync();
        Assert.Equal(code, await popup.GetAttributeAsync("data-segment"));
        var chief = await Db.ScalarAsync<string>(Cs, $"SELECT c.name || ' ' || c.phone FROM segments s JOIN chiefs c ON c.id = s.chief_id WHERE s.code = '{code}'");
        var popupText = await popup.InnerTextAsync();
        foreach (var part in chief.Split(' ')) Assert.Contains(part, popupText);
        await map.Page.Locator($"[data-testid=view-profile][data-river='{river}'][data-state=ready]").WaitForAsync();
        var riverName = await Db.ScalarAsync<string>(Cs, $"SELECT name FROM rivers WHERE code = '{river}'");
        Assert.Equal(riverName, await map.Page.InnerTextAsync("[data-testid=profile-name]"));
        Assert.Equal("100%", await map.Page.InnerTextAsync("[data-testid=covered-township]"));
        Assert.Contains("current", await map.Page.GetAttributeAsync($".seg[data-segment='{code}']", "class") ?? "");

        // A vacant segment's popup says so.
        var vacantCode = await Db.ScalarAsync<string>(Cs, "SELECT code FROM segments WHERE dataset_code = 'liechtenstein' AND chief_id IS NULL ORDER BY code LIMIT 1");
        var vacantPoint = await fixture.MidpointOfSegmentAsync(vacantCode);
        await map.EvalAsync("([lat, lon]) => window.riverGis.setView(lat, lon, 15)", new[] { vacantPoint.Lat, vacantPoint.Lon });
        await map.Page.ClickAsync("[data-testid=panel-close]");
        await map.Page.UncheckAsync("[data-testid=toggle-gaps]"); // the gap drawn over the vacant segment would take the click
        await map.ClickMapAsync(vacantPoint.Lon, vacantPoint.Lat);
        await map.Page.Locator($"[data-testid=segment-popup][data-segment='{vacantCode}'] [data-testid=vacant]").WaitForAsync();
        await map.Page.CheckAsync("[data-testid=toggle-gaps]");

        await map.Page.ClickAsync("[data-testid=panel-close]");
        await map.EvalAsync("() => { window.riverGis.map.closePopup(); }");
        await map.FitDatasetAsync("liechtenstein");
        await map.ScreenshotAsync("02-liechtenstein-gaps.png");
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task Clicking_a_river_in_report_mode_routes_files_and_maps_the_issue()
    {
        await using var map = await fixture.OpenAsync();
        var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync("LI-R-SAMINA-TWN03");
        await map.EvalAsync("([lat, lon]) => window.riverGis.setView(lat, lon, 15)", new[] { lat, lon });

        await map.Page.ClickAsync("[data-testid=mode-report]");
        await map.ClickMapAsync(lon, lat);
        var panel = map.Page.Locator("[data-testid=report-panel]");
        await map.Page.Locator("[data-testid=responsible][data-state=ready]").WaitForAsync();

        // The page shows whom the API routes the clicked point to.
        var clickedLon = await panel.GetAttributeAsync("data-lon");
        var clickedLat = await panel.GetAttributeAsync("data-lat");
        using var responsible = await fixture.GetJsonAsync($"/api/responsible?lon={clickedLon}&lat={clickedLat}");
        var chief = responsible.RootElement.GetProperty("chief");
        var chiefId = chief.GetProperty("id").GetString()!;
        Assert.Equal(chiefId, await map.Page.GetAttributeAsync("[data-testid=responsible-chief]", "data-chief-id"));
        var shown = await map.Page.InnerTextAsync("[data-testid=responsible-chief]");
        Assert.Contains(chief.GetProperty("name").GetString()!, shown);
        Assert.Contains(chief.GetProperty("phone").GetString()!, shown);
        Assert.Equal("LI-R-SAMINA", responsible.RootElement.GetProperty("river_code").GetString());

        var description = "右岸倾倒建筑垃圾 web-test " + Guid.NewGuid().ToString("N")[..8];
        await map.Page.SelectOptionAsync("[data-testid=report-category]", "dumping");
        await map.Page.FillAsync("[data-testid=report-description]", description);
        await map.Page.SelectOptionAsync("[data-testid=report-source]", "patrol");
        await map.Page.FillAsync("[data-testid=report-contact]", "13900000000");
        await map.ScreenshotAsync("03-report-form.png");

        var post = map.Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/issues", StringComparison.Ordinal));
        await map.Page.Locator("[data-testid=report-submit]").DblClickAsync();
        var request = await post;
        Assert.False(string.IsNullOrWhiteSpace(await request.HeaderValueAsync("idempotency-key")));
        var result = map.Page.Locator("[data-testid=report-result]");
        await result.WaitForAsync();
        var id = long.Parse((await result.GetAttributeAsync("data-issue-id"))!, CultureInfo.InvariantCulture);
        Assert.Equal(chiefId, await result.GetAttributeAsync("data-chief-id"));
        Assert.Contains(chief.GetProperty("name").GetString()!, await map.Page.InnerTextAsync("[data-testid=report-result-chief]"));
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture), await result.InnerTextAsync());

        // Stored once (the double click did not file twice), routed to that chief, at the clicked point.
        Assert.Equal(1L, await Db.ScalarAsync<long>(Cs, $"SELECT count(*) FROM issues WHERE description = '{description}'"));
        Assert.Equal(chiefId, await Db.ScalarAsync<string>(Cs, $"SELECT chief_id FROM issues WHERE id = {id}"));
        Assert.Equal("dumping", await Db.ScalarAsync<string>(Cs, $"SELECT category FROM issues WHERE id = {id}"));
        var distance = await Db.ScalarAsync<double>(Cs, FormattableString.Invariant(
            $"SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326)::geography) FROM issues WHERE id = {id}"));
        Assert.True(distance < 5, $"the issue is {distance:0.0} m from the clicked point");

        // It is on the map: the issues layer was reloaded and draws it with every other issue of the view.
        await map.Page.WaitForFunctionAsync("id => window.riverGis.featureIds('issues').includes(id)", id);
        await map.IdleAsync();
        var b = (await map.EvalAsync<string>("() => window.riverGis.lastBbox('issues')")).Split(',');
        var issuesInView = await Db.ScalarAsync<long>(Cs, $"SELECT count(*) FROM issues WHERE ST_Intersects(geom, ST_MakeEnvelope({string.Join(", ", b)}, 4326))");
        Assert.Equal(issuesInView, await map.LegendCountAsync("issues"));
        await map.AssertCleanAsync();
    }

    [Fact]
    public async Task Demarcation_upload_draws_and_lists_the_planted_gap()
    {
        // A proposal for one river: its stored segments minus one township segment → an unassigned gap in that area.
        const string river = "LI-R-SAMINA";
        const string removed = "LI-R-SAMINA-TWN02";
        var removedArea = await Db.ScalarAsync<string>(Cs, $"SELECT area_code FROM segments WHERE code = '{removed}'");
        var proposal = await SegmentsFileAsync(river, removed);
        var folder = Directory.CreateTempSubdirectory("rivergis-proposal-").FullName;
        var file = Path.Combine(folder, "samina-without-TWN02.geojson");
        await File.WriteAllTextAsync(file, proposal);

        using var expected = JsonDocument.Parse(await (await (await fixture.AsAsync("web-admin")).PostAsync("/api/demarcation/check",
            new StringContent(proposal, Encoding.UTF8, "application/geo+json"))).Content.ReadAsStringAsync());
        var problems = expected.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("kind").GetString() == "gap_unassigned" && p.GetProperty("area_code").GetString() == removedArea);

        await using var map = await fixture.OpenAsync();
        await fixture.SignInAsync(map, "web-county", "office", area: "511113");
        await map.Page.ClickAsync("[data-testid=open-demarcation]");
        await map.Page.SetInputFilesAsync("[data-testid=demarcation-file]", file);
        await map.Page.Locator("[data-testid=demarcation-result][data-state=done]").WaitForAsync();
        await map.IdleAsync();

        // Every problem listed with kind, severity and both messages; those with geometry drawn on the map.
        var items = map.Page.Locator("[data-testid=demarcation-problem]");
        Assert.Equal(problems.Count, await items.CountAsync());
        for (var i = 0; i < problems.Count; i++)
        {
            var item = items.Nth(i);
            Assert.Equal(problems[i].GetProperty("kind").GetString(), await item.GetAttributeAsync("data-kind"));
            var text = await item.InnerTextAsync();
            Assert.Contains(problems[i].GetProperty("message_zh").GetString()!, text);
            Assert.Contains(problems[i].GetProperty("message_en").GetString()!, text);
        }
        Assert.Contains("缺口（未划分）", await items.First.InnerTextAsync());
        Assert.Equal(expected.RootElement.GetProperty("features").GetArrayLength(), await map.EvalAsync<int>("() => window.riverGis.counts().demarcation"));
        Assert.Equal("false", await map.Page.GetAttributeAsync("[data-testid=demarcation-result]", "data-ok"));

        // Clicking an entry zooms to it.
        var gapIndex = problems.FindIndex(p => p.GetProperty("kind").GetString() == "gap_unassigned");
        await map.EvalAsync("() => window.riverGis.fitDataset('jinkouhe')");
        await map.IdleAsync();
        await items.Nth(gapIndex).ClickAsync();
        await map.IdleAsync();
        var geometry = expected.RootElement.GetProperty("features")[gapIndex].GetProperty("geometry").GetRawText();
        Assert.True(await map.EvalAsync<bool>("g => window.riverGis.map.getBounds().contains(L.geoJSON(JSON.parse(g)).getBounds())", geometry),
            "the map did not zoom to the clicked problem");
        Assert.Contains("current", await items.Nth(gapIndex).GetAttributeAsync("class") ?? "");

        await map.ScreenshotAsync("04-demarcation.png");
        await map.AssertCleanAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Demarcation_upload_takes_a_zipped_gauss_kruger_shapefile()
    {
        // As a county office would send it: ArcGIS-style Shapefile in CGCS2000 3° zone 34, GBK attributes, zipped.
        var folder = Directory.CreateTempSubdirectory("rivergis-proposal-shp-").FullName;
        var geoJson = Path.Combine(folder, "dadu.geojson");
        await File.WriteAllTextAsync(geoJson, await SegmentsFileAsync("511113-R-DADU", "511113-R-DADU-TWN02"));
        var shapefile = Directory.CreateDirectory(Path.Combine(folder, "shp")).FullName;
        await Tool.RunOkAsync("ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4522", "-lco", "ENCODING=CP936", Path.Combine(shapefile, "segments.shp"), geoJson);
        var zip = Path.Combine(folder, "大渡河划界方案.zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(shapefile, zip);

        using var expected = JsonDocument.Parse(await (await (await fixture.AsAsync("web-admin")).PostAsync("/api/demarcation/check",
            new StringContent(await File.ReadAllTextAsync(geoJson), Encoding.UTF8, "application/geo+json"))).Content.ReadAsStringAsync());
        var kinds = expected.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Contains("gap_unassigned", kinds);

        await using var map = await fixture.OpenAsync();
        await fixture.SignInAsync(map, "web-county", "office", area: "511113");
        await map.Page.ClickAsync("[data-testid=open-demarcation]");
        await map.Page.SetInputFilesAsync("[data-testid=demarcation-file]", zip);
        await map.Page.Locator("[data-testid=demarcation-result][data-state=done]").WaitForAsync();
        var items = map.Page.Locator("[data-testid=demarcation-problem]");
        var listed = new List<string?>();
        for (var i = 0; i < await items.CountAsync(); i++) listed.Add(await items.Nth(i).GetAttributeAsync("data-kind"));
        Assert.Equal(kinds, listed);
        await map.AssertCleanAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ledger_lists_an_issue_with_its_light_and_exports_it_as_csv()
    {
        // Issues filed through the API (independent of the other tests) in Jinkouhe: one due soon (garbage: 3 days → yellow),
        // one with time (green) and one reported 20 days ago by a patrol app that queued it offline (overdue → red).
        var (_, _, lon, lat) = await fixture.MidpointOfSegmentAsync("511113-R-DADU-TWN02");
        var description = "河面漂浮垃圾 ledger-test " + Guid.NewGuid().ToString("N")[..8];
        using var issue = await fixture.FileIssueAsync(lon, lat, "garbage", description);
        var id = issue.RootElement.GetProperty("id").GetInt64();
        var light = issue.RootElement.GetProperty("properties").GetProperty("light").GetString();
        var area = issue.RootElement.GetProperty("properties").GetProperty("area_code").GetString()!;
        var other = await fixture.MidpointOfSegmentAsync("511113-R-DASHA-TWN01");
        using var green = await fixture.FileIssueAsync(other.Lon, other.Lat, "illegal_construction", "河道管理范围内新建彩钢房");
        var old = await fixture.MidpointOfSegmentAsync("511113-R-DADU-TWN03");
        using var red = await fixture.FileIssueAsync(old.Lon, old.Lat, "illegal_mining", "夜间非法采砂", DateTimeOffset.UtcNow.AddDays(-20));
        Assert.Equal("red", red.RootElement.GetProperty("properties").GetProperty("light").GetString());
        Assert.Equal("green", green.RootElement.GetProperty("properties").GetProperty("light").GetString());

        await using var map = await fixture.OpenAsync();
        // The county office of Jinkouhe: its ledger is the county's.
        await fixture.SignInAsync(map, "web-county", "office", area: "511113");
        await map.Page.ClickAsync("[data-testid=open-ledger]");
        await map.Page.Locator("[data-testid=ledger][data-state=ready]").WaitForAsync();
        var row = map.Page.Locator($"[data-testid=ledger-row][data-issue-id='{id}']");
        await row.WaitForAsync();
        Assert.Equal(light, await row.GetAttributeAsync("data-light"));
        Assert.Equal(1, await row.Locator($".light-dot.{light}").CountAsync());
        Assert.Contains(description, await row.InnerTextAsync());

        // Counts per light are the API's.
        using (var all = await fixture.GetJsonAsync("/api/issues?area_code=511113"))
        {
            foreach (var l in new[] { "red", "yellow", "green" })
            {
                Assert.Equal(all.RootElement.GetProperty("lights").GetProperty(l).GetInt32().ToString(CultureInfo.InvariantCulture),
                    await map.Page.InnerTextAsync($"[data-testid=ledger-lights] [data-light={l}] strong"));
            }
            Assert.Equal(all.RootElement.GetProperty("number_matched").GetInt32(), await map.Page.Locator("[data-testid=ledger-row]").CountAsync());
        }

        // Filters: the issue stays for its own category, area and day; it goes for another category.
        await map.Page.SelectOptionAsync("[data-testid=filter-category]", "garbage");
        await map.Page.FillAsync("[data-testid=filter-area]", area);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await map.Page.FillAsync("[data-testid=filter-from]", today);
        await map.Page.FillAsync("[data-testid=filter-to]", today);
        await WaitForLedgerAsync(map, "category=garbage");
        await row.WaitForAsync();
        var csvHref = await map.Page.GetAttributeAsync("[data-testid=ledger-csv]", "href");
        Assert.StartsWith("/api/issues/export.csv?", csvHref);
        foreach (var part in new[] { "category=garbage", $"area_code={area}", "from=", "to=" }) Assert.Contains(part, csvHref);

        // The CSV link (same filters) downloads a file with the issue.
        var download = await map.Page.RunAndWaitForDownloadAsync(() => map.Page.ClickAsync("[data-testid=ledger-csv]"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var line = csv.Split('\n').FirstOrDefault(l => l.StartsWith(id.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.Contains(description, line);
        Assert.EndsWith(".csv", download.SuggestedFilename);

        // A click on the row zooms the map to the issue.
        await row.ClickAsync();
        await map.IdleAsync();
        Assert.True(await map.EvalAsync<bool>("([lat, lon]) => window.riverGis.map.getBounds().contains([lat, lon]) && window.riverGis.map.getZoom() >= 14",
            new[] { lat, lon }));
        await map.Page.Locator($"[data-testid=issue-popup][data-issue-id='{id}']").WaitForAsync();

        await map.Page.SelectOptionAsync("[data-testid=filter-category]", "dumping");
        await WaitForLedgerAsync(map, "category=dumping");
        Assert.Equal(0, await row.CountAsync());
        await map.Page.ClickAsync("[data-testid=ledger-reset]");
        await map.Page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=ledger-csv]').getAttribute('href') === '/api/issues/export.csv' && document.querySelector('[data-testid=ledger]').dataset.state === 'ready'");
        Assert.Equal(1, await map.Page.Locator("[data-testid=ledger-row][data-light=red]").CountAsync());
        await row.ClickAsync();
        // (the popup opened before may still be fading out)
        await map.Page.Locator($"[data-testid=issue-popup][data-issue-id='{id}']").Last.WaitForAsync();
        await map.IdleAsync();

        // 处理: the office moves the issue to closure from the ledger (交办 → 整改 → 验收 → 销号).
        var actions = map.Page.Locator("[data-testid=issue-actions][data-state=ready]");
        await actions.Locator("[data-testid=transition-action]").WaitForAsync();
        await map.ScreenshotAsync("05-ledger.png");
        // The office assigns; the chief rectifies and submits (their steps, through the API with their token); the office closes.
        await map.TransitionAsync("assign", 2);
        var chiefId = await Db.ScalarAsync<string>(fixture.ConnectionString, $"SELECT chief_id FROM issues WHERE id = {id}");
        var chief = await fixture.AsAsync("web-chief-" + chiefId, "chief", chief: chiefId);
        foreach (var step in new[] { "start_rectification", "submit_for_verification" })
        {
            using var done = await chief.PostAsync($"/api/issues/{id}/transitions", new StringContent($$"""{"action": "{{step}}"}""", Encoding.UTF8, "application/json"));
            Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        }
        await row.ClickAsync();
        await map.TransitionAsync("pass_verification", 5);
        Assert.Equal("closed", await Db.ScalarAsync<string>(fixture.ConnectionString, $"SELECT status FROM issues WHERE id = {id}"));
        Assert.Equal(5L, await Db.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM issue_events WHERE issue_id = {id}"));
        Assert.Contains("已办结", await actions.InnerTextAsync());

        // What reporters type is shown as text, never as markup.
        const string markup = "<img src=x onerror=\"window.injected=1\"><b>粗体</b>";
        using var marked = await fixture.FileIssueAsync(lon, lat, "other", markup);
        var markedId = marked.RootElement.GetProperty("id").GetInt64();
        await map.Page.SelectOptionAsync("[data-testid=filter-category]", "other");
        await WaitForLedgerAsync(map, "category=other");
        var markedRow = map.Page.Locator($"[data-testid=ledger-row][data-issue-id='{markedId}']");
        Assert.Contains(markup, await markedRow.InnerTextAsync());
        Assert.Equal(0, await markedRow.Locator("img, b").CountAsync());
        Assert.False(await map.EvalAsync<bool>("() => window.injected === 1"));
        await map.AssertCleanAsync();
    }

    /// <summary>Waits until the ledger has answered for the filter whose CSV link contains <paramref name="hrefPart"/>.</summary>
    private static async Task WaitForLedgerAsync(MapPage map, string hrefPart)
    {
        await map.Page.WaitForFunctionAsync(
            "part => document.querySelector('[data-testid=ledger-csv]').getAttribute('href').includes(part) && document.querySelector('[data-testid=ledger]').dataset.state === 'ready'",
            hrefPart);
    }

    /// <summary>The stored segments of a river as a dataset segments.geojson, without <paramref name="except"/>.</summary>
    private async Task<string> SegmentsFileAsync(string river, string except)
    {
        await using var dataSource = NpgsqlDataSource.Create(Cs);
        await using var cmd = dataSource.CreateCommand(
            "SELECT code, river_code, level, area_code, chief_id, name, ST_AsGeoJSON(geom, 7) FROM segments WHERE river_code = $1 AND code <> $2 ORDER BY code");
        cmd.Parameters.Add(new NpgsqlParameter { Value = river });
        cmd.Parameters.Add(new NpgsqlParameter { Value = except });
        var features = new JsonArray();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = JsonNode.Parse(reader.GetString(6)),
                ["properties"] = new JsonObject
                {
                    ["code"] = reader.GetString(0),
                    ["river_code"] = reader.GetString(1),
                    ["level"] = reader.GetString(2),
                    ["area_code"] = reader.GetString(3),
                    ["chief_id"] = reader.IsDBNull(4) ? null : reader.GetString(4),
                    ["name"] = reader.IsDBNull(5) ? null : reader.GetString(5),
                },
            });
        }
        Assert.True(features.Count > 1, $"river {river} has too few segments for the test");
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
    }
}
