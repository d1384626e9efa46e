using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Responsibility;

/// <summary>What kind of section a boundary crossing is.</summary>
public enum CrossingKind
{
    /// <summary>交界断面: the river passes from one area of the level to another.</summary>
    Boundary,
    /// <summary>入境断面: the river enters the level's areas from outside all of them.</summary>
    Entering,
    /// <summary>出境断面: the river leaves the level's areas.</summary>
    Leaving,
}

/// <summary>Chinese labels of <see cref="CrossingKind"/>.</summary>
public static class CrossingKinds
{
    public static string ChineseLabel(this CrossingKind kind) => kind switch
    {
        CrossingKind.Boundary => "交界断面",
        CrossingKind.Entering => "入境断面",
        _ => "出境断面",
    };
}

/// <summary>What <see cref="BoundaryCrossings"/> looks at.</summary>
/// <param name="Level">Level L whose area boundaries are crossed.</param>
/// <param name="AreaCode">Optional: only crossings with a side in this level-L area or in a level-L area under it.</param>
/// <param name="RiverCode">Optional: one river (nothing when it is managed below L).</param>
/// <param name="ToleranceM">Stretches in an area, or outside every area, shorter than this are slivers and ignored.</param>
public sealed record BoundaryCrossingQuery(
    AdminLevel Level,
    string? AreaCode = null,
    string? RiverCode = null,
    double ToleranceM = ResponsibilityCodes.DefaultToleranceM);

/// <summary>Contact of a chief as shown on a crossing.</summary>
public sealed record ChiefContact(string Id, string Name, string? Phone);

/// <summary>One side of a boundary crossing: the area and who answers for the river there.</summary>
/// <param name="SegmentCode">
/// The level-L segment of the area on this river whose alignment is nearest the crossing; null when the area has none.
/// </param>
/// <param name="ChiefId">That segment's chief; null when there is no segment or it is vacant.</param>
/// <param name="GeneralChiefs">The area's general chiefs (总河长), ordered by id.</param>
public sealed record CrossingSide(
    string AreaCode,
    string AreaName,
    string? SegmentCode,
    string? ChiefId,
    string? ChiefName,
    string? ChiefPhone,
    IReadOnlyList<ChiefContact> GeneralChiefs);

/// <summary>
/// A point where a river passes from one level-L area to another (交界断面), or enters/leaves the level-L areas
/// altogether (出入境断面; one side null). Upstream/downstream follow the river's digitising direction.
/// </summary>
/// <param name="Geometry">The crossing point (lon/lat).</param>
/// <param name="Kind"><c>boundary</c> (area to area), <c>entering</c> (from outside every area), <c>leaving</c> (to outside).</param>
/// <param name="MeasureM">Geodesic metres from the river's upstream end.</param>
public sealed record BoundaryCrossing(
    Geometry Geometry,
    string RiverCode,
    string RiverName,
    AdminLevel Level,
    CrossingKind Kind,
    double MeasureM,
    string? UpstreamAreaCode,
    string? DownstreamAreaCode,
    CrossingSide? Upstream,
    CrossingSide? Downstream);

/// <summary>
/// Finds where rivers cross boundaries between areas of one level — candidate sites for boundary monitoring sections.
/// Built on <see cref="RiverSystem.StretchesOf"/>: area stretches shorter than the tolerance are dropped; where one area's
/// stretch ends and another's begins within the tolerance (a small gap or overlap between the two polygons) the
/// crossing is at the middle; a longer stretch outside every area gives a leaving and an entering crossing.
/// A river that rises inside an area (or ends inside one) has no crossing at its source (mouth).
/// </summary>
public static class BoundaryCrossings
{
    private const CrossingKind Boundary = CrossingKind.Boundary, Entering = CrossingKind.Entering, Leaving = CrossingKind.Leaving;

    /// <summary>All crossings of rivers managed at the level or above, ordered by river code, then measure.</summary>
    public static IReadOnlyList<BoundaryCrossing> Find(RiverSystem system, BoundaryCrossingQuery query)
    {
        Analysis.CheckTolerance(query.ToleranceM, nameof(query.ToleranceM));
        var filter = AreaFilter.Create(system, query.AreaCode, query.Level);
        var result = new List<BoundaryCrossing>();
        foreach (var river in Analysis.RiversManagedAt(system, query.Level, query.RiverCode))
        {
            foreach (var crossing in On(system, river, query.Level, query.ToleranceM))
            {
                if (filter.Code is null
                    || (crossing.UpstreamAreaCode is { } up && filter.Includes(up))
                    || (crossing.DownstreamAreaCode is { } down && filter.Includes(down)))
                    result.Add(crossing);
            }
        }
        return result;
    }

