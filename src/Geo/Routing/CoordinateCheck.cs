using NetTopologySuite.Geometries;
using RiverGis.Geo.GeoJson;

namespace RiverGis.Geo.Routing;

/// <summary>What <see cref="CoordinateCheck.Of"/> found about a reported lon/lat pair.</summary>
/// <param name="IsValid">False when the pair is out of range or looks swapped: the caller should reject it (HTTP 400).</param>
/// <param name="OutOfRange">Longitude outside [-180, 180] or latitude outside [-90, 90] (or not a number).</param>
/// <param name="OutsideExtent">In range but outside the data extent (grown by the margin): nothing will be found there.</param>
/// <param name="LooksSwapped">The pair is unusable or outside the data, but (lat, lon) would be inside the data extent.</param>
/// <param name="Message">What is wrong, in words for the reporter; null when nothing is.</param>
public sealed record CoordinateCheckResult(bool IsValid, bool OutOfRange, bool OutsideExtent, bool LooksSwapped, string? Message);

/// <summary>Input validation for reported positions: range errors and the classic lat/lon swap.</summary>
public static class CoordinateCheck
{
    /// <summary>Default growth of the data extent, in degrees, before a position counts as outside it.</summary>
    public const double DefaultMarginDegrees = 0.5;

    /// <summary>Checks (lon, lat) against the WGS84 ranges and against <paramref name="dataExtent"/> (lon/lat).</summary>
    public static CoordinateCheckResult Of(double lon, double lat, Envelope dataExtent, double marginDegrees = DefaultMarginDegrees)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat))
            return new CoordinateCheckResult(false, true, false, false, "longitude and latitude must be finite numbers");

        var rangeProblem = CoordinateRange.Check(lon, lat);
        var grown = new Envelope(dataExtent);
        if (!grown.IsNull) grown.ExpandBy(marginDegrees);
        if (rangeProblem is not null)
        {
            // Out of range: call it swapped only when the twin is a valid position, and inside the data when we know them.
            var twinValid = lat is >= -180 and <= 180 && lon is >= -90 and <= 90;
            var swapped = twinValid && (grown.IsNull || grown.Contains(lat, lon));
            return new CoordinateCheckResult(false, true, false, swapped, rangeProblem);
        }
        if (grown.IsNull || grown.Contains(lon, lat)) return new CoordinateCheckResult(true, false, false, false, null);

        if (CoordinateRange.LooksSwapped(new Coordinate(lon, lat), dataExtent, marginDegrees))
            return new CoordinateCheckResult(false, false, true, true,
                $"position ({lon}, {lat}) lies outside the data, but ({lat}, {lon}) lies inside: the position looks like [lat, lon] — expected [lon, lat]");
        return new CoordinateCheckResult(true, false, true, false, $"position ({lon}, {lat}) lies outside the extent of the river data");
    }
}
