using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Http;

namespace RiverGis.Api.Audit;

/// <summary>GET /api/audit response: a page of entries, newest first, and how many match.</summary>
public sealed record AuditResponse(IReadOnlyList<AuditRecord> Entries, long NumberMatched, int NumberReturned);

/// <summary>The audit log (who changed what, when, from where): an office reads its area's subtree, an administrator everything.</summary>
public static class AuditEndpoints
{
    public static readonly TextParameter ResourceType = new("resource_type", "only entries about this kind of resource (issue, user …)");
    public static readonly TextParameter ResourceId = new("resource_id", "only entries about this resource (e.g. an issue id)");
    public static readonly TextParameter Username = new("username", "only changes made by this user");
    public static readonly TimestampParameter From = new("from", "at or after (a bare date is a day in China Standard Time)");
    public static readonly TimestampParameter To = new("to", "at or before (a bare date: up to the end of that day)", endOfDay: true);
    public static readonly NumberParameter Limit = new("limit", "entries per page", 100, 1, 1000, integer: true);
    public static readonly NumberParameter Offset = new("offset", "entries to skip", 0, 0, int.MaxValue, integer: true);

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", List).WithTags("Accounts").WithName("AuditLog").WithSummary("The audit log, newest first (office: its area's subtree; admin: all)")
            .WithQuery(ResourceType, ResourceId, Username, From, To, Limit, Offset).ProducesProblems(400)
            .Allow(Role.Office, Role.Admin);
    }

    private static async Task<Results<Ok<AuditResponse>, ProblemHttpResult>> List(HttpContext http, Caller caller, AuditStore store, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var filter = new AuditFilter(q.Read(ResourceType), q.Read(ResourceId), q.Read(Username), q.Read(From), q.Read(To));
        var limit = q.ReadInt(Limit);
        var offset = q.ReadInt(Offset);
        if (!q.Ok) return q.Problem("Invalid audit filter.");
        var page = await store.PageAsync(filter, caller, limit, offset, ct);
        return TypedResults.Ok(new AuditResponse(page.Entries, page.NumberMatched, page.Entries.Count));
    }
}
