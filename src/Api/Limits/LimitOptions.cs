namespace RiverGis.Api.Limits;

/// <summary>Limits on every request (section "Limits"; README "Limits").</summary>
public sealed class LimitOptions
{
    /// <summary>Writes (POST, PUT, PATCH, DELETE) a minute: anonymous clients per address, signed-in users per user, Open311 apps per api_key.</summary>
    public int AnonymousWritesPerMinute { get; set; } = 10;
    public int UserWritesPerMinute { get; set; } = 120;
    public int AppWritesPerMinute { get; set; } = 600;

    /// <summary>Sign-in attempts (POST /api/auth/…) a minute per address (on top of the lockout of each account).</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Request body of an endpoint that declares no limit of its own (JSON writes, forms).</summary>
    public long BodyBytes { get; set; } = 64 * 1024;

    /// <summary>Request body of an upload (the demarcation check's GeoJSON, zipped Shapefile or GeoPackage).</summary>
    public long UploadBodyBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>A demarcation upload's features and vertices: room for a whole province's segments.</summary>
    public int DemarcationMaxFeatures { get; set; } = 100_000;
    public long DemarcationMaxVertices { get; set; } = 5_000_000;

    /// <summary>How long one demarcation check may compute before it is abandoned (422 naming the budget).</summary>
    public TimeSpan DemarcationTimeBudget { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Maxima of text fields (400 naming the field when exceeded), so no single request can make every later answer heavy
/// (a 40 MB reporter name once made every ledger page 42 MB).
/// </summary>
public static class FieldLimits
{
    public const int Description = 2000;
    public const int ReporterName = 100;
    public const int ReporterContact = 200;
    public const int Note = 2000;
    public const int PhotoUrl = 2048;
    public const int Photos = 10;
    public const int IdempotencyKey = 200;
    public const int Code = 100;
}
