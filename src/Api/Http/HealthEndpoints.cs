using RiverGis.Api.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiverGis.Api.Analysis;
using RiverGis.Api.Faults;
using RiverGis.Api.Store;

namespace RiverGis.Api.Http;

/// <summary>The service is up and its database answers.</summary>
public sealed record HealthResponse(string Status, string? Postgis, long DataVersion);

public static class HealthEndpoints
{
    /// <summary>What keeps answering from memory while the database is away (the 503 of /health lists it).</summary>
    public static readonly string[] AnsweredFromMemory =
    [
        "issue routing (/api/responsible)",
        "network navigation (/api/network/navigate, /api/network/snap)",
        "responsibility analyses (/api/analysis/coverage-gaps, overlaps, cross-boundary, crossings, border-rivers; /api/rivers/{code}/profile)",
    ];

    /// <summary>/health: 200 only when the database answers (load balancers and the README's smoke test use it).</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check).WithName("Health").WithTags("Service").WithSummary("200 when the service and its database answer")
            .WithDescription("503 while the database is away: the problem lists what still answers from memory (`still_answering`) and the data version it holds.")
            .AllowAnyone();
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> Check(HttpContext http, HealthStore store, DataVersion version,
        SystemSnapshots snapshots, IOptions<FaultOptions> faults, CancellationToken ct)
    {
        try
        {
            var postgis = await store.PostgisVersionAsync(ct);
            version.Invalidate();
            return TypedResults.Ok(new HealthResponse("ok", postgis, await version.CurrentAsync(ct)));
        }
        catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex) || ex is InvalidOperationException)
        {
            http.Response.Headers.RetryAfter = faults.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var snapshot = snapshots.Latest;
            return ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                $"The database does not answer ({ex.GetBaseException().Message}). " +
                (snapshot is null ? "No data is in memory yet." : $"Data version {snapshot.Version} is in memory and keeps answering."), [],
                new Dictionary<string, object?>
                {
                    ["still_answering"] = snapshot is null ? Array.Empty<string>() : AnsweredFromMemory,
                    ["data_version"] = snapshot?.Version,
                });
        }
    }
}
