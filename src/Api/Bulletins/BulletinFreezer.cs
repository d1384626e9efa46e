using Microsoft.Extensions.Options;
using RiverGis.Geo.Calendar;

namespace RiverGis.Api.Bulletins;

/// <summary>
/// Freezes each month's bulletin when its cut-off passes (checked every few minutes on the injected clock), so the
/// stored lights are those of the cut-off even if nobody asks for the bulletin that day. Freezing is idempotent and
/// computed as of the cut-off from the histories, so a late or repeated freeze gives the same bulletin.
/// </summary>
public sealed class BulletinFreezer(BulletinService bulletins, TimeProvider clock, ILogger<BulletinFreezer> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await bulletins.FreezeAsync(bulletins.Options.Cutoff.LatestFrozen(clock.GetUtcNow()), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Freezing the bulletin failed; retried in {Minutes} minutes", Every.TotalMinutes);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
