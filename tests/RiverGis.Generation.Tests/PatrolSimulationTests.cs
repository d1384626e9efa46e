using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Generation.Tests;

/// <summary>The generated months of patrols judged by the validity rules and the district plans' frequencies.</summary>
public sealed class PatrolSimulationTests : IClassFixture<PatrolSimulationTests.Province>
{
    /// <summary>A province of 120 rivers with three months of patrols and a tenth of them cheats.</summary>
    public sealed class Province
    {
        public Province()
        {
            Result = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 120, Seed = 3, PatrolCheatFraction = 0.1 });
            var c = Result.Content;
            System = new RiverSystem(new RiverSystemData(c.Areas.Select(a => a.Item).ToList(), c.Chiefs.Select(x => x.Item).ToList(),
                c.Rivers.Select(r => r.Item).ToList(), c.Segments.Select(s => s.Item).ToList(), []));
            var beats = new PatrolBeats(System, PatrolBeats.CurrentHolders(System));
            var validator = new PatrolValidator(PatrolValidityRules.Default);
            Verdicts = c.PatrolTracks.Select(t => t.Item).AsParallel().AsOrdered()
                .Select(t => (Track: t, Verdict: validator.Validate(t, beats.For(t.ChiefId), System.Projection))).ToList();
        }

        public GeneratedProvince Result { get; }
        public RiverSystem System { get; }
        public List<(PatrolTrack Track, PatrolVerdict Verdict)> Verdicts { get; }
    }

    private readonly Province _p;

    public PatrolSimulationTests(Province province) => _p = province;

    [Fact]
    public void Every_planted_cheat_is_refused_for_its_reason_and_honest_patrols_count()
    {
        var cheats = _p.Result.Defects.Cheats.ToDictionary(c => (c.ChiefId, c.StartedAt));
        Assert.Equal(Enum.GetValues<Generation.PatrolCheat>().Length, cheats.Values.Select(c => c.Kind).Distinct().Count());
        Assert.InRange(cheats.Count, 0.07 * _p.Verdicts.Count, 0.13 * _p.Verdicts.Count);
        foreach (var (track, verdict) in _p.Verdicts)
        {
            if (cheats.TryGetValue((track.ChiefId, track.StartedAt), out var cheat))
                Assert.True(verdict.Flaws.Contains(cheat.ExpectedReason), $"{cheat.Kind} of {track.ChiefId} at {track.StartedAt:O}: {string.Join(",", verdict.Flaws)}");
            else
                Assert.True(verdict.Valid, $"honest patrol of {track.ChiefId} at {track.StartedAt:O}: {string.Join(",", verdict.Flaws)}");
        }
    }

    [Fact]
    public void Compliance_is_realistic_well_below_everyone()
    {
        var rules = PatrolFrequencyRules.Default;
        var month = OfficePeriod.Parse("2026-11");
        var valid = _p.Verdicts.Where(v => v.Verdict.Valid).ToLookup(v => v.Track.ChiefId, v => v.Track.StartedAt);
        var holders = PatrolBeats.CurrentHolders(_p.System);
        var judged = _p.System.Chiefs.Values.Where(c => c.Role == ChiefRole.General || holders.ContainsKey(c.Id)).ToList();
        var compliant = judged.Count(c =>
            PatrolComplianceEvaluator.Evaluate(month, rules.For(c.Role, _p.System.Areas[c.AreaCode].Area.Level), valid[c.Id].ToList()).Status == ComplianceStatus.Compliant);
        Assert.InRange((double)compliant / judged.Count, 0.2, 0.85);
        // Chiefs of every level below the province patrol (the province's one general chief may skip a quarter).
        Assert.All(_p.System.LevelsPresent.Where(l => l != AdminLevel.Province),
            level => Assert.Contains(_p.Verdicts, v => _p.System.Areas[_p.System.Chiefs[v.Track.ChiefId].AreaCode].Area.Level == level));
    }

    [Fact]
    public void The_manifest_lists_the_cheats()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rivergis-manifest-{Guid.NewGuid():N}.json");
        _p.Result.Defects.WriteJson(path);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        File.Delete(path);
        var listed = manifest.RootElement.GetProperty("cheats").EnumerateArray().ToList();
        Assert.Equal(_p.Result.Defects.Cheats.Count, listed.Count);
        Assert.All(listed, c => Assert.Contains(c.GetProperty("expected_reason").GetString(), new[] { "too_short_time", "vehicle_speed", "off_own_segments", "position_jumps" }));
        Assert.Equal(listed.Count(c => c.GetProperty("kind").GetString() == "driven"), manifest.RootElement.GetProperty("patrol_cheats").GetProperty("driven").GetInt32());
    }
}
