using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace RiverGis.Api.Http;

/// <summary>Request limits the screening enforces with problem responses (section "RiverGis").</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Longest request target (path and query), in bytes: above it a 414.</summary>
    public int MaxRequestTargetBytes { get; set; } = 8 * 1024;
    /// <summary>Largest total of request header names and values, in bytes: above it a 431.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 32 * 1024;
    /// <summary>Most fields in a form body (Open311): above it a 400.</summary>
    public int MaxFormFields { get; set; } = 100;

    /// <summary>
    /// Kestrel's own limits sit this far above ours, so a request between the two reaches the screening and gets a
    /// problem body instead of Kestrel's bare 414/431 (only a request past Kestrel's limit still gets the bare one).
    /// </summary>
    public const int KestrelHeadroom = 8;
}

/// <summary>
/// Input rules every request passes before its endpoint, in one place: request target and header sizes (414/431),
/// NUL characters and unpaired surrogates in the path, query, headers and form fields, repeated single-valued query
/// parameters, and form field counts — each a problem naming what is wrong and where. JSON bodies get the same text
/// rules where they are parsed (<see cref="BodyJson"/>); dates their range in <see cref="QueryValues"/>.
/// </summary>
public sealed class RequestScreening(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    private readonly RequestLimitOptions _limits = options.Value;

    public async Task InvokeAsync(HttpContext http)
    {
        var problem = Sizes(http) ?? Text(http) ?? Repeated(http);
        if (problem is null && http.Request.HasFormContentType) problem = await FormAsync(http);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    private IResult? Sizes(HttpContext http)
    {
        var request = http.Request;
        var target = request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (target > _limits.MaxRequestTargetBytes)
        {
            return Refusals.Of(http, StatusCodes.Status414UriTooLong, "URI too long",
                $"The request target has {target} characters; the limit is {_limits.MaxRequestTargetBytes}.", new ProblemItem("request target", "too long"));
        }
        long headerBytes = 0;
        foreach (var (name, values) in request.Headers) headerBytes += name.Length + values.Sum(v => v?.Length ?? 0);
        if (headerBytes > _limits.MaxRequestHeaderBytes)
        {
            return Refusals.Of(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request header fields too large",
                $"The request headers have {headerBytes} bytes; the limit is {_limits.MaxRequestHeaderBytes}.", new ProblemItem("headers", "too large"));
        }
        return null;
    }

    private static IResult? Text(HttpContext http)
    {
        var request = http.Request;
        var faults = new List<ProblemItem>();
        if (request.Path.Value is { } path && TextRules.Fault(path) is { } pathFault) faults.Add(new("path", pathFault));
        faults.AddRange(TextFaults(request.Query));
        faults.AddRange(TextFaults(request.Headers));
        return faults.Count == 0 ? null : BadRequest(http, "The request contains text that cannot be stored.", faults.ToArray());
    }

    /// <summary>A parameter given twice (?level=county&amp;level=village) is ambiguous: which one did the client mean?</summary>
    private static IResult? Repeated(HttpContext http)
    {
        var spec = http.GetEndpoint()?.Metadata.GetMetadata<QuerySpec>();
        var repeated = http.Request.Query
            .Where(q => q.Value.Count > 1 && spec?.Parameters.FirstOrDefault(p => p.Name == q.Key) is not { Repeatable: true })
            .Select(q => new ProblemItem(q.Key, $"given {q.Value.Count} times; this parameter takes one value"))
            .ToArray();
        return repeated.Length == 0 ? null : BadRequest(http, "A single-valued query parameter is repeated.", repeated);
    }

    private async Task<IResult?> FormAsync(HttpContext http)
    {
        IFormCollection form;
        http.Request.EnableBuffering();
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A multipart body that is not one (a JSON document sent as multipart/form-data) ends the reader with an
            // IOException: the client's fault, not the database's, so a 400 and never the 503 of DatabaseFaults.
            if (ex is IOException) return BadRequest(http, "The form body cannot be read.", new ProblemItem("body", ex.Message));
            // The form reader refuses a NUL itself, without saying where: read the fields plainly to name the one at fault.
            http.Request.Body.Position = 0;
            using var reader = new StreamReader(http.Request.Body, leaveOpen: true);
            var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseNullableQuery(await reader.ReadToEndAsync(http.RequestAborted));
            if (fields is not null && fields.Count > _limits.MaxFormFields)
                return BadRequest(http, $"The form has {fields.Count} fields; the limit is {_limits.MaxFormFields}.", new ProblemItem("body", "too many fields"));
            if (fields is not null && TextFaults(fields) is { Count: > 0 } named)
                return BadRequest(http, "The form contains text that cannot be stored.", named.ToArray());
            return BadRequest(http, "The form body cannot be read.", new ProblemItem("body", ex.Message));
        }
        var faults = TextFaults(form);
        return faults.Count == 0 ? null : BadRequest(http, "The form contains text that cannot be stored.", faults.ToArray());
    }

    private static IResult BadRequest(HttpContext http, string detail, params ProblemItem[] errors) =>
        Refusals.Of(http, StatusCodes.Status400BadRequest, "Bad request", detail, errors);

    private static List<ProblemItem> TextFaults(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields)
    {
        var faults = new List<ProblemItem>();
        foreach (var (name, values) in fields)
        {
            if (TextRules.Fault(name) is { } nameFault) faults.Add(new(name, "name " + nameFault));
            foreach (var value in values)
                if (value is not null && TextRules.Fault(value) is { } fault) faults.Add(new(name, fault));
        }
        return faults;
    }
}

public static class RequestScreeningRegistration
{
    /// <summary>Kestrel and form limits matching the screening's (registered with the service).</summary>
    public static IServiceCollection AddRequestScreening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RequestLimitOptions>(configuration.GetSection("RiverGis"));
        var limits = configuration.GetSection("RiverGis").Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestLineSize = Math.Max(o.Limits.MaxRequestLineSize, limits.MaxRequestTargetBytes * RequestLimitOptions.KestrelHeadroom);
            o.Limits.MaxRequestHeadersTotalSize = Math.Max(o.Limits.MaxRequestHeadersTotalSize, limits.MaxRequestHeaderBytes * RequestLimitOptions.KestrelHeadroom);
        });
        services.Configure<FormOptions>(o => o.ValueCountLimit = limits.MaxFormFields);
        return services;
    }
}
