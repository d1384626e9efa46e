using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Accounts;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>
/// The role × endpoint matrix, generated from the service's endpoint table: every write endpoint and every
/// contact-bearing read, called by an anonymous client, a chief and an office whose scope holds the resource ("own")
/// and whose scope does not ("other"), and an administrator. The expected status is derived from what the endpoint
/// declares (<see cref="EndpointAccess"/>, <see cref="ScopedResource"/>): 401 anonymous and 403 signed in when the role
/// is not allowed, 404 out of scope, else 2xx. An endpoint of the table without a row here fails the test: adding an
/// endpoint means adding its row (one line in <see cref="Rows"/>).
/// </summary>
public sealed class AccessMatrixTests(MiniService service) : IClassFixture<MiniService>
{
    /// <summary>Who calls: the role, and whether the resource lies in the caller's scope.</summary>
    public enum Case { Anonymous, ChiefOwn, ChiefOther, OfficeOwn, OfficeOther, Admin }

    private static Role RoleOf(Case c) => c switch
    {
        Case.Anonymous => Role.Public,
        Case.ChiefOwn or Case.ChiefOther => Role.Chief,
        Case.OfficeOwn or Case.OfficeOther => Role.Office,
        _ => Role.Admin,
    };

    private static bool Other(Case c) => c is Case.ChiefOther or Case.OfficeOther;

