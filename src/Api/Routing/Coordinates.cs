using RiverGis.Api.Http;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Routing;

/// <summary>Reads lon/lat from a query and refuses positions that are out of range or look lat/lon-swapped for the data.</summary>
public static class Coordinates
{
    public static (double Lon, double Lat)? Read(QueryValues values, ResponsibilityIndex index)
    {
        var lon = values.Double("lon", required: true);
        var lat = values.Double("lat", required: true);
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