    /// <summary>The crossings of one river at one level, upstream first.</summary>
    public static IReadOnlyList<BoundaryCrossing> On(RiverSystem system, RiverEntry river, AdminLevel level, double toleranceM)
    {
        var runs = Runs(system.StretchesOf(river.River.Code, level), toleranceM);
        var crossings = new List<BoundaryCrossing>();
        if (runs.Count == 0) return crossings;
        var length = river.Line.Length;
        BoundaryCrossing Make(CrossingKind kind, double measure, AreaEntry? up, AreaEntry? down) =>
            new(Analysis.Factory.CreatePoint(river.Line.PointAt(measure)), river.River.Code, river.River.Name, level, kind, measure,
                up?.Area.Code, down?.Area.Code, Side(system, river, level, up, measure, toleranceM), Side(system, river, level, down, measure, toleranceM));

        if (runs[0].From > toleranceM) crossings.Add(Make(Entering, runs[0].From, null, runs[0].Area));
        for (var i = 1; i < runs.Count; i++)
        {
            var (prev, next) = (runs[i - 1], runs[i]);
            if (next.From - prev.To <= toleranceM)
            {
                crossings.Add(Make(Boundary, (prev.To + next.From) / 2, prev.Area, next.Area));
            }
            else
            {
                crossings.Add(Make(Leaving, prev.To, prev.Area, null));
                crossings.Add(Make(Entering, next.From, null, next.Area));
            }
        }
        if (runs[^1].To < length - toleranceM) crossings.Add(Make(Leaving, runs[^1].To, runs[^1].Area, null));
        return crossings;
    }

    /// <summary>
    /// The river as a sequence of area runs: stretches shorter than the tolerance dropped, same-area stretches separated
    /// by less than the tolerance joined, overlapping neighbours cut at the middle of their overlap, and a stretch lying
    /// wholly within the previous run (overlapping polygons) ignored.
    /// </summary>
    private static List<Run> Runs(IReadOnlyList<AreaStretch> stretches, double tol)
    {
        var pieces = stretches
            .SelectMany(s => s.Inside.Intervals.Where(i => i.Length >= tol).Select(i => new Run(s.Area, i.From, i.To)))
            .OrderBy(r => r.From).ThenBy(r => r.Area.Area.Code, StringComparer.Ordinal);
        var runs = new List<Run>();
        foreach (var piece in pieces)
        {
            if (runs.Count == 0)
            {
                runs.Add(piece);
                continue;
            }
            var last = runs[^1];
            if (piece.Area == last.Area && piece.From - last.To <= tol)
            {
                runs[^1] = last with { To = Math.Max(last.To, piece.To) };
            }
            else if (piece.To <= last.To)
            {
                continue;
            }
            else if (piece.From < last.To)
            {
                var cut = (piece.From + last.To) / 2;
                runs[^1] = last with { To = cut };
                runs.Add(piece with { From = cut });
            }
            else
            {
                runs.Add(piece);
            }
        }
        return runs;
    }

    private static CrossingSide? Side(RiverSystem system, RiverEntry river, AdminLevel level, AreaEntry? area, double measure, double tol)
    {
        if (area is null) return null;
        var code = area.Area.Code;
        var nearest = system.SegmentsOn(river.River.Code, level)
            .Where(s => s.Segment.AreaCode == code)
            .Select(s => (Entry: s, Distance: Analysis.MeasureDistance(system.AlignmentOf(s, tol).Covered, measure)))
            .Where(s => !double.IsInfinity(s.Distance))
            .OrderBy(s => s.Distance).ThenBy(s => s.Entry.Segment.Code, StringComparer.Ordinal)
            .Select(s => s.Entry.Segment).FirstOrDefault();
        var chief = nearest?.ChiefId is { } id && system.Chiefs.TryGetValue(id, out var c) ? c : null;
        var generals = system.GeneralChiefs.TryGetValue(code, out var list)
            ? list.OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => new ChiefContact(g.Id, g.Name, g.Phone)).ToList()
            : [];
        return new CrossingSide(code, area.Area.Name, nearest?.Code, nearest?.ChiefId, chief?.Name, chief?.Phone, generals);
    }

    private sealed record Run(AreaEntry Area, double From, double To);
}
