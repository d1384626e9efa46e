using RiverGis.Api.Accounts;
using Scalar.AspNetCore;

namespace RiverGis.Api.ApiDocs;

/// <summary>
/// /docs: the API reference (Scalar) over /openapi/v1.json, served from the Scalar.AspNetCore package's embedded
/// assets — no CDN, no web fonts, no proxy, and none of Scalar's hosted services (AI agent, MCP, telemetry, developer
/// tools) — so it works on an office network without internet access.
/// </summary>
public static class ApiReferenceEndpoints
{
    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("RiverGis API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton())
            .AllowAnyone();
    }
}
