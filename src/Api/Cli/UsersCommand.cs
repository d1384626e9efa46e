using System.CommandLine;
using RiverGis.Api.Accounts;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Cli;

/// <summary>
/// `users add|list|disable|enable`: the accounts of RiverGis's own sign-in, on the database directly (the first
/// administrator of a fresh install is created this way). Changes are written to the audit log as made by the console.
/// </summary>
public sealed class UsersCommand : Command
{
    public UsersCommand() : base("users", "Manage the users of RiverGis's own sign-in (the first administrator is created here).")
    {
        Subcommands.Add(new AddUserCommand());
        Subcommands.Add(new ListUsersCommand());
        Subcommands.Add(new SetDisabledCommand("disable", disabled: true));
        Subcommands.Add(new SetDisabledCommand("enable", disabled: false));
    }
}

/// <summary>`users add --username U --role public|chief|office|admin [--area-code CODE] [--chief-id ID] [--display-name NAME]`; the password on standard input.</summary>
public sealed class AddUserCommand : Command
{
    private readonly Option<string> _username = new("--username") { Description = "The user name (1–64 of A–Z a–z 0–9 . _ @ -).", Required = true, HelpName = "U" };
    private readonly CodeOption<Role> _role = new("--role", "The role.", Role.Public, r => r.ToCode()) { Required = true, DefaultValueFactory = null };
    private readonly Option<string> _area = new("--area-code") { Description = "The area of an office user (required for office).", HelpName = "CODE" };
    private readonly Option<string> _chief = new("--chief-id") { Description = "The chief a chief user signs in as (required for chief).", HelpName = "ID" };
    private readonly Option<string> _name = new("--display-name") { Description = "A name to show (e.g. 东镇河长办 张三).", HelpName = "NAME" };

    public AddUserCommand() : base("add", "Create a user; the password (at least 10 characters) is read from standard input, one line.")
    {
        foreach (var option in new Option[] { _username, _role, _area, _chief, _name }) Options.Add(option);
        SetAction((result, ct) => RunAsync(result.GetRequiredValue(_username), _role.ValueIn(result), result.GetValue(_area), result.GetValue(_chief),
            result.GetValue(_name), ct));
    }

    private static async Task<int> RunAsync(string username, Role role, string? area, string? chief, string? name, CancellationToken ct)
    {
        // Read before touching the database: `echo "$PASSWORD" | rivergis users add …` or typed at the prompt.
        if (!System.Console.IsInputRedirected) System.Console.Error.Write("password: ");
        var password = System.Console.In.ReadLine();
        await using var session = await DatabaseSession.OpenAsync(ct);
        var created = await session.Get<UserAdministration>().CreateAsync(new UserRequest(username, password, role, area, chief, name), Caller.Console, ct);
        if (created.User is null)
        {
            foreach (var e in created.Errors) System.Console.Error.WriteLine($"{e.Where}: {e.Message}");
            return 1;
        }
        System.Console.WriteLine($"created {created.User.Username} ({created.User.Role.ToCode()}{Scope(created.User)})");
        return 0;
    }

    public static string Scope(UserAccount u) => u.AreaCode is { } a ? $", area {a}" : u.ChiefId is { } c ? $", chief {c}" : "";
}

/// <summary>`users list`: every user with role, scope and state.</summary>
public sealed class ListUsersCommand : Command
{
    public ListUsersCommand() : base("list", "List the users (name, role, area or chief, state).")
    {
        SetAction((_, ct) => RunAsync(ct));
    }

    private static async Task<int> RunAsync(CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(ct);
        foreach (var u in await session.Get<UserStore>().ListAsync(ct))
        {
            var state = u.Disabled ? "disabled" : u.LockedUntil > DateTimeOffset.UtcNow ? $"locked until {u.LockedUntil:u}" : "enabled";
            System.Console.WriteLine($"{u.Username}\t{u.Role.ToCode()}\t{u.AreaCode ?? u.ChiefId ?? ""}\t{state}\t{u.DisplayName}");
        }
        return 0;
    }
}

/// <summary>`users disable U` / `users enable U`: the user's tokens stop (or may start again) working.</summary>
public sealed class SetDisabledCommand : Command
{
    private readonly Argument<string> _username = new("username") { Description = "The user name." };

    public SetDisabledCommand(string verb, bool disabled) : base(verb, disabled
        ? "Disable a user: sign-in is refused and their tokens stop working."
        : "Enable a user again (also lifts a lockout).")
    {
        Arguments.Add(_username);
        SetAction((result, ct) => RunAsync(result.GetRequiredValue(_username), disabled, ct));
    }

    private static async Task<int> RunAsync(string username, bool disabled, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(ct);
        if (!await session.Get<UserStore>().SetDisabledAsync(username, disabled, Caller.Console, ct))
        {
            System.Console.Error.WriteLine($"no user '{username}'");
            return 1;
        }
        System.Console.WriteLine($"{(disabled ? "disabled" : "enabled")} {username}");
        return 0;
    }
}
