using Mapster;
using RiverGis.Api.Analysis;
using RiverGis.Api.Datasets;
using RiverGis.Api.Demarcation;
using RiverGis.Api.Issues;
using RiverGis.Api.Network;
using RiverGis.Api.Roster;
using RiverGis.Api.Patrols;
using RiverGis.Api.Routing;
using RiverGis.Api.Tasks;
using RiverGis.Api.Units;
using RiverGis.Geo.Demarcation;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Network;
using RiverGis.Geo.Patrols;
using RiverGis.Geo.Responsibility;
using RiverGis.Geo.Roster;
using RiverGis.Geo.Tasks;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Hosting;

/// <summary>Mapster configuration, the one place where domain results and stored entities are mapped to responses.</summary>
public static class ResponseMappings
{
    private static int _configured;

    public static void Configure() => Configure(TypeAdapterConfig.GlobalSettings);

    public static void Configure(TypeAdapterConfig config)
    {
        if (ReferenceEquals(config, TypeAdapterConfig.GlobalSettings) && Interlocked.Exchange(ref _configured, 1) == 1) return;
        // Response records are immutable (positional records); nested domain records are typed already and shared as they are.
        config.Default.MapToConstructor(true).ShallowCopyForSameType(true);
        // A response member without a source is a mistake, not a silent default.
        config.RequireDestinationMemberSource = true;

        // Routing. Distances to 0.1 m: more digits claim a precision the data do not have.
        config.NewConfig<ResponsibilityResult, ResponsibleDto>()
            .Map(d => d.DistanceM, s => s.DistanceM == null ? (double?)null : Math.Round(s.DistanceM.Value, 1))
            .Map(d => d.MeasureM, s => s.MeasureM == null ? (double?)null : Math.Round(s.MeasureM.Value, 1))
            .Ignore(d => d.DataVersion, d => d.ComputedUs);

        // Analysis: the src/Geo results without their geometries.
        config.NewConfig<CoverageGap, CoverageGapProperties>();
        config.NewConfig<CoverageRiverSummary, CoverageRiverRow>();
        config.NewConfig<CoverageAreaSummary, CoverageAreaRow>();
        config.NewConfig<SegmentOverlap, OverlapProperties>();
        config.NewConfig<CrossBoundarySegment, CrossBoundaryProperties>();
        config.NewConfig<BoundaryCrossing, BoundaryCrossingProperties>();
        config.NewConfig<BorderStretch, BorderRiverProperties>();
        // The profile's water part (issue 14) comes from the water capability, set by the endpoint.
        config.NewConfig<RiverProfile, RiverProfileResponse>().Ignore(d => d.Water!);

        // Demarcation: `index` is the problem's place in the report, set by the endpoint.
        config.NewConfig<DemarcationProblem, DemarcationProblemProperties>().Map(d => d.Index, _ => 0);

        // Network.
        config.NewConfig<NetworkStretch, StretchProperties>();

        // Datasets.
        config.NewConfig<StoredDataset, DatasetSummary>()
            .Map(d => d.Counts, s => new DatasetCounts(s.AdminAreas, s.Chiefs, s.Rivers, s.Segments, s.Outlets, s.PatrolTracks))
            .Map(d => d.Bbox, s => s.XMin == null ? null : new[] { s.XMin.Value, s.YMin!.Value, s.XMax!.Value, s.YMax!.Value });

        // The ledger: labels and the actions allowed next are computed; the light and days left depend on the clock (IssueMapping.ToProperties).
        config.NewConfig<IssueRow, IssueProperties>()
            .Map(d => d.CategoryLabel, s => s.Category.ChineseLabel())
            .Map(d => d.StatusLabel, s => s.Status.ChineseLabel())
            .Map(d => d.PossibleDuplicates, s => s.DuplicateOf)
            .Map(d => d.AllowedActions, s => IssueLifecycle.AllowedActions(s.Status))
            .Ignore(d => d.Light, d => d.LightLabel, d => d.DaysLeft, d => d.Events!, d => d.FollowUp!);

        // Open311 GeoReport v2: a stored issue as a service request (address and last change are set by Open311Requests).
        config.NewConfig<IssueRow, Open311Request>()
            .Map(d => d.ServiceRequestId, s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Map(d => d.Status, s => s.Status.IsOpen() ? "open" : "closed")
            .Map(d => d.StatusNotes, s => s.Status.ChineseLabel())
            .Map(d => d.ServiceName, s => s.Category.ChineseLabel())
            .Map(d => d.ServiceCode, s => s.Category.ToCode())
            .Map(d => d.AgencyResponsible, s => Open311Requests.Agency(s))
            .Map(d => d.ServiceNotice, s => Open311Requests.Notice(s))
            .Map(d => d.RequestedDatetime, s => Open311Requests.W3c(s.ReportedAt))
            .Map(d => d.UpdatedDatetime, s => Open311Requests.W3c(s.ClosedAt ?? s.ReportedAt))
            .Map(d => d.ExpectedDatetime, s => Open311Requests.W3c(s.Deadline))
            .Map(d => d.Long, s => s.Lon)
            .Map(d => d.MediaUrl, s => s.PhotoUrls.FirstOrDefault())
            .Ignore(d => d.Address!, d => d.AddressId!, d => d.Zipcode!);

        // The chief roster (河长名录): duty label and whether still held are computed.
        config.NewConfig<Appointment, AppointmentResponse>()
            .Map(d => d.DutyLabel, s => s.Duty.ChineseLabel())
            .Map(d => d.Open, s => s.IsOpen);

        // Units: kind label and whether active are computed.
        config.NewConfig<StoredUnit, UnitResponse>()
            .Map(d => d.KindLabel, s => s.Kind.ChineseLabel())
            .Map(d => d.Active, s => s.RetiredOn == null);

        // Plan items: labels computed; the light and days left depend on the clock (PlanTaskService.Show).
        config.NewConfig<PlanTaskRow, PlanTaskProperties>()
            .Map(d => d.ListLabel, s => s.List.ChineseLabel())
            .Map(d => d.StatusLabel, s => s.Status.ChineseLabel())
            .Ignore(d => d.Light, d => d.LightLabel, d => d.DaysLeft, d => d.ProgressNotes!);
        // Patrols: a chief's compliance line (the rule in words, windows and 旬 with their codes and labels) and the tallies.
        config.NewConfig<Geo.Patrols.WindowCount, WindowCountProperties>()
            .Map(d => d.Period, s => s.Period.Code)
            .Map(d => d.Label, s => s.Period.ChineseLabel);
        config.NewConfig<ChiefPatrolCompliance, ChiefComplianceRow>()
            .Map(d => d.ChiefId, s => s.Chief.Id)
            .Map(d => d.Name, s => s.Chief.Name)
            .Map(d => d.Role, s => s.Chief.Role)
            .Map(d => d.AreaCode, s => s.Chief.AreaCode)
            .Map(d => d.Required, s => s.Verdict.Required)
            .Map(d => d.Per, s => s.Verdict.Rule.Per)
            .Map(d => d.PerXun, s => s.Verdict.Rule.PerXun > 0 ? s.Verdict.Rule.PerXun : (int?)null)
            .Map(d => d.Rule, s => s.Verdict.Rule.Words)
            .Map(d => d.Windows, s => s.Verdict.Windows)
            .Map(d => d.XunCounts, s => s.Verdict.Xun.Count > 0 ? s.Verdict.Xun : null)
            .Map(d => d.Status, s => s.Verdict.Status)
            .Map(d => d.StatusLabel, s => s.Verdict.Status.ChineseLabel())
            .Map(d => d.Compliant, s => s.Verdict.Compliant)
            .Map(d => d.Shortfall, s => s.Verdict.Shortfall);
        config.NewConfig<ComplianceTally, ComplianceTallyRow>()
            .Map(d => d.LevelLabel, s => s.Level.ChineseLabel());

        config.Compile();
    }
}
