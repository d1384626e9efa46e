using System.Globalization;
using RiverGis.Api.Accounts;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>
/// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) over the problem ledger, so civic reporting apps can list the
/// request types, file reports and follow them: every resource as .xml (the spec's required format) and .json, the
/// Service Discovery document, errors as the spec's [{code, description}] arrays (not problem+json) everywhere under
/// /open311. One jurisdiction (Open311:JurisdictionId); api_key checked against Open311:ApiKeys when configured.
/// </summary>
public static class Open311Endpoints
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    private const string Tag = "Open311 GeoReport v2";

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        // The discovery document's changeset: when this configuration took effect (the services change only with it).
        var changeset = app.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var open311 = app.MapGroup("/open311").WithTags(Tag).AddEndpointFilter(CheckFormatJurisdictionAndKey).WithPathParameters(FormatParameter)
            .WithMetadata(new Open311Refusals()).AllowAnyone();
        open311.MapGet("/discovery.{format}", (HttpContext http, IOptions<Open311Options> options) => Discovery(http, options, changeset))
            .WithName("Open311Discovery")
            .WithSummary("Service Discovery: the GeoReport v2 endpoint, its formats and contacts")
            .WithQuery(Open311Query.Common).Responds<Open311Discovery>();
        var v2 = open311.MapGroup("/v2");
        v2.MapGet("/services.{format}", Services).WithName("Open311Services")
            .WithSummary("GET Service List: the request types (problem categories) with their rectification deadlines")
            .WithQuery(Open311Query.Common).Responds<Open311Service[]>();
        v2.MapGet("/services/{serviceCode}.{format}", ServiceDefinition).WithName("Open311ServiceDefinition")
            .WithSummary("GET Service Definition: extra attributes of a request type (none are needed)")
            .WithPathParameters(new PathParameter("serviceCode", "a service_code of the service list", IssueCategories.All.Select(c => c.ToCode()).ToList()))
            .WithQuery(Open311Query.Common).Responds<Open311ServiceDefinition>();
        v2.MapGet("/requests.{format}", Requests).WithName("Open311Requests")
            .WithSummary("GET Service Requests: requests by id, type, status and date (90 days, 1000 requests at most)")
            .WithQuery(Open311Query.Parameters).Responds<Open311Request[]>();
        v2.MapPost("/requests.{format}", Post).WithName("Open311Post").DisableAntiforgery()
            .WithSummary("POST Service Request: file a report (form-encoded), routed to the responsible river chief")
            .WithDescription("201 with the new request; 200 with the same request when retried with the same Idempotency-Key header. "
                + "An api_key of Open311:ApiKeys gives the application its own, higher rate limit; without one a report counts against the "
                + "anonymous limit of its address; a key that is not configured is a 403. lat and long are required: reports are routed by position. "
                + "The answer's `token` is the reporter's follow-up token (GET /api/issues/status/{token}).")
            .WithQuery(Open311Query.Common).DocumentsBody(typeof(Open311ReportForm), "application/x-www-form-urlencoded")
            .Responds<Open311Created[]>(StatusCodes.Status201Created).Produces<Open311Created[]>(StatusCodes.Status200OK, "application/json", "text/xml");
        v2.MapGet("/requests/{id}.{format}", Request).WithName("Open311Request")
            .WithSummary("GET Service Request: one request")
            .WithPathParameters(new PathParameter("id", "the service_request_id"))
            .WithQuery(Open311Query.Common).Responds<Open311Request[]>();
        // Anything else under /open311 is a GeoReport v2 404, not a problem+json one.
        app.MapFallback("/open311/{**path}", (HttpContext http) =>
                Open311Result.Error(FormatOf(http.Request.Path), StatusCodes.Status404NotFound,
                    $"{http.Request.Method} {http.Request.Path} is not an Open311 resource of this service; see /open311/discovery.json"))
            .ExcludeFromDescription().AllowAnyone();
    }

    /// <summary>Refusals before the handlers (input screening, the database away) as GeoReport v2 error arrays too.</summary>
    private sealed class Open311Refusals : IRefusalFormat
    {
        public IResult Refuse(HttpContext http, int status, string detail, IReadOnlyList<ProblemItem> errors) =>
            Open311Result.Errors(FormatOf(http.Request.Path), status, errors.Count == 0 ? [detail] : Open311Requests.Describe(errors));
    }

    private static readonly PathParameter FormatParameter = new("format", "the response format", ["json", "xml"]);

    /// <summary>
    /// A response in both formats, and the Open311 error arrays every resource may answer: 400 (a general error), 403
    /// (api_key), 404 (an unknown resource, format, service_code or jurisdiction_id).
    /// </summary>
    private static RouteHandlerBuilder Responds<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK)
    {
        builder.Produces<T>(status, "application/json", "text/xml");
        foreach (var error in new[] { StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound })
            builder.Produces<Open311Error[]>(error, "application/json", "text/xml");
        return builder;
    }

    private static Open311Format FormatOf(PathString path) => path.Value?.EndsWith(".xml", StringComparison.Ordinal) == true ? Open311Format.Xml : Open311Format.Json;

    private static Open311Format Format(HttpContext http) => (Open311Format)http.Items[typeof(Open311Format)]!;

    /// <summary>
    /// What every Open311 resource checks first: the format (.json or .xml), jurisdiction_id (optional, as the spec
    /// allows a one-jurisdiction endpoint, but never another jurisdiction: 404) and api_key (403 when keys are
    /// configured and the key is not one of them), from the query string or the posted form. Without a key a request
    /// is anonymous (and its POST counts against the anonymous rate limit; with a valid key against the application's).
    /// </summary>
    private static async ValueTask<object?> CheckFormatJurisdictionAndKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var format = http.GetRouteValue("format") as string;
        var parsed = format switch { "json" => Open311Format.Json, "xml" => Open311Format.Xml, _ => (Open311Format?)null };
        if (parsed is null)
            return Open311Result.Error(FormatOf(http.Request.Path), StatusCodes.Status404NotFound, $"format '.{format}' is not served; use .xml or .json");
        http.Items[typeof(Open311Format)] = parsed.Value;
        var options = http.RequestServices.GetRequiredService<IOptions<Open311Options>>().Value;
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        string? Value(string name) => http.Request.Query[name].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
            ?? form?[name].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        if (Value("jurisdiction_id") is { } jurisdiction && options.JurisdictionId.Length > 0 && jurisdiction != options.JurisdictionId)
            return Open311Result.Error(parsed.Value, StatusCodes.Status404NotFound,
                $"jurisdiction_id '{jurisdiction}' was not found; this endpoint serves '{options.JurisdictionId}' (the parameter may be omitted)");
        var key = Value("api_key");
        if (options.ApiKeys.Count > 0 && key is not null && !options.ApiKeys.Contains(key))
            return Open311Result.Error(parsed.Value, StatusCodes.Status403Forbidden, "api_key is invalid");
        return await next(context);
    }

    private static Open311Result Discovery(HttpContext http, IOptions<Open311Options> options, string changeset)
    {
        var o = options.Value;
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/open311/v2";
        var document = new Open311Discovery(changeset, o.Contact, o.KeyService,
            [new Open311Endpoint(Specification, url, changeset, o.EndpointType, [Open311Result.XmlType.Split(';')[0], Open311Result.JsonType.Split(';')[0]])]);
        return new Open311Result(document, Format(http), "discovery", "endpoint");
    }

    private static Open311Result Services(HttpContext http, IssueIntake intake) =>
        new(IssueCategories.All.Select(c => new Open311Service(
            c.ToCode(),
            c.ChineseLabel(),
            $"{c.ChineseLabel()} ({c.ToCode().Replace('_', ' ')}); rectification deadline {intake.Deadlines.DaysFor(c)} days",
            false,
            "realtime",
            $"{c.ChineseLabel()}, {c.ToCode().Replace('_', ' ')}",
            "河湖问题")).ToArray(), Format(http), "services", "service");

    private static Open311Result ServiceDefinition(string serviceCode, HttpContext http) =>
        IssueCategories.TryParse(serviceCode, out var category)
            ? new Open311Result(new Open311ServiceDefinition(category.ToCode(), []), Format(http), "service_definition", "attribute")
            : UnknownServiceCode(Format(http), serviceCode);

    private static Open311Result UnknownServiceCode(Open311Format format, string code) =>
        Open311Result.Error(format, StatusCodes.Status404NotFound,
            $"service_code '{code}' was not found; services.{format.ToString().ToLowerInvariant()} lists the service codes");

    private static async Task<Open311Result> Requests(HttpContext http, Open311Requests requests, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (query, errors) = Open311Query.Parse(QueryValues.Of(http), now);
        if (query is null) return Open311Result.Errors(Format(http), StatusCodes.Status400BadRequest, Open311Requests.Describe(errors));
        return new Open311Result((await requests.FindAsync(query, now, ct)).ToArray(), Format(http), "service_requests", "request");
    }

    private static async Task<Open311Result> Request(string id, HttpContext http, Open311Requests requests, CancellationToken ct) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && await requests.GetAsync(number, ct) is { } found
            ? new Open311Result(new[] { found }, Format(http), "service_requests", "request")
            : Open311Result.Error(Format(http), StatusCodes.Status404NotFound, $"service_request_id '{id}' was not found");

    private static async Task<Open311Result> Post(HttpContext http, Caller caller, IssueIntake intake, CancellationToken ct)
    {
        var format = Format(http);
        Open311Result Bad(params string[] descriptions) => Open311Result.Errors(format, StatusCodes.Status400BadRequest, descriptions);
        if (!http.Request.HasFormContentType) return Bad("Content-Type: a request is posted as application/x-www-form-urlencoded");
        var form = await http.Request.ReadFormAsync(ct);
        var code = form["service_code"].ToString().Trim();
        if (code.Length == 0) return Bad("service_code was not provided");
        if (!IssueCategories.TryParseCodeOrLabel(code, out _)) return UnknownServiceCode(format, code);
        var (lon, lat, locationErrors) = Location(form);
        if (locationErrors.Count > 0) return Bad([.. locationErrors]);

        // The ledger's own validation and routing, with its errors renamed to the form's fields.
        var bytes = Open311Requests.Report(form, lon, lat);
        using var report = JsonDocument.Parse(bytes);
        var (parsed, errors) = intake.Parse(report.RootElement);
        if (parsed is null) return Bad([.. Open311Requests.Describe(errors)]);
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var filed = await intake.FileAsync(parsed, caller, string.IsNullOrWhiteSpace(key) ? null : key.Trim(), bytes, ct);
        if (filed.Refused) return Bad([.. Open311Requests.Describe(filed)]);
        var issue = filed.Issue!;
        var created = new Open311Created(issue.Id.ToString(CultureInfo.InvariantCulture), Open311Requests.Notice(issue), null, filed.FollowUpToken);
        return new Open311Result(new[] { created }, format, "service_requests", "request",
            filed.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    /// <summary>
    /// lat and long, both required: the report is routed on the river network by position. GeoReport v2 also allows
    /// address_string or address_id alone; this service does not geocode, and says so.
    /// </summary>
    private static (double Lon, double Lat, List<string> Errors) Location(IFormCollection form)
    {
        var errors = new List<string>();
        double Read(string name)
        {
            var text = form[name].ToString().Trim();
            if (text.Length == 0) return double.NaN;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
            errors.Add($"{name}: '{text}' is not a number");
            return double.NaN;
        }
        var lat = Read("lat");
        var lon = Read("long");
        if (errors.Count == 0 && (double.IsNaN(lat) || double.IsNaN(lon)))
        {
            var address = form["address_string"].ToString().Length + form["address_id"].ToString().Length > 0;
            errors.Add("lat,long: both are required" + (address
                ? "; this service locates a report on the river network by its position and does not geocode address_string or address_id"
                : ""));
        }
        return (lon, lat, errors);
    }
}
