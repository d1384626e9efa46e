using Microsoft.AspNetCore.Authorization;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Accounts;

/// <summary>
/// Who may call an endpoint, declared in its route table with <see cref="AccessConventions.Allow{TBuilder}"/> or
/// <see cref="AccessConventions.AllowAnyone{TBuilder}"/> (every endpoint declares one: <see cref="AccessConventions.AssertDeclared"/>).
/// A role not listed answers 401 to an anonymous caller and 403 to a signed-in one.
/// </summary>
public sealed record EndpointAccess(IReadOnlyList<Role> Roles)
{
    public bool Anyone => Roles.Contains(Role.Public);

    public bool Allows(Role role) => Anyone || Roles.Contains(role);

    public override string ToString() => Anyone ? "anyone" : string.Join(", ", Roles.Select(r => r.ToCode()));
}

/// <summary>
/// The endpoint acts on a resource with an area (an issue): a caller who may call the endpoint but whose scope does not
/// hold the resource gets a 404, as if it did not exist — ids are sequential, and a 403 would confirm that an id
/// exists in another county.
/// </summary>
public sealed record ScopedResource;

/// <summary>The endpoint's answer may carry reporters' contacts (to the office in scope only; README "Roles").</summary>
public sealed record ContactBearing;

public static class AccessConventions
{
    /// <summary>Only these roles may call the endpoint (an ASP.NET Core authorization policy on the role claim).</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder
    {
        if (roles.Length == 0) throw new ArgumentException("name at least one role, or use AllowAnyone()", nameof(roles));
        if (roles.Contains(Role.Public)) return builder.AllowAnyone();
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireClaim(Caller.RoleClaim, roles.Select(r => r.ToCode())).Build();
        return builder.WithMetadata(new EndpointAccess(roles)).RequireAuthorization(policy);
    }

    /// <summary>Anyone may call the endpoint, signed in or not.</summary>
    public static TBuilder AllowAnyone<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess([Role.Public])).AllowAnonymous();

    /// <summary>Out-of-scope resources answer 404 (see <see cref="ScopedResource"/>).</summary>
    public static TBuilder Scoped<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopedResource());

    /// <summary>The answer may carry reporters' contacts (see <see cref="ContactBearing"/>).</summary>
    public static TBuilder BearsContacts<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContactBearing());

    /// <summary>Refuses to start when an endpoint does not say who may call it.</summary>
    public static void AssertDeclared(IEnumerable<EndpointDataSource> sources)
    {
        var missing = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<EndpointAccess>() is null)
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})").ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException("Endpoints that do not declare who may call them (Allow(...) or AllowAnyone()):\n  " + string.Join("\n  ", missing));
    }
}
