using Npgsql;
using RiverGis.Api.Store;

namespace RiverGis.Api.Http;

public static class HealthEndpoints
{
    /// <summary>/health: 200 only when the database answers (load balancers and the README's smoke test use it).</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (NpgsqlDataSource dataSource, DataVersion version, CancellationToken ct) =>
        {
            try
            {
                await using var cmd = dataSource.CreateCommand("SELECT postgis_lib_version()");
                var postgis = (string?)await cmd.ExecuteScalarAsync(ct);
                version.Invalidate();
                return Results.Ok(new { status = "ok", postgis, data_version = await version.CurrentAsync(ct) });
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, "Database unavailable", ex.Message, []);
            }
        }).WithName("Health").WithTags("Service");
    }
}
