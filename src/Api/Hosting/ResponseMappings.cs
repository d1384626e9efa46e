using Mapster;
using RiverGis.Api.Routing;
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
    }
}
