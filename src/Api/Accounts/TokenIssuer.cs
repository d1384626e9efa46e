using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>A signed token and how long it is valid.</summary>
public sealed record IssuedToken(string AccessToken, TimeSpan Lifetime);

/// <summary>RiverGis's own JSON Web Tokens (RFC 7519, HS256): who, which role, which area or chief, and the user's security stamp.</summary>
public sealed class TokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(UserAccount user, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(Caller.NameClaim, user.Username),
            new(Caller.RoleClaim, user.Role.ToCode()),
            new(Caller.StampClaim, user.SecurityStamp),
        };
        if (user.DisplayName is { } name) claims.Add(new("name", name));
        if (user.AreaCode is { } area) claims.Add(new(Caller.AreaClaim, area));
        if (user.ChiefId is { } chief) claims.Add(new(Caller.ChiefClaim, chief));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, lifetime);
    }
}
