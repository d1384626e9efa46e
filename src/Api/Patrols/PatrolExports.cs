using RiverGis.Api.Exports;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

/// <summary>The patrol tables offices download (CSV or XLSX through <see cref="TableExport"/>).</summary>
public static class PatrolExports
{
    public static readonly ExportTable<ChiefComplianceRow> Compliance = TableExport.Of<ChiefComplianceRow>("巡河达标",
        new("chief_id", r => r.ChiefId),
        new("河长 name", r => r.Name),
        new("role", r => r.Role),
        new("级别 level", r => r.Level.ChineseLabel()),
        new("area_code", r => r.AreaCode),
        new("区域 area", r => r.AreaName),
        new("规则 rule", r => r.Rule),
        new("required", r => r.Required),
        new("valid_patrols 有效巡河", r => r.ValidPatrols),
        new("invalid_patrols 无效巡河", r => r.InvalidPatrols),
        new("旬 counts", r => r.XunCounts is { } xun ? string.Join(" ", xun.Select(x => $"{x.Label[^2..]}{x.Valid}")) : ""),
        new("状态 status", r => r.StatusLabel),
        new("compliant", r => r.Compliant),
        new("shortfall 差额", r => r.Shortfall));

    public static readonly ExportTable<PatrolProperties> Ledger = TableExport.Of<PatrolProperties>("巡河台账",
        new("id", p => p.Id),
        new("chief_id", p => p.ChiefId),
        new("河长 name", p => p.ChiefName),
        new("级别 level", p => p.Level?.ChineseLabel()),
        new("area_code", p => p.AreaCode),
        new("started_at", p => p.StartedAt),
        new("ended_at", p => p.EndedAt),
        new("duration_min", p => p.DurationMin),
        new("length_m", p => p.LengthM),
        new("有效 valid", p => p.Valid),
        new("reasons", p => string.Join(" ", p.Reasons.Select(r => r.ToCode()))),
        new("原因", p => string.Join("；", p.ReasonLabels)),
        new("own_share_pct", p => p.OwnSharePercent),
        new("segments 河段", p => string.Join(" ", p.Segments.Select(s => s.SegmentCode))),
        new("巡河情况 findings", p => p.Findings),
        new("photos 照片", p => p.Photos.Count + p.PhotoUrls.Length - p.Photos.Count(ph => p.PhotoUrls.Any(u => u.EndsWith($"/api/photos/{ph.Id}", StringComparison.Ordinal)))),
        new("problems 发现问题", p => p.Issues.Count),
        new("source", p => p.Source));
}
