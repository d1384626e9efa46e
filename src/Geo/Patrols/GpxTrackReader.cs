using System.Xml;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Patrols;

/// <summary>Whether a track upload is unreadable (malformed: 400) or readable but unusable (422).</summary>
public enum TrackInputFault
{
    Malformed,
    Unprocessable,
}

/// <summary>One thing wrong with an uploaded track: where (a GPX point, a JSON path) and what.</summary>
public sealed record TrackInputProblem(TrackInputFault Fault, string Where, string Message);

/// <summary>A track read from a file: every fix with its time and its name in the file, and the description the file gave it.</summary>
public sealed record TimedTrackInput(LineString Track, TrackTimes Times, string? Description, IReadOnlyList<string> PointNames)
{
    public DateTimeOffset StartedAt => Times[0];
    public DateTimeOffset EndedAt => Times[Times.Count - 1];
}

/// <summary>
/// Reads a GPX 1.1 file (NetTopologySuite.IO.GPX) into one timed track: the track points (trkpt) of every track and
/// track segment in document order, each of which must carry a time, never going back. Problems name the point
/// (<c>trk[0].trkseg[1].trkpt[12]</c>, with its line in the file); malformed XML names the line and position. DTDs are
/// refused (no external entities).
/// </summary>
public static class GpxTrackReader
{
    public const string MediaType = "application/gpx+xml";

    public static (TimedTrackInput? Track, List<TrackInputProblem> Problems) Read(byte[] bytes, int maxPoints)
    {
        var problems = new List<TrackInputProblem>();
        GpxFile file;
        try
        {
            using var xml = XmlReader.Create(new MemoryStream(bytes), Settings);
            file = GpxFile.ReadFrom(xml, new GpxReaderSettings { DefaultCreatorIfMissing = "unknown" });
        }
        catch (XmlException ex)
        {
            problems.Add(new(TrackInputFault.Malformed, "body", $"malformed GPX at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message.Split(" Line ")[0]}"));
            return (null, problems);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            problems.Add(new(TrackInputFault.Malformed, "body", $"not a usable GPX 1.1 file: {ex.Message}"));
            return (null, problems);
        }
        var points = new List<(string Where, int Ordinal, GpxWaypoint Point)>();
        for (var t = 0; t < file.Tracks.Count; t++)
        {
            var segments = file.Tracks[t].Segments;
            for (var s = 0; s < segments.Length; s++)
            {
                var waypoints = segments[s].Waypoints;
                for (var p = 0; p < waypoints.Count; p++) points.Add(($"trk[{t}].trkseg[{s}].trkpt[{p}]", points.Count, waypoints[p]));
            }
        }
        if (points.Count < 2)
        {
            problems.Add(new(TrackInputFault.Unprocessable, "trk", $"the file has {points.Count} track point(s) (trkpt); a patrol track needs at least two"));
            return (null, problems);
        }
        if (points.Count > maxPoints)
        {
            problems.Add(new(TrackInputFault.Unprocessable, "trk", $"{points.Count} track points; at most {maxPoints} are accepted"));
            return (null, problems);
        }
        var lines = new Lazy<List<int>>(() => PointLines(bytes));
        string Where(int ordinal) => $"{points[ordinal].Where} (line {LineOf(lines.Value, ordinal)})";
        var untimed = points.FindIndex(p => p.Point.TimestampUtc is null);
        if (untimed >= 0)
        {
            problems.Add(new(TrackInputFault.Unprocessable, Where(untimed), "has no <time>: every track point needs the time it was recorded"));
            return (null, problems);
        }
        var times = points.Select(p => new DateTimeOffset(DateTime.SpecifyKind(p.Point.TimestampUtc!.Value, DateTimeKind.Utc))).ToList();
        var checkedTimes = TrackTimeline.Check(times, Where, null, null,
            (where, message) => problems.Add(new(TrackInputFault.Unprocessable, where, message)));
        if (checkedTimes is null) return (null, problems);
        var coordinates = points.Select(p => new Coordinate(p.Point.Longitude.Value, p.Point.Latitude.Value)).ToArray();
        var track = GeoJsonGeometryReader.Wgs84Factory.CreateLineString(coordinates);
        var description = file.Tracks.Select(t => t.Description ?? t.Comment).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d))?.Trim();
        return (new TimedTrackInput(track, checkedTimes, description, points.Select(p => p.Where).ToList()), problems);
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The line of every trkpt element, in document order (read again only when a problem must be named).</summary>
    private static List<int> PointLines(byte[] bytes)
    {
        var lines = new List<int>();
        using var xml = XmlReader.Create(new MemoryStream(bytes), Settings);
        var info = (IXmlLineInfo)xml;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "trkpt") lines.Add(info.LineNumber);
        }
        return lines;
    }

    private static int LineOf(List<int> lines, int ordinal) => ordinal < lines.Count ? lines[ordinal] : 0;
}
