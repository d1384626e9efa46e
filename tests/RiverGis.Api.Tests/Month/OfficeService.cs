using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Month;

/// <summary>
/// The office's month on a hand-made district (TestData/office: the mini district's geometry with posts, a roster with
/// history and units) under a fake clock in China Standard Time, so bulletins, reports and assessments are computed for
/// known days. The clock starts at 2026-10-01 09:00 (+08:00), when the dataset is loaded.
/// </summary>
public sealed class OfficeService() : ServiceFixture("office", TestPaths.Office)
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(Start);

    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));

    /// <summary>Moves the clock to <paramref name="instant"/> (never backwards: a frozen past must stay past).</summary>
    public void SetNow(DateTimeOffset instant)
    {
        if (instant < Clock.GetUtcNow()) throw new InvalidOperationException($"the clock is at {Clock.GetUtcNow():O}, after {instant:O}");
        Clock.SetUtcNow(instant);
    }
}
