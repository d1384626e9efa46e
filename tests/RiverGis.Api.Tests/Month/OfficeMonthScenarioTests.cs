using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Api.Tests.Month;

namespace RiverGis.Api.Tests.Month;

/// <summary>
/// The office's month on the hand-made district (TestData/office), October–December 2026 under a fake clock (China
/// Standard Time). Every expected number below is computed by hand from this timeline (default deadlines: garbage 3
/// days, dumping 7, encroachment 15; cut-off at the end of the 25th; red months deducted from the third, 2 points each):
/// <code>
/// 10-01 09:00  I1 garbage on S-1 (C2, T01), due 10-04 09:00   I2 dumping on S-2 (C3, T02), due 10-08 09:00
///              P1 plan item on S-1, lead U-DZ, due 10-20       P2 plan item R1 in T02, lead U-XZ, due 12-31, 50 %
/// 10-02 10:00  I1 → U-DZ, I2 → U-XZ (assigned)
/// 10-05 10:00  I1 rectifying (already red)
/// 10-20 10:00  I2 rectified, verified, closed (on time? no: due 10-08)
/// 10-25 12:00  I3 encroachment on S-2 (C3, T02), due 11-09 12:00, never handled
/// 10-26 00:00  October frozen: I1 red (U-DZ, C2), P1 red (U-DZ, C2 holds S-1), P2 green (U-XZ), I3 green (C3)
/// 10-27 10:00  I1 closed (after the cut-off: October does not change); I4, garbage on S-1 back-dated to 10-20 (due 10-23,
///              routed to C2, no unit), changes October nothing either
/// 11-10 10:00  C4 appointed 河长 of S-1 (C2's appointment ends)
/// 11-26 00:00  November frozen: P1 red (U-DZ, C4 now holds S-1), I4 red (C4), P2 green, I3 red (C3)
/// 12-26 00:00  December frozen: P1 red (U-DZ, C4), I4 red (C4), P2 yellow (due in 6 days), I3 red (C3)
/// </code>
/// </summary>
public sealed class OfficeMonthScenarioTests(OfficeService service) : IClassFixture<OfficeService>
{
    private static DateTimeOffset Cst(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static string Report(double lon, double lat, string category, string description, string? reportedAt = null) =>
        "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + FormattableString.Invariant($"{lon}, {lat}") + "]}, "
        + $"\"properties\": {{\"category\": \"{category}\", \"description\": \"{description}\", \"source\": \"patrol\"{(reportedAt is null ? "" : $", \"reported_at\": \"{reportedAt}\"")}}}}}";

    private async Task<long> FileAsync(double lon, double lat, string category, string description, string? reportedAt = null) =>
        (await service.PostJsonAsync("/api/issues", Report(lon, lat, category, description, reportedAt), HttpStatusCode.Created, client: await service.CountyOffice)).GetProperty("id").GetInt64();

    /// <summary>A transition by the county office, or by <paramref name="chief"/> (the chief the issue is assigned to).</summary>
    private async Task Act(long id, string body, string? chief = null) =>
        await service.PostJsonAsync($"/api/issues/{id}/transitions", body, HttpStatusCode.OK, client: await (chief is null ? service.CountyOffice : service.Chief(chief)));

    private static JsonElement Line(JsonElement bulletin, string list, string code) =>
        bulletin.GetProperty(list).EnumerateArray().Single(l => l.GetProperty("code").GetString() == code);

    private static string Tally(JsonElement line) =>
        $"{line.GetProperty("light").GetString()} R{line.GetProperty("red").GetInt32()} Y{line.GetProperty("yellow").GetInt32()} G{line.GetProperty("green").GetInt32()}"
        + $" m{line.GetProperty("red_months_this_year").GetInt32()} -{line.GetProperty("deduction").GetDouble()}";

    private static string Items(JsonElement bulletin) => string.Join(", ", bulletin.GetProperty("items").EnumerateArray()
        .OrderBy(i => i.GetProperty("kind").GetString(), StringComparer.Ordinal).ThenBy(i => i.GetProperty("id").GetInt64())
        .Select(i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("id").GetInt64()}:{i.GetProperty("light").GetString()}:{i.GetProperty("chief_id").GetString()}:{i.GetProperty("unit_code").GetString()}"));

    [Fact]
    public async Task The_month_of_an_area_out_of_scope_is_not_found_and_chiefs_and_the_public_are_refused()
    {
        var (west, chief) = (await service.WestOffice, await service.Chief("C2"));
        foreach (var url in new[] { "/api/reports/monthly?area_code=T01&month=2026-10", "/api/bulletins/2026-10?area_code=T01",
                     "/api/assessment?period=2026&level=township&area_code=T01", "/api/sanctions?area_code=T01", "/api/rechecks/samples?quarter=2026-Q3&area_code=T01" })
        {
            await service.GetJsonAsync(url, HttpStatusCode.NotFound, client: west);
            await service.GetJsonAsync(url, HttpStatusCode.Forbidden, client: chief);
            await service.GetJsonAsync(url, HttpStatusCode.Unauthorized);
        }
        // Without area_code an office gets its own area's bulletin and assessment.
        Assert.Equal("T02", (await service.GetJsonAsync("/api/bulletins/2026-10", client: west)).GetProperty("area_code").GetString());
        Assert.Equal("T02", (await service.GetJsonAsync("/api/assessment?period=2026&level=township", client: west)).GetProperty("area_code").GetString());
        const string counts = "SELECT (SELECT count(*) FROM report_submissions) || '/' || (SELECT count(*) FROM sanctions)";
        var before = await Db.ScalarAsync<string>(service.ConnectionString, counts);
        await service.PostJsonAsync("/api/reports/monthly/submissions", """{"area_code": "T01", "month": "2026-09"}""", HttpStatusCode.NotFound, client: west);
        await service.PostJsonAsync("/api/sanctions", """{"kind": "reminder", "subject_type": "chief", "subject_code": "C2", "reason": "越权", "decided_by": "西镇"}""",
            HttpStatusCode.NotFound, client: west);
        Assert.Equal(before, await Db.ScalarAsync<string>(service.ConnectionString, counts));
    }

    [Fact]
    public async Task Bulletins_reports_and_assessment_equal_the_hand_computed_values()
    {
        // 10-01 09:00
        var i1 = await FileAsync(100.02, 30.0253, "garbage", "东镇段河面漂浮垃圾");
        var i2 = await FileAsync(100.07, 30.0252, "dumping", "西镇段岸边堆放建筑垃圾");
        var p1 = (await service.PostJsonAsync("/api/tasks", """{"title": "东镇段清淤疏浚", "list": "task", "segment_code": "S-1", "lead_unit_code": "U-DZ", "deadline": "2026-10-20"}""",
            HttpStatusCode.Created, client: await service.CountyOffice)).GetProperty("id").GetInt64();
        var p2 = (await service.PostJsonAsync("/api/tasks", """{"title": "西镇段岸线绿化", "list": "task", "river_code": "R1", "area_code": "T02", "lead_unit_code": "U-XZ", "deadline": "2026-12-31", "progress": 50}""",
            HttpStatusCode.Created, client: await service.CountyOffice)).GetProperty("id").GetInt64();
        service.SetNow(Cst(10, 2, 10));
        await Act(i1, """{"action": "assign", "unit_code": "U-DZ"}""");
        await Act(i2, """{"action": "assign", "unit_code": "U-XZ"}""");
        service.SetNow(Cst(10, 5, 10));
        await Act(i1, """{"action": "start_rectification"}""", "C2");

        // Provisional before the cut-off: as of now.
        var provisional = await service.GetJsonAsync("/api/bulletins/2026-10?area_code=T00", client: await service.CountyOffice);
        Assert.False(provisional.GetProperty("frozen").GetBoolean());
        Assert.Equal(Cst(10, 5, 10), provisional.GetProperty("as_of").GetDateTimeOffset());
        Assert.Equal("red R1 Y0 G1 m1 -0", Tally(Line(provisional, "units", "U-DZ")));   // I1 red, P1 green (due 10-20: 15 days + 14 h away)
        Assert.Equal("yellow R0 Y1 G1 m0 -0", Tally(Line(provisional, "units", "U-XZ"))); // I2 due 10-08 (≤ 3 days), P2 green

        service.SetNow(Cst(10, 20, 10));
        await Act(i2, """{"action": "start_rectification"}""", "C3");
        await Act(i2, """{"action": "submit_for_verification"}""", "C3");
        await Act(i2, """{"action": "pass_verification"}""");
        service.SetNow(Cst(10, 25, 12));
        var i3 = await FileAsync(100.075, 30.0251, "encroachment", "西镇段河道内种植农作物");

        // 10-26 00:00: October is frozen.
        service.SetNow(Cst(10, 26, 0));
        var october = await service.GetJsonAsync("/api/bulletins/2026-10?area_code=T00", client: await service.CountyOffice);
        Assert.True(october.GetProperty("frozen").GetBoolean());
        Assert.Equal(Cst(10, 26, 0), october.GetProperty("as_of").GetDateTimeOffset());
        Assert.Equal($"issue:{i1}:red:C2:U-DZ, issue:{i3}:green:C3:, task:{p1}:red:C2:U-DZ, task:{p2}:green::U-XZ", Items(october));
        Assert.Equal("red R2 Y0 G0 m1 -0", Tally(Line(october, "units", "U-DZ")));
        Assert.Equal("green R0 Y0 G1 m0 -0", Tally(Line(october, "units", "U-XZ")));
        Assert.Equal("green R0 Y0 G0 m0 -0", Tally(Line(october, "units", "U-SW")));
        Assert.Equal("red R2 Y0 G0 m1 -0", Tally(Line(october, "chiefs", "C2")));
        Assert.Equal("green R0 Y0 G1 m0 -0", Tally(Line(october, "chiefs", "C3")));
        Assert.Equal("red R2 Y0 G2 m1 -0", Tally(Line(october, "areas", "T00")));
        Assert.Equal("red R2 Y0 G0 m1 -0", Tally(Line(october, "areas", "T01")));
        Assert.Equal("green R0 Y0 G2 m0 -0", Tally(Line(october, "areas", "T02")));

        // After the cut-off: I1 is closed and a report back-dated into October is filed. October does not change.
        service.SetNow(Cst(10, 27, 10));
        await Act(i1, """{"action": "submit_for_verification"}""", "C2");
        await Act(i1, """{"action": "pass_verification"}""");
        var i4 = await FileAsync(100.035, 30.0252, "garbage", "补报：东镇段垃圾", "2026-10-20T10:00:00+08:00");
        var again = await service.GetJsonAsync("/api/bulletins/2026-10?area_code=T00", client: await service.CountyOffice);
        Assert.Equal(october.GetRawText(), again.GetRawText());
        // T01's October report, submitted the day after the cut-off: on time (due 11-01 18:00).
        var submitted = await service.PostJsonAsync("/api/reports/monthly/submissions", """{"area_code": "T01", "month": "2026-10"}""", HttpStatusCode.Created, client: await service.CountyOffice);
        Assert.Equal("on_time", submitted.GetProperty("punctuality").GetString());
        await service.PostJsonAsync("/api/reports/monthly/submissions", """{"area_code": "T01", "month": "2026-10"}""", HttpStatusCode.Conflict, client: await service.CountyOffice);
        await service.PostJsonAsync("/api/reports/monthly/submissions", """{"area_code": "T01", "month": "2026-11"}""", HttpStatusCode.Conflict, client: await service.CountyOffice);

        // 11-10: C4 becomes 河长 of S-1; November credits P1 and I4 (routed to C2, on S-1) to C4.
        service.SetNow(Cst(11, 10, 10));
        await service.PostJsonAsync("/api/roster/appointments", """{"chief_id": "C4", "duty": "chief", "segment_code": "S-1"}""", HttpStatusCode.Created, client: await service.CountyOffice);
        service.SetNow(Cst(11, 26, 0));
        var november = await service.GetJsonAsync("/api/bulletins/2026-11?area_code=T00", client: await service.CountyOffice);
        Assert.True(november.GetProperty("frozen").GetBoolean());
        Assert.Equal("red R1 Y0 G0 m2 -0", Tally(Line(november, "units", "U-DZ")));
        Assert.Equal($"issue:{i3}:red:C3:, issue:{i4}:red:C4:, task:{p1}:red:C4:U-DZ, task:{p2}:green::U-XZ", Items(november));
        Assert.Equal("red R2 Y0 G0 m1 -0", Tally(Line(november, "chiefs", "C4")));
        Assert.Equal("red R1 Y0 G0 m1 -0", Tally(Line(november, "chiefs", "C3")));
        Assert.DoesNotContain(november.GetProperty("chiefs").EnumerateArray(), l => l.GetProperty("code").GetString() == "C2");

        // The back-dated garbage report (due 10-23) is open and red in November, on T01, without a unit.
        Assert.Equal("red R3 Y0 G1 m2 -0", Tally(Line(november, "areas", "T00")));

        // 12-02 09:00: T01's November report, late (due 12-01 18:00); a notice (通报) to T01.
        service.SetNow(Cst(12, 2, 9));
        var late = await service.PostJsonAsync("/api/reports/monthly/submissions", """{"area_code": "T01", "month": "2026-11", "note": "补报"}""", HttpStatusCode.Created, client: await service.CountyOffice);
        Assert.Equal(("late", "迟报"), (late.GetProperty("punctuality").GetString(), late.GetProperty("punctuality_label").GetString()));
        await service.PostJsonAsync("/api/sanctions", """{"kind": "notice", "subject_type": "area", "subject_code": "T01", "reason": "10月、11月连续亮红灯", "decided_by": "县总河长"}""",
            HttpStatusCode.Created, client: await service.CountyOffice);

        service.SetNow(Cst(12, 26, 0));
        var december = await service.GetJsonAsync("/api/bulletins/2026-12?area_code=T00", client: await service.CountyOffice);
        Assert.Equal("red R1 Y0 G0 m3 -2", Tally(Line(december, "units", "U-DZ")));
        Assert.Equal("yellow R0 Y1 G0 m0 -0", Tally(Line(december, "units", "U-XZ")));
        Assert.Equal("red R2 Y0 G0 m2 -0", Tally(Line(december, "chiefs", "C4")));
        Assert.Equal("red R3 Y1 G0 m3 -2", Tally(Line(december, "areas", "T00")));
        Assert.Equal("red R2 Y0 G0 m3 -2", Tally(Line(december, "areas", "T01")));
        Assert.Equal("red R1 Y1 G0 m2 -0", Tally(Line(december, "areas", "T02")));

        await MonthlyReportOfOctober(i1, i4, p1);
        await AssessmentOfTheFourthQuarter();
    }

    /// <summary>
    /// T00's October report, asked on 12-26 (as of the month's end, 11-01 00:00): new I1, I2, I3, I4 (back-dated into
    /// October); closed I2 (10-20) and I1 (10-27), both after their deadlines; overdue at the month's end I4 only (I3 due
    /// 11-09); lights from the frozen October bulletin; P1 and P2 not done, P1 overdue; township coverage R1 of R1 + R2
    /// (S-3 vacant); patrols by the district plans' rules (the patrols capability), general chiefs included: county C1
    /// (monthly) and G0 (总河长, quarterly) without a patrol; township C2's one track on 10-03 is short of 4 a month,
    /// C3, G1 and G2 have none.
    /// </summary>
    private async Task MonthlyReportOfOctober(long i1, long i4, long p1)
    {
        var r = await service.GetJsonAsync("/api/reports/monthly?area_code=T00&month=2026-10", client: await service.CountyOffice);
        var problems = r.GetProperty("problems");
        Assert.Equal((4, 2, 0, 1), (problems.GetProperty("new").GetInt32(), problems.GetProperty("closed").GetInt32(),
            problems.GetProperty("closed_on_time").GetInt32(), problems.GetProperty("overdue").GetInt32()));
        string Counts(JsonElement c) => $"{c.GetProperty("new").GetInt32()}/{c.GetProperty("closed").GetInt32()}/{c.GetProperty("overdue").GetInt32()}";
        var byCategory = problems.GetProperty("by_category");
        Assert.Equal(["dumping", "encroachment", "garbage"], byCategory.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("2/1/1", "1/1/0", "1/0/0"), (Counts(byCategory.GetProperty("garbage")), Counts(byCategory.GetProperty("dumping")), Counts(byCategory.GetProperty("encroachment"))));
        Assert.Equal("4/2/1", Counts(problems.GetProperty("by_source").GetProperty("patrol")));
        var lights = r.GetProperty("lights");
        Assert.Equal((2, 0, 2, true), (lights.GetProperty("red").GetInt32(), lights.GetProperty("yellow").GetInt32(), lights.GetProperty("green").GetInt32(), lights.GetProperty("frozen").GetBoolean()));
        var tasks = r.GetProperty("tasks");
        Assert.Equal((2, 0, 0.0, 1, 25.0), (tasks.GetProperty("total").GetInt32(), tasks.GetProperty("done").GetInt32(), tasks.GetProperty("done_pct").GetDouble(),
            tasks.GetProperty("overdue").GetInt32(), tasks.GetProperty("average_progress").GetDouble()));
        var coverage = r.GetProperty("coverage");
        Assert.Equal(100, coverage.GetProperty("county").GetProperty("covered_pct").GetDouble());
        var expected = await Db.ScalarAsync<double>(service.ConnectionString,
            "SELECT 100 * sum(ST_Length(geom::geography)) FILTER (WHERE code = 'R1') / sum(ST_Length(geom::geography)) FROM rivers");
        Assert.Equal(expected, coverage.GetProperty("township").GetProperty("covered_pct").GetDouble(), 0.3);
        Assert.Equal((3, 1), (coverage.GetProperty("township").GetProperty("segments").GetInt32(), coverage.GetProperty("township").GetProperty("vacant_segments").GetInt32()));
        Assert.Equal(["S-3"], r.GetProperty("vacancies").EnumerateArray().Select(v => v.GetProperty("segment_code").GetString()));
        var patrols = r.GetProperty("patrols");
        Assert.Equal((2, 0, 0.0), (patrols.GetProperty("county").GetProperty("chiefs").GetInt32(), patrols.GetProperty("county").GetProperty("compliant").GetInt32(),
            patrols.GetProperty("county").GetProperty("compliant_pct").GetDouble()));
        // Township: river chiefs C2 and C3 and the general chiefs G1 and G2 (quarterly rule), none compliant.
        Assert.Equal((4, 0), (patrols.GetProperty("township").GetProperty("chiefs").GetInt32(), patrols.GetProperty("township").GetProperty("compliant").GetInt32()));
        var red = r.GetProperty("red_items").EnumerateArray().ToList();
        Assert.Equal([("issue", i1), ("task", p1)], red.Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("id").GetInt64())).Order());
        Assert.All(red, i => Assert.Equal("东镇人民政府；河长 东镇河长", i.GetProperty("who_must_act").GetString()));
        var children = r.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("area_code").GetString()!);
        string Rollup(JsonElement c) => string.Join("/", new[] { "new", "closed", "overdue", "red", "yellow", "green" }.Select(k => c.GetProperty(k).GetInt32()));
        Assert.Equal(("2/1/1/2/0/0", "2/1/0/0/0/2"), (Rollup(children["T01"]), Rollup(children["T02"])));
        Assert.Equal(12, r.GetProperty("trend").GetArrayLength());
        Assert.Equal(("2026-10", 4, 2), (r.GetProperty("trend")[11].GetProperty("month").GetString(), r.GetProperty("trend")[11].GetProperty("new").GetInt32(),
            r.GetProperty("trend")[11].GetProperty("closed").GetInt32()));
        _ = i4;

        var t01 = await service.GetJsonAsync("/api/reports/monthly?area_code=T01&month=2026-11", client: await service.CountyOffice);
        Assert.Equal("late", t01.GetProperty("submission").GetProperty("punctuality").GetString());
    }

    /// <summary>
    /// Township assessment of 2026-Q4 under T00, asked on 12-26 (default sheet; red months Oct, Nov, Dec frozen; reports
    /// of October and November due). By hand:
    /// T01: patrols 0 % → 0/25, closed on time 0/1 → 0/20, red months 3 (the 3rd deducted) → 13/15, S-3 vacant → 8/10,
    ///      November late → 8/10, P1 due and not done → 0/15: 29 of 95 = 30.53, 不合格, rank 2.
    /// T02: patrols 0/25, I2 closed late 0/20, red months 2 → 15/15, no vacancy 10/10, two reports missing → 0/10, no
    ///      item due (not applicable): 25 of 80 = 31.25, 不合格, rank 1.
    /// U-DZ: I1 closed late 0/20, red months 3 → 13/15, P1 0/15: 13 of 50 = 26, rank 2. U-XZ: I2 0/20, no red 15/15: 15 of 35 = 42.86, rank 1.
    /// </summary>
    private async Task AssessmentOfTheFourthQuarter()
    {
        var a = await service.GetJsonAsync("/api/assessment?period=2026-Q4&level=township&area_code=T00", client: await service.CountyOffice);
        string Card(JsonElement s) => $"{s.GetProperty("code").GetString()} {s.GetProperty("total").GetDouble()} {s.GetProperty("grade_label").GetString()} #{s.GetProperty("rank").GetInt32()}: "
            + string.Join(", ", s.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("item").GetString()} {i.GetProperty("score").GetDouble()}/{i.GetProperty("weight").GetDouble()}"));
        Assert.Equal([
            "T02 31.25 不合格 #1: patrol_compliance 0/25, closed_on_time 0/20, red_lights 15/15, vacancies 10/10, report_punctuality 0/10",
            "T01 30.53 不合格 #2: patrol_compliance 0/25, closed_on_time 0/20, red_lights 13/15, vacancies 8/10, report_punctuality 8/10, task_completion 0/15",
        ], a.GetProperty("areas").EnumerateArray().Select(Card));
        Assert.Equal([
            "U-XZ 42.86 不合格 #1: closed_on_time 0/20, red_lights 15/15",
            "U-DZ 26 不合格 #2: closed_on_time 0/20, red_lights 13/15, task_completion 0/15",
        ], a.GetProperty("units").EnumerateArray().Select(Card));
        var sanction = Assert.Single(a.GetProperty("areas")[1].GetProperty("sanctions").EnumerateArray());
        Assert.Equal(("notice", "通报", "县总河长"), (sanction.GetProperty("kind").GetString(), sanction.GetProperty("kind_label").GetString(), sanction.GetProperty("decided_by").GetString()));

        var xlsx = await (await (await service.CountyOffice).GetAsync("/api/assessment?period=2026-Q4&level=township&area_code=T00&format=xlsx")).Content.ReadAsByteArrayAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "区域考核").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([("T02", 31.25, "不合格"), ("T01", 30.53, "不合格")],
            rows.Select(r => ((string)r["编码(code)"], Convert.ToDouble(r["总分(total)"], System.Globalization.CultureInfo.InvariantCulture), (string)r["等次(grade)"])));
    }

    [Theory]
    [InlineData("/api/bulletins/2026-13", "month", "not a period")]
    [InlineData("/api/bulletins/2026-Q4", "month", "not a month")]
    [InlineData("/api/bulletins/2026", "month", "not a month")]
    [InlineData("/api/bulletins/2026-11?area_code=T99", "area_code", "unknown area 'T99'")]
    public async Task Bad_bulletin_requests_say_what_is_wrong(string url, string where, string fragment) =>
        ServiceFixture.AssertNames(await service.GetJsonAsync(url, HttpStatusCode.BadRequest, client: await service.CountyOffice), where, fragment);
}
