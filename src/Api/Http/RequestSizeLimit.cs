namespace RiverGis.Api.Http;

/// <summary>
/// Refuses request bodies above a size limit (default 50 MB, RiverGis:MaxRequestBytes) with a problem+json 413 before
/// reading them, instead of Kestrel's bare 413, so uploads of huge GeoJSON get a message that says what to do.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, IConfiguration configuration)
{
    private readonly long _limit = configuration.GetValue<long?>("RiverGis:MaxRequestBytes") ?? 50L * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length && length > _limit)
        {
            await ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                    $"The request body has {length} bytes; the limit is {_limit} bytes. Split the upload (e.g. one river or area per request).", [])
                .ExecuteAsync(context);
            return;
        }
        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = _limit;
        await next(context);
    }
}
