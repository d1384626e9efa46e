using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Store;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Month;

/// <summary>
/// The office's month on a hand-made district (TestData/office: the mini district's geometry with posts, a roster with
/// history and units) under a fake clock in China Standard Time, so bulletins, reports and assessments are computed for
/// known days. The clock starts at 2026-10-01 09:00 (+08:00), when the dataset is loaded.
/// Its tokens live for a year of the fake clock, which the tests move across months.
/// </summary>
public sealed class OfficeService() : ServiceFixture("office", TestPaths.Office,
    new Dictionary<string, string>(RiverGisFactory.TestLimits) { ["Auth:TokenLifetime"] = "365.00:00:00" })
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The county's office: its scope (T00) holds the whole district.</summary>
    public Task<HttpClient> CountyOffice => AsAsync("office-t00", Role.Office, area: "T00");
    public Task<HttpClient> EastOffice => AsAsync("office-t01", Role.Office, area: "T01");
    public Task<HttpClient> WestOffice => AsAsync("office-t02", Role.Office, area: "T02");
    public Task<HttpClient> Admin => AsAsync("admin", Role.Admin);

    /// <summary>A chief's user (chief-c2 for C2).</summary>
    public Task<HttpClient> Chief(string id) => AsAsync("chief-" + id.ToLowerInvariant(), Role.Chief, chief: id);

    /// <summary>
    /// The fake clock for the service, also for the tokens' lifetime: tokens are issued on the fake clock, so they are
    /// checked against it (the default check reads the machine's clock).
    /// </summary>
    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigureAll<JwtBearerOptions>(o => o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) =>
                Clock.GetUtcNow().UtcDateTime is var now && (notBefore is null || notBefore <= now) && (expires is null || now < expires));
        });

    /// <summary>
    /// Waits until the in-memory system (routing) has caught up with the data version — after a roster edit it is
    /// rebuilt off the request path, so a question asked at once may still get the previous holder.
    /// </summary>
    public async Task RoutingCaughtUpAsync()
    {
        var version = await Factory.Services.GetRequiredService<DataVersion>().CurrentAsync();
        var snapshots = Factory.Services.GetRequiredService<SystemSnapshots>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await snapshots.CurrentAsync()).Version < version && watch.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        Assert.True((await snapshots.CurrentAsync()).Version >= version, $"the system was not rebuilt for data version {version}");
    }

    /// <summary>Moves the clock to <paramref name="instant"/> (never backwards: a frozen past must stay past).</summary>
    public void SetNow(DateTimeOffset instant)
    {
        if (instant < Clock.GetUtcNow()) throw new InvalidOperationException($"the clock is at {Clock.GetUtcNow():O}, after {instant:O}");
        Clock.SetUtcNow(instant);
    }
}
