using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RiverGis.Api.Http;

namespace RiverGis.Api.ApiDocs;

/// <summary>
/// The OpenAPI 3.0 document at /openapi/v1.json, generated from the endpoints' route tables and response types and
/// completed by transformers: query parameters from their declarations (<see cref="QuerySpec"/>), every 4xx/5xx as
/// application/problem+json with one shared <see cref="ApiProblem"/> schema, NetTopologySuite geometries as RFC 7946
/// GeoJSON geometry schemas and tag descriptions.
/// </summary>
public static class OpenApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>The capabilities (tags) with what each is for; every operation has one of them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Service"] = "Health and the datasets loaded.",
        ["OGC API Features"] = "OGC API – Features – Part 1 (Core, GeoJSON, OpenAPI 3.0) over every collection, read by GIS clients (QGIS, GDAL, OWSLib).",
        ["Vector tiles"] = "Mapbox Vector Tiles of the main layers for province-scale maps.",
        ["Responsibility analysis"] = "Coverage gaps, overlaps, cross-boundary segments, boundary crossings, border rivers, river profiles and demarcation checks.",
        ["Patrols"] = "Patrol tracks from phones and GPX files (巡河), the patrol ledger, compliance with the calendar rules, patrol coverage of the segments, photos.",
        ["Issue routing"] = "Who is responsible for a point on or near a river.",
        ["Problem ledger"] = "Issues reported, routed, rectified, verified and closed (问题台账).",
        ["Open311 GeoReport v2"] = "The ledger for civic reporting apps, as the GeoReport v2 specification says.",
        ["River network"] = "Snapping to the network and navigating it upstream or downstream (USGS NLDI modes).",
    };

    public static IServiceCollection AddRiverGisOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddSchemaTransformer(GeoJsonSchemas.TransformAsync);
            options.AddSchemaTransformer(WireSchemas.TransformAsync);
            options.AddOperationTransformer(DescribeQueryParameters);
            options.AddOperationTransformer(DescribeRequestBodies);
            options.AddOperationTransformer(RecordAccess);
            options.AddDocumentTransformer(DescribeDocument);
        });

    /// <summary>Query parameters from the endpoint's declaration; endpoints that take any also answer 400 when one is wrong.</summary>
    private static Task DescribeQueryParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var spec = context.Description.ActionDescriptor.EndpointMetadata.OfType<QuerySpec>().LastOrDefault();
        if (spec is null || spec.Parameters.Count == 0) return Task.CompletedTask;
        operation.Parameters ??= [];
        foreach (var p in spec.Parameters)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = p.Name,
                In = ParameterLocation.Query,
                Required = p.Required,
                Description = p.Description,
                Schema = p.Schema(),
            });
        }
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey("400")) operation.Responses["400"] = new OpenApiResponse();
        return Task.CompletedTask;
    }

    /// <summary>Request bodies from <see cref="RequestBodyDoc"/> (binary uploads as strings of format binary).</summary>
    private static async Task DescribeRequestBodies(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var bodies = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyDoc>().ToList();
        if (bodies.Count == 0) return;
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (var body in bodies)
        {
            IOpenApiSchema schema = body.Type == typeof(byte[])
                ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
                : await context.GetOrCreateSchemaAsync(body.Type, null, ct);
            foreach (var type in body.ContentTypes) content[type] = new OpenApiMediaType { Schema = schema };
        }
        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }

    private static async Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "RiverGis — 河长制 river chief system",
            Version = "1.0",
            Description = "Rivers, segments (分级分段), administrative areas, chiefs, sewage outlets, patrols and the problem ledger of a "
                + "river-chief system in PostGIS, with the analyses river-chief offices use. JSON is snake_case; lengths are geodesic metres; "
                + "errors are RFC 9457 problem documents naming each parameter or feature at fault. The API reference is at /docs.",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        GeoJsonSchemas.AddComponents(document);
        GeoJsonSchemas.Relink(document);
        DescribeSecurity(document);
        var problem = await ProblemSchemaAsync(document, context, ct);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                operation.Responses ??= [];
                // Every endpoint may fail: a 500 is a bug, a 503 is the database being unavailable (retry later).
                operation.Responses.TryAdd("500", new OpenApiResponse());
                operation.Responses.TryAdd("503", new OpenApiResponse());
                foreach (var (code, response) in operation.Responses)
                {
                    if (response is not OpenApiResponse r) continue;
                    r.Description = string.IsNullOrEmpty(r.Description) ? Describe(code) : r.Description;
                    // An error body an endpoint declares itself (Open311's [{code, description}]) stays; all others are problems.
                    var declared = r.Content?.Keys.Any(k => k != ApiProblems.MediaType) == true;
                    if ((code.StartsWith('4') || code.StartsWith('5')) && !declared)
                        r.Content = new Dictionary<string, OpenApiMediaType> { [ApiProblems.MediaType] = new() { Schema = problem } };
                }
            }
        }
        NullableReferences.Rewrite(document);
        // Server URLs name a base that paths are appended to ("/features", not "//features").
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
    }

    /// <summary>Who may call each operation (from its route table), kept for <see cref="DescribeSecurity"/>.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OpenApiOperation, Accounts.EndpointAccess> Access = new();

    private static Task RecordAccess(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<Accounts.EndpointAccess>().LastOrDefault() is { } access) Access.AddOrUpdate(operation, access);
        operation.Responses ??= [];
        // Writes are rate-limited (Limits:*PerMinute).
        if (context.Description.HttpMethod is not ("GET" or "HEAD")) operation.Responses.TryAdd("429", new OpenApiResponse());
        return Task.CompletedTask;
    }

    /// <summary>
    /// The security schemes (RiverGis's or an external provider's bearer token; the web app's session cookie, whose
    /// writes also need the antiforgery header) and each operation's security: the schemes, and for operations anyone
    /// may call also an empty requirement (no credentials); operations for some roles answer 401 and 403.
    /// </summary>
    private static void DescribeSecurity(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token of POST /api/auth/token (grant_type=password), or of the office's identity provider when Auth:External is configured.",
        };
        document.Components.SecuritySchemes["session"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "rivergis_session",
            Description = "The web app's HttpOnly session cookie (POST /api/auth/login). Writes with it also send the X-CSRF-TOKEN header "
                + "(the antiforgery token of GET /api/auth/session).",
        };
        foreach (var (_, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                var anyone = !Access.TryGetValue(operation, out var access) || access.Anyone;
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("session", document)] = [] },
                ];
                if (anyone)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement());
                    continue;
                }
                operation.Description = ((operation.Description ?? "") + $"\n\nFor: {access}.").Trim();
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Not signed in (or the token is no longer valid)" });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"Signed in with a role this operation is not for (it is for {access})" });
            }
        }
    }

    /// <summary>The shared problem schema (a component, created from <see cref="ApiProblem"/> when no endpoint declared it yet).</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        const string id = nameof(ApiProblem);
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, ct);
            document.AddComponent(id, schema);
        }
        if (document.Components!.Schemas![id] is OpenApiSchema problem)
        {
            problem.Description = "RFC 9457 problem details. `errors` names each parameter, field or feature at fault; other members may follow.";
            problem.AdditionalPropertiesAllowed = true;
        }
        return new OpenApiSchemaReference(id, document);
    }

    private static string Describe(string code) => code switch
    {
        "200" => "OK",
        "201" => "Created",
        "304" => "Not modified (the ETag still matches)",
        "400" => "Bad request: the problem names each parameter or field at fault; nothing was changed",
        "404" => "Not found",
        "409" => "Conflict with the resource's state; nothing was changed",
        "413" => "Request body too large",
        "415" => "Unsupported media type: JSON endpoints read only JSON (never text/plain or forms)",
        "429" => "Too many writes: retry after the Retry-After header's seconds",
        "422" => "The request is well-formed but cannot be processed; nothing was changed",
        "500" => "Internal error (a bug)",
        "503" => "The database is unavailable; retry later",
        _ => "Response " + code,
    };
}

/// <summary>
/// A request body as the document shows it. Unlike <c>Accepts</c>, this does not take part in routing: a body of
/// another media type still reaches the endpoint, which answers it with a problem that names the Content-Type.
/// </summary>
public sealed record RequestBodyDoc(Type Type, IReadOnlyList<string> ContentTypes);

public static class RequestBodyConventions
{
    /// <summary>Documents the request body of an endpoint that reads its body itself.</summary>
    public static TBuilder DocumentsBody<TBuilder>(this TBuilder builder, Type type, params string[] contentTypes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyDoc(type, contentTypes));
}
