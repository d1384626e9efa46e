using RiverGis.Geo.Calendar;

namespace RiverGis.Api.Figures;

/// <summary>
/// Water-quality figures for plan targets and the assessment, "where sections exist": the monitoring sections of the
/// water capability (issue 14). One seam: until that capability is on main there are no sections — targets cannot
/// name one and the assessment leaves the water-quality item out.
/// </summary>
public interface IWaterQualityFigures
{
    /// <summary>Whether a monitoring section (断面) of that code exists.</summary>
    Task<bool> SectionExistsAsync(string code, CancellationToken ct);

    /// <summary>The share (%) of the area's sections meeting their target class in the period; null where the area has none.</summary>
    Task<double?> TargetMetPercentAsync(OfficePeriod period, string areaCode, CancellationToken ct);
}

/// <summary>No monitoring sections (the water capability is not there yet).</summary>
public sealed class NoWaterQualityFigures : IWaterQualityFigures
{
    public Task<bool> SectionExistsAsync(string code, CancellationToken ct) => Task.FromResult(false);

    public Task<double?> TargetMetPercentAsync(OfficePeriod period, string areaCode, CancellationToken ct) => Task.FromResult<double?>(null);
}
