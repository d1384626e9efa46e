using System.Diagnostics;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>What a program printed, each stream apart, and how it exited.</summary>
public sealed record ToolRun(int Code, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>Runs a program (GDAL, QGIS and OWSLib scripts, the service's own verbs) as a user would, collecting its exit code and output.</summary>
public static class Tool
{
    /// <summary>Runs a program to its end, or kills it after <paramref name="timeout"/> (default 3 minutes) and fails.</summary>
    public static async Task<ToolRun> RunToEndAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish in time:\n{await stdout}{await stderr}");
        }
        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var run = await RunToEndAsync(program, arguments, environment);
        return (run.Code, run.Output);
    }

    /// <summary>Runs a program that must succeed; its output.</summary>
    public static async Task<string> RunOkAsync(string program, params string[] arguments)
    {
        var (code, output) = await RunAsync(program, arguments);
        Assert.True(code == 0, $"{program} {string.Join(' ', arguments)} exited {code}:\n{output}");
        return output;
    }

    /// <summary>A verb of the service's own executable (`dotnet RiverGis.Api.dll &lt;verb&gt; …`) against a database.</summary>
    public static Task<(int Code, string Output)> RiverGisAsync(string connectionString, params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "RiverGis.Api.dll"), .. arguments],
            new Dictionary<string, string> { ["RIVERGIS_CONNECTION"] = connectionString });
}
