using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Hosting;

namespace RiverGis.Api.Cli;

/// <summary>The store services without the web host, for verbs that work on the database directly.</summary>
public static class CommandLineServices
{
    public static ServiceProvider Build(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddRiverGisStore(connectionString);
        return services.BuildServiceProvider();
    }
}
