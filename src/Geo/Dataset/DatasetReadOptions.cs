using RiverGis.Geo.Repair;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Dataset;

/// <summary>How planners' files are read: which CRS to assume where a file states none, and whether to repair.</summary>
/// <param name="Crs">
/// The CRS the caller names (<c>--crs EPSG:4527</c>, <c>crs=</c>): used for files that state none or one that cannot be
/// read; a file stating a different, readable CRS is an error.
/// </param>
/// <param name="Strict">Refuse what would be repaired (<c>import --strict</c>) instead of repairing it with a warning.</param>
/// <param name="RingClosureToleranceM">Rings open by at most this much are closed (repair).</param>
/// <param name="SectionToleranceM">A monitoring section farther than this from its river is refused.</param>
/// <param name="Now">The present, for refusing samples dated in the future (default: the system clock).</param>
public sealed record DatasetReadOptions(SourceCrs? Crs = null, bool Strict = false,
    double RingClosureToleranceM = GeometryRepairer.DefaultRingClosureToleranceM,
    double SectionToleranceM = Water.SectionSnapper.DefaultToleranceM, DateTimeOffset? Now = null, long MaxGeoJsonFileBytes = DatasetReadOptions.GeoJsonFileLimit)
{
    /// <summary>A GeoJSON layer is read whole into memory: .NET arrays stop just short of 2 GiB.</summary>
    public const long GeoJsonFileLimit = 0x7FFFFFC7;

    public static readonly DatasetReadOptions Default = new();
}
