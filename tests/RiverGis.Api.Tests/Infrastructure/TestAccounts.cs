using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Accounts;

namespace RiverGis.Api.Tests.Infrastructure;

/// <summary>Users and bearer tokens for tests: created through the service's own user administration (in process) or its `users add` verb (a service process).</summary>
public static class TestAccounts
{
    /// <summary>The password of every user the tests create.</summary>
    public const string Password = "test-password-1";

    /// <summary>Creates a user (once) through the in-process service's user administration.</summary>
    public static async Task CreateAsync(IServiceProvider services, string username, Role role, string? area = null, string? chief = null)
    {
        var administration = services.GetRequiredService<UserAdministration>();
        var created = await administration.CreateAsync(new UserRequest(username, Password, role, area, chief, null),
            new Caller(Role.Admin, "test-setup", null, null, null), default);
        Assert.True(created.User is not null || created.NameTaken, string.Join("; ", created.Errors.Select(e => $"{e.Where}: {e.Message}")));
    }

    /// <summary>Creates a user with the `users add` verb against a database (for a service running as its own process).</summary>
    public static async Task CreateWithCliAsync(string connection, string username, Role role, string? area = null)
    {
        string[] args = ["users", "add", "--username", username, "--role", role.ToString().ToLowerInvariant(), .. area is null ? Array.Empty<string>() : ["--area-code", area]];
        var (code, output) = await CliProcess.RunWithInputAsync(connection, null, Password, args);
        Assert.True(code == 0, output);
    }

    /// <summary>A bearer token for a user (POST /api/auth/token, the scripts' contract).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string username, string password = Password)
    {
        var response = await client.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = username, ["password"] = password,
        }));
        var body = await ServiceFixture.ReadAsync(response, HttpStatusCode.OK, "/api/auth/token");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>Signs <paramref name="client"/> in as <paramref name="username"/> (its requests carry the user's token).</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient client, string username)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, username));
        return client;
    }
}
