using System.Globalization;
using System.Threading.RateLimiting;
using RiverGis.Api.Accounts;
using RiverGis.Api.Http;

namespace RiverGis.Api.Limits;

/// <summary>
/// Rate limits on writes (ASP.NET Core's rate limiter, fixed one-minute windows): anonymous clients per client address
/// (default 10 a minute), signed-in users per user (120), Open311 apps per valid api_key (600). Reads are not limited
/// here. A refused request is a 429 problem with Retry-After and is never stored.
/// </summary>
public static class WriteRateLimits
{
    /// <summary>HttpContext.Items key of a valid Open311 api_key (set before the limiter runs; see Open311).</summary>
    public static readonly object AppKey = new();

    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LimitOptions>(configuration.GetSection("Limits"));
        var limits = configuration.GetSection("Limits").Get<LimitOptions>() ?? new LimitOptions();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits));
            o.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease, limits);
        });
        return services;
    }

    /// <summary>
    /// Before the limiter: an Open311 POST with an api_key of Open311:ApiKeys counts against its application's bucket
    /// (the key from the query string or the form; reading the form here leaves it for the endpoint). A key that is not
    /// configured is refused by the Open311 endpoint itself (403).
    /// </summary>
    public static WebApplication UseOpen311AppKeys(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/open311"))
            {
                var keys = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Issues.Open311Options>>().Value.ApiKeys;
                var key = http.Request.Query["api_key"].FirstOrDefault()
                    ?? (http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))["api_key"].FirstOrDefault() : null);
                if (key is not null && keys.Contains(key)) http.Items[AppKey] = key;
            }
            await next(http);
        });
        return app;
    }

    private static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Who a write counts against, and how many a minute that one may make.</summary>
    public static (string Key, int PerMinute, string Who) Bucket(HttpContext http, LimitOptions limits)
    {
        var caller = Caller.From(http);
        // Sign-ins have a bucket of their own per address: password guessing is slowed, and public reports from the
        // same address (an office behind one NAT) do not keep staff from signing in.
        if (http.Request.Path.StartsWithSegments("/api/auth"))
            return ("sign-in:" + (caller.ClientAddress ?? "unknown"), limits.SignInsPerMinute, "sign-ins from one address");
        if (!caller.IsAnonymous) return ("user:" + caller.Username, limits.UserWritesPerMinute, "a signed-in user");
        if (http.Items[AppKey] is string key) return ("app:" + key, limits.AppWritesPerMinute, "an Open311 application (api_key)");
        return ("address:" + (caller.ClientAddress ?? "unknown"), limits.AnonymousWritesPerMinute, "anonymous clients of one address");
    }

    private static RateLimitPartition<string> Partition(HttpContext http, LimitOptions limits)
    {
        if (!IsWrite(http.Request.Method)) return RateLimitPartition.GetNoLimiter("reads");
        var (key, perMinute, _) = Bucket(http, limits);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, LimitOptions limits)
    {
        var (_, perMinute, who) = Bucket(http, limits);
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Create(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"At most {perMinute} writes a minute for {who}; retry after {retry} s. Signed-in users and Open311 applications with an api_key have higher limits.",
                [new("rate_limit", $"{perMinute} writes per minute")])
            .ExecuteAsync(http);
    }
}
