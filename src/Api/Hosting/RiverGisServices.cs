using System.Text.Json;
using Npgsql;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Database;
using RiverGis.Api.Datasets;
using RiverGis.Api.Demarcation;
using RiverGis.Api.Features;
using RiverGis.Api.Http;
using RiverGis.Api.Issues;
using RiverGis.Api.Network;
using RiverGis.Api.Patrols;
using RiverGis.Api.Photos;
using RiverGis.Api.Routing;
using RiverGis.Api.Store;
using RiverGis.Api.Tiles;

namespace RiverGis.Api.Hosting;

/// <summary>Dependency-injection registration of the service's capabilities.</summary>
public static class RiverGisServices
{
    /// <summary>The PostGIS store and the services that only need it (also used by the command-line verbs).</summary>
    public static IServiceCollection AddRiverGisStore(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.UseNetTopologySuite();
            return builder.Build();
        });
        services.AddSingleton<DataVersion>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<VectorTileStore>();
        return services;
    }

    public static IServiceCollection AddRiverGis(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        services.AddRiverGisStore(connectionString);
        ResponseMappings.Configure();
        services.Configure<DatabaseInitializerOptions>(configuration.GetSection("RiverGis"));
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<FeatureStore>();
        services.AddProblemDetails();
        services.AddGateway(configuration);
        // GeoJSON and tiles compress 5–10×; clients that do not ask for it (wrk, pgbench-like tools) get plain bodies.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["application/geo+json", "application/json", "application/vnd.mapbox-vector-tile", "text/csv", "application/schema+json"];
        });
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddSingleton<RiverSystemLoader>();
        services.AddSingleton<SystemSnapshots>();
        services.AddHostedService<SnapshotWarmup>();
        services.AddSingleton(TimeProvider.System);
        services.Configure<IssueOptions>(configuration.GetSection("Issues"));
        services.AddSingleton<IssueStore>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<HealthStore>();
        services.AddSingleton<IssueIntake>();
        services.Configure<Open311Options>(configuration.GetSection("Open311"));
        services.AddSingleton<Open311Store>();
        services.AddSingleton<Open311Requests>();

        services.Configure<PatrolOptions>(configuration.GetSection("Patrols"));
        services.AddSingleton<PatrolStore>();
        services.AddSingleton<PatrolRoster>();
        services.AddSingleton<PatrolIntake>();
        services.AddSingleton<PatrolLedger>();
        services.AddSingleton<PatrolComplianceService>();
        services.AddSingleton<PhotoStore>();
        services.AddSingleton<IPhotoBlobStore, PostgresPhotoBlobStore>();
        services.AddSingleton<PhotoService>();
        services.AddRiverGisOpenApi();
        return services;
    }

    public static WebApplication MapRiverGis(this WebApplication app)
    {
        app.UseGateway();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimit>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiReference();
        app.MapHealth();
        app.MapDatasets();
        app.MapOgcFeatures();
        app.MapVectorTiles();
        app.MapAnalysis();
        app.MapPatrols();
        app.MapPhotos();
        app.MapResponsible();
        app.MapIssues();
        app.MapOpen311();
        app.MapNetwork();
        app.MapDemarcation();
        return app;
    }
}
