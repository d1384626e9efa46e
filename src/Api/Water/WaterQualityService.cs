using System.Text;
using Microsoft.Extensions.Options;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Idempotency;
using RiverGis.Api.Issues;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Network;
using RiverGis.Geo.Routing;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>A section's result in a period with its history (for maps, lists and the escalation).</summary>
public sealed record SectionStanding(PlacedSection Section, IReadOnlyList<SectionPeriod> Series)
{
    public SectionPeriod Current => Series[^1];
    public SectionPeriod? Previous => Series.Count > 1 ? Series[^2] : null;

    /// <summary>The latest monitored period up to the current one.</summary>
    public SectionPeriod? Latest => Series.LastOrDefault(p => p.Quality is not null);
}

/// <summary>Compliance of the sections in a period: each section's standing and 达标率 per area.</summary>
public sealed record ComplianceReport(OfficePeriod Period, int Threshold, IReadOnlyList<SectionStanding> Sections, IReadOnlyList<AreaCompliance> Areas);

/// <summary>What the consecutive-failure scan did for one failing section: the problem it opened, or the one already open for that run.</summary>
public sealed record EscalationOutcome(string SectionCode, string RunStart, int ConsecutiveFailures, long IssueId, bool Opened);

/// <summary>
/// A failing section as its problem records it: the section, its class and failures, the suspects upstream (segments
/// and outlets up to the next section) and, for boundary sections, the chiefs of the other areas informed (联防联控).
/// </summary>
public sealed record SectionEscalation(string SectionCode, string SectionName, SectionKind Kind, WaterClass TargetClass, string Period,
    WaterClass WaterClass, int ConsecutiveFailures, string RunStart, IReadOnlyList<WaterFactor> DecidingFactors,
    IReadOnlyDictionary<WaterFactor, double> Exceedance, IReadOnlyList<StretchSegment> UpstreamSegments, IReadOnlyList<string> StoppedAtSections,
    IReadOnlyList<string> InformedAreaCodes, IReadOnlyList<ResponsibleChief> InformedChiefs);

