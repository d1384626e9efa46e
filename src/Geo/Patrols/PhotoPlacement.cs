using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Patrols;

/// <summary>What is wrong with where or when a patrol photo was taken (read from its EXIF).</summary>
public enum PhotoFlag
{
    /// <summary>Taken farther from the patrol's track than the configured distance.</summary>
    FarFromTrack,
    /// <summary>Taken before the patrol started or after it ended (beyond the configured tolerance).</summary>
    OutsideTrackTime,
    /// <summary>The photo carries no position: where it was taken cannot be checked.</summary>
    NoPosition,
    /// <summary>The photo carries no time: when it was taken cannot be checked.</summary>
    NoTime,
}

public static class PhotoFlags
{
    public static string ChineseLabel(this PhotoFlag flag) => flag switch
    {
        PhotoFlag.FarFromTrack => "拍摄位置远离巡河轨迹",
        PhotoFlag.OutsideTrackTime => "拍摄时间不在巡河时段内",
        PhotoFlag.NoPosition => "照片无位置信息",
        _ => "照片无拍摄时间",
    };
}

/// <summary>Where and when a photo says it was taken (EXIF), each possibly unknown.</summary>
public readonly record struct PhotoFacts(DateTimeOffset? TakenAt, double? Lon, double? Lat);

/// <summary>
/// Checks a patrol photo against the patrol: taken within <paramref name="maxDistanceM"/> of the track (geodesic
/// distance to the nearest point of the line) and between its start and end (± <paramref name="timeTolerance"/>).
/// </summary>
public sealed class PhotoPlacement(double maxDistanceM, TimeSpan timeTolerance)
{
    public IReadOnlyList<PhotoFlag> Check(PatrolTrack track, PhotoFacts photo, MetricProjection projection)
    {
        var flags = new List<PhotoFlag>();
        if (photo.Lon is { } lon && photo.Lat is { } lat)
        {
            if (DistanceToTrack(track, lon, lat, projection) > maxDistanceM) flags.Add(PhotoFlag.FarFromTrack);
        }
        else flags.Add(PhotoFlag.NoPosition);
        if (photo.TakenAt is { } at)
        {
            if (at < track.StartedAt - timeTolerance || at > track.EndedAt + timeTolerance) flags.Add(PhotoFlag.OutsideTrackTime);
        }
        else flags.Add(PhotoFlag.NoTime);
        return flags;
    }

    /// <summary>Geodesic metres from a position to the nearest point of the track (found in the projection, measured on the ellipsoid).</summary>
    public static double DistanceToTrack(PatrolTrack track, double lon, double lat, MetricProjection projection)
    {
        var line = new MeasuredLine(track.Track, projection);
        var (x, y) = projection.Project(lon, lat);
        var best = double.PositiveInfinity;
        var nearest = (Lon: line.Lon[0], Lat: line.Lat[0]);
        foreach (var i in line.Edges())
        {
            var (d, t) = MeasuredLine.SegmentDistance(x, y, line.X[i], line.Y[i], line.X[i + 1], line.Y[i + 1]);
            if (d >= best) continue;
            best = d;
            nearest = (line.Lon[i] + t * (line.Lon[i + 1] - line.Lon[i]), line.Lat[i] + t * (line.Lat[i + 1] - line.Lat[i]));
        }
        return Geodesic.Distance(lon, lat, nearest.Lon, nearest.Lat);
    }
}
