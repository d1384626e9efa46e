using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>
/// Configuration of the Open311 GeoReport v2 facade (section "Open311"). The service is one jurisdiction: a request may
/// omit jurisdiction_id, but one that names another jurisdiction is refused. With ApiKeys set, a key that is not one of them is refused;
/// a valid key gives its application its own rate limit, no key leaves a report under the anonymous one.
/// </summary>
public sealed class Open311Options
{
    /// <summary>This service's jurisdiction_id (GeoReport v2 suggests the office's web domain); empty: not checked.</summary>
    public string JurisdictionId { get; set; } = "rivergis";

    /// <summary>Application keys accepted as api_key (each gives its application its own rate limit); empty: any or none accepted.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Discovery document: how to reach the office running the service.</summary>
    public string Contact { get; set; } = "河长制办公室 (river chief office)";

    /// <summary>Discovery document: how to obtain an API key.</summary>
    public string KeyService { get; set; } = "API keys are issued by the river chief office running this service.";

    /// <summary>Discovery document: "production" or "test".</summary>
    public string EndpointType { get; set; } = "production";
}

/// <summary>
/// The form of POST requests (GeoReport v2 "POST Service Request"), as the OpenAPI document shows it; the endpoint reads
/// the form itself. service_code also takes the category's Chinese label. Reporter contacts are kept for the office only.
/// </summary>
public sealed record Open311ReportForm(
    IssueCategory ServiceCode,
    double Lat,
    double Long,
    string Description,
    string? JurisdictionId = null,
    string? ApiKey = null,
    string? AddressString = null,
    string? AddressId = null,
    string? Email = null,
    string? Phone = null,
    string? FirstName = null,
    string? LastName = null,
    string? MediaUrl = null,
    string? DeviceId = null,
    string? AccountId = null);

/// <summary>GET services: one request type (a problem category) — GeoReport v2 "GET Service List".</summary>
public sealed record Open311Service(string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);

/// <summary>GET services/{code}: the service definition; no category needs extra attributes.</summary>
public sealed record Open311ServiceDefinition(string ServiceCode, IReadOnlyList<Open311Attribute> Attributes);

/// <summary>An extra form field of a service definition (none are defined; the type documents the format).</summary>
public sealed record Open311Attribute(bool Variable, string Code, string Datatype, bool Required, string? DatatypeDescription, int Order, string Description);

/// <summary>
/// POST requests: the filed request — GeoReport v2 "POST Service Request" response. <c>token</c> is the reporter's
/// follow-up token (GET /api/issues/status/{token}), shown once.
/// </summary>
public sealed record Open311Created(string ServiceRequestId, string? ServiceNotice, string? AccountId, string? Token);

/// <summary>GET requests and requests/{id}: one service request — GeoReport v2 "GET Service Requests" response.</summary>
public sealed record Open311Request
{
    public string ServiceRequestId { get; init; } = "";
    /// <summary>open | closed.</summary>
    public string Status { get; init; } = "";
    /// <summary>The ledger's own status in Chinese (已上报, 整改中 …).</summary>
    public string? StatusNotes { get; init; }
    public string ServiceName { get; init; } = "";
    public string ServiceCode { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>The responsible chief and their area.</summary>
    public string? AgencyResponsible { get; init; }
    public string? ServiceNotice { get; init; }
    public DateTimeOffset RequestedDatetime { get; init; }
    /// <summary>The last transition (for closed requests: when it was closed).</summary>
    public DateTimeOffset UpdatedDatetime { get; init; }
    /// <summary>The rectification deadline.</summary>
    public DateTimeOffset? ExpectedDatetime { get; init; }
    /// <summary>Where, most specific first: river, then the areas up to the province; null when off every known area.</summary>
    public string? Address { get; init; }
    public string? AddressId { get; init; }
    public string? Zipcode { get; init; }
    public double Lat { get; init; }
    public double Long { get; init; }
    public string? MediaUrl { get; init; }
}

/// <summary>One error of an Open311 error array (GeoReport v2 "Errors"): the HTTP status as code, and what went wrong.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>The Service Discovery document (wiki.open311.org/Service_Discovery).</summary>
public sealed record Open311Discovery(string Changeset, string Contact, string KeyService, IReadOnlyList<Open311Endpoint> Endpoints);

/// <summary>One endpoint in the discovery document.</summary>
public sealed record Open311Endpoint(string Specification, string Url, string Changeset, string Type, IReadOnlyList<string> Formats);
