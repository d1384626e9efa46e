using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiverGis.Api.Analysis;
using RiverGis.Api.Store;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Faults;

/// <summary>
/// Two service instances on one database: a change made through one is announced (LISTEN/NOTIFY on data_version) and the
/// other swaps its in-memory system within a second, without either polling; reads that may lag go to the read
/// connection, single issues to the primary.
/// </summary>
public sealed class SeveralInstancesTests
{
    [Fact]
    public async Task A_data_change_reaches_the_other_instance_within_a_second()
    {
        await using var a = await RiverGisFactory.CreateAsync("instance_a", TestPaths.Mini);
        var clientA = a.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync("/health")).StatusCode);
        await using var b = new RiverGisFactory(a.ConnectionString, null);
        var clientB = b.CreateClient();
        var before = await VersionAsync(clientB);
        // Let B's listener settle (connected and LISTENing) before the change.
        await Task.Delay(1500);

        await using (var connection = new NpgsqlConnection(a.ConnectionString))
        {
            await connection.OpenAsync();
            await DataVersion.BumpAsync(connection, default);
        }
        var watch = Stopwatch.StartNew();
        var snapshots = b.Services.GetRequiredService<SystemSnapshots>();
        while (snapshots.Latest?.Version != before + 1 && watch.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.Equal(before + 1, snapshots.Latest?.Version);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"swapped after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(before + 1, await VersionAsync(clientB));
    }

    private static async Task<long> VersionAsync(HttpClient client)
    {
        var body = await ServiceFixture.ReadAsync(await client.GetAsync("/api/responsible?lon=100.015&lat=30.0253"), HttpStatusCode.OK, "responsible");
        return body.GetProperty("data_version").GetInt64();
    }

    /// <summary>
    /// The read connection is a copy a moment behind (here: another database without the new issue, the extreme of
    /// replica lag): the ledger list reads it, but the issue a client just filed is read from the primary.
    /// </summary>
    [Fact]
    public async Task Lists_come_from_the_read_connection_and_a_clients_own_issue_from_the_primary()
    {
        await using var behind = await RiverGisFactory.CreateAsync("replica_behind", TestPaths.Mini);
        behind.CreateClient();
        var primary = await PostgisServer.CreateDatabaseAsync("primary");
        await using var service = new ReadReplicaFactory(primary, behind.ConnectionString);
        // The ledger is the office's: signed in as the county office (the user lives on the primary).
        await TestAccounts.CreateAsync(service.Services, "replica-office", RiverGis.Api.Accounts.Role.Office, area: "T00");
        var client = await TestAccounts.SignInAsync(service.CreateClient(), "replica-office");
        var report = "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [100.015, 30.0253]}, "
            + "\"properties\": {\"category\": \"garbage\", \"description\": \"主库上的问题\", \"source\": \"public\"}}";
        var created = await ServiceFixture.ReadAsync(await client.PostAsync("/api/issues", new StringContent(report, System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.Created, "file");
        var id = created.GetProperty("id").GetInt64();
        var own = await ServiceFixture.ReadAsync(await client.GetAsync($"/api/issues/{id}"), HttpStatusCode.OK, "own issue");
        Assert.Equal("主库上的问题", own.GetProperty("properties").GetProperty("description").GetString());
        var list = await ServiceFixture.ReadAsync(await client.GetAsync("/api/issues"), HttpStatusCode.OK, "ledger");
        Assert.Equal(0, list.GetProperty("number_matched").GetInt32());
        Assert.Equal(1L, await Db.ScalarAsync<long>(primary, "SELECT count(*) FROM issues"));
    }

    private sealed class ReadReplicaFactory(string primary, string read) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting(RiverGis.Api.Database.DatabaseConnection.EnvironmentVariable, primary);
            builder.UseSetting(ReadReplica.EnvironmentVariable, read);
            builder.UseSetting("RiverGis:SampleDataFolder", TestPaths.Mini);
        }
    }
}