/// <summary>
/// Water quality over time: sections' results per month (samples averaged, classified against the target, failures
/// counted in a row), 达标率 per area with its change against the previous month, and the escalation of sections failing
/// <see cref="WaterOptions.ConsecutiveFailures"/> months in a row into one routed problem per run of failures.
/// </summary>
public sealed class WaterQualityService(SystemSnapshots snapshots, WaterStore store, IssueStore issues, IssueIntake intake, IdempotentWrites writes,
    IOptions<WaterOptions> options, TimeProvider clock)
{
    /// <summary>Months of history read to count a run of failures (a longer run is counted as this long).</summary>
    public const int HistoryMonths = 24;

    /// <summary>The reporter named on the problems the scan opens.</summary>
    public const string ReporterName = "RiverGis 水质监测";

    /// <summary>The idempotency scope of the problems the scan opens (one per section and run of failures).</summary>
    public const string EscalationScope = "water-escalations";

    public OfficePeriod CurrentMonth => OfficePeriod.Containing(PeriodKind.Month, clock.GetUtcNow());

    /// <summary>Every section's standing in <paramref name="period"/> (a month), and 达标率 per area; <paramref name="areaCode"/> keeps that area's subtree.</summary>
    public async Task<ComplianceReport> ComplianceAsync(OfficePeriod period, string? areaCode, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        var periods = SectionCompliance.PeriodsEndingWith(period, HistoryMonths);
        var samples = (await store.SamplesAsync(periods[0].Start, period.End, null, ct)).ToLookup(s => s.SiteCode, StringComparer.Ordinal);
        var standings = snapshot.Water.Sections.Values
            .Where(p => areaCode is null || p.Section.AreaCodes.Any(a => snapshot.System.AncestorsAndSelf(a).Any(x => x.Code == areaCode)))
            .OrderBy(p => p.Section.Code, StringComparer.Ordinal)
            .Select(p => new SectionStanding(p, SectionCompliance.Evaluate(p.Section, samples[p.Section.Code], periods)))
            .ToList();
        var areas = ComplianceRates.Compute(standings.Select(s => s.Section.Section), period,
            standings.ToDictionary(s => s.Section.Section.Code, s => s.Current, StringComparer.Ordinal),
            standings.Where(s => s.Previous is not null).ToDictionary(s => s.Section.Section.Code, s => s.Previous!, StringComparer.Ordinal),
            a => snapshot.System.AncestorsAndSelf(a).Select(x => x.Code));
        if (areaCode is not null) areas = areas.Where(a => snapshot.System.AncestorsAndSelf(a.AreaCode).Any(x => x.Code == areaCode)).ToList();
        return new ComplianceReport(period, options.Value.ConsecutiveFailures, standings, areas);
    }

    /// <summary>
    /// For the assessment (issue 13): per area, the share of sections meeting their target in <paramref name="period"/>
    /// (a month) and its change against the previous month, in percentage points. Areas without sections are absent;
    /// an area whose sections were not monitored has a null rate.
    /// </summary>
    public async Task<IReadOnlyList<AreaCompliance>> SectionComplianceByAreaAsync(OfficePeriod period, string? areaCode, CancellationToken ct) =>
        (await ComplianceAsync(period, areaCode, ct)).Areas;

    /// <summary>One section's monthly results from <paramref name="from"/> to <paramref name="to"/>, with its samples.</summary>
    public async Task<(PlacedSection Section, IReadOnlyList<SectionPeriod> Series, IReadOnlyList<SampleRow> Samples)?> SeriesAsync(string code,
        OfficePeriod from, OfficePeriod to, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.Water.Sections.TryGetValue(code, out var section)) return null;
        var periods = new List<OfficePeriod>();
        for (var p = from; p.Start <= to.Start; p = p.Next()) periods.Add(p);
        var history = SectionCompliance.PeriodsEndingWith(to, Math.Max(periods.Count, HistoryMonths));
        var rows = await store.SampleRowsAsync(history[0].Start, to.End, code, ct);
        var samples = rows.Select(r => new WaterSample(r.SectionCode, r.SampledAt, FactorJson.FromCodes(r.Factors), r.Source)).ToList();
        var series = SectionCompliance.Evaluate(section.Section, samples, history).Where(p => p.Period.Start >= from.Start).ToList();
        return (section, series, rows.Where(r => r.SampledAt >= from.Start).ToList());
    }

    /// <summary>
    /// The consecutive-failure scan for <paramref name="period"/>: every section (or those named) failing its target
    /// in at least the configured number of monitored months in a row gets one problem per run of failures, routed to
    /// the chief of the section's stretch and filed by <paramref name="caller"/> through the ledger (audited); running
    /// it again finds the problem already opened (the run's key in idempotency_keys, scope <see cref="EscalationScope"/>).
    /// </summary>
    public async Task<IReadOnlyList<EscalationOutcome>> EscalateAsync(OfficePeriod period, IReadOnlyCollection<string>? sectionCodes, Caller caller,
        CancellationToken ct)
    {
        var report = await ComplianceAsync(period, null, ct);
        var snapshot = await snapshots.CurrentAsync(ct);
        var failing = ConsecutiveFailureScan.Find(
            report.Sections.Where(s => sectionCodes is null || sectionCodes.Contains(s.Section.Section.Code)).Select(s => (s.Section.Section, s.Series)),
            period, options.Value.ConsecutiveFailures);
        var outcomes = new List<EscalationOutcome>();
        foreach (var f in failing)
        {
            // One problem per run: the key names the section and the run's first month, whatever the scan finds later.
            var run = $"{f.Section.Code}:{f.RunStart.Code}";
            var (key, _) = IdempotencyKey.Of(EscalationScope, run, Encoding.UTF8.GetBytes(run));
            var issue = NewIssue(snapshot, snapshot.Water.Sections[f.Section.Code], f);
            var outcome = await writes.WriteOnceAsync(key, (connection, tx, cancel) => issues.InsertAsync(connection, tx, issue, caller, cancel), ct);
            outcomes.Add(new EscalationOutcome(f.Section.Code, f.RunStart.Code, f.Latest.ConsecutiveFailures, outcome.ResourceId,
                outcome.Result == IdempotentResult.Created));
        }
        return outcomes;
    }

    /// <summary>The scan run by a caller (the office, over the sections of its subtree; the administrator, over all), filing as that caller.</summary>
    public async Task<IReadOnlyList<EscalationOutcome>> EscalateInScopeAsync(OfficePeriod period, Caller caller, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        var codes = WaterScope.AreaOf(caller) is null ? null : await store.SectionsInScopeAsync(snapshot.Water.Sections.Keys, caller, ct);
        return await EscalateAsync(period, codes, caller, ct);
    }

    /// <summary>The catchment of a section up to the next sections upstream (null for a lake section or one off its river).</summary>
    public Catchment? CatchmentOf(SystemSnapshot snapshot, PlacedSection section) =>
        section is { MeasureM: { } m, Section.RiverCode: { } river } ? snapshot.Water.Catchments.Of(river, m, options.Value.CatchmentLimitKm) : null;

    private NewIssue NewIssue(SystemSnapshot snapshot, PlacedSection placed, FailingSection failing)
    {
        var section = placed.Section;
        var quality = failing.Latest.Quality!;
        var (lon, lat) = (section.Location.X, section.Location.Y);
        var routed = snapshot.Routing.Resolve(lon, lat);
        var catchment = CatchmentOf(snapshot, placed);
        var informed = section.Kind == SectionKind.Boundary ? Informed(snapshot, section, catchment, routed) : ([], []);
        var escalation = new SectionEscalation(section.Code, section.Name, section.Kind, section.TargetClass, failing.Latest.Period.Code, quality.Class,
            failing.Latest.ConsecutiveFailures, failing.RunStart.Code, quality.DecidingFactors, quality.Exceedance,
            catchment?.Segments ?? [], catchment?.StoppedAt ?? [], informed.Areas, informed.Chiefs);
        var routing = new IssueRouting(routed.Escalated, routed.EscalationReason, routed.SkippedLevels, routed.ExpectedLevel, routed.ResponsibleLevel,
            routed.GeneralChiefFallback, routed.Candidates, snapshot.Version, UpstreamOutlets: catchment?.Outlets ?? [], Section: escalation);
        var factors = string.Join("、", quality.DecidingFactors.Select(f => SurfaceWaterStandard.Of(f).ChineseName));
        var description = $"{section.Name}（{section.Code}）连续{failing.Latest.ConsecutiveFailures}个月不达标：{failing.Latest.Period.ChineseLabel}"
            + $"水质{quality.Class.ChineseLabel()}，目标{section.TargetClass.ChineseLabel()}，定类因子{factors}。";
        var now = clock.GetUtcNow();
        var areaCodes = routed.AreaCode is { } area ? snapshot.System.AncestorsAndSelf(area).Select(a => a.Code).ToArray() : section.AreaCodes.ToArray();
        // No reporter and no follow-up token: the monitoring itself reported it.
        return new NewIssue(IssueCategory.WaterQuality, description, IssueSource.Inspection, ReporterName, null, [], now,
            intake.Deadlines.DeadlineFor(IssueCategory.WaterQuality, now), routed.Chief?.Id, routed.Chief, routed.Chain, routing, routed.RiverCode ?? section.RiverCode,
            routed.SegmentCode, routed.AreaCode, areaCodes, Round(routed.MeasureM), Round(routed.DistanceM), routed.OffRiver, [], lon, lat, null);
    }

    /// <summary>
    /// 联防联控 of a boundary section: the areas the section answers to and those its catchment drains, other than the area
    /// of the chief the problem went to (and the areas above it), with their segment chiefs in the catchment and their general chiefs.
    /// </summary>
    private static (IReadOnlyList<string> Areas, IReadOnlyList<ResponsibleChief> Chiefs) Informed(SystemSnapshot snapshot, MonitoringSection section,
        Catchment? catchment, ResponsibilityResult routed)
    {
        var system = snapshot.System;
        var own = routed.Chief is { } chief ? system.AncestorsAndSelf(chief.AreaCode).Select(a => a.Code).ToHashSet(StringComparer.Ordinal) : [];
        if (routed.AreaCode is { } routedArea) own.UnionWith(system.AncestorsAndSelf(routedArea).Select(a => a.Code));
        var areas = section.AreaCodes.Concat(catchment?.AreaCodes ?? []).Distinct(StringComparer.Ordinal)
            .Where(a => !own.Contains(a) && system.Areas.ContainsKey(a)).OrderBy(a => a, StringComparer.Ordinal).ToList();
        var chiefs = new List<ResponsibleChief>();
        foreach (var area in areas)
        {
            chiefs.AddRange((catchment?.Segments ?? []).Where(s => s.AreaCode == area && s.Chief is not null).Select(s => s.Chief!));
            if (system.GeneralChiefs.TryGetValue(area, out var generals))
                chiefs.AddRange(generals.Select(g => ResponsibleChief.Of(g, system, system.Areas[area].Area.Level)));
        }
        return (areas, chiefs.DistinctBy(c => c.Id).ToList());
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
