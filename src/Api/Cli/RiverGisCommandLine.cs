using System.CommandLine;
using System.CommandLine.Invocation;

namespace RiverGis.Api.Cli;

/// <summary>
/// The command line (System.CommandLine): one verb a <see cref="Command"/> class in this folder, listed in
/// <see cref="Verbs"/>. Parsing happens before anything runs, so `--help` and bad arguments never touch the database;
/// bad arguments exit with <see cref="UsageError"/>. Without a verb (or with only options) the verb is `serve`.
/// Relative paths are relative to the caller's directory (the csproj's RunWorkingDirectory keeps it under `dotnet run`).
/// </summary>
public static class RiverGisCommandLine
{
    /// <summary>Exit code of a command line that cannot be parsed (and of `check` on an unreadable file).</summary>
    public const int UsageError = 2;

    /// <summary>Every verb. A new verb (or a group like `users add|list|disable`) is one class and one line here.</summary>
    private static IEnumerable<Command> Verbs() => [new ServeCommand(), new ImportCommand(), new CheckCommand(), new GenerateCommand(), new UsersCommand()];

    public static RootCommand Build()
    {
        var root = new RootCommand("RiverGis — 河长制 river chief system GIS service. Environment: RIVERGIS_CONNECTION (Npgsql " +
                                   "connection string; when unset a project-local PostGIS cluster is used).");
        foreach (var verb in Verbs()) root.Subcommands.Add(verb);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var result = Build().Parse(WithDefaultVerb(args));
        if (result.Action is ParseErrorAction)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine(error.Message);
            var verb = result.CommandResult.Command;
            Console.Error.WriteLine($"See '{(verb is RootCommand ? "" : verb.Name + " ")}--help'.");
            return UsageError;
        }
        try
        {
            // Signals are left to .NET and to the web host (graceful shutdown), as without the library.
            return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    /// <summary>`serve` when the first argument is not a verb: no arguments, or host options such as `--urls` or
    /// `--contentRoot=…` (WebApplicationFactory starts the entry point that way).</summary>
    private static string[] WithDefaultVerb(string[] args) =>
        args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "/?" or "--version"))
            ? [ServeCommand.Verb, .. args]
            : args;
}
