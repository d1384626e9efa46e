using NetTopologySuite.Geometries;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Generation;

/// <summary>The cheats the generator plants among patrols (what a 巡河 app's audit looks for).</summary>
public enum PatrolCheat
{
    /// <summary>A few hundred metres in a few minutes: too short in time and distance.</summary>
    TooShort,
    /// <summary>Driven along the river at 30–50 km/h.</summary>
    Driven,
    /// <summary>Walked along another river, far from the chief's own segments.</summary>
    WrongRiver,
    /// <summary>A walk, then a jump of kilometres in seconds (a spoofed position), then another walk.</summary>
    Teleport,
}

/// <summary>A planted cheat: the patrol (chief and start) and the reason a validator must give for it.</summary>
public sealed record PlantedCheat(PatrolCheat Kind, string ChiefId, DateTimeOffset StartedAt, PatrolFlaw ExpectedReason);

/// <summary>
/// Months of patrols as phones record them: each chief patrols by the frequency rule of the role and level, with a
/// diligence drawn per chief (diligent, lax or absent — so compliance is well below 100 %); a patrol walks 1.5–4.5 km
/// along one of the chief's stretches at 0.9–1.4 m/s, a fix every <see cref="GeneratorOptions.FixIntervalS"/> seconds
/// with 4 m of GPS scatter, starting between 7:30 and 16:30 China Standard Time. A known share are cheats
/// (<see cref="PatrolCheat"/>), listed with the reason they must be refused for. Deterministic per chief.
/// </summary>
internal sealed class PatrolSimulator(GeneratorOptions options, MetricProjection projection, MeasuredLine[] rivers)
{
    /// <summary>A chief and the stretches (river index, measure interval) the chief patrols.</summary>
    internal sealed record Beat(int Index, Chief Chief, AdminLevel Level, IReadOnlyList<(int River, Interval Piece)> Stretches, Envelope Envelope);

    private static readonly PatrolCheat[] CheatKinds = Enum.GetValues<PatrolCheat>();

    public (List<PatrolTrack> Tracks, List<PlantedCheat> Cheats) Simulate(IReadOnlyList<Beat> beats)
    {
        var months = Enumerable.Range(0, options.PatrolMonths).Select(k => options.PatrolFirstMonth.AddMonths(k)).ToList();
        var perBeat = new (List<PatrolTrack>, List<PlantedCheat>)[beats.Count];
        Parallel.For(0, beats.Count, i => perBeat[i] = ForChief(beats[i], months));
        return (perBeat.SelectMany(b => b.Item1).ToList(), perBeat.SelectMany(b => b.Item2).ToList());
    }

