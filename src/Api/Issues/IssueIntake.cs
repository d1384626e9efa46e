using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using NetTopologySuite.Geometries;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Idempotency;
using RiverGis.Api.Limits;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Issues;

/// <summary>Configuration of the ledger (section "Issues").</summary>
public sealed class IssueOptions
{
    /// <summary>Rectification days per category code, overriding <see cref="DeadlinePolicy.DefaultDays"/>.</summary>
    public Dictionary<string, int> DeadlineDays { get; set; } = new();
    /// <summary>How far upstream to list outlets for discharge and black-odorous reports.</summary>
    public double UpstreamOutletsKm { get; set; } = 5;
    /// <summary>How far downstream to list the chiefs who must be warned.</summary>
    public double DownstreamWarningKm { get; set; } = 10;
    public double RoutingRadiusM { get; set; } = ResponsibilityIndex.DefaultRadiusM;
    /// <summary>How many days back a report's <c>reported_at</c> may lie (patrol apps queue reports offline; older is a clock error).</summary>
    public int ReportedAtWindowDays { get; set; } = 30;
}

/// <summary>A parsed report, before routing.</summary>
/// <param name="PatrolId">The patrol during which the problem was found (巡河发现), if any.</param>
public sealed record IssueReport(IssueCategory Category, string Description, IssueSource Source, string? ReporterName, string? ReporterContact,
    string[] PhotoUrls, double Lon, double Lat, DateTimeOffset ReportedAt, long? PatrolId = null);

