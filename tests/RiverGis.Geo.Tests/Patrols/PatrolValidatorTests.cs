using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Geo.Tests.Patrols;

/// <summary>
/// The validity rules on hand-built tracks: a river along 30.0° N from 100.00° to 100.10° E; township T1 (west half) holds
/// S1 with chief C1, T2 holds S2 with C2; G1 is T1's general chief. Tracks walk at a set speed with a fix every 10 s.
/// </summary>
public class PatrolValidatorTests
{
    private static readonly RiverSystem System = new(new RiverSystemData(
        [
            new AdminArea("T1", "东镇", AdminLevel.Township, null, TestGeometry.Wkt("POLYGON((100 29.9, 100.05 29.9, 100.05 30.1, 100 30.1, 100 29.9))")),
            new AdminArea("T2", "西镇", AdminLevel.Township, null, TestGeometry.Wkt("POLYGON((100.05 29.9, 100.1 29.9, 100.1 30.1, 100.05 30.1, 100.05 29.9))")),
        ],
        [new Chief("C1", "甲", ChiefRole.Chief, "T1", null), new Chief("C2", "乙", ChiefRole.Chief, "T2", null), new Chief("G1", "丙", ChiefRole.General, "T1", null)],
        [new River("R", "河", AdminLevel.Township, null, TestGeometry.EastWest(30.0, 100.0, 100.1))],
        [
            new Segment("S1", "R", AdminLevel.Township, "T1", "C1", null, TestGeometry.EastWest(30.0, 100.0, 100.05)),
            new Segment("S2", "R", AdminLevel.Township, "T2", "C2", null, TestGeometry.EastWest(30.0, 100.05, 100.1)),
        ],
        []));

