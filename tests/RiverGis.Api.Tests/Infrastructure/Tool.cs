using System.Diagnostics;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>Runs a program (GDAL, the service's own verbs) as a user would, collecting its exit code and output.</summary>
public static class Tool
{
    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
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
