namespace RiverGis.Api.Analysis;

/// <summary>
/// Prepares the in-memory system right after start (after the database initializer), so the first routing request
/// does not pay for loading and indexing. Runs in the background: the service answers /health meanwhile.
/// </summary>
public sealed class SnapshotWarmup(SystemSnapshots snapshots, ILogger<SnapshotWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await snapshots.CurrentAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Preparing the river system at start failed; it will be retried on the first request");
        }
    }
}