    private static readonly PatrolBeats Beats = new(System, PatrolBeats.CurrentHolders(System));
    private static readonly PatrolValidator Validator = new(PatrolValidityRules.Default);
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(8));
    /// <summary>Metres per degree of longitude along 30.0002° N (WGS84 geodesic).</summary>
    private static readonly double PerDegree = Geodesic.Distance(100.0, 30.0002, 101.0, 30.0002);

    /// <summary>A walk along latitude <paramref name="lat"/> between two longitudes at <paramref name="speed"/> m/s, a fix every 10 s.</summary>
    private static (List<Coordinate> Coordinates, List<DateTimeOffset> Times) Walk(double lon0, double lon1, double lat, double speed, DateTimeOffset from)
    {
        var metres = Math.Abs(lon1 - lon0) * PerDegree;
        var steps = (int)Math.Ceiling(metres / (speed * 10));
        var coordinates = new List<Coordinate>();
        var times = new List<DateTimeOffset>();
        for (var k = 0; k <= steps; k++)
        {
            coordinates.Add(new Coordinate(lon0 + (lon1 - lon0) * k / steps, lat));
            times.Add(from.AddSeconds(metres / speed * k / steps));
        }
        return (coordinates, times);
    }

    private static PatrolTrack Track(string chief, params (List<Coordinate> Coordinates, List<DateTimeOffset> Times)[] legs)
    {
        var coordinates = legs.SelectMany(l => l.Coordinates).ToArray();
        var times = legs.SelectMany(l => l.Times).ToList();
        return new PatrolTrack(chief, times[0], times[^1], GeoJson.GeoJsonGeometryReader.Wgs84Factory.CreateLineString(coordinates), TrackTimes.From(times[0], times));
    }

    private static PatrolVerdict Judge(PatrolTrack track) => Validator.Validate(track, Beats.For(track.ChiefId), System.Projection);

    public static TheoryData<string, string> Cases => new()
    {
        // a 2.9 km walk along S1, 22 m off the river, at 1.2 m/s (40 min)
        { "walk", "" },
        // 1.2 km at 1.7 m/s: 12 min
        { "short_time", "too_short_time" },
        // 600 m in 20 min
        { "short_distance", "too_short_distance" },
        // along S2, another chief's stretch
        { "wrong_river", "off_own_segments" },
        // S1 there and back at 30 km/h
        { "driven", "vehicle_speed" },
        // walk, then 1.9 km in 10 s, then walk on
        { "teleport", "position_jumps" },
        // walk with one fix thrown 400 m off and back: GPS drift, not a jump
        { "drift", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_track_per_rule_gives_its_reason(string kind, string reasons)
    {
        var track = kind switch
        {
            "walk" => Track("C1", Walk(100.005, 100.035, 30.0002, 1.2, Start)),
            "short_time" => Track("C1", Walk(100.01, 100.0225, 30.0002, 1.7, Start)),
            "short_distance" => Track("C1", Walk(100.01, 100.01625, 30.0002, 0.5, Start)),
            "wrong_river" => Track("C1", Walk(100.06, 100.09, 30.0002, 1.2, Start)),
            "driven" => Track("C1", Walk(100.0, 100.05, 30.0002, 8.33, Start), Walk(100.05, 100.0, 30.0002, 8.33, Start.AddMinutes(10).AddSeconds(5))),
            "teleport" => Track("C1", Walk(100.005, 100.015, 30.0002, 1.2, Start), Walk(100.035, 100.045, 30.0002, 1.2, Start.AddMinutes(13.5))),
            _ => Drifted(Track("C1", Walk(100.005, 100.035, 30.0002, 1.2, Start))),
        };
        var verdict = Judge(track);
        Assert.Equal(reasons, string.Join(" ", verdict.Flaws.Select(f => f.ToCode())));
        Assert.Equal(reasons == "", verdict.Valid);
    }

    private static PatrolTrack Drifted(PatrolTrack track)
    {
        var coordinates = track.Track.Coordinates.Select(c => c.Copy()).ToArray();
        coordinates[50].Y += 400 / 110_850.0;
        return track with { Track = GeoJson.GeoJsonGeometryReader.Wgs84Factory.CreateLineString(coordinates) };
    }

    [Fact]
    public void Measures_of_a_walk_are_the_hand_computed_ones()
    {
        var verdict = Judge(Track("C1", Walk(100.005, 100.035, 30.0002, 1.2, Start)));
        Assert.Equal(0.03 * PerDegree, verdict.WalkedM, 0);
        Assert.Equal(0.03 * PerDegree / 1.2 / 60, verdict.DurationMin, 1);
        Assert.Equal(1.0, verdict.OwnShare, 3);
        Assert.Equal(0, verdict.VehicleShare);
        Assert.Equal(1.2 * 3.6, verdict.TopSpeedKmh!.Value, 1);
        // S1 covered from 200 m before the start to 200 m after the end of the walk (the tolerance, as the coverage analysis grows it).
        var s1 = Assert.Single(verdict.Segments);
        Assert.Equal("S1", s1.SegmentCode);
        var alongRiver = Geodesic.Distance(100.0, 30.0, 101.0, 30.0);
        Assert.Equal(0.005 * alongRiver - 200, s1.Covered.Intervals[0].From, 0);
        Assert.Equal(0.035 * alongRiver + 200, s1.Covered.Intervals[^1].To, 0);
    }

    [Fact]
    public void A_track_half_on_the_own_segment_has_the_share_that_runs_within_200_m()
    {
        // 100.03 → 100.07: the part up to S1's end (100.05) plus what lies within 200 m of that end, of 0.04°.
        var verdict = Judge(Track("C1", Walk(100.03, 100.07, 30.0002, 1.2, Start)));
        var near = 0.02 * PerDegree + Math.Sqrt(200 * 200 - 22.2 * 22.2);
        Assert.Equal(near / (0.04 * PerDegree), verdict.OwnShare, 2);
        Assert.Equal(verdict.OwnShare >= 0.5, !verdict.Flaws.Contains(PatrolFlaw.OffOwnSegments));
    }

    [Fact]
    public void A_general_chief_patrols_every_segment_of_the_area()
    {
        var track = Track("G1", Walk(100.005, 100.035, 30.0002, 1.2, Start));
        Assert.True(Judge(track).Valid);
        Assert.False(Judge(track with { ChiefId = "G1", Track = Track("C2", Walk(100.06, 100.09, 30.0002, 1.2, Start)).Track }).Valid);
    }

    [Fact]
    public void Untimed_tracks_are_judged_by_their_average_speed_and_long_steps()
    {
        var walked = Track("C1", Walk(100.005, 100.035, 30.0002, 1.2, Start));
        Assert.True(Judge(walked with { Times = null }).Valid);
        // 9.6 km (S1 there and back) in 16 minutes: 36 km/h on average.
        var there = Track("C1", Walk(100.0, 100.05, 30.0002, 1.2, Start), Walk(100.05, 100.0, 30.0002, 1.2, Start.AddHours(2)));
        var driven = there with { Times = null, EndedAt = there.StartedAt.AddMinutes(16) };
        Assert.Equal([PatrolFlaw.VehicleSpeed], Judge(driven).Flaws);
    }

    [Fact]
    public void Rules_are_configurable()
    {
        var track = Track("C1", Walk(100.005, 100.035, 30.0002, 1.2, Start));
        var strict = new PatrolValidator(PatrolValidityRules.Default with { MinDurationMin = 45, MinDistanceM = 3000 });
        Assert.Equal([PatrolFlaw.TooShortTime, PatrolFlaw.TooShortDistance], strict.Validate(track, Beats.For("C1"), System.Projection).Flaws);
        Assert.Throws<ArgumentException>(() => (PatrolValidityRules.Default with { MinOwnShare = 1.5 }).Validated());
    }
}
