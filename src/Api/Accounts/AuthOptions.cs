namespace RiverGis.Api.Accounts;

/// <summary>Sign-in and tokens (section "Auth"; README "Accounts and roles").</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// The key RiverGis signs its tokens with (base64, at least 32 bytes), shared by every instance. When empty, a key
    /// is generated once and kept in the database (table signing_keys), which every instance on that database reads.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Issuer and audience of RiverGis's own tokens.</summary>
    public string Issuer { get; set; } = "rivergis";
    public string Audience { get; set; } = "rivergis";

    /// <summary>Lifetime of a token from POST /api/auth/token (scripts, apps).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of the web app's session (the cookie and the token in it): a working day.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins in a row that lock an account, and for how long.</summary>
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a user's state (enabled, security stamp) is trusted before a token is checked against the database again.</summary>
    public TimeSpan UserRecheck { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Name of the web app's session cookie (HttpOnly, SameSite=Strict, Secure over https).</summary>
    public string SessionCookie { get; set; } = "rivergis_session";

    /// <summary>An external identity provider (OpenID Connect), when the office has one.</summary>
    public ExternalIdentityOptions External { get; set; } = new();
}

/// <summary>
/// Tokens of an external identity provider (Keycloak, Azure AD/Entra ID, an office's own OIDC server): the issuer's
/// signing keys come from its OpenID Connect discovery document; its claims are mapped to RiverGis's role, area and chief.
/// </summary>
public sealed class ExternalIdentityOptions
{
    /// <summary>The provider's issuer URL (its discovery document is Authority + /.well-known/openid-configuration). Empty: no external provider.</summary>
    public string? Authority { get; set; }

    /// <summary>Another discovery URL, when it is not under the authority.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The audience RiverGis's tokens are issued for at the provider (e.g. the client id).</summary>
    public string? Audience { get; set; }

    /// <summary>false only for a provider on a test network without TLS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Claims carrying the user name, role(s), area code and chief id.</summary>
    public string NameClaim { get; set; } = "preferred_username";
    public string RoleClaim { get; set; } = "roles";
    public string AreaClaim { get; set; } = "area_code";
    public string ChiefClaim { get; set; } = "chief_id";

    /// <summary>
    /// The provider's role values and the RiverGis role each means, e.g. {"rivergis-office": "office"}; a value without an
    /// entry that is itself a RiverGis role code (chief, office, admin) means that role. Several: the highest counts.
    /// </summary>
    public Dictionary<string, string> RoleValues { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);
}
