using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Store;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Api.Tests.Month;

namespace RiverGis.Api.Tests.Roster;

/// <summary>
/// The chief roster over time on the office district (TestData/office, loaded 2026-10-01): S-1 was C4's until
/// 2026-06-01 and is C2's since (roster.csv), S-2 is C3's since 2024-03-01 with deputy C5, S-C's chief C1 and the
/// general chiefs come from chief_id / chiefs.csv (start unknown). One scenario, in order: the clock only moves forward.
/// </summary>
public sealed class RosterApiTests(OfficeService service) : IClassFixture<OfficeService>
{
    private static string Chiefs(JsonElement list) =>
        string.Join(",", list.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("chief_id").GetString()));

    private Task<long> AppointmentCountAsync() => Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM appointments");

    [Fact]
    public async Task History_is_kept_edits_and_reimports_close_appointments_and_routing_follows_todays_holder()
    {
        // Loaded: the file's history, and derived posts with an unknown start.
        var s1 = await service.GetJsonAsync("/api/roster?segment_code=S-1", client: await service.CountyOffice);
        Assert.Equal("C4,C2", Chiefs(s1));
        Assert.Equal("2026-06-01", s1.GetProperty("appointments")[0].GetProperty("ended_on").GetString());
        Assert.Equal("副镇长", s1.GetProperty("appointments")[1].GetProperty("post").GetString());
        Assert.Equal("C4", Chiefs(await service.GetJsonAsync("/api/roster?segment_code=S-1&date=2026-05-31", client: await service.CountyOffice)));
        Assert.Equal("C2", Chiefs(await service.GetJsonAsync("/api/roster?segment_code=S-1&date=2026-06-01", client: await service.CountyOffice)));
        Assert.Equal("C3,C5", Chiefs(await service.GetJsonAsync("/api/roster?segment_code=S-2&date=2026-09-30", client: await service.CountyOffice)));
        var sc = (await service.GetJsonAsync("/api/roster?segment_code=S-C", client: await service.CountyOffice)).GetProperty("appointments")[0];
        Assert.Equal(JsonValueKind.Null, sc.GetProperty("appointed_on").ValueKind);
        Assert.Equal("C1", sc.GetProperty("chief_id").GetString());
        var generals = await service.GetJsonAsync("/api/roster?open=true&date=2026-10-01&area_code=T00", client: await service.CountyOffice);
        Assert.Equal("G0,G1,G2", string.Join(",", generals.GetProperty("appointments").EnumerateArray()
            .Where(a => a.GetProperty("duty").GetString() == "general").Select(a => a.GetProperty("chief_id").GetString()).Order()));
        Assert.Equal("C2", Chiefs(await service.GetJsonAsync("/api/roster?area_code=T01&date=2026-10-01&open=true&segment_code=S-1", client: await service.CountyOffice)));
        // S-3 is vacant: nobody holds it.
        Assert.Equal(0, (await service.GetJsonAsync("/api/roster?segment_code=S-3", client: await service.CountyOffice)).GetProperty("count").GetInt32());

        // Edits are the office's, in its subtree: the east town's office does not see S-2 (404), a chief may not (403),
        // nobody signed in is asked to sign in (401); nothing is stored.
        var unchanged = await AppointmentCountAsync();
        const string appointC5 = """{"chief_id": "C5", "duty": "chief", "segment_code": "S-2", "note": "人事调整"}""";
        await service.PostJsonAsync("/api/roster/appointments", appointC5, HttpStatusCode.NotFound, client: await service.EastOffice);
        await service.PostJsonAsync("/api/roster/appointments", appointC5, HttpStatusCode.Forbidden, client: await service.Chief("C3"));
        await service.PostJsonAsync("/api/roster/appointments", appointC5, HttpStatusCode.Unauthorized);
        Assert.Equal(unchanged, await AppointmentCountAsync());

        // 2026-11-05: the office appoints C5 河长 of S-2; C3's appointment ends that day, routing answers with C5.
        service.SetNow(new DateTimeOffset(2026, 11, 5, 10, 0, 0, TimeSpan.FromHours(8)));
        var appointed = await service.PostJsonAsync("/api/roster/appointments", appointC5, HttpStatusCode.Created, client: await service.WestOffice);
        Assert.Equal("office-t02 T02,T00", await Db.ScalarAsync<string>(service.ConnectionString,
            "SELECT username || ' ' || array_to_string(area_codes, ',') FROM audit_log WHERE resource_type = 'appointment' AND action = 'appoint'"));
        Assert.Equal("2026-11-05", appointed.GetProperty("appointment").GetProperty("appointed_on").GetString());
        Assert.Equal("C3", appointed.GetProperty("replaced").GetProperty("chief_id").GetString());
        Assert.Equal("2026-11-05", appointed.GetProperty("replaced").GetProperty("ended_on").GetString());
        await service.RoutingCaughtUpAsync();
        Assert.Equal("C5", (await service.GetJsonAsync("/api/responsible?lon=100.07&lat=30.0252", client: await service.CountyOffice)).GetProperty("chief").GetProperty("id").GetString());
        Assert.Equal("C3,C5", Chiefs(await service.GetJsonAsync("/api/roster?segment_code=S-2&date=2026-11-04", client: await service.CountyOffice)));
        Assert.Equal("C5,C5", Chiefs(await service.GetJsonAsync("/api/roster?segment_code=S-2&date=2026-11-05", client: await service.CountyOffice)));

        // The month's announcement (公告): published, anyone reads it.
        var notice = await service.GetJsonAsync("/api/roster/changes?month=2026-11&area_code=T02");
        var change = Assert.Single(notice.GetProperty("changes").EnumerateArray());
        Assert.Equal("replaced", change.GetProperty("kind").GetString());
        Assert.Equal("自2026年11月5日起，西镇副河长（镇武装部长）接替西镇河长任主河·西镇段河长。", change.GetProperty("text_zh").GetString());
        Assert.Equal("西镇2026年11月河长调整公告", notice.GetProperty("title").GetString());
        Assert.Equal(0, (await service.GetJsonAsync("/api/roster/changes?month=2026-11&area_code=T01", client: await service.CountyOffice)).GetProperty("count").GetInt32());

        // Ending the 河长's appointment leaves the segment vacant: routing escalates to the county.
        var c5 = appointed.GetProperty("appointment").GetProperty("id").GetInt64();
        service.SetNow(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        await service.PostJsonAsync($"/api/roster/appointments/{c5}/end", """{"note": "调离"}""", HttpStatusCode.NotFound, client: await service.EastOffice);
        var ended = await service.PostJsonAsync($"/api/roster/appointments/{c5}/end", """{"note": "调离"}""", HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.Equal("2026-11-20", ended.GetProperty("ended_on").GetString());
        await service.RoutingCaughtUpAsync();
        var routed = await service.GetJsonAsync("/api/responsible?lon=100.07&lat=30.0252", client: await service.CountyOffice);
        Assert.True(routed.GetProperty("escalated").GetBoolean());
        Assert.Equal("C1", routed.GetProperty("chief").GetProperty("id").GetString());
        await service.PostJsonAsync($"/api/roster/appointments/{c5}/end", "{}", HttpStatusCode.Conflict, client: await service.CountyOffice);

        // 2026-12-01: re-import the dataset with S-2 given to C3 again and S-C to nobody: old appointments are closed
        // on the import day, new ones opened; nothing is overwritten.
        service.SetNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var folder = TestPaths.CopyOf(TestPaths.Office);
        File.Delete(Path.Combine(folder, "roster.csv"));
        var segments = File.ReadAllText(Path.Combine(folder, "segments.geojson"));
        segments = segments.Replace("\"chief_id\": \"C1\"", "\"chief_id\": null");
        File.WriteAllText(Path.Combine(folder, "segments.geojson"), segments);
        var before = await AppointmentCountAsync();
        var imported = await service.Factory.Services.GetRequiredService<DatasetImporter>().ImportAsync(folder);
        Assert.True(imported.Ok, string.Join("\n", imported.Problems));
        // The deputy C5 came from the earlier roster.csv, which the dataset no longer has: ended on the import day too.
        Assert.Equal("C3", Chiefs(await service.GetJsonAsync("/api/roster?segment_code=S-2&date=2026-12-01", client: await service.CountyOffice)));
        var history = await service.GetJsonAsync("/api/roster?segment_code=S-2", client: await service.CountyOffice);
        Assert.Equal("C3,C5,C3,C5", Chiefs(history));
        Assert.Equal("2026-12-01", history.GetProperty("appointments")[2].GetProperty("appointed_on").GetString());
        var county = (await service.GetJsonAsync("/api/roster?segment_code=S-C", client: await service.CountyOffice)).GetProperty("appointments")[0];
        Assert.Equal("2026-12-01", county.GetProperty("ended_on").GetString());
        // S-1 keeps its history from the earlier roster.csv; only the re-appointment on S-2 was added.
        Assert.Equal("C4,C2", Chiefs(await service.GetJsonAsync("/api/roster?segment_code=S-1", client: await service.CountyOffice)));
        Assert.Equal(before + 1, await AppointmentCountAsync());
    }

    [Theory]
    [InlineData("""{"chief_id": "C9", "duty": "chief", "segment_code": "S-1"}""", "chief_id", "unknown chief 'C9'")]
    [InlineData("""{"chief_id": "C3", "duty": "chief", "segment_code": "S-1"}""", "chief_id", "belongs to area 'T02'")]
    [InlineData("""{"chief_id": "C2", "duty": "captain", "segment_code": "S-1"}""", "duty", "unknown value 'captain'")]
    [InlineData("""{"chief_id": "C2", "duty": "chief", "segment_code": "S-9"}""", "segment_code", "unknown segment 'S-9'")]
    [InlineData("""{"chief_id": "G1", "duty": "general", "segment_code": "S-1", "area_code": "T01"}""", "segment_code", "must be absent")]
    [InlineData("""{"chief_id": "C2", "duty": "dual", "segment_code": "S-1", "appointed_on": "2999-01-01"}""", "appointed_on", "in the future")]
    [InlineData("""{"chief_id": "C2", "duty": "dual", "segment_code": "S-1", "appointed_on": "01/02/2026"}""", "appointed_on", "yyyy-MM-dd")]
    [InlineData("""{"chief_id": "C2", "duty": "dual", "segment_code": "S-1", "boss": true}""", "boss", "unknown field")]
    public async Task Bad_appointments_are_refused_and_nothing_is_stored(string body, string where, string fragment)
    {
        var before = await AppointmentCountAsync();
        var problem = await service.PostJsonAsync("/api/roster/appointments", body, HttpStatusCode.BadRequest, client: await service.CountyOffice);
        ServiceFixture.AssertNames(problem, where, fragment);
        Assert.Equal(before, await AppointmentCountAsync());
    }

    [Theory]
    [InlineData("roster.csv", "C2,chief,S-1,,2026-05-01,", "roster.csv, line 3, appointed_on: 河长 of 'S-1' overlaps the appointment on line 2")]
    [InlineData("roster.csv", "C9,deputy,S-1,,2026-05-01,", "roster.csv, line 7, chief_id: unknown chief 'C9'")]
    [InlineData("roster.csv", "C3,deputy,S-1,,2026-05-01,", "roster.csv, line 7, chief_id: chief 'C3' belongs to area 'T02', not to the post's area 'T01'")]
    [InlineData("roster.csv", "C2,deputy,S-1,T02,2026-05-01,", "roster.csv, line 7, area_code: segment 'S-1' belongs to area 'T01', not 'T02'")]
    [InlineData("roster.csv", "C1,chief,S-C,,2026-05-01,2026-08-01", "roster.csv, line 7, chief_id: segment 'S-C' has chief_id 'C1' but the roster has no open 河长 appointment")]
    [InlineData("roster.csv", "C2,deputy,S-1,,2026-05-01,2026-04-01", "roster.csv, line 7, ended_on: 2026-04-01 is not after appointed_on 2026-05-01")]
    [InlineData("roster.csv", "C2,deputy,S-1,,2026/05/01,", "roster.csv, line 7, appointed_on: '2026/05/01' is not a date (yyyy-MM-dd)")]
    [InlineData("roster.csv", "C2,boss,S-1,,2026-05-01,", "roster.csv, line 7, duty: unknown value 'boss'")]
    [InlineData("roster.csv", "G2,general,S-2,T02,2026-05-01,", "roster.csv, line 7, segment_code: must be empty for general")]
    [InlineData("units.csv", "U-X,某单位,member,T99,", "units.csv, line 6, area_code: unknown area 'T99'")]
    [InlineData("units.csv", "U-SW,又一个水务局,member,T00,", "units.csv, line 6, code: duplicate 'U-SW' (first used at line 2)")]
    [InlineData("units.csv", "U-Y,某单位,bureau,T00,", "units.csv, line 6, kind: unknown value 'bureau', expected member|liaison|government|office")]
    public async Task A_bad_roster_or_unit_row_refuses_the_import_naming_file_line_and_column(string file, string row, string expected)
    {
        var folder = TestPaths.CopyOf(TestPaths.Office);
        var path = Path.Combine(folder, file);
        var lines = File.ReadAllLines(path).ToList();
        // Overlaps are tested by editing line 3 (C2's appointment) so that it starts before C4's ends; others append a row.
        if (expected.Contains("overlaps")) lines[2] = row;
        else lines.Add(row);
        File.WriteAllLines(path, lines);
        var before = await Db.ScalarAsync<string>(service.ConnectionString,
            "SELECT (SELECT count(*) FROM appointments) || '/' || (SELECT count(*) FROM units) || '/' || (SELECT version FROM data_version)");
        var result = await service.Factory.Services.GetRequiredService<DatasetImporter>().ImportAsync(folder);
        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.ToString().StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal(before, await Db.ScalarAsync<string>(service.ConnectionString,
            "SELECT (SELECT count(*) FROM appointments) || '/' || (SELECT count(*) FROM units) || '/' || (SELECT version FROM data_version)"));
    }

    [Theory]
    [InlineData("/api/roster/changes?month=2026-Q4", "month", "not a month")]
    [InlineData("/api/roster/changes?month=26-11", "month", "not a period")]
    [InlineData("/api/roster?date=2026-13-01", "date", "not a date")]
    [InlineData("/api/roster?area_code=T99", "area_code", "unknown area")]
    public async Task Bad_roster_queries_say_what_is_wrong(string url, string where, string fragment) =>
        ServiceFixture.AssertNames(await service.GetJsonAsync(url, HttpStatusCode.BadRequest, client: await service.CountyOffice), where, fragment);
}
