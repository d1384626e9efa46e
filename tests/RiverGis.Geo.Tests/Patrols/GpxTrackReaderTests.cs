using System.Text;
using RiverGis.Geo.Patrols;

namespace RiverGis.Geo.Tests.Patrols;

public class GpxTrackReaderTests
{
    private static byte[] Gpx(string points, string extra = "") => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        {extra}<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
          <trk><name>巡河</name><desc>河面有漂浮垃圾</desc>
            <trkseg>
        {points}
            </trkseg>
          </trk>
        </gpx>
        """);

    private static string Point(double lon, string time) => time.Length == 0
        ? $"      <trkpt lat=\"30.0002\" lon=\"{lon}\"></trkpt>"
        : $"      <trkpt lat=\"30.0002\" lon=\"{lon}\"><time>{time}</time></trkpt>";

    [Fact]
    public void Reads_every_point_with_its_time_and_the_description()
    {
        var (track, problems) = GpxTrackReader.Read(Gpx(string.Join("\n",
            Point(100.0, "2026-11-03T01:00:00Z"), Point(100.001, "2026-11-03T01:00:10Z"), Point(100.002, "2026-11-03T01:00:20Z"))), 1000);
        Assert.Empty(problems);
        Assert.Equal(3, track!.Track.NumPoints);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero), track.StartedAt);
        Assert.Equal(20, track.Times.SecondsBetween(0, 2));
        Assert.Equal("河面有漂浮垃圾", track.Description);
        Assert.Equal("trk[0].trkseg[0].trkpt[2]", track.PointNames[2]);
    }

    public static TheoryData<string, string, string, string> BadFiles => new()
    {
        // points, expected fault, where, message fragment
        { Point(100.0, "2026-11-03T01:00:00Z") + Point(100.001, ""), "unprocessable", "trk[0].trkseg[0].trkpt[1] (line 5)", "has no <time>" },
        { Point(100.0, "2026-11-03T01:00:10Z") + "\n" + Point(100.001, "2026-11-03T01:00:00Z"), "unprocessable", "trk[0].trkseg[0].trkpt[1] (line 6)", "earlier than" },
        { Point(100.0, "2026-11-03T01:00:00Z"), "unprocessable", "trk", "needs at least two" },
        { "      <trkpt lat=\"30\" lon=\"100\"><time>2026-11-03T01:00:00Z</time></trkpt\n", "malformed", "body", "line 7" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_files_name_the_point_or_the_line(string points, string fault, string where, string fragment)
    {
        var (track, problems) = GpxTrackReader.Read(Gpx(points), 1000);
        Assert.Null(track);
        var problem = Assert.Single(problems);
        Assert.Equal(fault, Model.EnumCodes.CodeOf(problem.Fault));
        Assert.Equal(where, problem.Where);
        Assert.Contains(fragment, problem.Message);
    }

    [Fact]
    public void Document_type_definitions_are_refused_and_the_point_limit_holds()
    {
        var withDtd = Gpx(Point(100.0, "2026-11-03T01:00:00Z") + Point(100.001, "2026-11-03T01:00:10Z"), "<!DOCTYPE gpx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n");
        Assert.Equal(TrackInputFault.Malformed, Assert.Single(GpxTrackReader.Read(withDtd, 1000).Problems).Fault);
        var points = string.Join("\n", Enumerable.Range(0, 11).Select(i => Point(100 + i * 0.001, $"2026-11-03T01:00:{i:00}Z")));
        Assert.Contains("at most 10", Assert.Single(GpxTrackReader.Read(Gpx(points), 10).Problems).Message);
    }
}
