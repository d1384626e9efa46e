using System.Diagnostics;
using RiverGis.Api.Database;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Cli;

/// <summary>
/// The command line as a user meets it: help per verb, bad arguments refused before anything runs (the database
/// given is unreachable, so a verb that touched it would fail differently), and relative paths taken from the
/// caller's directory.
/// </summary>
public sealed class CommandLineTests
{
    public static TheoryData<string[], int, string> HelpAndBadArguments => new()
    {
        { ["--help"], 0, "generate <folder>" },
        { ["import", "--help"], 0, "<folder>" },
        { ["check", "--help"], 0, "--tolerance-m" },
        { ["generate", "--help"], 0, "--rivers <N> (REQUIRED)" },
        { ["serve", "--help"], 0, "--urls" },
        { ["import"], 2, "Required argument missing" },
        { ["import", "a", "b"], 2, "Unrecognized command or argument 'b'" },
        { ["import", "--crs", "EPSG:999999", "."], 2, "--crs: EPSG:999999 is not supported" },
        { ["check", "no-such-file.geojson"], 2, "File does not exist" },
        { ["check", "dataset.json", "--replace", "some"], 2, "'some' not recognized" },
        { ["check", "dataset.json", "--tolerance-m", "-1"], 2, "--tolerance-m must be at least 0" },
        { ["generate", "out"], 2, "Option '--rivers' is required" },
        { ["generate", "--rivers", "0", "out"], 2, "Rivers must be between 1 and" },
        { ["generate", "--rivers", "10", "--centre", "104.5", "out"], 2, "--centre expects LON,LAT" },
        { ["frobnicate"], 2, "Unrecognized command or argument 'frobnicate'" },
        { ["users", "--help"], 0, "disable" },
        { ["users", "add", "--help"], 0, "--role <public|chief|office|admin> (REQUIRED)" },
        { ["users", "add", "--username", "u"], 2, "Option '--role' is required" },
        { ["users", "add", "--username", "u", "--role", "boss"], 2, "'boss' not recognized" },
        { ["users", "disable"], 2, "Required argument missing" },
    };

    [Theory]
    [MemberData(nameof(HelpAndBadArguments))]
    public async Task Help_and_bad_arguments_answer_before_anything_runs(string[] args, int expectedCode, string expectedText)
    {
        var folder = TestPaths.CopyOf(TestPaths.Mini);
        var (code, output) = await CliProcess.RunAsync(CliProcess.Unreachable, folder, args);
        Assert.True(code == expectedCode, $"exit {code}:\n{output}");
        Assert.Contains(expectedText, output);
        Assert.DoesNotContain("127.0.0.1:1", output); // the database was never contacted
        Assert.False(Directory.Exists(Path.Combine(folder, "out")), "a refused generate wrote its folder");
    }

    [Fact]
    public async Task Relative_paths_resolve_from_the_callers_directory()
    {
        var caller = Path.GetDirectoryName(TestPaths.CopyOf(TestPaths.Mini))!;
        var connection = await PostgisServer.CreateDatabaseAsync("clirelative");

        var (code, output) = await CliProcess.RunAsync(connection, caller, "import", "mini");
        Assert.True(code == 0, output);
        Assert.Contains("Imported mini", output);

        (code, output) = await CliProcess.RunAsync(connection, caller, "generate", "--rivers", "12", "--seed", "4", "province");
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(caller, "province", "rivers.geojson")), output);
        Assert.True(File.Exists(Path.Combine(caller, "province.planted_defects.json")), output);
    }

    /// <summary>
    /// `dotnet run --project src/Api` from the repository root must run there, not in src/Api (the Web SDK's default),
    /// or `import data/rivers` looks for src/Api/data/rivers.
    /// </summary>
    [Fact]
    public async Task Dotnet_run_keeps_the_callers_working_directory()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ProjectPaths.Root };
        foreach (var a in new[] { "msbuild", Path.Combine("src", "Api", "RiverGis.Api.csproj"), "-getProperty:RunWorkingDirectory" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(Path.TrimEndingDirectorySeparator(ProjectPaths.Root), Path.TrimEndingDirectorySeparator(output.Trim()));
    }
}
