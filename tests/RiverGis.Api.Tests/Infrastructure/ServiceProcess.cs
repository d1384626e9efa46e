using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RiverGis.Api.Database;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>
/// The real service as a separate process on a loopback port (Kestrel, not the in-memory test server), for clients
/// that need a real socket: GDAL's OAPIF driver and headless Chromium.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServiceProcess(Process process, string baseUrl, string connectionString)
    {
        _process = process;
        BaseUrl = baseUrl;
        ConnectionString = connectionString;
    }

    public string BaseUrl { get; }
    public string ConnectionString { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts `serve` over a fresh database loaded with <paramref name="dataFolder"/>; returns once /health answers.</summary>
    public static async Task<ServiceProcess> StartAsync(string purpose, string dataFolder) =>
        await StartAsync(await PostgisServer.CreateDatabaseAsync(purpose), dataFolder, new Dictionary<string, string>());

    /// <summary>Starts `serve` over the database of <paramref name="connection"/> with extra environment (configuration) settings.</summary>
    public static async Task<ServiceProcess> StartAsync(string connection, string dataFolder, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "RiverGis.Api.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(ProjectPaths.Root, "src", "Api"),
        };
        foreach (var a in new[] { dll, "serve", "--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.Combine(ProjectPaths.Root, "src", "Api") })
            info.ArgumentList.Add(a);
        info.Environment[DatabaseConnection.EnvironmentVariable] = connection;
        info.Environment["RiverGis__SampleDataFolder"] = dataFolder;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // One browser and the tests' own client share 127.0.0.1: the shipped rate limits are tested elsewhere (RateLimitTests).
        foreach (var (key, value) in RiverGisFactory.TestLimits) info.Environment[key.Replace(":", "__")] = value;
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info)!;
        var service = new ServiceProcess(process, $"http://127.0.0.1:{port}", connection);
        process.OutputDataReceived += (_, e) => { lock (service._output) service._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (service._output) service._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("The service exited:\n" + service.Output);
            try
            {
                if ((await http.GetAsync(service.BaseUrl + "/health")).IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        await service.DisposeAsync();
        throw new TimeoutException("The service did not become healthy:\n" + service.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
