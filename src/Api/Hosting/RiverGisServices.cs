using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Assessment;
using RiverGis.Api.Bulletins;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Audit;
using RiverGis.Api.Database;
using RiverGis.Api.Datasets;
using RiverGis.Api.Demarcation;
using RiverGis.Api.Faults;
using RiverGis.Api.Features;
using RiverGis.Api.Http;
using RiverGis.Api.Idempotency;
using RiverGis.Api.Issues;
using RiverGis.Api.Limits;
using RiverGis.Api.Network;
using RiverGis.Api.Roster;
using RiverGis.Api.Rechecks;
using RiverGis.Api.Reports;
using RiverGis.Api.Patrols;
using RiverGis.Api.Photos;
using RiverGis.Api.Routing;
using RiverGis.Api.Store;
using RiverGis.Api.Tiles;
using RiverGis.Api.Water;
using RiverGis.Api.Lakes;
using RiverGis.Api.Outlets;
using RiverGis.Api.Signboards;
using RiverGis.Api.Units;
using RiverGis.Api.Tasks;
using RiverGis.Api.Figures;

namespace RiverGis.Api.Hosting;

/// <summary>Dependency-injection registration of the service's capabilities.</summary>
public static class RiverGisServices
{
    /// <summary>The PostGIS store and the services that only need it (also used by the command-line verbs).</summary>
    public static IServiceCollection AddRiverGisStore(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => BuildDataSource(connectionString));
        services.TryAddSingleton(sp => new ReadReplica(sp.GetRequiredService<NpgsqlDataSource>(), false));
        services.AddSingleton<DataVersion>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<DatasetImporter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<VectorTileStore>();
        return services;
    }

    /// <summary>
    /// A data source for a connection string; one naming several hosts (Host=a:5432,b:5432;Target Session
    /// Attributes=primary) fails over between them — after a standby is promoted the service follows without a restart.
    /// </summary>
    private static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        if (builder.ConnectionStringBuilder.Host?.Contains(',') != true) return builder.Build();
        var target = builder.ConnectionStringBuilder.TargetSessionAttributes?.Replace("-", "") is { Length: > 0 } text
            && Enum.TryParse<TargetSessionAttributes>(text, ignoreCase: true, out var parsed) ? parsed : TargetSessionAttributes.Any;
        return builder.BuildMultiHost().WithTargetSession(target);
    }

    public static IServiceCollection AddRiverGis(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        var readConnection = configuration[ReadReplica.EnvironmentVariable] ?? Environment.GetEnvironmentVariable(ReadReplica.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(readConnection))
            services.AddSingleton(_ => new ReadReplica(BuildDataSource(readConnection), true));
        services.AddRiverGisStore(connectionString);
        ResponseMappings.Configure();
        services.Configure<DatabaseInitializerOptions>(configuration.GetSection("RiverGis"));
        services.AddSingleton<DemoAccounts>();
        services.AddHostedService<DatabaseInitializer>();
        // After the initializer (hosted services start in the order they are added): the migrations (the data_version
        // trigger, the signing key table) are in place when these start.
        services.AddHostedService<DataChangeListener>();
        services.Configure<PartitionOptions>(configuration.GetSection("Partitions"));
        services.AddHostedService<PartitionMaintenance>();
        services.AddHostedService<SigningKeyLoader>();
        services.AddRiverGisAuthentication(configuration);
        services.AddWriteRateLimits(configuration);
        services.AddSingleton<AuditStore>();
        // Feature pages may come from the read replica (RIVERGIS_READ_CONNECTION).
        services.AddSingleton(sp => new FeatureStore(sp.GetRequiredService<ReadReplica>().DataSource, sp.GetRequiredService<DataVersion>()));
        services.AddProblemDetails();
        services.Configure<FaultOptions>(configuration.GetSection("Faults"));
        services.AddExceptionHandler<ServiceFaultHandler>();
        services.AddRequestScreening(configuration);
        services.AddGateway(configuration);
        // GeoJSON and tiles compress 5–10×; clients that do not ask for it (wrk, pgbench-like tools) get plain bodies.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["application/geo+json", "application/json", "application/vnd.mapbox-vector-tile", "text/csv", "application/schema+json"];
        });
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddSingleton<RiverSystemLoader>();
        services.Configure<WaterOptions>(configuration.GetSection("Water"));
        services.AddSingleton<WaterStore>();
        services.AddSingleton<WaterQualityService>();
        services.AddSingleton<SampleIntake>();
        services.AddSingleton<SectionEditor>();
        services.AddSingleton<OutletStore>();
        services.AddSingleton<SignboardStore>();
        services.AddSingleton<LakeStore>();
        services.AddSingleton<RiverWaterFiles>();
        services.AddSingleton<SystemSnapshots>();
        services.AddHostedService<SnapshotWarmup>();
        services.Configure<IssueOptions>(configuration.GetSection("Issues"));
        services.AddSingleton<IssueStore>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<HealthStore>();
        services.AddSingleton<IdempotentWrites>();
        services.AddSingleton<IssueIntake>();
        services.AddSingleton<IssueTransitions>();
        services.Configure<Open311Options>(configuration.GetSection("Open311"));
        services.AddSingleton<Open311Store>();
        services.AddSingleton<Open311Requests>();
        services.AddSingleton<RosterStore>();
        services.AddSingleton<RosterService>();
        services.AddSingleton<PastSystems>();
        services.AddSingleton<UnitStore>();
        services.AddSingleton<UnitService>();
        services.Configure<PlanTaskOptions>(configuration.GetSection("Tasks"));
        services.AddSingleton<PlanTaskStore>();
        services.AddSingleton<PlanTaskService>();
        services.AddSingleton<IPatrolComplianceFigures, PlanPatrolCompliance>();
        services.AddSingleton<IWaterQualityFigures, SectionWaterQualityFigures>();
        services.Configure<BulletinOptions>(configuration.GetSection("Bulletins"));
        services.AddSingleton<BulletinStore>();
        services.AddSingleton<BulletinService>();
        services.AddHostedService<BulletinFreezer>();
        services.Configure<RecheckOptions>(configuration.GetSection("Rechecks"));
        services.AddSingleton<RecheckStore>();
        services.AddSingleton<RecheckService>();
        services.Configure<ReportOptions>(configuration.GetSection("Reports"));
        services.AddSingleton<ReportStore>();
        services.AddSingleton<MonthlyReportService>();
        services.Configure<AssessmentOptions>(configuration.GetSection("Assessment"));
        services.AddSingleton<SanctionStore>();
        services.AddSingleton<AssessmentService>();

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
        // Inside compression: it reads the /docs page to hash its inline script.
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimit>();
        app.UseMiddleware<RequestScreening>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Who is calling (token or session cookie; antiforgery for cookie writes), then whether they may, then how often.
        app.UseRiverGisAuthentication();
        app.UseOpen311AppKeys();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnyone();
        app.MapApiReference();
        app.MapAuth();
        app.MapUsers();
        app.MapAudit();
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
        app.MapWater();
        app.MapLakes();
        app.MapOutlets();
        app.MapSignboards();
        app.MapRoster();
        app.MapUnits();
        app.MapPlanTasks();
        app.MapBulletins();
        app.MapRechecks();
        app.MapMonthlyReports();
        app.MapAssessment();
        AccessConventions.AssertDeclared(((IEndpointRouteBuilder)app).DataSources);
        return app;
    }
}
