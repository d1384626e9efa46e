using RiverGis.Api.Database;
using RiverGis.Api.Hosting;

namespace RiverGis.Api.Cli;

/// <summary>`serve`: the HTTP service on http://127.0.0.1:8080 unless --urls or ASPNETCORE_URLS say otherwise.</summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot(args) });
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        await using var database = await DatabaseConnection.ResolveAsync(builder.Configuration, Console.WriteLine);
        builder.Services.AddRiverGis(database.ConnectionString, builder.Configuration);
        var app = builder.Build();
        app.MapRiverGis();
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// Where the web map's files are: --contentRoot when given, else the working directory when it holds wwwroot
    /// (`dotnet run` in src/Api), else src/Api of the checkout (the binary started from elsewhere).
    /// </summary>
    private static string? ContentRoot(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))) return null;
        if (Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"))) return null;
        var source = Path.Combine(ProjectPaths.Root, "src", "Api");
        return Directory.Exists(Path.Combine(source, "wwwroot")) ? source : null;
    }
}
