using RiverGis.Api.Accounts;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RiverGis.Api.Datasets;

/// <summary>Rows per table of one dataset.</summary>
public sealed record DatasetCounts(long AdminAreas, long Chiefs, long Rivers, long Segments, long Outlets, long PatrolTracks);

/// <summary>A loaded dataset: what a client offers as a "district" to zoom to. <c>bbox</c> is [minLon, minLat, maxLon, maxLat], null when empty.</summary>
public sealed record DatasetSummary(string Code, string Name, DateTimeOffset ImportedAt, DatasetCounts Counts, double[]? Bbox);

/// <summary>The datasets loaded (code, name, when, counts, lon/lat extent).</summary>
public static class DatasetEndpoints
{
    public static void MapDatasets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/datasets", List).WithTags("Service").WithName("Datasets").WithSummary("The datasets loaded, with counts and extents").AllowAnyone();
    }

    private static async Task<Ok<List<DatasetSummary>>> List(DatasetStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Adapt<List<DatasetSummary>>());
}
