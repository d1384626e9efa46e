using System.Net;
using System.Net.Http.Json;
using System.Text;
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

        /// <summary>A fresh user to disable, enable or give a password.</summary>
        public async Task<string> ThrowawayUserAsync()
        {
            var username = Unique("tmp");
            await service.CreateUserAsync(username, Role.Public);
            return username;
        }
    }
}
