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

/// <summary>A patrol (巡河) GPS track; identified by (chief, start time).</summary>
public sealed record PatrolTrack(string ChiefId, DateTimeOffset StartedAt, DateTimeOffset EndedAt, LineString Track);

public static class ChiefRoles
{
    public static string ToCode(this ChiefRole role) => EnumCodes.ToCode(role);

    public static bool TryParse(string? code, out ChiefRole role) => EnumCodes.TryParse(code, out role);
}
