using Mapster;
using RiverGis.Api.Accounts;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>Stored issues as the API shows them (the Mapster rules are in Hosting/ResponseMappings).</summary>
public static class IssueMapping
{
    /// <summary>
    /// The properties of a stored issue as of <paramref name="now"/> (the light and the days left depend on the clock), with
    /// the actions <paramref name="caller"/> may take now.
    /// </summary>
    public static IssueProperties ToProperties(this IssueRow row, DateTimeOffset now, Caller caller)
    {
        var properties = row.Adapt<IssueProperties>();
        properties.Light = StatusLight.Of(row.Status, row.Deadline, now);
        properties.LightLabel = properties.Light.ChineseLabel();
        properties.DaysLeft = Math.Round((row.Deadline - now).TotalDays, 1);
        properties.AllowedActions = IssueScope.AllowedActions(caller, row);
        return properties;
    }

    /// <summary>An issue as its reporter follows it.</summary>
    public static ReporterStatus ToReporterStatus(this IssueRow row, DateTimeOffset now, IEnumerable<IssueEvent> events)
    {
        var light = StatusLight.Of(row.Status, row.Deadline, now);
        return new ReporterStatus(row.Id, row.Category, row.Category.ChineseLabel(), row.Description, row.Status, row.Status.ChineseLabel(), light, light.ChineseLabel(),
            row.ReportedAt, row.Deadline, row.ClosedAt, row.Chief, row.ReporterName, row.ReporterContact,
            events.Select(e => new ReporterEvent(e.At, e.Action, e.ToStatus)).ToList());
    }

    /// <summary>An issue as a GeoJSON Feature: its point, id and properties.</summary>
    public static Feature<IssueProperties> ToFeature(this IssueProperties issue) =>
        GeoJsonResults.Feature(issue, new NetTopologySuite.Geometries.Point(issue.Lon, issue.Lat) { SRID = 4326 }, issue.Id);
}
