using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Tokens of an external OpenID Connect provider: validated with the keys of its discovery document, then their
/// claims (names configured in Auth:External) mapped onto RiverGis's: the user name, the role (the provider's values
/// translated by RoleValues; the highest of several), the area of an office user and the chief id of a chief user.
/// A token without a usable role, or an office without area, a chief without chief id, is refused (401).
/// </summary>
public static class ExternalClaims
{
    public static void Configure(JwtBearerOptions o, ExternalIdentityOptions external)
    {
        o.Authority = external.Authority;
        if (!string.IsNullOrWhiteSpace(external.MetadataAddress)) o.MetadataAddress = external.MetadataAddress;
        o.Audience = external.Audience;
        o.RequireHttpsMetadata = external.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = external.NameClaim;
        o.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(external.Audience);
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var mapped = Map(context.Principal!, external, out var problem);
                if (mapped is null) context.Fail(problem!);
                else context.Principal = mapped;
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The provider's principal as RiverGis's claims; null with the reason when it cannot be used.</summary>
    public static ClaimsPrincipal? Map(ClaimsPrincipal principal, ExternalIdentityOptions external, out string? problem)
    {
        problem = null;
        var name = principal.FindFirstValue(external.NameClaim) ?? principal.FindFirstValue("sub");
        Role? role = null;
        foreach (var value in principal.FindAll(external.RoleClaim).Select(c => c.Value))
        {
            var code = external.RoleValues.TryGetValue(value, out var mappedCode) ? mappedCode : value;
            if (EnumCodes.TryParse<Role>(code, out var r) && (role is null || r > role)) role = r;
        }
        var area = principal.FindFirstValue(external.AreaClaim);
        var chief = principal.FindFirstValue(external.ChiefClaim);
        problem = (name, role) switch
        {
            (null, _) => $"the token has no '{external.NameClaim}' claim",
            (_, null) => $"the token's '{external.RoleClaim}' claim names no RiverGis role (Auth:External:RoleValues)",
            (_, Role.Office) when string.IsNullOrWhiteSpace(area) => $"an office user's token needs the '{external.AreaClaim}' claim",
            (_, Role.Chief) when string.IsNullOrWhiteSpace(chief) => $"a chief user's token needs the '{external.ChiefClaim}' claim",
            _ => null,
        };
        if (problem is not null) return null;
        var claims = new List<Claim> { new(Caller.NameClaim, name!), new(Caller.RoleClaim, role!.Value.ToCode()) };
        if (role == Role.Office) claims.Add(new(Caller.AreaClaim, area!));
        if (role == Role.Chief) claims.Add(new(Caller.ChiefClaim, chief!));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationSetup.ExternalScheme, Caller.NameClaim, Caller.RoleClaim));
    }
}