/// <summary>
/// Takes a report in (a GeoJSON Point Feature or the same facts from Open311), validates it with precise messages,
/// routes it to the responsible chief, lists suspect outlets upstream and chiefs to warn downstream for pollution
/// reports, flags possible duplicates, and files it — once per Idempotency-Key.
/// </summary>
public sealed class IssueIntake(SystemSnapshots snapshots, IssueStore store, Patrols.PatrolStore patrols, IdempotentWrites writes,
    Microsoft.Extensions.Options.IOptions<IssueOptions> options, TimeProvider clock, SigningKeys keys)
{
    /// <summary>The idempotency scope of issue reports.</summary>
    public const string Scope = "issues";

    public const int MaxDescription = FieldLimits.Description;
    public const int MaxPhotos = FieldLimits.Photos;

    public DeadlinePolicy Deadlines { get; } = new(options.Value.DeadlineDays.ToDictionary(
        kv => IssueCategories.TryParse(kv.Key, out var c) ? c : throw new InvalidOperationException($"Issues:DeadlineDays: unknown category '{kv.Key}'"),
        kv => kv.Value));

    /// <summary>Parses a GeoJSON Feature report; every problem is named by its JSON path.</summary>
    public (IssueReport? Report, List<ProblemItem> Errors) Parse(JsonElement feature)
    {
        var errors = new List<ProblemItem>();
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            errors.Add(new("type", "expected a GeoJSON Feature ({\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", …}, \"properties\": {…}})"));
            return (null, errors);
        }
        Point? point = null;
        if (!feature.TryGetProperty("geometry", out var geometryElement) || geometryElement.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new("geometry", "missing: the position of the problem is required"));
        }
        else
        {
            var geometryErrors = new List<string>();
            var geometry = new GeoJsonGeometryReader().Read(geometryElement, "geometry", geometryErrors);
            foreach (var e in geometryErrors)
            {
                var colon = e.IndexOf(": ", StringComparison.Ordinal);
                errors.Add(new(e[..colon], e[(colon + 2)..]));
            }
            if (geometry is not null and not Point) errors.Add(new("geometry.type", $"expected a Point, found {geometry.GeometryType}"));
            point = geometry as Point;
        }
        feature.TryGetProperty("properties", out var propertiesElement);
        var props = new PropertyReader(propertiesElement, (p, m) => errors.Add(new("properties." + p, m)));
        var categoryCode = props.RequiredString("category");
        IssueCategory category = default;
        if (categoryCode is not null && !IssueCategories.TryParseCodeOrLabel(categoryCode, out category))
            errors.Add(new("properties.category", $"unknown value '{categoryCode}', expected one of {IssueCategories.ExpectedCodesOrLabels}"));
        var description = props.RequiredString("description");
        if (description is { Length: > MaxDescription }) errors.Add(new("properties.description", $"longer than {MaxDescription} characters"));
        var sourceCode = props.RequiredString("source");
        IssueSource source = default;
        if (sourceCode is not null && !EnumCodes.TryParse(sourceCode, out source))
            errors.Add(new("properties.source", $"unknown value '{sourceCode}', expected one of {EnumCodes.Expected<IssueSource>()}"));
        var reporterName = props.OptionalString("reporter_name");
        if (reporterName is { Length: > FieldLimits.ReporterName }) errors.Add(new("properties.reporter_name", $"longer than {FieldLimits.ReporterName} characters"));
        var reporterContact = props.OptionalString("reporter_contact");
        if (reporterContact is { Length: > FieldLimits.ReporterContact }) errors.Add(new("properties.reporter_contact", $"longer than {FieldLimits.ReporterContact} characters"));
        var photos = Photos.PhotoUrls.Read(props.Raw("photo_urls"), "properties.photo_urls", MaxPhotos, errors);
        var now = clock.GetUtcNow();
        var reportedAt = now;
        if (props.Has("reported_at") && props.RequiredTimestamp("reported_at") is { } at)
        {
            // Patrol apps queue reports offline and send them later; the future, or a time before the window, is a clock error.
            var window = options.Value.ReportedAtWindowDays;
            if (at > now.AddMinutes(5)) errors.Add(new("properties.reported_at", "lies in the future"));
            else if (at < now.AddDays(-window)) errors.Add(new("properties.reported_at", $"lies more than {window} days back (Issues:ReportedAtWindowDays)"));
            else reportedAt = at;
        }
        long? patrolId = null;
        if (props.Has("patrol_id"))
        {
            var raw = props.Raw("patrol_id");
            if (raw.ValueKind == JsonValueKind.Number && raw.TryGetInt64(out var id) && id > 0) patrolId = id;
            else errors.Add(new("properties.patrol_id", "expected the id of a patrol (a positive integer)"));
        }
        if (errors.Count > 0 || point is null || description is null || sourceCode is null) return (null, errors);
        return (new IssueReport(category, description, source, reporterName, reporterContact, photos, point.X, point.Y, reportedAt, patrolId), errors);
    }

    /// <summary>
    /// Outcome of filing: the issue, whether it was a replay of an earlier request, and the reporter's follow-up token
    /// (the same on a replay); or why it was refused.
    /// </summary>
    public sealed record Filed(IssueRow? Issue, bool Replayed, FilingRefusal? Refusal = null, string? Detail = null, ProblemItem? Error = null,
        string? FollowUpToken = null)
    {
        public bool Refused => Refusal is not null;

        public static Filed Refuse(FilingRefusal refusal, string detail, ProblemItem error) => new(null, false, refusal, detail, error);
    }

    /// <summary>The SHA-256 a follow-up token is stored and looked up as.</summary>
    public static string FollowUpHash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// The reporter's follow-up token: random, or — with an Idempotency-Key — derived from the key and the request
    /// (an HMAC under the service's signing key), so that a retry that lost the first answer gets the same token again.
    /// </summary>
    private string MakeFollowUpToken(IdempotencyKey? key)
    {
        var bytes = key is null
            ? RandomNumberGenerator.GetBytes(18)
            : HMACSHA256.HashData(keys.Current.Key, System.Text.Encoding.UTF8.GetBytes($"follow-up\n{key.Key}\n{key.RequestHash}"))[..18];
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Routes and files a report by <paramref name="caller"/> (the actor of its first event; anonymous reporters are
    /// 公众). <paramref name="requestBytes"/> is hashed so a reused key with another body is refused.
    /// </summary>
    public async Task<Filed> FileAsync(IssueReport report, Caller caller, string? idempotencyKey, ReadOnlyMemory<byte> requestBytes, CancellationToken ct)
    {
        var (key, keyError) = IdempotencyKey.Of(Scope, idempotencyKey, requestBytes.Span);
        if (keyError is not null) return Filed.Refuse(FilingRefusal.InvalidKey, "Invalid header.", keyError);
        if (key is not null && await writes.LookupAsync(key, ct) is { } earlier) return await AnswerEarlierAsync(key, earlier, ct);
        // A problem found on a patrol names a patrol the caller may see (the chief's own; an office's in scope); any
        // other id is unknown to the caller, whether it exists or not.
        if (report.PatrolId is { } patrolId && (await patrols.ChiefOfAsync(patrolId, ct) is not { } patroller
                || !Patrols.PatrolScope.Holds(caller, (await snapshots.CurrentAsync(ct)).System, patroller)))
            return Filed.Refuse(FilingRefusal.UnknownPatrol, $"There is no patrol {patrolId} of yours.", new ProblemItem("properties.patrol_id", $"unknown patrol {patrolId}"));
        var snapshot = await snapshots.CurrentAsync(ct);
        var check = snapshot.Routing.Check(report.Lon, report.Lat);
        if (check.OutOfRange || check.LooksSwapped)
            return Filed.Refuse(FilingRefusal.InvalidPosition, "Invalid position.", new ProblemItem("geometry.coordinates", check.Message ?? "invalid position"));
        var routed = snapshot.Routing.Resolve(report.Lon, report.Lat, options.Value.RoutingRadiusM);
        if (routed.Status != ResolveStatus.Found)
        {
            return Filed.Refuse(FilingRefusal.NobodyResponsible,
                routed.Message ?? $"({report.Lon}, {report.Lat}) is outside every administrative area of the river-chief system and far from its rivers; report it to the competent authority.",
                new ProblemItem("geometry.coordinates", "outside the river-chief system"));
        }
        var routing = new IssueRouting(routed.Escalated, routed.EscalationReason, routed.SkippedLevels, routed.ExpectedLevel, routed.ResponsibleLevel,
            routed.GeneralChiefFallback, routed.Candidates, snapshot.Version);
        if (report.Category is IssueCategory.IllegalDischarge or IssueCategory.BlackOdorous && routed.RiverCode is { } river && routed.MeasureM is { } measure)
        {
            // Who might be polluting here (outlets upstream) and who must be warned (chiefs downstream).
            routing = routing with
            {
                UpstreamOutlets = snapshot.Network.OutletsUpstream(river, measure, options.Value.UpstreamOutletsKm)?.Outlets ?? [],
                UpstreamKm = options.Value.UpstreamOutletsKm,
                DownstreamChiefs = snapshot.Network.ChiefsDownstream(river, measure, options.Value.DownstreamWarningKm)?.Chiefs ?? [],
                DownstreamKm = options.Value.DownstreamWarningKm,
            };
        }
        var candidates = await store.NearbyOpenAsync(report.Category, report.Lon, report.Lat, report.ReportedAt,
            DuplicateDetector.DefaultRadiusM, DuplicateDetector.DefaultWindow, ct);
        var duplicates = DuplicateDetector.Find(new NewReport(report.Category, report.Lon, report.Lat, report.ReportedAt), candidates);
        // The routed area and its ancestors, so ledger filters by an area of any level find the issue.
        var areaCodes = routed.AreaCode is { } area ? snapshot.System.AncestorsAndSelf(area).Select(a => a.Code).ToArray() : [];
        var token = MakeFollowUpToken(key);
        var issue = new NewIssue(report.Category, report.Description, report.Source, report.ReporterName, report.ReporterContact, report.PhotoUrls,
            report.ReportedAt, Deadlines.DeadlineFor(report.Category, report.ReportedAt), routed.Chief?.Id, routed.Chief, routed.Chain,
            routing, routed.RiverCode, routed.SegmentCode, routed.AreaCode, areaCodes, Round(routed.MeasureM), Round(routed.DistanceM), routed.OffRiver,
            duplicates.Select(d => long.Parse(d.IssueId, CultureInfo.InvariantCulture)).ToArray(), report.Lon, report.Lat, FollowUpHash(token), report.PatrolId);
        var outcome = await writes.WriteOnceAsync(key, (connection, tx, cancel) => store.InsertAsync(connection, tx, issue, caller, cancel), ct);
        // The reporter's own answer: with the contact they gave.
        return outcome.Result == IdempotentResult.Created
            ? new(await store.GetAsReporterAsync(outcome.ResourceId, ct), false, FollowUpToken: token)
            : await AnswerEarlierAsync(key!, outcome, ct);
    }

    /// <summary>The answer to a key used before: the same issue when the request was the same, else the refusal.</summary>
    private async Task<Filed> AnswerEarlierAsync(IdempotencyKey key, IdempotentOutcome earlier, CancellationToken ct) =>
        earlier.Result == IdempotentResult.Replayed
            ? new(await store.GetAsReporterAsync(earlier.ResourceId, ct), true, FollowUpToken: MakeFollowUpToken(key))
            : Filed.Refuse(FilingRefusal.KeyReused, $"Idempotency-Key '{key.Key}' was used for issue {earlier.ResourceId} with a different request body.",
                new ProblemItem(IdempotencyKey.Header, "already used for another report"));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}

/// <summary>Why a report was not filed.</summary>
public enum FilingRefusal
{
    /// <summary>The Idempotency-Key header is unusable (too long).</summary>
    InvalidKey,
    /// <summary>The Idempotency-Key was used before with another request body.</summary>
    KeyReused,
    /// <summary>The position is out of range or looks lat/lon-swapped.</summary>
    InvalidPosition,
    /// <summary>Outside every area and far from every river: nobody in this river-chief system is responsible.</summary>
    NobodyResponsible,
    /// <summary>The patrol the report names does not exist or is not the caller's to name.</summary>
    UnknownPatrol,
}
