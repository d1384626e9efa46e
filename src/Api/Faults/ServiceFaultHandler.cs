using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using RiverGis.Api.Http;

namespace RiverGis.Api.Faults;

/// <summary>Configuration of how the service answers while something it depends on is away (section "Faults").</summary>
public sealed class FaultOptions
{
    /// <summary>Seconds a client is told to wait (Retry-After) when the database is unavailable.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}

/// <summary>
/// The one place exceptions become responses other than a 500: the database being away is a 503 with Retry-After
/// (the request changed nothing, a retry later may succeed), and Kestrel's refusals of a request (a body over the size
/// limit also when chunked, a malformed request) keep their status with a problem body. Everything else stays a 500,
/// which is always a bug.
/// </summary>
public sealed class ServiceFaultHandler(IOptions<FaultOptions> options, ILogger<ServiceFaultHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (http.Response.HasStarted) return false;
        if (exception is BadHttpRequestException bad)
        {
            await Refused(http, bad).ExecuteAsync(http);
            return true;
        }
        if (!DatabaseFaults.IsUnavailable(exception)) return false;
        logger.LogWarning("Database unavailable during {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        await Unavailable(http, options.Value.RetryAfterSeconds).ExecuteAsync(http);
        return true;
    }

    private static Endpoint? RoutedTo(HttpContext http) => http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();

    /// <summary>The 503 of a request that needed the database while it was away.</summary>
    public static IResult Unavailable(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Refusals.Of(RoutedTo(http), http, StatusCodes.Status503ServiceUnavailable, "Database unavailable",
            "The database is not reachable at the moment; nothing was changed. Retry after the time in Retry-After " +
            "(writes: with the same Idempotency-Key). Routing, network navigation and analyses keep answering from memory.");
    }

    private static IResult Refused(HttpContext http, BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Refusals.Of(RoutedTo(http), http, bad.StatusCode, "Payload too large",
            "The request body is larger than the limit (RiverGis:MaxRequestBytes). Split the upload (e.g. one river or area per request).",
            new ProblemItem("body", bad.Message)),
        _ => Refusals.Of(RoutedTo(http), http, bad.StatusCode, "Bad request", "The request could not be read.", new ProblemItem("request", bad.Message)),
    };
}
