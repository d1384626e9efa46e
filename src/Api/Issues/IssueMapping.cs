using Mapster;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>Stored issues as the API shows them (the Mapster rules are in Hosting/ResponseMappings).</summary>
public static class IssueMapping
{
    /// <summary>The properties of a stored issue as of <paramref name="now"/> (the light and the days left depend on the clock).</summary>
    public static IssueProperties ToProperties(this IssueRow row, DateTimeOffset now)
    {
        var properties = row.Adapt<IssueProperties>();
        properties.Light = StatusLight.Of(row.Status, row.Deadline, now);
        properties.LightLabel = properties.Light.ChineseLabel();
        properties.DaysLeft = Math.Round((row.Deadline - now).TotalDays, 1);
        return properties;
    }

    /// <summary>An issue as a GeoJSON Feature: its point, id and properties.</summary>
    public static Feature<IssueProperties> ToFeature(this IssueProperties issue) =>
        GeoJsonResults.Feature(issue, new NetTopologySuite.Geometries.Point(issue.Lon, issue.Lat) { SRID = 4326 }, issue.Id);
}
