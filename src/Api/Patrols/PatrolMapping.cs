using Mapster;
using NetTopologySuite.Geometries;
using RiverGis.Api.Http;
using RiverGis.Api.Photos;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

/// <summary>Stored patrols with their verdicts as the API shows them (the Mapster rules are in Hosting/ResponseMappings).</summary>
public static class PatrolMapping
{
    /// <summary>A patrol's properties: the stored record, the verdict, names from the system, its photos (flagged against the track) and problems.</summary>
    public static PatrolProperties ToProperties(this PatrolRow row, PatrolVerdict verdict, RiverSystem system, IEnumerable<PhotoRow> photos,
        IReadOnlyList<LinkedIssue> issues, PhotoPlacement placement, Func<long, string> photoUrl)
    {
        var track = row.Track;
        var chief = system.Chiefs.GetValueOrDefault(track.ChiefId);
        return new PatrolProperties
        {
            Id = row.Id,
            ChiefId = track.ChiefId,
            ChiefName = chief?.Name,
            Role = chief?.Role,
            Level = chief is not null && system.Areas.TryGetValue(chief.AreaCode, out var area) ? area.Area.Level : null,
            AreaCode = chief?.AreaCode,
            StartedAt = track.StartedAt,
            EndedAt = track.EndedAt,
            DurationMin = Math.Round(verdict.DurationMin, 1),
            LengthM = Math.Round(verdict.WalkedM, 1),
            Points = track.Track.NumPoints,
            TimedPoints = track.Times is not null,
            Source = row.Source,
            Valid = verdict.Valid,
            Reasons = verdict.Flaws,
            ReasonLabels = verdict.Flaws.Select(f => f.ChineseLabel()).ToList(),
            OwnSharePercent = Math.Round(100 * verdict.OwnShare, 1),
            VehicleSharePercent = Math.Round(100 * verdict.VehicleShare, 1),
            TopSpeedKmh = verdict.TopSpeedKmh is { } top ? Math.Round(top, 1) : null,
            Jumps = verdict.Jumps,
            Segments = verdict.Segments.Select(s => new FollowedSegmentProperties(s.SegmentCode, s.RiverCode,
                system.Segments.GetValueOrDefault(s.SegmentCode)?.Segment.Name, Math.Round(s.SegmentLengthM, 1), Math.Round(s.CoveredM, 1),
                s.SegmentLengthM > 0 ? Math.Round(100 * s.CoveredM / s.SegmentLengthM, 1) : 0)).ToList(),
            Findings = row.Findings,
            PhotoUrls = row.PhotoUrls,
            Photos = photos.Select(p =>
            {
                var flags = placement.Check(track, p.Facts, system.Projection);
                return new PatrolPhotoProperties(p.Id, photoUrl(p.Id), p.ContentType, p.TakenAt, p.Lon, p.Lat, flags, flags.Select(f => f.ChineseLabel()).ToList());
            }).ToList(),
            Issues = issues,
            SubmittedAt = row.SubmittedAt,
        };
    }

    public static Feature<PatrolProperties> ToFeature(this PatrolProperties patrol, LineString track) => GeoJsonResults.Feature(patrol, track, patrol.Id);

    public static WindowCountProperties ToProperties(this WindowCount count) =>
        new(count.Period.Code, count.Period.ChineseLabel, count.Valid, count.Required);

    public static PatrolComplianceResponse ToResponse(this PatrolComplianceReport report)
    {
        var rows = report.Chiefs.Select(c => c.Adapt<ChiefComplianceRow>()).ToList();
        var compliant = rows.Count(r => r.Compliant);
        var summary = new ComplianceSummary(rows.Count, compliant, rows.Count == 0 ? 0 : Math.Round(100.0 * compliant / rows.Count, 1),
            report.ByLevel.Adapt<List<ComplianceTallyRow>>(), report.ByArea.Adapt<List<ComplianceTallyRow>>());
        return new PatrolComplianceResponse(report.Period.Code, report.Period.ChineseLabel, report.Period.Start, report.Period.End, report.AreaCode,
            rows, summary, report.PatrolsRead, report.DataVersion, report.ComputedMs);
    }

    public static PatrolCoverageResponse ToResponse(this PatrolCoverageReport report, double toleranceM, bool includePatrolled)
    {
        var system = report.Snapshot.System;
        string? Name(string chiefId) => system.Chiefs.GetValueOrDefault(chiefId)?.Name;
        var features = new List<Feature<CoverageStretchProperties>>();
        foreach (var s in report.Segments)
        {
            var line = s.Segment.Line;
            void Add(IntervalSet set, StretchState state)
            {
                foreach (var i in set.Intervals)
                {
                    features.Add(GeoJsonResults.Feature(new CoverageStretchProperties(s.ChiefId, Name(s.ChiefId), s.Segment.Segment.Code, s.Segment.Segment.RiverCode,
                        state, Math.Round(i.From, 1), Math.Round(i.To, 1), Math.Round(i.Length, 1)), line.Extract(i.From, i.To, RiverSystem.Wgs84)));
                }
            }
            Add(s.Unpatrolled, StretchState.Unpatrolled);
            if (includePatrolled) Add(s.Patrolled, StretchState.Patrolled);
        }
        var segments = report.Segments.Select(s => new SegmentCoverageRow(s.Segment.Segment.Code, s.Segment.Segment.RiverCode, s.Segment.Segment.Name, s.ChiefId,
            Name(s.ChiefId), Math.Round(s.LengthM, 1), Math.Round(s.PatrolledM, 1), s.PatrolledPercent, s.Patrols)).ToList();
        return new PatrolCoverageResponse(features, report.Period.Code, toleranceM, segments, report.Snapshot.Version, report.ComputedMs);
    }

    public static PatrolRulesResponse ToResponse(this PatrolRoster roster) => new(roster.Validator.Rules,
        roster.Frequencies.All.OrderBy(kv => kv.Key.Role).ThenBy(kv => kv.Key.Level)
            .Select(kv => new FrequencyRow(kv.Key.Role, kv.Key.Level, kv.Value.Required, kv.Value.Per, kv.Value.PerXun > 0 ? kv.Value.PerXun : null, kv.Value.Words))
            .ToList());
}
