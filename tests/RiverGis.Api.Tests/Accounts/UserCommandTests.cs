using System.Net;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Accounts;

/// <summary>
/// The first administrator of a fresh install, and user administration on the command line (`users add|list|disable`),
/// the password read from standard input; what the CLI creates signs in over HTTP.
/// </summary>
public sealed class UserCommandTests(MiniService service) : IClassFixture<MiniService>
{
    [Fact]
    public async Task Users_are_added_listed_and_disabled_from_the_command_line()
    {
        var connection = service.ConnectionString;
        var (code, output) = await CliProcess.RunWithInputAsync(connection, null, "first-admin-password", "users", "add", "--username", "root-admin", "--role", "admin");
        Assert.True(code == 0, output);
        Assert.Contains("created root-admin (admin)", output);
        (code, output) = await CliProcess.RunWithInputAsync(connection, null, "an-office-password", "users", "add", "--username", "east", "--role", "office", "--area-code", "T01");
        Assert.True(code == 0, output);
        // The rules of the roles, each field named; nothing created.
        (code, output) = await CliProcess.RunWithInputAsync(connection, null, "an-office-password", "users", "add", "--username", "lost", "--role", "office");
        Assert.Equal(1, code);
        Assert.Contains("area_code: required for an office user", output);
        (code, output) = await CliProcess.RunWithInputAsync(connection, null, "short", "users", "add", "--username", "weak", "--role", "chief", "--chief-id", "NOBODY");
        Assert.Equal(1, code);
        Assert.Contains("password: at least 10 characters", output);
        Assert.Contains("chief_id: unknown chief 'NOBODY'", output);
        (code, output) = await CliProcess.RunWithInputAsync(connection, null, "first-admin-password", "users", "add", "--username", "ROOT-ADMIN", "--role", "admin");
        Assert.Equal(1, code);
        Assert.Contains("is taken", output);

        // The password is hashed (ASP.NET Core Identity's format), never stored as given.
        var hash = await Db.ScalarAsync<string>(connection, "SELECT password_hash FROM users WHERE username = 'root-admin'");
        Assert.DoesNotContain("first-admin-password", hash);
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]); // PasswordHasher's V3 format marker

        Assert.Equal(HttpStatusCode.OK, (await service.Client.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "root-admin", ["password"] = "first-admin-password",
        }))).StatusCode);

        (code, output) = await CliProcess.RunAsync(connection, null, "users", "list");
        Assert.True(code == 0, output);
        Assert.Contains("east\toffice\tT01\tenabled", output);
        (code, output) = await CliProcess.RunAsync(connection, null, "users", "disable", "east");
        Assert.True(code == 0, output);
        Assert.Contains("east\toffice\tT01\tdisabled", (await CliProcess.RunAsync(connection, null, "users", "list")).Output);
        Assert.Equal(1, (await CliProcess.RunAsync(connection, null, "users", "disable", "nobody")).Code);
        Assert.Equal("console:" + Environment.UserName, await Db.ScalarAsync<string>(connection,
            "SELECT username FROM audit_log WHERE action = 'disable' AND resource_id = 'east'"));
    }
}
