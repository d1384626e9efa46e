using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>The in-process service over a fresh database loaded with a dataset folder, shared by one test class.</summary>
public abstract class ServiceFixture(string purpose, string dataFolder) : IAsyncLifetime
{
    public RiverGisFactory Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string ConnectionString => Factory.ConnectionString;

    public async Task InitializeAsync()
    {
        Factory = await RiverGisFactory.CreateAsync(purpose, dataFolder, Configure);
        Client = Factory.CreateClient();
    }

    /// <summary>More host configuration for a fixture (a fake clock, settings).</summary>
    protected virtual void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(url);
        return await ReadAsync(response, expected, url);
    }

    public async Task<JsonElement> PostJsonAsync(string url, string json, HttpStatusCode expected, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await Client.SendAsync(request);
        return await ReadAsync(response, expected, url);
    }

    /// <summary>Asserts that a problem+json body names <paramref name="where"/> with a message containing <paramref name="fragment"/>.</summary>
    public static void AssertNames(JsonElement problem, string where, string fragment) =>
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("where").GetString() == where && e.GetProperty("message").GetString()!.Contains(fragment));

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string url)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        if ((int)expected >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

public sealed class SampleService() : ServiceFixture("sample", TestPaths.SampleData);

public sealed class MiniService() : ServiceFixture("mini", TestPaths.Mini);

/// <summary>
/// The office's month on a hand-made district (TestData/office: the mini district's geometry with posts, a roster with
/// history and units) under a fake clock in China Standard Time, so bulletins, reports and assessments are computed for
/// known days. The clock starts at 2026-10-01 09:00 (+08:00), when the dataset is loaded.
/// </summary>
public sealed class OfficeService() : ServiceFixture("office", TestPaths.Office)
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(Start);

    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));

    /// <summary>Moves the clock to <paramref name="instant"/> (never backwards: a frozen past must stay past).</summary>
    public void SetNow(DateTimeOffset instant)
    {
        if (instant < Clock.GetUtcNow()) throw new InvalidOperationException($"the clock is at {Clock.GetUtcNow():O}, after {instant:O}");
        Clock.SetUtcNow(instant);
    }
}
