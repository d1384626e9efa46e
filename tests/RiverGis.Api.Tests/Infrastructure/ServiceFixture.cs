using System.Net;
using System.Text;
using System.Text.Json;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>The in-process service over a fresh database loaded with a dataset folder, shared by one test class.</summary>
public abstract class ServiceFixture(string purpose, string dataFolder) : IAsyncLifetime
{
    public RiverGisFactory Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string ConnectionString => Factory.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        Factory = await RiverGisFactory.CreateAsync(purpose, dataFolder);
        Client = Factory.CreateClient();
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
