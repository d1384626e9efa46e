using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;

namespace RiverGis.Api.Accounts;

/// <summary>User administration for administrators (the CLI's `users` verbs do the same on the database).</summary>
public static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Accounts").Allow(Role.Admin);
        group.MapGet("/", List).WithName("ListUsers").WithSummary("Every user (never a password)");
        group.MapPost("/", Create).WithName("CreateUser").WithSummary("Create a user")
            .WithDescription("An office user needs `area_code` (an existing area), a chief user `chief_id` (an existing chief); passwords have at least 10 characters.")
            .DocumentsBody(typeof(CreateUserRequest), "application/json").Produces<UserResponse>(StatusCodes.Status201Created).ProducesProblems(400, 409, 415);
        group.MapPost("/{username}/disable", (string username, Caller caller, UserStore users, UserStateCheck check, CancellationToken ct) =>
                SetDisabled(username, true, caller, users, check, ct))
            .WithName("DisableUser").WithSummary("Disable a user (their tokens stop working)").ProducesProblems(404);
        group.MapPost("/{username}/enable", (string username, Caller caller, UserStore users, UserStateCheck check, CancellationToken ct) =>
                SetDisabled(username, false, caller, users, check, ct))
            .WithName("EnableUser").WithSummary("Enable a user again (also lifts a lockout)").ProducesProblems(404);
        group.MapPut("/{username}/password", SetPassword).WithName("SetUserPassword").WithSummary("Set a user's password (their tokens stop working)")
            .DocumentsBody(typeof(PasswordRequest), "application/json").ProducesProblems(400, 404, 415);
    }

    private static UserResponse ToResponse(UserAccount u) => new(u.Username, u.DisplayName, u.Role, u.AreaCode, u.ChiefId, u.Disabled, u.LockedUntil, u.CreatedAt);

    private static async Task<Ok<List<UserResponse>>> List(UserStore users, CancellationToken ct) =>
        TypedResults.Ok((await users.ListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Create(HttpContext http, Caller caller, UserAdministration administration, CancellationToken ct)
    {
        var (request, problem) = await BodyJson.ReadAsync<CreateUserRequest>(http, ct);
        if (request is null) return problem!;
        var created = await administration.CreateAsync(new UserRequest(request.Username, request.Password, request.Role, request.AreaCode, request.ChiefId, request.DisplayName), caller, ct);
        if (created.NameTaken) return ApiProblems.Create(StatusCodes.Status409Conflict, "User exists", created.Errors[0].Message, [.. created.Errors]);
        if (created.User is null) return ApiProblems.BadRequest("The user cannot be created.", [.. created.Errors]);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(created.User.Username)}", ToResponse(created.User));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetDisabled(string username, bool disabled, Caller caller, UserStore users,
        UserStateCheck check, CancellationToken ct)
    {
        if (!await users.SetDisabledAsync(username, disabled, caller, ct)) return ApiProblems.NotFound($"There is no user '{username}'.");
        check.Forget(username);
        return TypedResults.Ok(ToResponse((await users.FindAsync(username, ct))!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetPassword(string username, HttpContext http, Caller caller, UserStore users,
        UserStateCheck check, CancellationToken ct)
    {
        var (request, problem) = await BodyJson.ReadAsync<PasswordRequest>(http, ct);
        if (request is null) return problem!;
        var errors = new List<ProblemItem>();
        UserAdministration.PasswordErrors(request.Password, errors);
        if (errors.Count > 0) return ApiProblems.BadRequest("The password cannot be used.", [.. errors]);
        if (!await users.SetPasswordAsync(username, PasswordSignIn.Hash(request.Password), caller, ct)) return ApiProblems.NotFound($"There is no user '{username}'.");
        check.Forget(username);
        return TypedResults.NoContent();
    }
}
