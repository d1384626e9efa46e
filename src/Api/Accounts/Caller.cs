using System.Security.Claims;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Who makes a request, as the stores need it to scope their SQL: the role, the user name (the actor of a change), the
/// office's area or the chief's id, and the client address (for the audit log). Built from the authenticated user's
/// claims (<see cref="From"/>), passed from the endpoint down to the store, never taken from a request body.
/// </summary>
public sealed record Caller(Role Role, string? Username, string? AreaCode, string? ChiefId, string? ClientAddress)
{
    /// <summary>Claim types of RiverGis's tokens (external tokens are mapped onto them, see <see cref="ExternalClaims"/>).</summary>
    public const string RoleClaim = "role";
    public const string NameClaim = "sub";
    public const string AreaClaim = "area_code";
    public const string ChiefClaim = "chief_id";
    public const string StampClaim = "stamp";

    public bool IsAnonymous => Username is null;

    /// <summary>The actor recorded in histories: the user name, or 公众 (the public) for an anonymous reporter.</summary>
    public string Actor => Username ?? Role.Public.ChineseLabel();

    /// <summary>Minimal API binding: a handler parameter of type Caller is the request's caller.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext http) => ValueTask.FromResult<Caller?>(From(http));

    /// <summary>Changes made on the command line (users, import), for the audit log: the operating-system user.</summary>
    public static Caller Console => new(Role.Admin, "console:" + Environment.UserName, null, null, "console");

    /// <summary>Changes the service makes itself (the sample data loaded into an empty database).</summary>
    public static Caller System => new(Role.Admin, "system", null, null, null);

    public static Caller Anonymous(string? clientAddress) => new(Role.Public, null, null, null, clientAddress);

    /// <summary>The caller of a request: its authenticated user (a valid token), else anonymous.</summary>
    public static Caller From(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true || !EnumCodes.TryParse<Role>(user.FindFirstValue(RoleClaim), out var role))
            return Anonymous(address);
        return new Caller(role, user.FindFirstValue(NameClaim), user.FindFirstValue(AreaClaim), user.FindFirstValue(ChiefClaim), address);
    }
}
