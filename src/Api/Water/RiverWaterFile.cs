using Microsoft.Extensions.Options;
using RiverGis.Api.Analysis;
using RiverGis.Api.Faults;
using RiverGis.Api.Outlets;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>An outlet of the river with its lifecycle and whether it was monitored this month (null: not known while the database is away).</summary>
public sealed record RiverOutletStatus(string Code, string Name, OutletScale Scale, PermitStatus Permit, OutletStatus Status, string StatusLabel,
    string? ApprovedOn, string? ApprovalNo, bool? MonitoredThisMonth);

/// <summary>A signboard on the river with its state (待更新 when the printed chief or phone no longer matches).</summary>
public sealed record RiverBoardState(string Code, string? SegmentCode, string ChiefName, string? CurrentChiefName, bool Stale, bool Far);

/// <summary>
/// The water part of a river's file (一河一档): its sections with the latest class and trend, its outlets with their
/// status and the month's 设置审批率 / 监测率 of the above-scale ones, its signboards and their state.
/// <paramref name="MonitoringAvailable"/> is false while the database is away: the profile answers from memory, and
/// what needs the stored samples and monitoring records (sections' classes, 监测率) is left out rather than guessed.
/// </summary>
public sealed record RiverWaterFile(string Period, bool MonitoringAvailable, IReadOnlyList<SectionProperties> Sections, IReadOnlyList<RiverOutletStatus> Outlets,
    int AboveScaleOutlets, double? ApprovalRatePercent, double? MonitoringRatePercent, IReadOnlyList<RiverBoardState> Signboards,
    IReadOnlyList<string> SegmentsWithoutBoard);

/// <summary>Builds <see cref="RiverWaterFile"/> for the river profile.</summary>
public sealed class RiverWaterFiles(WaterQualityService quality, OutletStore outlets, IOptions<WaterOptions> options)
{
    public async Task<RiverWaterFile> ForRiverAsync(SystemSnapshot snapshot, string riverCode, CancellationToken ct)
    {
        var period = quality.CurrentMonth;
        ComplianceReport? report = null;
        HashSet<string>? monitored = null;
        try
        {
            report = await quality.ComplianceAsync(period, null, ct);
            monitored = await outlets.MonitoredAsync(period.Start, period.End, ct);
        }
        catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex))
        {
            // The rest of the file is in memory and answers, as routing and the analyses do; the monitoring is marked unavailable.
        }
        var sections = (report?.Sections ?? []).Where(s => s.Section.Section.RiverCode == riverCode)
            .OrderBy(s => s.Section.MeasureM).Select(s => SectionProperties.From(s, report!.Threshold)).ToList();
        var onRiver = snapshot.Network.Network.OutletsOn(riverCode).Select(o => o.Outlet).ToList();
        var rows = onRiver.Select(o => new RiverOutletStatus(o.Code, o.Name, o.Scale, o.Permit, o.Status, o.Status.ChineseLabel(),
            o.Approval?.ApprovedOn.ToString("yyyy-MM-dd"), o.Approval?.DocumentNo, monitored?.Contains(o.Code))).ToList();
        var above = onRiver.Where(o => o.Scale == OutletScale.Above && o.Discharging()).ToList();
        double? Rate(int n) => above.Count == 0 ? null : Math.Round(100.0 * n / above.Count, 2);
        var segments = snapshot.System.Data.Segments.Where(s => s.RiverCode == riverCode).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var boards = SignboardChecks.Check(snapshot.System, snapshot.Water.Data.Signboards.Where(b => b.SegmentCode is { } s && segments.Contains(s)).ToList(),
            snapshot.Water.Data.Zones, options.Value.SignboardFarM);
        return new RiverWaterFile(period.Code, monitored is not null, sections, rows, above.Count, Rate(above.Count(o => o.Permit == PermitStatus.Approved)),
            monitored is null ? null : Rate(above.Count(o => monitored.Contains(o.Code))),
            boards.Boards.Select(b => new RiverBoardState(b.Board.Code, b.Board.SegmentCode, b.Board.ChiefName, b.CurrentChief?.Name, b.Stale,
                b.Defects.Contains(SignboardDefect.FarFromSegment))).ToList(),
            boards.SegmentsWithoutBoard.Where(s => segments.Contains(s.Code)).Select(s => s.Code).ToList());
    }
}
