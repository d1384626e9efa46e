using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RiverGis.Api.Database;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Accounts to try the roles with on the sample data (RiverGis:DemoAccounts, which scripts/run turns on): when the
/// sample was just loaded into an empty database and no user exists yet, an administrator, an office of a county and of
/// one of its townships, and a chief holding a segment in that township are created with random passwords, printed
/// once to the console. No password is in the repository; a production install (the setting off) gets none.
/// </summary>
public sealed class DemoAccounts(UserStore users, UserAdministration administration, IOptions<DatabaseInitializerOptions> options, ILogger<DemoAccounts> logger)
{
    public async Task CreateAsync(CancellationToken ct)
    {
        if (!options.Value.DemoAccounts || await users.CountAsync(ct) > 0) return;
        var scope = await users.DemoScopeAsync(ct);
        var system = new Caller(Role.Admin, "demo-setup", null, null, null);
        var created = new List<(string Username, string Password, string What)>();
        async Task Add(string username, Role role, string? area, string? chief, string what)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            var result = await administration.CreateAsync(new UserRequest(username, password, role, area, chief, what), system, ct);
            if (result.User is not null) created.Add((username, password, what));
        }
        await Add("demo-admin", Role.Admin, null, null, "管理员 administrator");
        if (scope is { } s)
        {
            await Add("demo-county", Role.Office, s.CountyCode, null, $"{s.CountyName}河长办 county office");
            await Add("demo-township", Role.Office, s.TownshipCode, null, $"{s.TownshipName}河长办 township office");
            await Add("demo-chief", Role.Chief, null, s.ChiefId, $"{s.ChiefName}（{s.TownshipName}河长）chief");
        }
        logger.LogWarning("Demo accounts created (RiverGis:DemoAccounts); the passwords are shown only now:");
        // The console, not only the log: the one moment these passwords exist in the clear.
        Console.WriteLine("\n  演示账号 demo accounts — sign in on the web map (登录); passwords shown only once:");
        foreach (var (username, password, what) in created) Console.WriteLine($"    {username,-14} {password}   {what}");
        Console.WriteLine();
    }
}