    /// <summary>
    /// One valid request per endpoint (by endpoint name) for a case; the resource is in township T01 (office-t01, chief C2 "own";
    /// office-t02, chief C3 "other"). A row builds a fresh resource when the call changes it.
    /// </summary>
    private static readonly Dictionary<string, Func<Matrix, Case, Task<HttpRequestMessage>>> Rows = new()
    {
        ["ReportIssue"] = (m, _) => Task.FromResult(Json(HttpMethod.Post, "/api/issues", Matrix.Report("矩阵：上报"))),
        ["TransitionIssue"] = async (m, c) => RoleOf(c) == Role.Chief
            ? Json(HttpMethod.Post, $"/api/issues/{await m.AssignedIssueAsync()}/transitions", """{"action": "start_rectification"}""")
            : Json(HttpMethod.Post, $"/api/issues/{await m.IssueAsync()}/transitions", """{"action": "assign", "chief_id": "C2"}"""),
        ["GetIssue"] = async (m, _) => new HttpRequestMessage(HttpMethod.Get, $"/api/issues/{await m.IssueAsync()}"),
        ["Open311Post"] = (_, _) => Task.FromResult(Form("/open311/v2/requests.json", ("service_code", "garbage"), ("lat", "30.0253"), ("long", "100.02"), ("description", "矩阵"))),
        ["CheckDemarcation"] = (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/demarcation/check", Matrix.Proposal)),
        ["Token"] = (m, _) => Task.FromResult(Form("/api/auth/token", ("grant_type", "password"), ("username", "matrix-user"), ("password", ServiceFixture.Password))),
        ["Login"] = (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/auth/login", $$"""{"username": "matrix-user", "password": "{{ServiceFixture.Password}}"}""")),
        ["Logout"] = (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout")),
        ["CreateUser"] = (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/users", $$"""{"username": "{{Matrix.Unique("new")}}", "password": "a-long-password", "role": "public"}""")),
        ["DisableUser"] = async (m, _) => new HttpRequestMessage(HttpMethod.Post, $"/api/users/{await m.ThrowawayUserAsync()}/disable"),
        ["EnableUser"] = async (m, _) => new HttpRequestMessage(HttpMethod.Post, $"/api/users/{await m.ThrowawayUserAsync()}/enable"),
        ["SetUserPassword"] = async (m, _) => Json(HttpMethod.Put, $"/api/users/{await m.ThrowawayUserAsync()}/password", """{"password": "another-long-password"}"""),
        // Water (issue 14): resources in T01 (a section answering to T01, outlet O1 at 100.02° E, a board of S-1, a zone of T01); a
        // new section or an import in the caller's own area (T02 for the other office: creating there is its own business).
        ["EscalateFailingSections"] = (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/water-quality/escalations")),
        ["CreateSection"] = (_, c) => Task.FromResult(Json(HttpMethod.Post, "/api/sections", Matrix.Section(Matrix.Unique("mx"), Matrix.OwnArea(c)))),
        ["UpdateSection"] = async (m, _) => { var code = await m.SectionAsync("T01"); return Json(HttpMethod.Put, $"/api/sections/{code}", Matrix.Section(code, "T01")); },
        ["DeleteSection"] = async (m, _) => new HttpRequestMessage(HttpMethod.Delete, $"/api/sections/{await m.SectionAsync("T01")}"),
        ["PostSample"] = async (m, _) => Json(HttpMethod.Post, $"/api/sections/{await m.SectionAsync("T01")}/samples", """{"sampled_at": "2026-01-05", "factors": {"nh3_n": 0.3}}"""),
        ["ImportSamples"] = async (m, c) => new HttpRequestMessage(HttpMethod.Post, "/api/sections/samples/import")
        {
            Content = new StringContent($"section_code,sampled_at,nh3_n\n{await m.SectionAsync(Matrix.OwnArea(c))},2026-01-05,0.3\n", Encoding.UTF8, "text/csv"),
        },
        ["AcceptSectionCandidate"] = async (m, _) => Json(HttpMethod.Post, $"/api/sections/candidates/{await m.CandidateAsync()}/accept",
            $$$"""{"target_class": "III", "code": "{{{Matrix.Unique("mxc")}}}"}"""),
        ["RejectSectionCandidate"] = async (m, _) => Json(HttpMethod.Post, $"/api/sections/candidates/{await m.CandidateAsync()}/reject", """{"note": "矩阵"}"""),
        ["ChangeOutlet"] = (_, _) => Task.FromResult(Json(HttpMethod.Patch, "/api/outlets/O1", """{"status": "normal"}""")),
        ["PostOutletMonitoring"] = (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/outlets/O1/monitoring",
            $$$"""{"sampled_at": "{{{Matrix.NextTime()}}}", "factors": {"cod": 20}}""")),
        ["ChangeSignboard"] = async (m, _) => Json(HttpMethod.Put, $"/api/signboards/{await m.SignboardAsync()}", """{"chief_name": "东镇河长", "printed_on": "2026-01-05"}"""),
        ["AppointZoneChief"] = async (m, _) => Json(HttpMethod.Put, $"/api/water-bodies/zones/{await m.ZoneAsync()}/chief", """{"chief_id": "C2"}"""),
        // The office's month (issue 13): units, the roster, plan items, re-checks, reports, sanctions — all in T01.
        ["CreateUnit"] = (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/units", $$"""{"code": "{{Matrix.Unique("u")}}", "name": "矩阵单位", "kind": "member", "area_code": "T01"}""")),
        ["UpdateUnit"] = async (m, _) => Json(HttpMethod.Put, $"/api/units/{await m.UnitAsync()}", """{"name": "矩阵单位（改）", "kind": "liaison", "area_code": "T01"}"""),
        ["RetireUnit"] = async (m, _) => new HttpRequestMessage(HttpMethod.Delete, $"/api/units/{await m.UnitAsync()}"),
        // A different post per case, so the two allowed calls do not collide with each other.
        ["Appoint"] = (_, c) => Task.FromResult(Json(HttpMethod.Post, "/api/roster/appointments",
            $$"""{"chief_id": "C2", "duty": "{{(c == Case.Admin ? "executive" : "deputy")}}", "segment_code": "S-3"}""")),
        ["EndAppointment"] = async (m, _) => Json(HttpMethod.Post, $"/api/roster/appointments/{await m.AppointmentAsync()}/end", "{}"),
        ["CreatePlanTask"] = (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/tasks", Matrix.PlanTask)),
        ["UpdatePlanTask"] = async (m, _) => Json(HttpMethod.Put, $"/api/tasks/{await m.PlanTaskAsync()}", Matrix.PlanTask),
        ["PlanTaskProgress"] = async (m, _) => Json(HttpMethod.Post, $"/api/tasks/{await m.PlanTaskAsync()}/progress", """{"progress": 10, "note": "矩阵"}"""),
        ["ImportPlanTasks"] = (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/tasks/import")
            { Content = new StringContent("title,list,segment_code,deadline\n矩阵导入,task,S-1,2099-12-31\n", Encoding.UTF8, "text/csv") }),
        ["RecheckIssue"] = async (m, _) => Json(HttpMethod.Post, $"/api/issues/{await m.ClosedIssueAsync()}/recheck", """{"result": "passes"}"""),
        ["DrawRecheckSample"] = (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/rechecks/samples?quarter=2025-Q4&area_code=T01")),
        // A month per case: the first submission of a month counts, a second is a 409.
        ["SubmitMonthlyReport"] = (_, c) => Task.FromResult(Json(HttpMethod.Post, "/api/reports/monthly/submissions",
            $$"""{"area_code": "T01", "month": "2025-{{(int)c + 1:00}}"}""")),
        ["RecordSanction"] = (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/sanctions",
            """{"kind": "reminder", "subject_type": "area", "subject_code": "T01", "reason": "矩阵", "decided_by": "县总河长"}""")),
        // A chief files their own walk; an office names a chief of its township (C2 in T01, C3 in T02). Each call a new start.
        ["SubmitPatrol"] = (m, c) => Task.FromResult(Geo("/api/patrols", Matrix.Walk(RoleOf(c) == Role.Office ? (Other(c) ? "C3" : "C2") : null))),
        ["UploadPhoto"] = (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/photos")
            { Content = new ByteArrayContent(Matrix.Png) { Headers = { ContentType = new("image/png") } } }),
    };

    /// <summary>The endpoints the matrix covers: every write (not GET/HEAD) and every read marked as bearing contacts.</summary>
    private IEnumerable<(string Name, string Route, EndpointAccess Access, bool Scoped)> Covered()
    {
        var endpoints = service.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var e in endpoints)
        {
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            var write = methods.Any(m => m is not ("GET" or "HEAD"));
            if (!write && e.Metadata.GetMetadata<ContactBearing>() is null) continue;
            var name = e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"{string.Join(",", methods)} {e.RoutePattern.RawText}";
            yield return (name, e.RoutePattern.RawText!, e.Metadata.GetMetadata<EndpointAccess>()!, e.Metadata.GetMetadata<ScopedResource>() is not null);
        }
    }

    [Fact]
    public void Every_write_and_contact_bearing_endpoint_has_a_row()
    {
        var missing = Covered().Where(e => !Rows.ContainsKey(e.Name)).Select(e => $"{e.Name} ({e.Route})").ToList();
        Assert.True(missing.Count == 0, "Add a row to AccessMatrixTests.Rows for: " + string.Join(", ", missing));
        var stale = Rows.Keys.Except(Covered().Select(e => e.Name)).ToList();
        Assert.True(stale.Count == 0, "Rows for endpoints that are no longer writes or contact-bearing reads: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_role_gets_what_the_endpoint_declares()
    {
        var matrix = new Matrix(service);
        await matrix.PrepareAsync();
        var failures = new List<string>();
        var table = new StringBuilder();
        foreach (var (name, route, access, scoped) in Covered().Where(e => Rows.ContainsKey(e.Name)).OrderBy(e => e.Name))
        {
            table.Append($"{name,-18}");
            foreach (var c in Enum.GetValues<Case>())
            {
                var expected = Expected(access, scoped, c);
                using var request = await Rows[name](matrix, c);
                using var response = await (await matrix.ClientAsync(c)).SendAsync(request);
                var status = (int)response.StatusCode;
                table.Append($" {c}={status}");
                var ok = expected == 200 ? status is >= 200 and < 300 : status == expected;
                if (!ok) failures.Add($"{name} ({route}) as {c}: expected {(expected == 200 ? "2xx" : expected)}, got {status}: {await response.Content.ReadAsStringAsync()}");
                else if (status >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            table.AppendLine();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\n" + table);
    }

    /// <summary>What the declaration says a case must get (200 stands for any 2xx).</summary>
    private static int Expected(EndpointAccess access, bool scoped, Case c)
    {
        var role = RoleOf(c);
        if (!access.Allows(role)) return role == Role.Public ? 401 : 403;
        if (scoped && Other(c) && role is Role.Chief or Role.Office) return 404;
        return 200;
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, string json) =>
        new(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Geo(string url, byte[] body) =>
        new(HttpMethod.Post, url) { Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/geo+json") } } };

    private static HttpRequestMessage Form(string url, params (string Key, string Value)[] fields) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))) };

    /// <summary>The callers and the resources of the matrix.</summary>
    public sealed class Matrix(MiniService service)
    {
        public const string Proposal = """{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[100.0, 30.025], [100.03, 30.025]]}, "properties": {"code": "P1", "river_code": "R1", "level": "township", "area_code": "T01", "chief_id": "C2"}}]}""";

        /// <summary>A report at 100.02° E on R1 in township T01: routed to chief C2.</summary>
        public static string Report(string description) =>
            $$$"""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "garbage", "description": "{{{description}}}", "source": "public", "reporter_contact": "13911112222"}}""";

        public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

        /// <summary>The area a caller creates things in: its own (T02 for the other office and chief), else T01.</summary>
        public static string OwnArea(Case c) => Other(c) ? "T02" : "T01";

        /// <summary>A monitoring section on R1 answering to <paramref name="area"/> (R1 runs along 30.025° N).</summary>
        public static string Section(string code, string area) =>
            $$$"""{"type": "Feature", "geometry": {"type": "Point", "coordinates": [{{{(area == "T01" ? "100.01" : "100.06")}}}, 30.0251]}, "properties": {"code": "{{{code}}}", "name": "矩阵断面", "kind": "assessment", "target_class": "III", "river_code": "R1", "area_codes": ["{{{area}}}"]}}""";

        private static int _minutes;

        /// <summary>A sampling time not used before (outlet records are one per outlet and time).</summary>
        public static string NextTime() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(Interlocked.Increment(ref _minutes)).ToString("O");

        /// <summary>A fresh section answering to <paramref name="area"/>, added by the administrator.</summary>
        public async Task<string> SectionAsync(string area)
        {
            var code = Unique("mxs");
            await service.PostJsonAsync("/api/sections", Section(code, area), HttpStatusCode.Created, client: await service.Admin);
            return code;
        }

        /// <summary>
        /// The township candidate where R1 leaves T01 for T02 (decided by T01's office, the upstream side), open again:
        /// earlier decisions forgotten and the sections they added removed.
        /// </summary>
        public async Task<string> CandidateAsync()
        {
            var admin = await service.Admin;
            await Db.ExecuteAsync(service.ConnectionString, "DELETE FROM section_candidate_decisions");
            foreach (var code in await Db.ColumnAsync<string>(service.ConnectionString, "SELECT code FROM sections WHERE code LIKE 'mxc-%'"))
                Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sections/{code}")).StatusCode);
            var candidates = await service.GetJsonAsync("/api/sections/candidates?level=township");
            return candidates.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
                .Single(p => p.GetProperty("upstream_area_code").GetString() == "T01").GetProperty("key").GetString()!;
        }

        /// <summary>A signboard of segment S-1 (T01); the mini dataset has none, so one is added once.</summary>
        public async Task<string> SignboardAsync()
        {
            await Db.ExecuteAsync(service.ConnectionString, """
                INSERT INTO signboards (code, segment_code, chief_name, geom) VALUES ('MX-B1', 'S-1', '东镇河长', 'SRID=4326;POINT(100.02 30.0253)') ON CONFLICT DO NOTHING
                """);
            return "MX-B1";
        }

        /// <summary>A zone of T01 on a small lake in T01; the mini dataset has none, so they are added once.</summary>
        public async Task<string> ZoneAsync()
        {
            await Db.ExecuteAsync(service.ConnectionString, """
                INSERT INTO water_bodies (code, dataset_code, name, kind, level, geom)
                VALUES ('MX-L', 'mini', '矩阵湖', 'lake', 'township', 'SRID=4326;MULTIPOLYGON(((100.01 30.04, 100.02 30.04, 100.02 30.045, 100.01 30.045, 100.01 30.04)))')
                ON CONFLICT DO NOTHING;
                INSERT INTO water_body_zones (code, dataset_code, water_body_code, name, level, area_code, geom)
                VALUES ('MX-Z1', 'mini', 'MX-L', '矩阵湖东镇片区', 'township', 'T01', 'SRID=4326;MULTIPOLYGON(((100.01 30.04, 100.02 30.04, 100.02 30.045, 100.01 30.045, 100.01 30.04)))')
                ON CONFLICT DO NOTHING;
                UPDATE data_version SET version = version + 1;
                """);
            await service.Factory.Services.GetRequiredService<RiverGis.Api.Analysis.SystemSnapshots>().FreshAsync();
            return "MX-Z1";
        }
        private static int _walks;

        /// <summary>A 40-minute walk along R1 (in T01) starting an hour after the previous one, for <paramref name="chiefId"/> (null: the caller).</summary>
        public static byte[] Walk(string? chiefId) => Patrols.PatrolRequests.Walk(Patrols.PatrolIntakeTests.Along(100.006, 100.036),
            new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddHours(Interlocked.Increment(ref _walks)), 10, chiefId);

        /// <summary>A 1×1 PNG.</summary>
        public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

        public async Task PrepareAsync() => await service.CreateUserAsync("matrix-user", Role.Public);

        public async Task<HttpClient> ClientAsync(Case c) => c switch
        {
            Case.Anonymous => service.Client,
            Case.ChiefOwn => await service.EastChief,
            Case.ChiefOther => await service.WestChief,
            Case.OfficeOwn => await service.EastOffice,
            Case.OfficeOther => await service.WestOffice,
            _ => await service.Admin,
        };

        /// <summary>A fresh issue in T01 (status reported), filed anonymously.</summary>
        public async Task<long> IssueAsync()
        {
            var issue = await service.PostJsonAsync("/api/issues", Report("矩阵：资源"), HttpStatusCode.Created);
            return issue.GetProperty("id").GetInt64();
        }

        /// <summary>A fresh issue in T01 assigned to chief C2 by the county office.</summary>
        public async Task<long> AssignedIssueAsync()
        {
            var id = await IssueAsync();
            await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "chief_id": "C2"}""", HttpStatusCode.OK, client: await service.CountyOffice);
            return id;
        }

        /// <summary>A plan item on segment S-1 (T01).</summary>
        public const string PlanTask = """{"title": "矩阵任务", "list": "task", "segment_code": "S-1", "deadline": "2099-12-31"}""";

        /// <summary>A fresh unit of T01, made by the administrator.</summary>
        public async Task<string> UnitAsync()
        {
            var code = Unique("u");
            await service.PostJsonAsync("/api/units", $$"""{"code": "{{code}}", "name": "矩阵单位", "kind": "member", "area_code": "T01"}""", HttpStatusCode.Created,
                client: await service.Admin);
            return code;
        }

        /// <summary>A fresh plan item in T01, made by the administrator.</summary>
        public async Task<long> PlanTaskAsync() =>
            (await service.PostJsonAsync("/api/tasks", PlanTask, HttpStatusCode.Created, client: await service.Admin)).GetProperty("id").GetInt64();

        /// <summary>An open appointment in T01 (C2 acting on S-3): the one open, or a new one.</summary>
        public async Task<long> AppointmentAsync()
        {
            var admin = await service.Admin;
            var open = await service.GetJsonAsync("/api/roster?segment_code=S-3&chief_id=C2&open=true", client: admin);
            if (open.GetProperty("appointments").EnumerateArray().FirstOrDefault(a => a.GetProperty("duty").GetString() == "acting") is { ValueKind: JsonValueKind.Object } held)
                return held.GetProperty("id").GetInt64();
            var made = await service.PostJsonAsync("/api/roster/appointments", """{"chief_id": "C2", "duty": "acting", "segment_code": "S-3"}""", HttpStatusCode.Created,
                client: admin);
            return made.GetProperty("appointment").GetProperty("id").GetInt64();
        }

        /// <summary>A fresh issue in T01, assigned to C2, rectified, verified and closed.</summary>
        public async Task<long> ClosedIssueAsync()
        {
            var id = await AssignedIssueAsync();
            foreach (var (action, client) in new[] { ("start_rectification", service.EastChief), ("submit_for_verification", service.EastChief), ("pass_verification", service.CountyOffice) })
                await service.PostJsonAsync($"/api/issues/{id}/transitions", $$"""{"action": "{{action}}"}""", HttpStatusCode.OK, client: await client);
            return id;
        }

        /// <summary>A fresh user to disable, enable or give a password.</summary>
        public async Task<string> ThrowawayUserAsync()
        {
            var username = Unique("tmp");
            await service.CreateUserAsync(username, Role.Public);
            return username;
        }
    }
}
