using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Faults;

/// <summary>The real service (Kestrel) with a small body limit: every refusal of a request's size is a problem document.</summary>
public sealed class LimitedService : IAsyncLifetime
{
    public const int MaxBody = 64 * 1024;
    public ServiceProcess Service { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        Service = await ServiceProcess.StartAsync(await PostgisServer.CreateDatabaseAsync("limits"), TestPaths.Mini,
            new Dictionary<string, string> { ["RiverGis__MaxRequestBytes"] = MaxBody.ToString() });
        Http.BaseAddress = new Uri(Service.BaseUrl);
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}

public sealed class RequestLimitTests(LimitedService fixture) : IClassFixture<LimitedService>
{
    private static string Oversized() => "{\"type\": \"Feature\", \"properties\": {\"description\": \"" + new string('x', LimitedService.MaxBody * 2) + "\"}}";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_is_a_413_problem_with_or_without_content_length(bool chunked)
    {
        HttpContent content = new StringContent(Oversized(), Encoding.UTF8, "application/json");
        if (chunked)
        {
            content = new ChunkedContent(Oversized());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/issues") { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;
        var response = await fixture.Http.SendAsync(request);
        var problem = await ServiceFixture.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge, chunked ? "chunked" : "content-length");
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_request_target_over_the_limit_is_a_414_problem()
    {
        var response = await fixture.Http.GetAsync("/api/issues?area_code=" + new string('1', 10_000));
        var problem = await ServiceFixture.ReadAsync(response, HttpStatusCode.RequestUriTooLong, "long target");
        Assert.Equal(414, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Headers_over_the_limit_are_a_431_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/issues");
        for (var i = 0; i < 8; i++) request.Headers.Add($"X-Padding-{i}", new string('p', 6_000));
        var response = await fixture.Http.SendAsync(request);
        var problem = await ServiceFixture.ReadAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "big headers");
        Assert.Equal(431, problem.GetProperty("status").GetInt32());
    }

    /// <summary>A body of unknown length (Transfer-Encoding: chunked), as a streaming client sends it.</summary>
    private sealed class ChunkedContent(string text) : HttpContent
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _bytes.Length; offset += 8192)
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(8192, _bytes.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
