using Mapster;
using RiverGis.Api.Routing;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Hosting;

/// <summary>Mapster configuration, the one place where domain results and stored entities are mapped to responses.</summary>
public static class ResponseMappings
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        // Distances to 0.1 m: more digits claim a precision the data do not have.
        TypeAdapterConfig<ResponsibilityResult, ResponsibleDto>.NewConfig()
            .Map(d => d.DistanceM, s => s.DistanceM == null ? (double?)null : Math.Round(s.DistanceM.Value, 1))
            .Map(d => d.MeasureM, s => s.MeasureM == null ? (double?)null : Math.Round(s.MeasureM.Value, 1));
        Issues.IssueMapping.Configure(TypeAdapterConfig.GlobalSettings);
        // Open311 GeoReport v2: a stored issue as a service request (address and last change are added by Open311Requests).
        TypeAdapterConfig<Issues.IssueRow, Issues.Open311Request>.NewConfig()
            .Map(d => d.ServiceRequestId, s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Map(d => d.Status, s => s.Status.IsOpen() ? "open" : "closed")
            .Map(d => d.StatusNotes, s => s.Status.ChineseLabel())
            .Map(d => d.ServiceName, s => s.Category.ChineseLabel())
            .Map(d => d.ServiceCode, s => s.Category.ToCode())
            .Map(d => d.AgencyResponsible, s => Issues.Open311Requests.Agency(s))
            .Map(d => d.ServiceNotice, s => Issues.Open311Requests.Notice(s))
            .Map(d => d.RequestedDatetime, s => Issues.Open311Requests.W3c(s.ReportedAt))
            .Map(d => d.UpdatedDatetime, s => Issues.Open311Requests.W3c(s.ClosedAt ?? s.ReportedAt))
            .Map(d => d.ExpectedDatetime, s => Issues.Open311Requests.W3c(s.Deadline))
            .Map(d => d.Long, s => s.Lon)
            .Map(d => d.MediaUrl, s => s.PhotoUrls.FirstOrDefault())
            .Ignore(d => d.Address!, d => d.AddressId!, d => d.Zipcode!);
    }
}
