using System.Diagnostics;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>What an external client program (ogrinfo, ogr2ogr, QGIS or OWSLib in Python) printed and how it exited.</summary>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>Runs the real clients the tests compare the service with, with a time limit.</summary>
public static class ExternalTool
{
    public static async Task<ToolRun> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
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

    /// <summary>Runs a program that must succeed; its combined output.</summary>
    public static async Task<string> RunOkAsync(string program, params string[] arguments)
    {
        var run = await RunAsync(program, arguments);
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}");
        return run.Output;
    }
}
