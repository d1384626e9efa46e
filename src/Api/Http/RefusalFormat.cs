namespace RiverGis.Api.Http;

/// <summary>
/// How an endpoint group words a refusal that happens before or outside its handlers (input screening, the database
/// away): endpoint metadata. Without it the refusal is the service's problem document (<see cref="ApiProblems"/>);
/// a facade with an error format of its own (Open311's error arrays) adds one.
/// </summary>
public interface IRefusalFormat
{
    IResult Refuse(HttpContext http, int status, string detail, IReadOnlyList<ProblemItem> errors);
}

public static class Refusals
{
    /// <summary>The refusal in the endpoint's own format, or a problem document.</summary>
    public static IResult Of(HttpContext http, int status, string title, string detail, params ProblemItem[] errors) =>
        Of(http.GetEndpoint(), http, status, title, detail, errors);

    /// <summary>The same for the endpoint a request was routed to (the exception handler has cleared it from the context).</summary>
    public static IResult Of(Endpoint? endpoint, HttpContext http, int status, string title, string detail, params ProblemItem[] errors) =>
        endpoint?.Metadata.GetMetadata<IRefusalFormat>() is { } format
            ? format.Refuse(http, status, detail, errors)
            : ApiProblems.Create(status, title, detail, errors);
}
