using System.Diagnostics;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>The service's executable run as a user runs it: a process with arguments, a working directory and a database.</summary>
public static class CliProcess
{
    /// <summary>A connection string nothing listens on: a verb that touches the database fails on it.</summary>
    public const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2";

    public static Task<(int Code, string Output)> RunAsync(string connection, string? workingDirectory, params string[] args) =>
        RunWithInputAsync(connection, workingDirectory, null, args);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="input"/> on standard input (e.g. a password).</summary>
    public static async Task<(int Code, string Output)> RunWithInputAsync(string connection, string? workingDirectory, string? input, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RiverGis.Api.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["RIVERGIS_CONNECTION"] = connection;
        using var process = Process.Start(info)!;
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