    private (List<PatrolTrack>, List<PlantedCheat>) ForChief(Beat beat, List<DateOnly> months)
    {
        var random = Seeds.For(options.Seed, Stage.Patrols, beat.Index);
        var tracks = new List<PatrolTrack>();
        var cheats = new List<PlantedCheat>();
        if (beat.Stretches.Count == 0) return (tracks, cheats);
        var rule = PatrolFrequencyRules.Default.For(beat.Chief.Role, beat.Level);
        var draw = random.NextDouble();
        var diligence = draw < 0.5 ? 2 : draw < 0.85 ? 1 : 0;
        var days = new SortedSet<DateOnly>();
        foreach (var month in months) days.UnionWith(Days(OfficePeriod.MonthOf(month.Year, month.Month), rule, diligence, random));
        foreach (var day in days)
        {
            var start = OfficePeriod.StartOf(day).AddHours(random.Range(7.5, 16.5));
            start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));
            var cheat = random.NextDouble() < options.PatrolCheatFraction ? random.Pick(CheatKinds) : (PatrolCheat?)null;
            if (cheat == PatrolCheat.WrongRiver && (beat.Chief.Role == ChiefRole.General || Elsewhere(beat, random) is null)) cheat = PatrolCheat.TooShort;
            var fixes = cheat switch
            {
                PatrolCheat.TooShort => Walk(random.Pick(beat.Stretches), random.Range(300, 700), 1.1, random),
                PatrolCheat.Driven => Drive(random.Pick(beat.Stretches), random),
                PatrolCheat.WrongRiver => Walk(Elsewhere(beat, random)!.Value, random.Range(1500, 3500), random.Range(0.9, 1.4), random),
                PatrolCheat.Teleport => Teleport(beat, random),
                _ => Walk(Longest(beat, random), random.Range(1500, 4500), random.Range(0.9, 1.4), random),
            };
            tracks.Add(Track(beat.Chief.Id, start, fixes, random));
            if (cheat is { } kind) cheats.Add(new PlantedCheat(kind, beat.Chief.Id, start, Expected(kind)));
        }
        return (tracks, cheats);
    }

    private static PatrolFlaw Expected(PatrolCheat cheat) => cheat switch
    {
        PatrolCheat.TooShort => PatrolFlaw.TooShortTime,
        PatrolCheat.Driven => PatrolFlaw.VehicleSpeed,
        PatrolCheat.WrongRiver => PatrolFlaw.OffOwnSegments,
        _ => PatrolFlaw.PositionJumps,
    };

    /// <summary>The days a chief patrols in a month: by the rule, the chief's diligence (2 diligent, 1 lax, 0 absent) and chance.</summary>
    private static IEnumerable<DateOnly> Days(OfficePeriod month, PatrolFrequency rule, int diligence, Random random)
    {
        DateOnly Any(OfficePeriod p) => p.FirstDay.AddDays(random.Next(p.Days));
        if (diligence == 0) yield break;
        switch (rule.Per)
        {
            case PeriodKind.Month when rule.PerXun > 0:
                if (diligence == 2)
                {
                    foreach (var xun in month.Subperiods(PeriodKind.Xun))
                        for (var k = random.NextDouble() < 0.45 ? 2 : 1; k > 0; k--) yield return Any(xun);
                }
                else
                    for (var k = random.Next(4); k > 0; k--) yield return Any(month);
                break;
            case PeriodKind.Week:
                if (diligence == 2)
                {
                    foreach (var week in month.Subperiods(PeriodKind.Week))
                        if (random.NextDouble() < 0.9) yield return DateOnly.FromDayNumber(Math.Min(week.FirstDay.DayNumber + random.Next(7), month.LastDay.DayNumber));
                }
                else
                    for (var k = 1 + random.Next(2); k > 0; k--) yield return Any(month);
                break;
            case PeriodKind.Month:
                for (var k = diligence == 2 ? 1 + (random.NextDouble() < 0.3 ? 1 : 0) : random.NextDouble() < 0.5 ? 1 : 0; k > 0; k--) yield return Any(month);
                break;
            default:
                // Quarterly and yearly rules: a chance every month (a diligent chief almost always patrols each quarter).
                var chance = rule.Per == PeriodKind.Quarter ? (diligence == 2 ? 0.45 : 0.15) : (diligence == 2 ? 0.2 : 0.05);
                if (random.NextDouble() < chance) yield return Any(month);
                break;
        }
    }

    /// <summary>A walk of <paramref name="metres"/> along a stretch (to and fro where the stretch is shorter): measures along the river per fix.</summary>
    private List<(int River, double Measure)> Walk((int River, Interval Piece) stretch, double metres, double speed, Random random)
    {
        var (river, piece) = stretch;
        var step = speed * options.FixIntervalS;
        var n = Math.Max(2, (int)Math.Ceiling(metres / step) + 1);
        var measures = new List<(int, double)>(n);
        var length = Math.Max(piece.Length, 1);
        var upstream = random.Next(2) == 0;
        var offset = piece.Length > metres ? random.NextDouble() * (piece.Length - metres) : 0;
        for (var k = 0; k < n; k++)
        {
            // Fold the distance walked into the stretch: there and back again while the stretch is shorter than the walk.
            var d = (offset + k * step) % (2 * length);
            var along = d <= length ? d : 2 * length - d;
            measures.Add((river, upstream ? piece.To - Math.Min(along, piece.Length) : piece.From + Math.Min(along, piece.Length)));
        }
        return measures;
    }

    /// <summary>The longest stretch of a few drawn (a chief walks a real stretch, not a corner clip).</summary>
    private static (int River, Interval Piece) Longest(Beat beat, Random random) =>
        Enumerable.Range(0, Math.Min(3, beat.Stretches.Count)).Select(_ => random.Pick(beat.Stretches)).MaxBy(s => s.Piece.Length);

    private List<(int River, double Measure)> Drive((int River, Interval Piece) stretch, Random random)
    {
        var line = rivers[stretch.River];
        var speed = random.Range(8.5, 14);
        var minutes = random.Range(18, 30);
        return Walk((stretch.River, new Interval(0, line.Length)), speed * minutes * 60, speed, random);
    }

    private List<(int River, double Measure)> Teleport(Beat beat, Random random)
    {
        var first = Walk(Longest(beat, random), random.Range(900, 1300), random.Range(1.0, 1.3), random);
        // Somewhere at least 3 km away from where the first walk ended (on another river or far along this one).
        var (river, measure) = first[^1];
        var line = rivers[river];
        var target = measure + 3000 <= line.Length ? (river, new Interval(measure + 3000, Math.Min(line.Length, measure + 4500)))
            : measure - 3000 >= 0 ? (river, new Interval(Math.Max(0, measure - 4500), measure - 3000))
            : FarRiver(line.ProjectedAt(measure), random);
        return [.. first, .. Walk(target, random.Range(900, 1300), random.Range(1.0, 1.3), random)];
    }

    /// <summary>A stretch of a river whose whole extent lies more than 1.5 km from every segment of the beat, or null.</summary>
    private (int River, Interval Piece)? Elsewhere(Beat beat, Random random)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var r = random.Next(rivers.Length);
            if (rivers[r].Length < 2000 || rivers[r].ProjectedEnvelope.Distance(beat.Envelope) < 1500) continue;
            var from = random.NextDouble() * (rivers[r].Length - 1500);
            return (r, new Interval(from, Math.Min(rivers[r].Length, from + 4000)));
        }
        return null;
    }

    private (int River, Interval Piece) FarRiver((double X, double Y) from, Random random)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var r = random.Next(rivers.Length);
            var envelope = rivers[r].ProjectedEnvelope;
            if (envelope.Distance(new Envelope(from.X, from.X, from.Y, from.Y)) >= 3000) return (r, new Interval(0, rivers[r].Length));
        }
        return (0, new Interval(0, rivers[0].Length));
    }

    /// <summary>The fixes as a track: positions on the river with GPS scatter, a time every fix interval.</summary>
    private PatrolTrack Track(string chiefId, DateTimeOffset start, List<(int River, double Measure)> fixes, Random random)
    {
        var coordinates = new Coordinate[fixes.Count];
        var offsets = new int[fixes.Count];
        for (var k = 0; k < fixes.Count; k++)
        {
            var (river, measure) = fixes[k];
            var line = rivers[river];
            var (x, y) = line.ProjectedAt(measure);
            var scatter = 4 * line.ScaleFactor;
            var (lon, lat) = projection.Unproject(x + scatter * random.Gaussian(), y + scatter * random.Gaussian());
            coordinates[k] = new Coordinate(RegionFrame.Snap(lon), RegionFrame.Snap(lat));
            // A teleport takes one fix interval like every other step: that is what gives it away.
            offsets[k] = k * options.FixIntervalS * 1000;
        }
        var track = RegionFrame.Factory.CreateLineString(coordinates);
        var times = new TrackTimes(start, offsets);
        return new PatrolTrack(chiefId, start, times[times.Count - 1], track, times);
    }
}
