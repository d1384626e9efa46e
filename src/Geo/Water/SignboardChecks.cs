using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Water;

/// <summary>What a signboard check found wrong with one board.</summary>
public enum SignboardDefect
{
    /// <summary>待更新: the printed chief's name differs from today's chief (or the stretch has none now).</summary>
    ChiefChanged,
    /// <summary>待更新: the printed phone differs from today's chief's phone.</summary>
    PhoneChanged,
    /// <summary>The board stands farther than the limit from its segment or zone.</summary>
    FarFromSegment,
    /// <summary>The segment or zone the board names does not exist (any more).</summary>
    UnknownSegment,
}

/// <summary>One board checked against today's data: who holds the stretch now, how far it stands, and what is wrong.</summary>
public sealed record SignboardCheck(Signboard Board, Chief? CurrentChief, double? DistanceM, IReadOnlyList<SignboardDefect> Defects)
{
    /// <summary>待更新: the printed chief or phone no longer matches.</summary>
    public bool Stale => Defects.Contains(SignboardDefect.ChiefChanged) || Defects.Contains(SignboardDefect.PhoneChanged);
}

/// <summary>Every board checked and the segments without a board.</summary>
public sealed record SignboardReport(IReadOnlyList<SignboardCheck> Boards, IReadOnlyList<Segment> SegmentsWithoutBoard);

/// <summary>
/// 公示牌 checks: a board whose printed chief or phone no longer matches today's holder of its segment (or zone) must be
/// replaced (待更新); a board far from its segment is in the wrong place; a segment without a board has none yet.
/// Today's holder is the segment's chief in the current data.
/// </summary>
public static class SignboardChecks
{
    /// <summary>A board farther than this from its segment or zone (m) is reported.</summary>
    public const double DefaultFarM = 200;

    public static SignboardReport Check(RiverSystem system, IReadOnlyList<Signboard> boards, IReadOnlyList<WaterBodyZone> zones, double farM = DefaultFarM)
    {
        var zonesByCode = zones.ToDictionary(z => z.Code, StringComparer.Ordinal);
        var checks = boards.OrderBy(b => b.Code, StringComparer.Ordinal).Select(b => CheckOne(system, zonesByCode, b, farM)).ToList();
        var boarded = boards.Select(b => b.SegmentCode).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var without = system.Segments.Values.Select(s => s.Segment).Where(s => !boarded.Contains(s.Code))
            .OrderBy(s => s.Level).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
        return new SignboardReport(checks, without);
    }

    private static SignboardCheck CheckOne(RiverSystem system, Dictionary<string, WaterBodyZone> zones, Signboard board, double farM)
    {
        var defects = new List<SignboardDefect>();
        string? chiefId;
        double? distance;
        if (board.SegmentCode is { } code && system.Segments.TryGetValue(code, out var segment))
        {
            chiefId = segment.Segment.ChiefId;
            distance = DistanceToLine(system, segment.Line, board.Location);
        }
        else if (board.ZoneCode is { } zoneCode && zones.TryGetValue(zoneCode, out var zone))
        {
            chiefId = zone.ChiefId;
            distance = DistanceToArea(zone.Geometry, board.Location);
        }
        else
        {
            return new SignboardCheck(board, null, null, [SignboardDefect.UnknownSegment]);
        }
        var chief = chiefId is not null && system.Chiefs.TryGetValue(chiefId, out var c) ? c : null;
        if (chief is null || !SameName(chief.Name, board.ChiefName)) defects.Add(SignboardDefect.ChiefChanged);
        // Only a board that printed the chief's own phone can go stale by it; boards print the supervision phone today.
        else if (board.ChiefPhone is not null && !SamePhone(chief.Phone, board.ChiefPhone)) defects.Add(SignboardDefect.PhoneChanged);
        if (distance > farM) defects.Add(SignboardDefect.FarFromSegment);
        return new SignboardCheck(board, chief, distance is { } d ? Math.Round(d, 1) : null, defects);
    }

    private static bool SameName(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal);

    /// <summary>Phones compared by their digits (a board prints 138-0000-0001 for 13800000001).</summary>
    private static bool SamePhone(string? a, string? b) => Digits(a) == Digits(b);

    private static string Digits(string? phone) => new((phone ?? "").Where(char.IsAsciiDigit).ToArray());

    private static double DistanceToLine(RiverSystem system, LinearReferencing.MeasuredLine line, Point point)
    {
        if (line.VertexCount < 2) return double.PositiveInfinity;
        var (x, y) = system.Projection.Project(point.X, point.Y);
        var envelope = line.ProjectedEnvelope;
        var reach = Math.Max(envelope.Width, envelope.Height) + envelope.Distance(new Envelope(x, x, y, y)) + 1;
        if (line.Locate(x, y, reach) is not { } location) return double.PositiveInfinity;
        var at = line.PointAt(location.Measure);
        return Geodesic.Distance(point.X, point.Y, at.X, at.Y);
    }

    private static double DistanceToArea(Geometry area, Point point)
    {
        if (area.Covers(point)) return 0;
        var nearest = DistanceOp.NearestPoints(area, point);
        return Geodesic.Distance(point.Coordinate, nearest[0]);
    }
}
