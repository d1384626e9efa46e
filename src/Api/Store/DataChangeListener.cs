using Npgsql;

namespace RiverGis.Api.Store;

/// <summary>
/// Hears data changes announced by the primary (LISTEN on the channel the data_version trigger of migration 0040
/// notifies), so every instance on the same PostgreSQL moves to the new version within a second without polling.
/// While the listening connection is lost, <see cref="DataVersion"/> falls back to polling; the listener reconnects
/// every few seconds and, once back, re-reads the version (a change made meanwhile was not announced to it). While
/// connected it also re-reads the version every <see cref="SlowPoll"/> as a safety net.
/// </summary>
public sealed class DataChangeListener(NpgsqlDataSource dataSource, DataVersion dataVersion, ILogger<DataChangeListener> logger) : BackgroundService
{
    public const string Channel = "rivergis_data_version";
    private static readonly TimeSpan SlowPoll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, out var version)) dataVersion.Announce(version);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                dataVersion.Listening(true);
                if (lost) logger.LogInformation("Listening for data changes again");
                lost = false;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await ReadVersionAsync(connection, stoppingToken);
                    await connection.WaitAsync(SlowPoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                dataVersion.Listening(false);
                dataVersion.Unreachable();
                if (!lost) logger.LogWarning("Listening for data changes failed ({Message}); polling until the database answers again", ex.GetBaseException().Message);
                lost = true;
                try
                {
                    await Task.Delay(Reconnect, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ReadVersionAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT version FROM data_version", connection);
        if (await cmd.ExecuteScalarAsync(ct) is long version) dataVersion.Announce(version);
    }
}
