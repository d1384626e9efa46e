using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Geo.Patrols;

/// <summary>
/// Minimum patrol (巡河) frequency per level: one patrol per interval. Defaults follow the common provincial rules —
/// province twice a year, city quarterly, county monthly, township every ten days (每旬), village weekly; offices set their own.
/// </summary>
public sealed record PatrolRules(IReadOnlyDictionary<AdminLevel, TimeSpan> Interval, double MinOnSegmentShare = 0.5, double NearSegmentM = 200)
{
    public static readonly PatrolRules Default = new(new Dictionary<AdminLevel, TimeSpan>
    {
        [AdminLevel.Province] = TimeSpan.FromDays(182),
        [AdminLevel.City] = TimeSpan.FromDays(91),
        [AdminLevel.County] = TimeSpan.FromDays(30),
        [AdminLevel.Township] = TimeSpan.FromDays(10),
        [AdminLevel.Village] = TimeSpan.FromDays(7),
    });

    /// <summary>Patrols a chief of <paramref name="level"/> owes in a period (at least one).</summary>
    public int RequiredIn(AdminLevel level, DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(1, (int)Math.Floor((to - from).TotalDays / Interval[level].TotalDays + 1e-9));
}

/// <summary>How one chief patrolled in a period.</summary>
/// <param name="Required">Patrols owed in the period by the level's rule.</param>
/// <param name="Patrols">Tracks recorded in the period.</param>
/// <param name="ValidPatrols">Tracks that mostly ran along the chief's own segments (share ≥ the rule's minimum).</param>
/// <param name="OnSegmentShare">Share of all patrolled length within the rule's distance of the chief's segments.</param>
public sealed record ChiefPatrolRecord(
    string ChiefId, string ChiefName, AdminLevel Level, string AreaCode, IReadOnlyList<string> SegmentCodes,
    int Required, int Patrols, int ValidPatrols, double PatrolledKm, double OnSegmentShare, DateTimeOffset? LastPatrol, bool Compliant);

/// <summary>
/// Checks whether river chiefs really patrol: for every chief holding segments, the patrols recorded in a period
/// against the minimum frequency of the chief's level, counting only tracks that actually follow the chief's own
/// segments (a GPS track elsewhere does not count). Lengths are geodesic.
/// </summary>
public static class PatrolCompliance
{
    public static IReadOnlyList<ChiefPatrolRecord> Evaluate(RiverSystem system, IReadOnlyList<PatrolTrack> tracks,
        DateTimeOffset from, DateTimeOffset to, PatrolRules? rules = null, string? areaCode = null, AdminLevel? level = null)
    {
        rules ??= PatrolRules.Default;
        // Chiefs outside the area or level are left out before grouping (a county's month need not group the province's
        // 124 000 segments); whether an area lies in the subtree is asked once per area.
        var areaWanted = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Wanted(string chiefId)
        {
            if (areaCode is null && level is null) return true;
            if (!system.Chiefs.TryGetValue(chiefId, out var c)) return false;
            if (!areaWanted.TryGetValue(c.AreaCode, out var wanted))
                areaWanted[c.AreaCode] = wanted = system.Areas.TryGetValue(c.AreaCode, out var a) && (level is not { } lv || a.Area.Level == lv)
                    && (areaCode is null || system.AncestorsAndSelf(c.AreaCode).Any(x => x.Code == areaCode));
            return wanted;
        }
        var segmentsByChief = system.Segments.Values.Where(s => s.Segment.ChiefId is { } id && Wanted(id))
            .GroupBy(s => s.Segment.ChiefId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var tracksByChief = tracks.Where(t => t.StartedAt < to && t.EndedAt >= from)
            .GroupBy(t => t.ChiefId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var records = new List<ChiefPatrolRecord>();
        foreach (var (chiefId, segments) in segmentsByChief.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!system.Chiefs.TryGetValue(chiefId, out var chief) || !system.Areas.TryGetValue(chief.AreaCode, out var area)) continue;
            if (level is { } l && area.Area.Level != l) continue;
            if (areaCode is not null && system.AncestorsAndSelf(chief.AreaCode).All(a => a.Code != areaCode)) continue;
            var own = tracksByChief.GetValueOrDefault(chiefId) ?? [];
            var valid = 0;
            double total = 0, near = 0;
            foreach (var track in own)
            {
                var (length, alongSegments) = Along(system, track.Track, segments, rules.NearSegmentM);
                total += length;
                near += alongSegments;
                if (length > 0 && alongSegments / length >= rules.MinOnSegmentShare) valid++;
            }
            var required = rules.RequiredIn(area.Area.Level, from, to);
            records.Add(new ChiefPatrolRecord(chiefId, chief.Name, area.Area.Level, chief.AreaCode,
                segments.Select(s => s.Segment.Code).Order(StringComparer.Ordinal).ToList(), required, own.Count, valid,
                Math.Round(total / 1000, 2), total > 0 ? Math.Round(near / total, 3) : 0,
                own.Count > 0 ? own.Max(t => t.EndedAt) : null, valid >= required));
        }
        return records;
    }

    /// <summary>Geodesic length of a track and the part of it within <paramref name="nearM"/> of any of the segments.</summary>
    internal static (double Length, double Near) Along(RiverSystem system, LineString track, IReadOnlyList<SegmentEntry> segments, double nearM)
    {
        var line = new MeasuredLine(track, system.Projection);
        double near = 0;
        foreach (var i in line.Edges())
        {
            // An edge counts as "along" when its midpoint is near a segment: GPS fixes every 30–60 m make this fine-grained enough.
            var mx = (line.X[i] + line.X[i + 1]) / 2;
            var my = (line.Y[i] + line.Y[i + 1]) / 2;
            var radius = nearM * line.ScaleFactor;
            if (segments.Any(s => s.Line.Locate(mx, my, radius) is not null)) near += line.M[i + 1] - line.M[i];
        }
        return (line.Length, near);
    }
}
