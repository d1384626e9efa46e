using System.Net;
using System.Text;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Patrols;

/// <summary>
/// POST /api/patrols with the hand-made tracks of TestData/patrols (expected.json says what each must give), the bad
/// inputs of issue 12, who may submit, and idempotency — and that a refused request stores nothing.
/// </summary>
public sealed class PatrolIntakeTests(MiniService service) : IClassFixture<MiniService>
{
    private static readonly As C2 = As.Chief("C2");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var c in Expected()) data.Add(c.GetProperty("file").GetString()!);
        return data;
    }

    private static IEnumerable<JsonElement> Expected() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(PatrolRequests.Folder, "expected.json"))).RootElement.GetProperty("cases").EnumerateArray();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_hand_made_track_gives_its_known_answer(string file)
    {
        var expected = Expected().Single(c => c.GetProperty("file").GetString() == file);
        var before = await Db.CountsAsync(service.ConnectionString);
        var (status, body, _) = await PatrolRequests.PostFileAsync(service, file, C2);
        Assert.True((int)status == expected.GetProperty("status").GetInt32(), $"{file}: {(int)status} {body}");
        if (expected.TryGetProperty("reasons", out var reasons))
        {
            var properties = body.GetProperty("properties");
            Assert.Equal(reasons.EnumerateArray().Select(r => r.GetString()), properties.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(reasons.GetArrayLength() == 0, properties.GetProperty("valid").GetBoolean());
            Assert.Equal("C2", properties.GetProperty("chief_id").GetString());
            Assert.Equal("LineString", body.GetProperty("geometry").GetProperty("type").GetString());
            return;
        }
        Assert.Equal("application/problem+json", (await PatrolRequests.PostFileAsync(service, file, C2)).Response.Content.Headers.ContentType?.MediaType);
        ServiceFixture.AssertNames(body, expected.GetProperty("where").GetString()!, expected.GetProperty("message").GetString()!);
        Assert.Equal(before, await Db.CountsAsync(service.ConnectionString));
    }

    [Fact]
    public async Task A_valid_walk_covers_its_segment_as_PostGIS_buffers_it()
    {
        var (status, body, _) = await PatrolRequests.PostFileAsync(service, "drift.gpx", As.Office("T00"), query: "?chief_id=C2");
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        var id = body.GetProperty("id").GetInt64();
        var followed = body.GetProperty("properties").GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("segment_code").GetString() == "S-1");
        // Oracle: the part of S-1 within 200 m of the walk (drifted fix and its two steps left out), on the ellipsoid.
        var oracle = await Db.ScalarAsync<double>(service.ConnectionString, $"""
            WITH fixes AS (SELECT (dp).path[1] AS k, (dp).geom FROM (SELECT ST_DumpPoints(geom) AS dp FROM patrol_tracks WHERE id = {id}) d),
                 walk AS (SELECT ST_MakeLine(geom ORDER BY k) AS g FROM fixes WHERE k <> 51)
            SELECT ST_Length(ST_Intersection(s.geom, ST_Buffer(w.g::geography, 200)::geometry)::geography)
            FROM segments s, walk w WHERE s.code = 'S-1'
            """);
        // Within 0.5 % (the project's agreement with geography): the covered stretch is grown by the whole tolerance at both
        // ends, as the coverage analysis grows segments, where the buffer reaches √(200² − 22²) m past a walk 22 m off the river.
        Assert.True(Math.Abs(followed.GetProperty("covered_m").GetDouble() - oracle) < 0.005 * oracle, $"covered {followed.GetProperty("covered_m")} m, PostGIS {oracle} m");
    }

    public static TheoryData<string, int, int> Callers => new()
    {
        // who, expected status for C2's walk (C2 is a township chief of 东镇 T01 in county T00), day of November
        { "chief C3", 403, 21 },     // a chief posting another chief's patrol
        { "office T02", 403, 22 },   // an office of the neighbouring township names a chief outside its area
        { "anonymous", 401, 23 },
        { "admin", 403, 25 },        // administrators read ledgers, they do not file patrols
        { "office T00", 201, 24 },   // the county office
    };

    private static As Who(string who) => who switch
    {
        "anonymous" => As.Public,
        "admin" => As.Admin,
        _ when who.StartsWith("chief ", StringComparison.Ordinal) => As.Chief(who[6..]),
        _ => As.Office(who[7..]),
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Only_the_chief_or_an_office_over_the_chief_submits(string who, int expected, int day)
    {
        var body = PatrolRequests.Walk(Along(100.006, 100.036), new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.FromHours(8)), 10, chiefId: "C2");
        var before = await Db.CountsAsync(service.ConnectionString);
        var audited = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM audit_log WHERE resource_type = 'patrol'");
        var (status, response, _) = await PatrolRequests.PostAsync(service, body, "application/geo+json", Who(who));
        Assert.True((int)status == expected, response.ToString());
        if (expected != 201)
        {
            Assert.Equal(before, await Db.CountsAsync(service.ConnectionString));
            Assert.Equal(audited, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM audit_log WHERE resource_type = 'patrol'"));
            return;
        }
        // The submission is the signed-in office user's, audit-logged for the chief's area and the areas above it.
        var id = response.GetProperty("id").GetInt64();
        Assert.Equal(Who(who).Username, await Db.ScalarAsync<string>(service.ConnectionString, $"SELECT submitted_by FROM patrol_tracks WHERE id = {id}"));
        Assert.Equal(Who(who).Username, await Db.ScalarAsync<string>(service.ConnectionString,
            $"SELECT username FROM audit_log WHERE resource_type = 'patrol' AND resource_id = '{id}' AND action = 'submit' AND area_codes @> ARRAY['T01', 'T00']"));
    }

    [Fact]
    public async Task A_patrol_is_seen_by_its_chief_and_the_offices_over_it_and_by_nobody_else()
    {
        var body = PatrolRequests.Walk(Along(100.006, 100.036), new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)), 10);
        var (status, created, _) = await PatrolRequests.PostAsync(service, body, "application/geo+json", C2);
        Assert.Equal(HttpStatusCode.Created, status);
        var url = $"/api/patrols/{created.GetProperty("id").GetInt64()}";
        foreach (var (who, expected) in new[] { ("chief C2", HttpStatusCode.OK), ("office T00", HttpStatusCode.OK), ("office T01", HttpStatusCode.OK),
                     ("admin", HttpStatusCode.OK), ("chief C3", HttpStatusCode.NotFound), ("office T02", HttpStatusCode.NotFound), ("anonymous", HttpStatusCode.Unauthorized) })
            await PatrolRequests.GetAsync(service, url, Who(who), expected);
        // Another office's filter by area is as unknown as an area that does not exist; another chief's patrols are not listed to a chief.
        ServiceFixture.AssertNames(await PatrolRequests.GetAsync(service, "/api/patrols?area_code=T01", As.Office("T02"), HttpStatusCode.BadRequest), "area_code", "unknown area");
        await PatrolRequests.GetAsync(service, "/api/patrols?chief_id=C2", As.Chief("C3"), HttpStatusCode.Forbidden);
        var listed = await PatrolRequests.GetAsync(service, "/api/patrols?chief_id=C2", As.Office("T02"));
        Assert.Equal(0, listed.GetProperty("number_matched").GetInt32());
    }

    [Fact]
    public async Task A_retry_or_the_same_track_again_is_one_patrol()
    {
        var start = new DateTimeOffset(2026, 11, 16, 14, 0, 0, TimeSpan.FromHours(8));
        var body = PatrolRequests.Walk(Along(100.006, 100.036), start, 10);
        var (first, created, _) = await PatrolRequests.PostAsync(service, body, "application/geo+json", C2, key: "walk-16");
        Assert.Equal(HttpStatusCode.Created, first);
        var id = created.GetProperty("id").GetInt64();
        // The key is kept with every other write's (scope "patrols"), naming the patrol.
        Assert.Equal(id, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT resource_id FROM idempotency_keys WHERE scope = 'patrols' AND key = 'walk-16'"));
        var count = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM patrol_tracks");
        // The same key and body: replayed. The same track without a key: the same patrol.
        foreach (var key in new[] { "walk-16", null })
        {
            var (status, again, response) = await PatrolRequests.PostAsync(service, body, "application/geo+json", C2, key);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(id, again.GetProperty("id").GetInt64());
        }
        // The key with another body: 422. Another track starting at the same instant: 409.
        var other = PatrolRequests.Walk(Along(100.007, 100.037), start, 10);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PatrolRequests.PostAsync(service, other, "application/geo+json", C2, "walk-16")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PatrolRequests.PostAsync(service, other, "application/geo+json", C2)).Status);
        Assert.Equal(count, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM patrol_tracks"));
    }

    [Fact]
    public async Task Unreadable_bodies_are_refused_with_what_and_where()
    {
        var before = await Db.CountsAsync(service.ConnectionString);
        var cases = new (string Body, string Type, int Status, string Where)[]
        {
            ("{\"type\": \"Feature\", ", "application/geo+json", 400, "body"),
            ("{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [100, 30]}}", "application/geo+json", 400, "geometry.type"),
            ("{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[100, 30.025], [100.01, 30.025]]}}", "application/geo+json", 422, "properties.times"),
            ("just text", "text/plain", 415, "Content-Type"),
        };
        foreach (var (body, type, expected, where) in cases)
        {
            var (status, problem, _) = await PatrolRequests.PostAsync(service, Encoding.UTF8.GetBytes(body), type, C2);
            Assert.True((int)status == expected, $"{body}: {(int)status} {problem}");
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("where").GetString() == where);
        }
        Assert.Equal(before, await Db.CountsAsync(service.ConnectionString));
    }

    /// <summary>Positions along S-1 (30.025° N), 20 m north of the river, about 12 m apart.</summary>
    public static List<(double Lon, double Lat)> Along(double lon0, double lon1)
    {
        var n = (int)Math.Round((lon1 - lon0) / 0.000125);
        return Enumerable.Range(0, n + 1).Select(i => (lon0 + (lon1 - lon0) * i / n, 30.0252)).ToList();
    }
}
