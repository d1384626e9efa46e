using RiverGis.Api.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RiverGis.Api.Store;

namespace RiverGis.Api.Http;

/// <summary>The service is up and its database answers.</summary>
public sealed record HealthResponse(string Status, string? Postgis, long DataVersion);

public static class HealthEndpoints
{
    /// <summary>/health: 200 only when the database answers (load balancers and the README's smoke test use it).</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check).WithName("Health").WithTags("Service").WithSummary("200 when the service and its database answer").AllowAnyone();
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> Check(HealthStore store, DataVersion version, CancellationToken ct)
    {
        try
        {
            var postgis = await store.PostgisVersionAsync(ct);
            version.Invalidate();
            return TypedResults.Ok(new HealthResponse("ok", postgis, await version.CurrentAsync(ct)));
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, "Database unavailable", ex.Message, []);
        }
    }
}
