namespace RiverGis.Api.Http;

/// <summary>One thing wrong with a request: where (a parameter name, a JSON pointer or a feature) and what.</summary>
public sealed record ProblemItem(string Where, string Message);

/// <summary>
/// RFC 9457 problem responses (application/problem+json) that name what is wrong and where, so a client can fix the
/// request without reading our code. Every 4xx of the service goes through here.
/// </summary>
public static class ApiProblems
{
    public static IResult BadRequest(string detail, params ProblemItem[] errors) => Create(StatusCodes.Status400BadRequest, "Bad request", detail, errors);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail, []);

    public static IResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail, []);

    public static IResult Unprocessable(string detail, IEnumerable<ProblemItem> errors) =>
        Create(StatusCodes.Status422UnprocessableEntity, "Unprocessable content", detail, errors.ToArray());

    public static IResult Create(int status, string title, string detail, ProblemItem[] errors)
    {
        var extensions = new Dictionary<string, object?>();
        if (errors.Length > 0) extensions["errors"] = errors.Select(e => new Dictionary<string, string> { ["where"] = e.Where, ["message"] = e.Message }).ToArray();
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }
}
