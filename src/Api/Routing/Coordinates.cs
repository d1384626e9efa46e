using RiverGis.Api.Http;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Routing;

/// <summary>Reads lon/lat from a query and refuses positions that are out of range or look lat/lon-swapped for the data.</summary>
public static class Coordinates
{
    // The range is checked with the position (CoordinateCheck), which also recognises a lat/lon swap and says so.
    public static readonly NumberParameter Lon = new("lon", "longitude (WGS84, degrees, -180 to 180)", required: true);
    public static readonly NumberParameter Lat = new("lat", "latitude (WGS84, degrees, -90 to 90)", required: true);

    public static (double Lon, double Lat)? Read(QueryValues values, ResponsibilityIndex index)
    {
        var lon = values.ReadOptional(Lon);
        var lat = values.ReadOptional(Lat);
        if (lon is null || lat is null) return null;
        var check = index.Check(lon.Value, lat.Value);
        if (check.OutOfRange || check.LooksSwapped)
        {
            values.Errors.Add(new(check.OutOfRange && !(lat.Value is >= -90 and <= 90) ? "lat" : check.OutOfRange ? "lon" : "lon,lat", check.Message ?? "invalid position"));
            return null;
        }
        return (lon.Value, lat.Value);
    }
}
