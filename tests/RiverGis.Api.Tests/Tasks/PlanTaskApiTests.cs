using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Api.Tests.Month;

namespace RiverGis.Api.Tests.Tasks;

/// <summary>
/// 一河一策 plan items on the office district (clock 2026-10-01 09:00 CST, never moved in this class): CRUD with
/// validation against the data, progress notes, lights, the GeoJSON stretch checked against PostGIS, CSV and XLSX
/// import and export.
/// </summary>
public sealed class PlanTaskApiTests(OfficeService service) : IClassFixture<OfficeService>
{
    private const string Valid = """
        {"title": "清理主河东镇段河道垃圾", "list": "task", "river_code": "R1", "area_code": "T01", "lead_unit_code": "U-DZ",
         "cooperating_unit_codes": ["U-SW", "U-HB"], "chief_id": "C2", "deadline": "2026-12-31", "target": "清理垃圾", "target_value": 5, "target_unit": "吨"}
        """;

    private Task<long> CountAsync() => Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM plan_tasks");

    private async Task<JsonElement> SendAsync(HttpMethod method, string url, string json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await ServiceFixture.ReadAsync(await (await service.CountyOffice).SendAsync(request), expected, url);
    }

    [Fact]
    public async Task A_plan_item_is_created_progressed_lit_and_edited()
    {
        var created = await service.PostJsonAsync("/api/tasks", Valid, HttpStatusCode.Created, client: await service.CountyOffice);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(("planned", "green", 2026, "2026-10-01"), (created.GetProperty("status").GetString(), created.GetProperty("light").GetString(),
            created.GetProperty("year").GetInt32(), created.GetProperty("created_on").GetString()));
        Assert.Equal(91, created.GetProperty("days_left").GetInt32());
        Assert.Equal(["T01", "T00"], await Db.ColumnAsync<string[]>(service.ConnectionString, $"SELECT area_codes FROM plan_tasks WHERE id = {id}").ContinueWith(t => t.Result[0]));

        var progressed = await service.PostJsonAsync($"/api/tasks/{id}/progress", """{"progress": 40, "note": "已清理2吨"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal(("in_progress", 40), (progressed.GetProperty("status").GetString(), progressed.GetProperty("progress").GetInt32()));
        Assert.Equal(["创建", "已清理2吨"], progressed.GetProperty("progress_notes").EnumerateArray().Select(n => n.GetProperty("note").GetString()));
        ServiceFixture.AssertNames(await service.PostJsonAsync($"/api/tasks/{id}/progress", """{"progress": 101}""", HttpStatusCode.BadRequest, client: await service.CountyOffice), "progress", "outside 0–100");
        ServiceFixture.AssertNames(await service.PostJsonAsync($"/api/tasks/{id}/progress", """{"progress": -1}""", HttpStatusCode.BadRequest, client: await service.CountyOffice), "progress", "outside 0–100");

        // Due within 15 days: yellow. An edit keeps the progress.
        var edited = await SendAsync(HttpMethod.Put, $"/api/tasks/{id}", Valid.Replace("2026-12-31", "2026-10-10"), HttpStatusCode.OK);
        Assert.Equal(("yellow", 40), (edited.GetProperty("light").GetString(), edited.GetProperty("progress").GetInt32()));
        var done = await service.PostJsonAsync($"/api/tasks/{id}/progress", """{"progress": 100, "note": "完成"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal(("done", "green", "2026-10-01"), (done.GetProperty("status").GetString(), done.GetProperty("light").GetString(), done.GetProperty("completed_on").GetString()));
        await service.GetJsonAsync("/api/tasks/999999", HttpStatusCode.NotFound, client: await service.CountyOffice);
    }

    [Fact]
    public async Task Offices_see_and_edit_their_subtree_and_chiefs_read_the_items_naming_them()
    {
        var east = await service.PostJsonAsync("/api/tasks", Valid.Replace("清理主河东镇段河道垃圾", "东镇：权限"), HttpStatusCode.Created, client: await service.EastOffice);
        var id = east.GetProperty("id").GetInt64();
        var (west, chief2, chief3) = (await service.WestOffice, await service.Chief("C2"), await service.Chief("C3"));
        var before = await CountAsync();
        await service.GetJsonAsync($"/api/tasks/{id}", HttpStatusCode.NotFound, client: west);
        await service.PostJsonAsync($"/api/tasks/{id}/progress", """{"progress": 10}""", HttpStatusCode.NotFound, client: west);
        await service.PostJsonAsync("/api/tasks", Valid, HttpStatusCode.NotFound, client: west);
        await service.PostJsonAsync("/api/tasks", Valid, HttpStatusCode.Forbidden, client: chief2);
        await service.PostJsonAsync("/api/tasks", Valid, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain(id, Ids(await service.GetJsonAsync("/api/tasks", client: west)));

        // C2 is the item's responsible chief: it reads it (and only items naming it); C3 does not see it.
        Assert.Equal(id, (await service.GetJsonAsync($"/api/tasks/{id}", client: chief2)).GetProperty("id").GetInt64());
        var mine = await service.GetJsonAsync("/api/tasks", client: chief2);
        Assert.Contains(id, Ids(mine));
        Assert.All(mine.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("C2", t.GetProperty("chief_id").GetString()));
        await service.GetJsonAsync($"/api/tasks/{id}", HttpStatusCode.NotFound, client: chief3);
        await service.PostJsonAsync($"/api/tasks/{id}/progress", """{"progress": 10}""", HttpStatusCode.Forbidden, client: chief2);

        // The notes and the audit log name the signed-in user.
        Assert.Equal("office-t01", east.GetProperty("progress_notes")[0].GetProperty("actor").GetString());
        Assert.Equal(1, await Db.ScalarAsync<long>(service.ConnectionString,
            $"SELECT count(*) FROM audit_log WHERE resource_type = 'plan_task' AND resource_id = '{id}' AND username = 'office-t01' AND 'T01' = ANY(area_codes)"));

        static IEnumerable<long> Ids(JsonElement list) => list.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task An_item_already_overdue_is_red_and_listed_by_light_and_unit()
    {
        var body = Valid.Replace("\"deadline\": \"2026-12-31\"", "\"created_on\": \"2026-08-01\", \"deadline\": \"2026-09-30\"").Replace("清理主河东镇段河道垃圾", "整治西镇排污口")
            .Replace("\"area_code\": \"T01\"", "\"segment_code\": \"S-2\"").Replace("\"lead_unit_code\": \"U-DZ\"", "\"lead_unit_code\": \"U-XZ\"").Replace("\"chief_id\": \"C2\"", "\"chief_id\": \"C3\"");
        var red = await service.PostJsonAsync("/api/tasks", body, HttpStatusCode.Created, client: await service.CountyOffice);
        Assert.Equal(("red", "T02", -1), (red.GetProperty("light").GetString(), red.GetProperty("area_code").GetString(), red.GetProperty("days_left").GetInt32()));
        var list = await service.GetJsonAsync("/api/tasks?light=red&unit_code=U-XZ", client: await service.CountyOffice);
        Assert.Contains(red.GetProperty("id").GetInt64(), list.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        Assert.All(list.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("red", t.GetProperty("light").GetString()));
        Assert.True(list.GetProperty("lights").GetProperty("red").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("\"lead_unit_code\": \"U-DZ\"", "\"lead_unit_code\": \"U-NONE\"", "lead_unit_code", "unknown unit 'U-NONE'")]
    [InlineData("[\"U-SW\", \"U-HB\"]", "[\"U-SW\", \"U-SW\"]", "cooperating_unit_codes[1]", "listed twice")]
    [InlineData("[\"U-SW\", \"U-HB\"]", "[\"U-DZ\"]", "cooperating_unit_codes[0]", "is the lead unit")]
    [InlineData("\"river_code\": \"R1\"", "\"river_code\": \"R9\"", "river_code", "unknown river 'R9'")]
    [InlineData("\"chief_id\": \"C2\"", "\"chief_id\": \"C99\"", "chief_id", "unknown chief 'C99'")]
    [InlineData("\"area_code\": \"T01\"", "\"area_code\": \"T99\"", "area_code", "unknown area 'T99'")]
    [InlineData("\"area_code\": \"T01\"", "\"segment_code\": \"S-2\", \"area_code\": \"T01\"", "segment_code", "on river 'R1'")]
    [InlineData("\"deadline\": \"2026-12-31\"", "\"created_on\": \"2026-09-01\", \"deadline\": \"2026-08-31\"", "deadline", "before the item was created")]
    [InlineData("\"deadline\": \"2026-12-31\"", "\"deadline\": \"2026-12-31\", \"progress\": 150", "progress", "outside 0–100")]
    [InlineData("\"deadline\": \"2026-12-31\"", "\"deadline\": \"31.12.2026\"", "deadline", "yyyy-MM-dd")]
    [InlineData("\"list\": \"task\"", "\"list\": \"wish\"", "list", "unknown value 'wish'")]
    [InlineData("\"target_unit\": \"吨\"", "\"target_unit\": \"吨\", \"water_class\": \"III\"", "water_class", "only a target-list item")]
    [InlineData("\"target_unit\": \"吨\"", "\"target_unit\": \"吨\", \"section_code\": \"DM-1\"", "section_code", "unknown monitoring section")]
    [InlineData("\"title\": \"清理主河东镇段河道垃圾\"", "\"title\": \"  \"", "title", "required")]
    public async Task Bad_plan_items_are_refused_naming_the_field_and_nothing_is_stored(string from, string to, string where, string fragment)
    {
        var body = Valid.Replace(from, to);
        if (to.Contains("S-2")) body = body.Replace("\"river_code\": \"R1\"", "\"river_code\": \"R2\"");
        var before = await CountAsync();
        ServiceFixture.AssertNames(await service.PostJsonAsync("/api/tasks", body, HttpStatusCode.BadRequest, client: await service.CountyOffice), where, fragment);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_map_view_draws_an_item_on_its_rivers_stretch_in_its_area()
    {
        var id = (await service.PostJsonAsync("/api/tasks", Valid.Replace("清理主河东镇段河道垃圾", "主河东镇段岸线整治"), HttpStatusCode.Created, client: await service.CountyOffice)).GetProperty("id").GetInt64();
        var response = await (await service.CountyOffice).GetAsync("/api/tasks?format=geojson&river_code=R1&area_code=T01");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var feature = collection.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetInt64() == id);
        Assert.Equal("主河东镇段岸线整治", feature.GetProperty("properties").GetProperty("title").GetString());
        // Oracle: the river cut by the township in PostGIS, geodesic length.
        var expected = await Db.ScalarAsync<double>(service.ConnectionString,
            "SELECT ST_Length(ST_Intersection(r.geom, a.geom)::geography) FROM rivers r, admin_areas a WHERE r.code = 'R1' AND a.code = 'T01'");
        var drawn = await Db.ScalarAsync<double>(service.ConnectionString,
            $"SELECT ST_Length(ST_GeomFromGeoJSON('{feature.GetProperty("geometry").GetRawText()}')::geography)");
        Assert.Equal(expected, drawn, expected * 0.005);
    }

    [Fact]
    public async Task The_list_exports_as_csv_and_xlsx_and_imports_back_by_code()
    {
        await service.PostJsonAsync("/api/tasks", Valid.Replace("{\"title\"", "{\"code\": \"2026-R1-01\", \"title\""), HttpStatusCode.Created, client: await service.CountyOffice);
        var csv = await (await service.CountyOffice).GetAsync("/api/tasks?format=csv&river_code=R1");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("序号(id),编号(code),名称(title),清单(list)", text);
        Assert.Contains("2026-R1-01,清理主河东镇段河道垃圾,task,R1,,T01,U-DZ,U-SW;U-HB,C2,2026,2026-10-01,2026-12-31", text);

        // The exported sheet, edited in Excel: the coded row's deadline moves, a new row is added.
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var coded = lines.Single(l => l.Contains("2026-R1-01")).Replace("2026-12-31", "2026-11-30");
        var sheet = string.Join("\n", lines[0], coded, ",,新增：支溪水质提升,target,R2,S-3,,U-HB,,,2026,2026-10-01,2026-12-15,达到Ⅲ类,,,III,,0,,") + "\n";
        var before = await CountAsync();
        var imported = await PostSheetAsync(Encoding.UTF8.GetBytes(sheet), "text/csv", HttpStatusCode.OK);
        Assert.Equal((1, 1), (imported.GetProperty("created").GetInt32(), imported.GetProperty("updated").GetInt32()));
        Assert.Equal(before + 1, await CountAsync());
        Assert.Equal("2026-11-30", (await Db.ColumnAsync<DateOnly>(service.ConnectionString, "SELECT deadline FROM plan_tasks WHERE code = '2026-R1-01'"))[0].ToString("yyyy-MM-dd"));
        Assert.Equal("III", await Db.ScalarAsync<string>(service.ConnectionString, "SELECT water_class FROM plan_tasks WHERE title = '新增：支溪水质提升'"));

        // XLSX: the export reads back with MiniExcel, and the same workbook imports (updating by code, creating the rest).
        var xlsx = await (await (await service.CountyOffice).GetAsync("/api/tasks?format=xlsx&river_code=R2")).Content.ReadAsByteArrayAsync();
        var rows = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["名称(title)"] == "新增：支溪水质提升" && (string)r["水质目标(water_class)"] == "III" && (string)r["亮灯(light_label)"] == "绿灯");
        var again = await PostSheetAsync(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", HttpStatusCode.OK);
        Assert.Equal(rows.Count, again.GetProperty("created").GetInt32() + again.GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task A_bad_sheet_lists_every_problem_by_line_and_stores_nothing()
    {
        var sheet = """
            名称(title),清单(list),河流(river_code),区域(area_code),牵头单位(lead_unit_code),完成时限(deadline),进度%(progress)
            好的一行,task,R1,T01,U-DZ,2026-12-31,0
            未知单位,task,R1,T01,U-NONE,2026-12-31,0
            进度超限,task,R1,T01,U-DZ,2026-12-31,120
            时限早于下达,task,R1,T01,U-DZ,2025-01-01,0
            未知清单,plan,R1,T01,U-DZ,2026-12-31,0
            """;
        var before = await CountAsync();
        var problem = await PostSheetAsync(Encoding.UTF8.GetBytes(sheet), "text/csv", HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(problem, "line 3: lead_unit_code", "unknown unit 'U-NONE'");
        ServiceFixture.AssertNames(problem, "line 4: progress", "outside 0–100");
        ServiceFixture.AssertNames(problem, "line 5: deadline", "before the item was created");
        ServiceFixture.AssertNames(problem, "line 6: list", "unknown value 'plan'");
        Assert.Equal(before, await CountAsync());
        ServiceFixture.AssertNames(await PostSheetAsync("not a workbook"u8.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", HttpStatusCode.BadRequest),
            "line 1: row", "not a readable XLSX");
        await PostSheetAsync("{}"u8.ToArray(), "application/json", HttpStatusCode.UnsupportedMediaType);
        // Rows of an area outside the importing office's subtree: as if the area did not exist for it (404), nothing stored.
        var east = "名称(title),清单(list),河流(river_code),区域(area_code),完成时限(deadline)\n东镇一行,task,R1,T01,2026-12-31\n"u8.ToArray();
        var refused = await PostSheetAsync(east, "text/csv", HttpStatusCode.NotFound, await service.WestOffice);
        Assert.Contains("line 2", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await CountAsync());
    }

    private async Task<JsonElement> PostSheetAsync(byte[] body, string type, HttpStatusCode expected, HttpClient? client = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await ServiceFixture.ReadAsync(await (client ?? await service.CountyOffice).PostAsync("/api/tasks/import", content), expected, "/api/tasks/import");
    }
}
