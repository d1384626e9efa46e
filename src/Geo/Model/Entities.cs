using NetTopologySuite.Geometries;

namespace RiverGis.Geo.Model;

/// <summary>An administrative area (行政区域). Geometry is lon/lat (EPSG:4326), Polygon or MultiPolygon.</summary>
public sealed record AdminArea(string Code, string Name, AdminLevel Level, string? ParentCode, Geometry Geometry);

public enum ChiefRole
{
    /// <summary>总河长: the general chief of an area.</summary>
    General,
    /// <summary>河长: the chief of one or more river segments.</summary>
    Chief,
}

/// <summary>A river chief. Its level is the level of its area.</summary>
/// <param name="Post">The chief's government post (职务, e.g. 副区长), when known.</param>
public sealed record Chief(string Id, string Name, ChiefRole Role, string AreaCode, string? Phone, string? Post = null);

/// <summary>A river, digitised from source to mouth; <see cref="Level"/> is the highest level that manages it.</summary>
public sealed record River(string Code, string Name, AdminLevel Level, string? DownstreamCode, Geometry Geometry);

/// <summary>A river segment (河段) owned by an area at one level; <see cref="ChiefId"/> null means vacant.</summary>
public sealed record Segment(string Code, string RiverCode, AdminLevel Level, string AreaCode, string? ChiefId, string? Name, Geometry Geometry);

public enum OutletKind { Industrial, Municipal, Agricultural, Aquaculture, Other }

/// <summary>规模以上 (above) or 规模以下 (below).</summary>
public enum OutletScale { Above, Below }

public enum PermitStatus { Approved, Pending, None }

/// <summary>A sewage outlet into a river (入河排污口), with where it stands in its lifecycle and its approval (设置审批).</summary>
public sealed record Outlet(string Code, string Name, OutletKind Kind, OutletScale Scale, PermitStatus Permit, string? RiverCode, Point Location,
    Water.OutletStatus Status = Water.OutletStatus.Normal, Water.OutletApproval? Approval = null);

/// <summary>
/// A patrol (巡河) GPS track; identified by (chief, start time). <see cref="Times"/> holds the time of every position
/// when the phone or file gave them (GPX trkpt times, GeoJSON <c>properties.times</c>); null when only the start and
/// end are known.
/// </summary>
public sealed record PatrolTrack(string ChiefId, DateTimeOffset StartedAt, DateTimeOffset EndedAt, LineString Track, TrackTimes? Times = null)
{
    public TimeSpan Duration => EndedAt - StartedAt;
}

/// <summary>
/// The times of a track's positions, kept compactly as milliseconds after <see cref="Origin"/> (4 bytes a fix: a month
/// of a province's tracks is tens of millions of fixes). Equal when origin and every offset are equal.
/// </summary>
public sealed class TrackTimes : IEquatable<TrackTimes>
{
    private readonly int[] _offsetsMs;

    public TrackTimes(DateTimeOffset origin, int[] offsetsMs)
    {
        Origin = origin;
        _offsetsMs = offsetsMs;
    }

    /// <summary>From absolute times (at most 24 days after the first, which any patrol is).</summary>
    public static TrackTimes From(DateTimeOffset origin, IReadOnlyList<DateTimeOffset> times)
    {
        var offsets = new int[times.Count];
        for (var i = 0; i < offsets.Length; i++) offsets[i] = checked((int)Math.Round((times[i] - origin).TotalMilliseconds));
        return new TrackTimes(origin, offsets);
    }

    public DateTimeOffset Origin { get; }
    public int Count => _offsetsMs.Length;
    public ReadOnlySpan<int> OffsetsMs => _offsetsMs;
    public DateTimeOffset this[int index] => Origin.AddMilliseconds(_offsetsMs[index]);

    /// <summary>Seconds from position <paramref name="from"/> to position <paramref name="to"/>.</summary>
    public double SecondsBetween(int from, int to) => (_offsetsMs[to] - (double)_offsetsMs[from]) / 1000;

    public bool Equals(TrackTimes? other) => other is not null && Origin == other.Origin && _offsetsMs.AsSpan().SequenceEqual(other._offsetsMs);

    public override bool Equals(object? obj) => Equals(obj as TrackTimes);

    public override int GetHashCode() => HashCode.Combine(Origin, _offsetsMs.Length);
}

public static class ChiefRoles
{
    public static string ToCode(this ChiefRole role) => EnumCodes.ToCode(role);

    public static bool TryParse(string? code, out ChiefRole role) => EnumCodes.TryParse(code, out role);
}
