using System.Security.Claims;
using RiverGis.Geo.Indexing;

namespace RiverGis.Api.Http;

/// <summary>The roles of the river-chief system (issue 10 gives them accounts).</summary>
public enum CallerRole
{
    Public,
    Chief,
    Office,
    Admin,
}

/// <summary>
/// Who is calling: the role, the chief a chief user is, the area an office user serves (null: the whole system).
/// The one seam between endpoints and identity: endpoints ask a Caller, never the request's headers or claims.
/// </summary>
public sealed record Caller(CallerRole Role, string? ChiefId, string? AreaCode)
{
    /// <summary>No identity given: until accounts exist the service sits behind the office's gateway (README), as an office of the whole system.</summary>
    public static readonly Caller Gateway = new(CallerRole.Office, null, null);

    public bool IsOffice => Role is CallerRole.Office or CallerRole.Admin;

    /// <summary>Whether an office (or admin) caller serves <paramref name="areaCode"/> (the area itself or one under its own).</summary>
    public bool Serves(RiverSystem system, string areaCode) =>
        Role == CallerRole.Admin || Role == CallerRole.Office && (AreaCode is null || system.AncestorsAndSelf(areaCode).Any(a => a.Code == AreaCode));

    /// <summary>Whether the caller may see (and act for) what belongs to a chief: the chief, or an office serving the chief's area.</summary>
    public bool MayActFor(RiverSystem system, string chiefId) =>
        Role == CallerRole.Chief ? ChiefId == chiefId
        : system.Chiefs.TryGetValue(chiefId, out var chief) ? Serves(system, chief.AreaCode) : Role == CallerRole.Admin || IsOffice && AreaCode is null;
}

/// <summary>
/// Resolves the <see cref="Caller"/> of a request: from an authenticated principal's claims (<c>role</c>,
/// <c>chief_id</c>, <c>area_code</c>) when there is one; else, while <c>Access:TrustIdentityHeaders</c> is true (the
/// default until accounts land), from the headers a gateway in front of RiverGis sets (<c>X-RiverGis-Role</c>,
/// <c>X-RiverGis-Chief-Id</c>, <c>X-RiverGis-Area-Code</c>); else <see cref="Caller.Gateway"/>.
/// </summary>
public static class Callers
{
    public const string RoleHeader = "X-RiverGis-Role", ChiefHeader = "X-RiverGis-Chief-Id", AreaHeader = "X-RiverGis-Area-Code";

    public static Caller Caller(this HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return From(http.User.FindFirstValue("role") ?? http.User.FindFirstValue(ClaimTypes.Role),
                http.User.FindFirstValue("chief_id"), http.User.FindFirstValue("area_code")) ?? new Caller(CallerRole.Public, null, null);
        }
        var trust = http.RequestServices.GetService<IConfiguration>()?.GetValue<bool?>("Access:TrustIdentityHeaders") ?? true;
        if (trust && http.Request.Headers.TryGetValue(RoleHeader, out var role))
        {
            return From(role.ToString(), http.Request.Headers[ChiefHeader].FirstOrDefault(), http.Request.Headers[AreaHeader].FirstOrDefault())
                ?? new Caller(CallerRole.Public, null, null);
        }
        return Http.Caller.Gateway;
    }

    private static Caller? From(string? role, string? chiefId, string? areaCode)
    {
        if (!Geo.Model.EnumCodes.TryParse<CallerRole>(role?.Trim(), out var parsed)) return null;
        chiefId = string.IsNullOrWhiteSpace(chiefId) ? null : chiefId.Trim();
        areaCode = string.IsNullOrWhiteSpace(areaCode) ? null : areaCode.Trim();
        // A chief without a chief id is nobody in particular: treat as public.
        return parsed == CallerRole.Chief && chiefId is null ? new Caller(CallerRole.Public, null, null) : new Caller(parsed, chiefId, areaCode);
    }
}
