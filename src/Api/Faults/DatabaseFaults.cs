using System.Net.Sockets;
using Npgsql;

namespace RiverGis.Api.Faults;

/// <summary>
/// Which exceptions mean "the database is away" (and a retry later may succeed) rather than a bug: refused or broken
/// connections, a server shutting down (57P01/57P02) or starting up (57P03), too many connections, timeouts.
/// </summary>
public static class DatabaseFaults
{
    // 08: connection exceptions; 57P0x: shutdown, crash shutdown, cannot connect now; 53300: too many connections;
    // 58: system errors (I/O) of the server.
    private static readonly string[] UnavailableStates = ["08", "57P01", "57P02", "57P03", "57P04", "53300", "58"];

    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return UnavailableStates.Any(s => pg.SqlState.StartsWith(s, StringComparison.Ordinal));
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException or TimeoutException or EndOfStreamException:
                    return true;
                case IOException when e.InnerException is null or SocketException:
                    return true;
            }
        }
        return false;
    }
}
