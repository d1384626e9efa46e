using Microsoft.AspNetCore.Http.HttpResults;

namespace RiverGis.Api.Http;

/// <summary>How a service's request ended; endpoints map it to a response or a problem (<see cref="Outcome{T}.ToResult"/>).</summary>
public enum OutcomeKind
{
    Ok,
    Created,
    /// <summary>Bad input: 400 with every field at fault named; nothing was stored.</summary>
    Invalid,
    /// <summary>Not there, or not in the caller's scope (the same answer on purpose): 404.</summary>
    NotFound,
    /// <summary>The caller's role may not do this to a resource it can see: 403.</summary>
    Forbidden,
    /// <summary>The request is well-formed but the state forbids it: 409; nothing was stored.</summary>
    Conflict,
}

/// <summary>What a service answers: a value, or why there is none (with the fields at fault).</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, string? Detail = null, IReadOnlyList<ProblemItem>? Errors = null)
{
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value);

    public static Outcome<T> Created(T value) => new(OutcomeKind.Created, value);

    public static Outcome<T> Invalid(string detail, IReadOnlyList<ProblemItem> errors) => new(OutcomeKind.Invalid, default, detail, errors);

    public static Outcome<T> Invalid(string detail, string where, string message) => Invalid(detail, [new ProblemItem(where, message)]);

    public static Outcome<T> NotFound(string detail) => new(OutcomeKind.NotFound, default, detail);

    public static Outcome<T> Forbidden(string detail) => new(OutcomeKind.Forbidden, default, detail);

    public static Outcome<T> Conflict(string detail, string where, string message) => new(OutcomeKind.Conflict, default, detail, [new ProblemItem(where, message)]);

    /// <summary>The same failure for another value type.</summary>
    public Outcome<TOther> As<TOther>() => Kind is OutcomeKind.Ok or OutcomeKind.Created
        ? throw new InvalidOperationException("only a failure can change its value type")
        : new(Kind, default, Detail, Errors);

    /// <summary>The failure as a problem response (RFC 9457), or null for a success.</summary>
    public ProblemHttpResult? Problem() => Kind switch
    {
        OutcomeKind.Invalid => ApiProblems.BadRequest(Detail!, [.. Errors ?? []]),
        OutcomeKind.NotFound => ApiProblems.NotFound(Detail!),
        OutcomeKind.Forbidden => ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden", Detail!, []),
        OutcomeKind.Conflict => ApiProblems.Create(StatusCodes.Status409Conflict, "Conflict", Detail!, [.. Errors ?? []]),
        _ => null,
    };

    /// <summary>200 or 201 with the value (JSON), or the problem.</summary>
    public Results<Ok<T>, Created<T>, ProblemHttpResult> ToResult(string? location = null) => Kind switch
    {
        OutcomeKind.Ok => TypedResults.Ok(Value),
        OutcomeKind.Created => TypedResults.Created(location, Value),
        _ => Problem()!,
    };
}
