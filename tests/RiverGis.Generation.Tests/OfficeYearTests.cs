using RiverGis.Geo.Dataset;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;

using static RiverGis.Generation.Tests.OfficeYearFixture;

namespace RiverGis.Generation.Tests;

/// <summary>A 300-river province and its office year up to 1 December (the way the benchmark generates it).</summary>
public sealed class OfficeYearFixture
{
    public static readonly DateTimeOffset Until = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public OfficeYearFixture()
    {
        Province = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 300, Seed = 5 });
        Options = new OfficeYearOptions { Year = 2026, Seed = 5, Until = Until, ProblemsPer100Segments = 100 };
        Year = OfficeYearGenerator.Generate(Province.Content, Options);
    }

    public GeneratedProvince Province { get; }
    public OfficeYearOptions Options { get; }
    public OfficeYear Year { get; }
}

public sealed class OfficeYearTests(OfficeYearFixture fixture) : IClassFixture<OfficeYearFixture>
{
    private IReadOnlyList<GeneratedProblem> Problems => fixture.Year.Problems;

    [Fact]
    public void The_office_year_is_opt_in_and_leaves_the_province_and_its_manifest_unchanged()
    {
        var root = Path.Combine(Path.GetTempPath(), "rivergis-office-year-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new GeneratorOptions { Rivers = 60, Seed = 2 };
            var plain = Path.Combine(root, "plain");
            var office = Path.Combine(root, "office");
            SyntheticProvinceGenerator.GenerateTo(options, plain);
            SyntheticProvinceGenerator.GenerateTo(options, office, officeYear: new OfficeYearOptions { Year = 2026 });

            var plainFiles = Directory.GetFiles(plain).Select(Path.GetFileName).Order().ToList();
            var officeFiles = Directory.GetFiles(office).Select(Path.GetFileName).Order().ToList();
            Assert.DoesNotContain(DatasetFiles.Units, plainFiles);
            Assert.Equal(plainFiles.Append(DatasetFiles.Units).Order(), officeFiles);
            foreach (var file in plainFiles)
                Assert.True(File.ReadAllBytes(Path.Combine(plain, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(office, file!))), $"{file} changed");
            Assert.Equal(File.ReadAllBytes(plain + ".planted_defects.json"), File.ReadAllBytes(office + ".planted_defects.json"));
            foreach (var path in new[] { OfficeYearFiles.TasksPath(office), OfficeYearFiles.IssuesPath(office), OfficeYearFiles.EventsPath(office) })
                Assert.True(File.Exists(path) && new FileInfo(path).Length > 100, path);
            Assert.False(File.Exists(OfficeYearFiles.IssuesPath(plain)));

            // The folder with units.csv is still a dataset the reader and validator accept.
            var (read, problems) = new DatasetReader().Read(office);
            Assert.Empty(problems);
            Assert.NotEmpty(read!.Units);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_same_options_give_the_same_rows_and_another_seed_other_rows()
    {
        static List<string> Rows(OfficeYear y) =>
            y.Tasks.Select(t => string.Join("|", OfficeYearFiles.TaskRow(t)))
                .Concat(y.Problems.Select(p => string.Join("|", OfficeYearFiles.IssueRow(p))))
                .Concat(y.Problems.SelectMany(p => p.Events.Select(e => string.Join("|", OfficeYearFiles.EventRow(p.Id, e))))).ToList();
        var again = OfficeYearGenerator.Generate(fixture.Province.Content, fixture.Options);
        var other = OfficeYearGenerator.Generate(fixture.Province.Content, fixture.Options with { Seed = 6 });
        Assert.Equal(Rows(fixture.Year), Rows(again));
        Assert.NotEqual(Rows(fixture.Year), Rows(other));
    }

    [Fact]
    public void Every_history_is_a_lifecycle_the_ledger_allows_and_the_rows_agree_with_it()
    {
        var segments = fixture.Province.Content.Segments.Select(s => s.Item.Code).ToHashSet();
        var units = fixture.Year.Units.Select(u => u.Code).ToHashSet();
        Assert.Equal(Enumerable.Range(1, Problems.Count).Select(i => (long)i), Problems.Select(p => p.Id));
        foreach (var p in Problems)
        {
            Assert.Equal(IssueActionKind.Report, p.Events[0].Action);
            Assert.True(p.ReportedAt >= fixture.Options.YearStart && p.ReportedAt < Until, $"issue {p.Id} reported at {p.ReportedAt}");
            Assert.Equal(p.ReportedAt, p.Events[0].At);
            Assert.Equal(DeadlinePolicy.Default.DeadlineFor(p.Category, p.ReportedAt), p.Deadline);
            var status = IssueStatus.Reported;
            for (var k = 1; k < p.Events.Count; k++)
            {
                var e = p.Events[k];
                Assert.True(e.At > p.Events[k - 1].At && e.At < Until, $"issue {p.Id}: event {k} at {e.At}");
                var replay = IssueLifecycle.Transition(status, new IssueAction(e.Action, e.ChiefId, e.UnitCode), e.Actor, e.Note, e.At);
                Assert.True(replay.Ok, $"issue {p.Id}: {e.Action} from {status}: {replay.Error?.Message}");
                Assert.Equal(status, e.From);
                Assert.Equal(replay.Status, e.To);
                status = replay.Status;
            }
            Assert.Equal(status, p.Status);
            Assert.Equal(p.Status.IsTerminal() ? p.Events[^1].At : null, p.ClosedAt);
            Assert.Contains(p.Segment.Code, segments);
            Assert.Equal(p.Segment.AreaCode, p.AreaCodes[^1]);
            Assert.Equal(OfficeYearGenerator.Chain(fixture.Province.Content.Areas.ToDictionary(a => a.Item.Code, a => a.Item), p.Segment.AreaCode)
                .Select(a => a.Code), p.AreaCodes);
            if (p.UnitCode is not null) Assert.Contains(p.UnitCode, units);
        }
    }

    /// <summary>Shares of the year's problems as the ledger stands at the end (per cent, bounds wide enough for 1 700 problems).</summary>
    [Theory]
    [InlineData("overdue at the end (open, deadline passed)", 6, 20)]
    [InlineData("closed by the deadline", 40, 75)]
    [InlineData("closed late", 15, 40)]
    [InlineData("failed verification at least once", 7, 22)]
    [InlineData("reopened by a re-check", 2, 9)]
    [InlineData("rejected", 1.5, 7)]
    [InlineData("open on 1 December", 6, 25)]
    public void Lifecycles_have_realistic_shares(string what, double minPercent, double maxPercent)
    {
        DateTimeOffset? FirstClose(GeneratedProblem p) => p.Events.FirstOrDefault(e => e.Action == IssueActionKind.PassVerification)?.At;
        Func<GeneratedProblem, bool> holds = what switch
        {
            "overdue at the end (open, deadline passed)" => p => !p.Status.IsTerminal() && p.Deadline < Until,
            "closed by the deadline" => p => FirstClose(p) is { } c && c <= p.Deadline,
            "closed late" => p => FirstClose(p) is { } c && c > p.Deadline,
            "failed verification at least once" => p => p.Events.Any(e => e.Action == IssueActionKind.FailVerification),
            "reopened by a re-check" => p => p.Events.Any(e => e.Action == IssueActionKind.Reopen),
            "rejected" => p => p.Status == IssueStatus.Rejected,
            _ => p => !p.Status.IsTerminal(),
        };
        Assert.True(Problems.Count > 1000, $"{Problems.Count} problems");
        var percent = 100.0 * Problems.Count(holds) / Problems.Count;
        Assert.InRange(percent, minPercent, maxPercent);
    }

    [Fact]
    public void Units_serve_every_county_and_township_and_plan_items_name_them()
    {
        var areas = fixture.Province.Content.Areas.Select(a => a.Item).ToList();
        var units = fixture.Year.Units.ToDictionary(u => u.Code);
        foreach (var county in areas.Where(a => a.Level == AdminLevel.County))
            Assert.Equal(OfficeYearGenerator.Departments.Length, units.Values.Count(u => u.AreaCode == county.Code));
        foreach (var township in areas.Where(a => a.Level == AdminLevel.Township))
            Assert.Single(units.Values, u => u.AreaCode == township.Code && u.Kind == UnitKind.Government);

        var rivers = fixture.Province.Content.Rivers.ToDictionary(r => r.Item.Code, r => r.Item);
        var endDay = new DateOnly(2026, 11, 30);
        Assert.NotEmpty(fixture.Year.Tasks);
        foreach (var t in fixture.Year.Tasks)
        {
            Assert.True(rivers[t.RiverCode].Level <= AdminLevel.County, t.Code);
            Assert.Equal(t.AreaCode, units[t.LeadUnitCode].AreaCode);
            Assert.All(t.CooperatingUnitCodes, c => Assert.Equal(t.AreaCode, units[c].AreaCode));
            Assert.DoesNotContain(t.LeadUnitCode, t.CooperatingUnitCodes);
            Assert.True(t.Deadline >= t.CreatedOn && t.Deadline.Year == 2026, t.Code);
            Assert.InRange(t.Progress, 0, 100);
        }
        // Some items due by the end are not done (red), most are; some are still running.
        var due = fixture.Year.Tasks.Where(t => t.Deadline <= endDay).ToList();
        Assert.InRange(100.0 * due.Count(t => t.Progress < 100) / due.Count, 10, 40);
        Assert.Contains(fixture.Year.Tasks, t => t.Deadline > endDay && t.Progress is > 0 and < 100);
    }

    [Theory]
    [InlineData(1999, null, "Year")]
    [InlineData(2026, "2025-12-31", "Until")]
    [InlineData(2026, "2026-01-03", "Until")]
    [InlineData(2026, "2027-01-02", "Until")]
    public void Unusable_options_are_refused_naming_the_option(int year, string? until, string option)
    {
        var options = new OfficeYearOptions
        {
            Year = year,
            Until = until is null ? null : new DateTimeOffset(DateOnly.Parse(until).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
        };
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(option, ex.ParamName);
    }
}
