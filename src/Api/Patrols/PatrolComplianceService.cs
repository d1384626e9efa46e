using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using RiverGis.Api.Analysis;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

/// <summary>One chief's patrol compliance in a period.</summary>
/// <param name="ValidPatrols">Valid patrols started in the period.</param>
/// <param name="InvalidPatrols">Patrols started in the period that do not count.</param>
public sealed record ChiefPatrolCompliance(Chief Chief, AdminLevel Level, string AreaName, int ValidPatrols, int InvalidPatrols, ComplianceVerdict Verdict);

/// <summary>Chiefs compliant out of those judged, for one level (and one area when <see cref="AreaCode"/> is set).</summary>
public sealed record ComplianceTally(string? AreaCode, string? AreaName, AdminLevel Level, int Chiefs, int Compliant, int Pending)
{
    public double CompliantPercent => Chiefs == 0 ? 0 : Math.Round(100.0 * Compliant / Chiefs, 1);
}

/// <summary>
/// Patrol compliance for a calendar period: per chief, per level, and per area (the areas directly under the one asked
/// for; the area itself for its own chiefs). What the monthly report and the assessment (issue 13) read.
/// </summary>
public sealed record PatrolComplianceReport(OfficePeriod Period, string? AreaCode, IReadOnlyList<ChiefPatrolCompliance> Chiefs,
    IReadOnlyList<ComplianceTally> ByLevel, IReadOnlyList<ComplianceTally> ByArea, int PatrolsRead, long DataVersion, double ComputedMs);

/// <summary>Patrol coverage of the chiefs' segments in a period.</summary>
public sealed record PatrolCoverageReport(OfficePeriod Period, IReadOnlyList<SegmentPatrolCoverage> Segments, SystemSnapshot Snapshot, double ComputedMs);

/// <summary>Who is judged: chiefs of an area (and the areas under it), of a level, a role, or one chief.</summary>
public sealed record ComplianceScope(string? AreaCode = null, AdminLevel? Level = null, ChiefRole? Role = null, string? ChiefId = null);

/// <summary>
/// Judges the patrols of a period and counts them against the frequency rules (<see cref="PatrolComplianceEvaluator"/>)
/// and over the chiefs' segments (<see cref="PatrolCoverageComputer"/>). Every track of the period is read once from
/// PostGIS and judged in memory on all cores against the prepared river system (no per-track query), with the rules in
/// force — so a changed rule or roster applies to past periods too.
/// </summary>
public sealed class PatrolComplianceService(SystemSnapshots snapshots, PatrolStore store, PatrolRoster roster)
{
    /// <summary>Compliance of every chief in scope for <paramref name="period"/>.</summary>
    public Task<PatrolComplianceReport> ForPeriodAsync(OfficePeriod period, string? areaCode = null, AdminLevel? level = null, CancellationToken ct = default) =>
        ForPeriodAsync(period, new ComplianceScope(areaCode, level), ct);

    public async Task<PatrolComplianceReport> ForPeriodAsync(OfficePeriod period, ComplianceScope scope, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = await snapshots.CurrentAsync(ct);
        var beats = roster.BeatsFor(period, snapshot);
        var judged = Judged(snapshot.System, beats, period, scope);
        var (tallies, read) = await TallyAsync(period, snapshot, beats, judged, keepFollowed: false, Everyone(scope), ct);
        var chiefs = judged.Select(j =>
        {
            var tally = tallies.GetValueOrDefault(j.Chief.Id) ?? new Tally();
            var verdict = PatrolComplianceEvaluator.Evaluate(period, j.Rule, tally.ValidStarts);
            return new ChiefPatrolCompliance(j.Chief, j.Level, snapshot.System.Areas[j.Chief.AreaCode].Area.Name, verdict.ValidInPeriod,
                tally.InvalidInPeriod, verdict);
        }).ToList();
        return new PatrolComplianceReport(period, scope.AreaCode, chiefs, ByLevel(chiefs), ByArea(snapshot.System, scope.AreaCode, chiefs), read,
            snapshot.Version, Math.Round(watch.Elapsed.TotalMilliseconds, 1));
    }

    /// <summary>Coverage of the segments of every river chief in scope by their valid patrols of <paramref name="period"/>.</summary>
    public async Task<PatrolCoverageReport> CoverageAsync(OfficePeriod period, ComplianceScope scope, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = await snapshots.CurrentAsync(ct);
        var beats = roster.BeatsFor(period, snapshot);
        // Coverage is of held segments: river chiefs only, and only this period's patrols.
        var judged = Judged(snapshot.System, beats, period, scope with { Role = ChiefRole.Chief })
            .Select(j => j with { CountFrom = period.Start }).ToList();
        var (tallies, _) = await TallyAsync(period, snapshot, beats, judged, keepFollowed: true, Everyone(scope), ct);
        var segments = judged.SelectMany(j => PatrolCoverageComputer.Cover(j.Chief.Id, beats.For(j.Chief.Id)!.Segments,
            tallies.GetValueOrDefault(j.Chief.Id)?.Followed ?? [])).ToList();
        return new PatrolCoverageReport(period, segments, snapshot, Math.Round(watch.Elapsed.TotalMilliseconds, 1));
    }

    private static bool Everyone(ComplianceScope scope) => scope is { AreaCode: null, Level: null, Role: null, ChiefId: null };

    private sealed record JudgedChief(Chief Chief, AdminLevel Level, PatrolFrequency Rule, DateTimeOffset CountFrom);

