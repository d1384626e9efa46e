using Microsoft.Extensions.Options;
using RiverGis.Api.Http;

namespace RiverGis.Api.Limits;

/// <summary>An endpoint's request body limit (route metadata); endpoints without one get Limits:BodyBytes.</summary>
public sealed record BodyLimit(bool Upload);

public static class BodyLimitConventions
{
    /// <summary>The endpoint takes uploads: its body may be as large as Limits:UploadBodyBytes.</summary>
    public static TBuilder AcceptsUpload<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(Upload: true));
}

/// <summary>
/// Refuses request bodies above the endpoint's limit with a problem+json 413 before reading them (instead of Kestrel's
/// bare 413), and sets the limit Kestrel enforces while a body of unannounced length is read. The limit is small for
/// every endpoint (64 KiB: a report, a transition) unless its route says it takes uploads.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, IOptions<LimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var upload = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Upload == true;
        var limit = upload ? options.Value.UploadBodyBytes : options.Value.BodyBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            await ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                    $"The request body has {length} bytes; the limit of this endpoint is {limit} bytes."
                    + (upload ? " Split the upload (e.g. one river or area per request)." : ""),
                    [new("body", $"at most {limit} bytes ({(upload ? "Limits:UploadBodyBytes" : "Limits:BodyBytes")})")])
                .ExecuteAsync(context);
            return;
        }
        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        await next(context);
    }
}
