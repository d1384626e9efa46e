using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Accounts;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>The in-process service over a fresh database loaded with a dataset folder, shared by one test class.</summary>
public abstract class ServiceFixture(string purpose, string dataFolder, IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    /// <summary>The password of every user the tests create.</summary>
    public const string Password = TestAccounts.Password;

    private readonly ConcurrentDictionary<string, Task<HttpClient>> _clients = new();

    public RiverGisFactory Factory { get; private set; } = null!;
    /// <summary>An anonymous client.</summary>
    public HttpClient Client { get; private set; } = null!;
    public string ConnectionString => Factory.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        Factory = await RiverGisFactory.CreateAsync(purpose, dataFolder, settings, Configure);
        Client = CreateClient();
    }

    /// <summary>More host configuration for a fixture (a fake clock, settings).</summary>
    protected virtual void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    /// <summary>A client without a cookie jar: a session cookie one test receives must not sign in another test's requests.</summary>
    public HttpClient CreateClient() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>Creates a user (once) through the service's own user administration.</summary>
    public Task CreateUserAsync(string username, Role role, string? area = null, string? chief = null) =>
        TestAccounts.CreateAsync(Factory.Services, username, role, area, chief);

    /// <summary>A bearer token for a user (POST /api/auth/token, the scripts' contract).</summary>
    public Task<string> TokenAsync(string username, string password = Password) => TestAccounts.TokenAsync(Client, username, password);

    /// <summary>A client signed in as a user with this role and scope (created on first use; one client per user name).</summary>
    public Task<HttpClient> AsAsync(string username, Role role, string? area = null, string? chief = null) =>
        _clients.GetOrAdd(username, async _ =>
        {
            await CreateUserAsync(username, role, area, chief);
            return await TestAccounts.SignInAsync(CreateClient(), username);
        });

    public async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK, HttpClient? client = null)
    {
        var response = await (client ?? Client).GetAsync(url);
        return await ReadAsync(response, expected, url);
    }

    public async Task<JsonElement> PostJsonAsync(string url, string json, HttpStatusCode expected, string? idempotencyKey = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await (client ?? Client).SendAsync(request);
        return await ReadAsync(response, expected, url);
    }

    /// <summary>Asserts that a problem+json body names <paramref name="where"/> with a message containing <paramref name="fragment"/>.</summary>
    public static void AssertNames(JsonElement problem, string where, string fragment) =>
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("where").GetString() == where && e.GetProperty("message").GetString()!.Contains(fragment));

    public async Task<JsonElement> PutJsonAsync(string url, string json, HttpStatusCode expected, HttpClient? client = null)
    {
        var response = await (client ?? Client).PutAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        return await ReadAsync(response, expected, url);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string url)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        if ((int)expected >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>A service of a test's own configuration (e.g. the shipped rate limits), started and disposed by the test.</summary>
public sealed class ConfiguredService(string purpose, string dataFolder, IReadOnlyDictionary<string, string> settings)
    : ServiceFixture(purpose, dataFolder, settings), IAsyncDisposable
{
    public static async Task<ConfiguredService> StartAsync(string purpose, string dataFolder, IReadOnlyDictionary<string, string> settings)
    {
        var service = new ConfiguredService(purpose, dataFolder, settings);
        await service.InitializeAsync();
        return service;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}

public sealed class SampleService() : ServiceFixture("sample", TestPaths.SampleData)
{
    /// <summary>The office of Jinkouhe district (511113).</summary>
    public Task<HttpClient> CountyOffice => AsAsync("office-511113", Role.Office, area: "511113");
}

/// <summary>
/// A test district (county T00, townships T01 and T02, chiefs C1 county, C2 east town, C3 west town) with a user of
/// each kind: the county office sees everything, a township office its township, a chief their own issues.
/// </summary>
public abstract class DistrictService(string purpose, string dataFolder) : ServiceFixture(purpose, dataFolder)
{
    public Task<HttpClient> CountyOffice => AsAsync("office-t00", Role.Office, area: "T00");
    public Task<HttpClient> EastOffice => AsAsync("office-t01", Role.Office, area: "T01");
    public Task<HttpClient> WestOffice => AsAsync("office-t02", Role.Office, area: "T02");
    public Task<HttpClient> EastChief => AsAsync("chief-c2", Role.Chief, chief: "C2");
    public Task<HttpClient> WestChief => AsAsync("chief-c3", Role.Chief, chief: "C3");
    public Task<HttpClient> Admin => AsAsync("admin", Role.Admin);
}

/// <summary>The mini district.</summary>
public sealed class MiniService() : DistrictService("mini", TestPaths.Mini);

/// <summary>The mini district with its water (issue 14): sections, samples, a reservoir with zones, signboards, outlets' lifecycle.</summary>
public sealed class WaterService() : DistrictService("water", TestPaths.Water);