    /// <summary>The chiefs judged: every general chief, and every river chief holding segments in the period, in scope.</summary>
    private List<JudgedChief> Judged(RiverSystem system, PatrolBeats beats, OfficePeriod period, ComplianceScope scope)
    {
        var holders = beats.RiverChiefIds.ToHashSet(StringComparer.Ordinal);
        var list = new List<JudgedChief>();
        foreach (var chief in system.Chiefs.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (chief.Role == ChiefRole.Chief && !holders.Contains(chief.Id)) continue;
            if (scope.ChiefId is not null && chief.Id != scope.ChiefId) continue;
            if (scope.Role is { } role && chief.Role != role) continue;
            if (!system.Areas.TryGetValue(chief.AreaCode, out var area)) continue;
            if (scope.Level is { } level && area.Area.Level != level) continue;
            if (scope.AreaCode is { } code && !system.AncestorsAndSelf(chief.AreaCode).Any(a => a.Code == code)) continue;
            var rule = roster.Frequencies.For(chief.Role, area.Area.Level);
            list.Add(new JudgedChief(chief, area.Area.Level, rule, PatrolComplianceEvaluator.CountFrom(period, rule)));
        }
        return list;
    }

    private sealed class Tally
    {
        public List<DateTimeOffset> ValidStarts { get; } = [];
        public int InvalidInPeriod { get; set; }
        public List<IReadOnlyList<FollowedSegment>> Followed { get; } = [];
    }

    /// <summary>
    /// Reads the tracks each judged chief's rule needs (from its count start to the period's end; one query per distinct
    /// start) and judges them on every core while they stream in.
    /// </summary>
    private async Task<(Dictionary<string, Tally> Tallies, int Read)> TallyAsync(OfficePeriod period, SystemSnapshot snapshot, PatrolBeats beats,
        List<JudgedChief> judged, bool keepFollowed, bool everyone, CancellationToken ct)
    {
        var byChief = judged.ToDictionary(j => j.Chief.Id, StringComparer.Ordinal);
        var tallies = new ConcurrentDictionary<string, Tally>(StringComparer.Ordinal);
        var channel = Channel.CreateBounded<PatrolTrack>(new BoundedChannelOptions(256) { SingleWriter = true });
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            await foreach (var track in channel.Reader.ReadAllAsync(ct))
            {
                if (!byChief.TryGetValue(track.ChiefId, out var chief) || track.StartedAt < chief.CountFrom || track.StartedAt >= period.End) continue;
                var verdict = roster.Validator.Validate(track, beats.For(track.ChiefId), snapshot.System.Projection);
                var tally = tallies.GetOrAdd(track.ChiefId, _ => new Tally());
                lock (tally)
                {
                    if (verdict.Valid)
                    {
                        tally.ValidStarts.Add(track.StartedAt);
                        if (keepFollowed && track.StartedAt >= period.Start) tally.Followed.Add(verdict.Segments);
                    }
                    else if (track.StartedAt >= period.Start) tally.InvalidInPeriod++;
                }
            }
        }, ct)).ToList();
        var read = 0;
        try
        {
            foreach (var group in judged.GroupBy(j => j.CountFrom).OrderBy(g => g.Key))
            {
                // The period itself for every chief is read without a chief list (an index range scan of the period).
                IReadOnlyList<string>? ids = everyone && group.Key == period.Start ? null : group.Select(j => j.Chief.Id).ToList();
                await foreach (var (_, track) in store.TracksAsync(group.Key, period.End, ids, ct))
                {
                    read++;
                    await channel.Writer.WriteAsync(track, ct);
                }
            }
        }
        finally
        {
            channel.Writer.TryComplete();
        }
        await Task.WhenAll(workers);
        return (new Dictionary<string, Tally>(tallies, StringComparer.Ordinal), read);
    }

    private static List<ComplianceTally> ByLevel(List<ChiefPatrolCompliance> chiefs) =>
        chiefs.GroupBy(c => c.Level).OrderBy(g => g.Key)
            .Select(g => new ComplianceTally(null, null, g.Key, g.Count(), g.Count(c => c.Verdict.Compliant), g.Count(c => c.Verdict.Status == ComplianceStatus.Pending)))
            .ToList();

    /// <summary>Per area directly under <paramref name="areaCode"/> (under the top area when none) and level; an area's own chiefs under itself.</summary>
    private static List<ComplianceTally> ByArea(RiverSystem system, string? areaCode, List<ChiefPatrolCompliance> chiefs)
    {
        string? Bucket(Chief chief)
        {
            var chain = system.AncestorsAndSelf(chief.AreaCode).Select(a => a.Code).ToList();
            if (areaCode is null) return chain.Count > 1 ? chain[^2] : chain[^1];
            var at = chain.IndexOf(areaCode);
            return at < 0 ? null : chain[Math.Max(0, at - 1)];
        }
        return chiefs.GroupBy(c => (Area: Bucket(c.Chief), c.Level)).Where(g => g.Key.Area is not null)
            .OrderBy(g => g.Key.Area, StringComparer.Ordinal).ThenBy(g => g.Key.Level)
            .Select(g => new ComplianceTally(g.Key.Area, system.Areas[g.Key.Area!].Area.Name, g.Key.Level, g.Count(),
                g.Count(c => c.Verdict.Compliant), g.Count(c => c.Verdict.Status == ComplianceStatus.Pending)))
            .ToList();
    }
}
