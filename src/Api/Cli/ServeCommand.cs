using System.CommandLine;
using RiverGis.Api.Database;
using RiverGis.Api.Hosting;

namespace RiverGis.Api.Cli;

/// <summary>`serve`: the HTTP service on http://127.0.0.1:8080 unless --urls or ASPNETCORE_URLS say otherwise.</summary>
public sealed class ServeCommand : Command
{
    public const string Verb = "serve";
    public const string DefaultUrl = "http://127.0.0.1:8080";

    private readonly Option<string> _urls = new("--urls") { Description = $"Addresses to listen on (default {DefaultUrl}).", HelpName = "URL" };

    public ServeCommand() : base(Verb, "Run the HTTP service (the default verb). Provisions PostGIS when RIVERGIS_CONNECTION is not " +
                                       "set and loads data/rivers into an empty database. Other options are ASP.NET Core " +
                                       "configuration (--contentRoot, --Section:Key=value).")
    {
        Options.Add(_urls);
        // The host's own configuration arguments pass through untouched.
        TreatUnmatchedTokensAsErrors = false;
        SetAction((result, ct) =>
        {
            string[] urls = result.GetValue(_urls) is { } u ? ["--urls", u] : [];
            return RunAsync([.. result.UnmatchedTokens, .. urls], ct);
        });
    }

    private static async Task<int> RunAsync(string[] hostArgs, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = ContentRoot(hostArgs) });
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        await using var database = await DatabaseConnection.ResolveAsync(builder.Configuration, Console.WriteLine, ct);
        builder.Services.AddRiverGis(database.ConnectionString, builder.Configuration);
        var app = builder.Build();
        app.MapRiverGis();
        // The host's own lifetime handles Ctrl+C and SIGTERM (graceful shutdown, then the local cluster stops).
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// Where the web map's files are: --contentRoot when given, else the working directory when it holds wwwroot,
    /// else src/Api of the checkout (`dotnet run --project src/Api` from the repository root, or the binary started
    /// from elsewhere).
    /// </summary>
    private static string? ContentRoot(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))) return null;
        if (Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"))) return null;
        var source = Path.Combine(ProjectPaths.Root, "src", "Api");
        return Directory.Exists(Path.Combine(source, "wwwroot")) ? source : null;
    }
}
