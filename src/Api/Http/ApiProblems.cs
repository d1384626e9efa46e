using Microsoft.AspNetCore.Http.HttpResults;

namespace RiverGis.Api.Http;

/// <summary>One thing wrong with a request: where (a parameter name, a JSON pointer or a feature) and what.</summary>
public sealed record ProblemItem(string Where, string Message);

/// <summary>
/// The problem document of every 4xx/5xx (RFC 9457, application/problem+json), as the OpenAPI document describes it:
/// the standard members, <c>errors</c> naming each parameter, field or feature at fault, and members some problems add
/// (a refused transition's <c>code</c>, <c>message_zh</c> and the <c>issue_status</c> it stays in).
/// </summary>
public sealed class ApiProblem
{
    public string? Type { get; init; }
    public required string Title { get; init; }
    public required int Status { get; init; }
    public string? Detail { get; init; }
    public string? Instance { get; init; }
    public IReadOnlyList<ProblemItem>? Errors { get; init; }
    public string? TraceId { get; init; }
    public string? Code { get; init; }
    public string? MessageZh { get; init; }
    public Geo.Issues.IssueStatus? IssueStatus { get; init; }
}

/// <summary>
/// RFC 9457 problem responses (application/problem+json) that name what is wrong and where, so a client can fix the
/// request without reading our code. Every 4xx of the service goes through here.
/// </summary>
public static class ApiProblems
{
    public const string MediaType = "application/problem+json";

    public static ProblemHttpResult BadRequest(string detail, params ProblemItem[] errors) => Create(StatusCodes.Status400BadRequest, "Bad request", detail, errors);

    public static ProblemHttpResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail, []);

    public static ProblemHttpResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail, []);

    public static ProblemHttpResult Unprocessable(string detail, IEnumerable<ProblemItem> errors) =>
        Create(StatusCodes.Status422UnprocessableEntity, "Unprocessable content", detail, errors.ToArray());

    public static ProblemHttpResult Create(int status, string title, string detail, ProblemItem[] errors, IDictionary<string, object?>? extensions = null)
    {
        var members = extensions is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(extensions);
        if (errors.Length > 0) members["errors"] = errors;
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: members);
    }

    /// <summary>Documents the problem responses an endpoint gives (besides 500/503, which every endpoint may give).</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiProblem), [MediaType]));
        return builder;
    }
}
