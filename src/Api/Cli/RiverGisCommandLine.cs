namespace RiverGis.Api.Cli;

/// <summary>Dispatches the command-line verbs. The first argument is the verb unless it is an option (then: serve).</summary>
public static class RiverGisCommandLine
{
    public const string Usage = """
        RiverGis — river chief system GIS service

        Usage:
          serve [--urls http://127.0.0.1:8080]    run the service (default verb); provisions PostGIS when
                                                  RIVERGIS_CONNECTION is not set, loads data/rivers when empty
          import [--strict] [--crs EPSG:4527] <dataset-folder>
                                                  validate and load a dataset folder (or a folder of them);
                                                  layers as GeoJSON, Shapefile (.shp/.zip) or GeoPackage
          check <segments.geojson|.zip|.shp|.gpkg> [--crs EPSG:4527]
                                                  check a proposed demarcation against the stored data
          generate --rivers N --seed S <folder>   write a synthetic province-sized dataset

        Environment:
          RIVERGIS_CONNECTION   Npgsql connection string; when unset a project-local PostGIS cluster is used
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        try
        {
            return verb switch
            {
                "serve" => await ServeCommand.RunAsync(rest),
                "import" => await ImportCommand.RunAsync(rest),
                "check" => await CheckCommand.RunAsync(rest),
                "generate" => await GenerateCommand.RunAsync(rest),
                "help" or "--help" or "-h" => PrintUsage(0),
                _ => Unknown(verb),
            };
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    private static int Unknown(string verb)
    {
        Console.Error.WriteLine($"unknown verb '{verb}'");
        return PrintUsage(2);
    }

    private static int PrintUsage(int code)
    {
        (code == 0 ? Console.Out : Console.Error).WriteLine(Usage);
        return code;
    }
}
