using RiverGis.Geo.Model;

namespace RiverGis.Api.Units;

/// <summary>A unit as the API shows it (mapped in Hosting/ResponseMappings).</summary>
/// <param name="DatasetCode">The dataset that brought it; null when an office created it.</param>
/// <param name="RetiredOn">The day it was removed (kept for the tasks and bulletins that name it); null while active.</param>
public sealed record UnitResponse(string Code, string Name, UnitKind Kind, string KindLabel, string AreaCode, string? Phone, string? DatasetCode,
    DateOnly? RetiredOn, bool Active);

/// <summary>GET /api/units.</summary>
public sealed record UnitListResponse(int Count, IReadOnlyList<UnitResponse> Units);

/// <summary>A unit as an office creates (POST, with <c>code</c>) or edits it (PUT, the code in the path).</summary>
public sealed record UnitRequest(string? Code, string? Name, UnitKind? Kind, string? AreaCode, string? Phone);
