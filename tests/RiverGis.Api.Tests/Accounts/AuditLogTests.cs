using System.Net;
using Npgsql;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>The audit log: one entry per write in the write's transaction, append-only in the database, read in scope.</summary>
public sealed class AuditLogTests(MiniService service) : IClassFixture<MiniService>
{
    private const string Report = """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100.02, 30.0253]}, "properties": {"category": "garbage", "description": "审计", "source": "public"}}""";

    [Fact]
    public async Task Every_write_is_logged_with_who_what_and_where_from()
    {
        var (office, admin) = (await service.EastOffice, await service.Admin);
        var last = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT coalesce(max(id), 0) FROM audit_log");
        var id = (await service.PostJsonAsync("/api/issues", Report, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "assign", "chief_id": "C2"}""", HttpStatusCode.OK, client: office);
        await service.PostJsonAsync("/api/users", """{"username": "audited", "password": "a-long-password", "role": "public"}""", HttpStatusCode.Created, client: admin);
        // A refused write logs nothing.
        await service.PostJsonAsync($"/api/issues/{id}/transitions", """{"action": "pass_verification"}""", HttpStatusCode.Conflict, client: office);
        var entries = await Db.ColumnAsync<string>(service.ConnectionString,
            $"SELECT concat_ws('|', coalesce(username, '-'), role, action, resource_type, resource_id) FROM audit_log WHERE id > {last} ORDER BY id");
        Assert.Equal([$"-|public|report|issue|{id}", $"office-t01|office|assign|issue|{id}", "admin|admin|create|user|audited"], entries);
    }

    [Fact]
    public async Task A_dataset_import_is_logged_with_its_counts()
    {
        // The fixture's database was loaded by the service itself (the sample of an empty database).
        var entry = await Db.ScalarAsync<string>(service.ConnectionString,
            "SELECT username || '|' || (change->>'segments') FROM audit_log WHERE action = 'import' AND resource_type = 'dataset'");
        Assert.Equal($"system|{await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM segments")}", entry);
    }

    [Fact]
    public async Task The_log_cannot_be_rewritten_not_even_by_the_services_own_database_role()
    {
        await service.PostJsonAsync("/api/issues", Report, HttpStatusCode.Created);
        foreach (var sql in new[] { "UPDATE audit_log SET username = 'someone-else'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => Db.ScalarAsync<object>(service.ConnectionString, sql));
            Assert.Contains("append-only", ex.MessageText);
        }
    }

    [Fact]
    public async Task Offices_read_their_subtree_administrators_everything_others_nothing()
    {
        var id = (await service.PostJsonAsync("/api/issues", Report, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        async Task<int> Count(HttpClient client) =>
            (await service.GetJsonAsync($"/api/audit?resource_type=issue&resource_id={id}", client: client)).GetProperty("number_matched").GetInt32();
        Assert.Equal(1, await Count(await service.EastOffice));
        Assert.Equal(1, await Count(await service.CountyOffice));
        Assert.Equal(1, await Count(await service.Admin));
        Assert.Equal(0, await Count(await service.WestOffice));
        await service.GetJsonAsync("/api/audit", HttpStatusCode.Forbidden, await service.EastChief);
        await service.GetJsonAsync("/api/audit", HttpStatusCode.Unauthorized);
        // Entries about users have no area: only administrators read them.
        Assert.Equal(0, (await service.GetJsonAsync("/api/audit?resource_type=user", client: await service.CountyOffice)).GetProperty("number_matched").GetInt32());
    }
}
