using RiverGis.Api.Accounts;
using RiverGis.Api.Limits;
using Mapster;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Dataset.Formats;
using RiverGis.Geo.Demarcation;
using RiverGis.Geo.Reprojection;
using RiverGis.Geo.Responsibility;

namespace RiverGis.Api.Demarcation;

/// <summary>
/// Demarcation check for planners: POST a proposed segments FeatureCollection and get every problem (gaps, vacant,
/// overlaps, cross-boundary, unknown codes, segments far from their river) without changing stored data.
/// </summary>
public static class DemarcationEndpoints
{
    public static readonly EnumParameter<SegmentReplacement> Replace = new("replace",
        "which stored segments the proposal replaces: those of the rivers it touches, of the (river, level) pairs it has, or all",
        SegmentReplacement.RiverLevelsTouched);
    public static readonly TextParameter AreaCode = new("area_code", "check gaps only in areas under this area (e.g. the submitting county)");
    public static readonly TextParameter Crs = new("crs", "the CRS of a file that names none, e.g. EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39)");

    public static void MapDemarcation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/demarcation/check", Check).WithTags("Responsibility analysis").WithName("CheckDemarcation")
            .WithSummary("Check a proposed demarcation (划界检查) without storing it")
            .WithDescription("Check proposed segments against the stored rivers, areas and chiefs: a GeoJSON FeatureCollection (dataset format), "
                + "a zipped Shapefile or a GeoPackage, reprojected from the CRS in the file (or `crs`).")
            .WithQuery(Replace, AnalysisEndpoints.ToleranceM, AreaCode, Crs)
            .DocumentsBody(typeof(FeatureCollection<ProposedSegmentProperties>), GeoJsonResults.MediaType, "application/json")
            .DocumentsBody(typeof(byte[]), "application/zip", "application/geopackage+sqlite3")
            .ProducesProblems(400, 413, 415, 422)
            .AcceptsUpload().Allow(Role.Office, Role.Admin);
    }

    private static async Task<Results<GeoJsonResult<DemarcationCheckResponse>, ProblemHttpResult>> Check(HttpContext http, SystemSnapshots snapshots,
        IOptions<LimitOptions> limits, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var replace = q.Read(Replace) ?? SegmentReplacement.RiverLevelsTouched;
        var tolerance = q.Read(AnalysisEndpoints.ToleranceM);
        var area = q.Read(AreaCode);
        var crs = q.Read(Crs) is { } crsName ? CrsRecognizer.FromName(crsName) : (CrsRecognition?)null;
        if (crs is { Problem: { } crsProblem }) q.Errors.Add(new("crs", crsProblem));
        var snapshot = await snapshots.CurrentAsync(ct);
        if (area is not null && !snapshot.System.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid check parameters.");
        var (upload, problem) = await ProposalUpload.ReadAsync(http, ct);
        if (upload is null) return problem!;
        // A time budget, so that no upload can keep a core and its memory for minutes; the caps bound the work before it starts.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(limits.Value.DemarcationTimeBudget);
        DemarcationReport? report;
        List<DatasetProblem> errors;
        try
        {
            (report, errors) = DemarcationRun.Check(snapshot.System, upload, "body", replace, new DemarcationOptions(tolerance, AreaCode: area),
                new DatasetReadOptions(crs?.Crs), budget.Token, new DemarcationCaps(limits.Value.DemarcationMaxFeatures, limits.Value.DemarcationMaxVertices));
        }
        catch (DemarcationCapExceeded ex)
        {
            return ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The proposal has {ex.Found:N0} {ex.What}; at most {ex.Limit:N0} are checked at once. Split it (e.g. one county per request).",
                [new(ex.What, $"at most {ex.Limit} ({ex.Setting})")]);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return ApiProblems.Unprocessable($"The check did not finish within its time budget of {limits.Value.DemarcationTimeBudget.TotalSeconds:0.#} s; "
                + "nothing was checked. Split the proposal (e.g. one county per request).",
                [new("time_budget", $"{limits.Value.DemarcationTimeBudget.TotalSeconds:0.#} s (Limits:DemarcationTimeBudget)")]);
        }
        if (report is null)
        {
            return ApiProblems.Unprocessable($"The proposed segments cannot be read: {errors.Count} problem(s); nothing was checked.",
                errors.Select(e => new ProblemItem(e.FeatureIndex is { } i ? $"features[{i}]" + (e.Property is { } p ? "." + p : "") : e.Property ?? e.File, e.Message)));
        }
        var problems = report.Problems.Select((p, i) => p.Adapt<DemarcationProblemProperties>() with { Index = i }).ToList();
        // Features (problems with a geometry) and the full `problems` list share `index`, so a client can pair them.
        var features = problems.Where(p => report.Problems[p.Index].Geometry is not null)
            .Select(p => GeoJsonResults.Feature(p, report.Problems[p.Index].Geometry, p.Index)).ToList();
        return GeoJsonResults.Ok(new DemarcationCheckResponse(features, report.Ok, report.ErrorCount, report.WarningCount, report.Counts, problems, replace, tolerance));
    }
}

/// <summary>Properties of a proposed segment (the dataset format's segments.geojson), as the request body's schema shows them.</summary>
public sealed record ProposedSegmentProperties(string Code, string RiverCode, Geo.Model.AdminLevel Level, string AreaCode, string? ChiefId, string? Name);

/// <summary>How many features and vertices one check takes (Limits:DemarcationMaxFeatures, Limits:DemarcationMaxVertices).</summary>
public sealed record DemarcationCaps(int MaxFeatures, long MaxVertices)
{
    public void Enforce(int features, long vertices)
    {
        if (features > MaxFeatures) throw new DemarcationCapExceeded("features", features, MaxFeatures, "Limits:DemarcationMaxFeatures");
        if (vertices > MaxVertices) throw new DemarcationCapExceeded("vertices", vertices, MaxVertices, "Limits:DemarcationMaxVertices");
    }
}

/// <summary>A proposal larger than a cap (a 413 naming it).</summary>
public sealed class DemarcationCapExceeded(string what, long found, long limit, string setting)
    : Exception($"{found} {what}; at most {limit}")
{
    public string What { get; } = what;
    public long Found { get; } = found;
    public long Limit { get; } = limit;
    public string Setting { get; } = setting;
}

/// <summary>Reads a proposal and checks it: shared by the HTTP endpoint and the `check` verb.</summary>
public static class DemarcationRun
{
    /// <summary>
    /// Reads the proposed segments from <paramref name="content"/> (GeoJSON, zipped Shapefile or GeoPackage, told apart
    /// by their bytes) and checks them; what the reader repaired comes first in the report as warnings.
    /// </summary>
    public static (DemarcationReport? Report, List<DatasetProblem> ReadProblems) Check(Geo.Indexing.RiverSystem stored, byte[] content,
        string file, SegmentReplacement replace, DemarcationOptions options, DatasetReadOptions readOptions, CancellationToken ct = default,
        DemarcationCaps? caps = null) =>
        Check(stored, file, replace, options, (problems, warnings) => new SegmentsFileReader(readOptions).Read(content, file, problems, warnings), ct, caps);

    /// <summary>As above for a file on disk (a .shp is read with the files beside it).</summary>
    public static (DemarcationReport? Report, List<DatasetProblem> ReadProblems) CheckFile(Geo.Indexing.RiverSystem stored, string path,
        SegmentReplacement replace, DemarcationOptions options, DatasetReadOptions readOptions, CancellationToken ct = default) =>
        Check(stored, Path.GetFileName(path), replace, options, (problems, warnings) => new SegmentsFileReader(readOptions).ReadFile(path, problems, warnings), ct);

    /// <summary>
    /// The stored system is the service's prepared snapshot (or one the verb builds): the check lays the proposal over
    /// it without rebuilding it. <paramref name="ct"/> stops the check (the client went away, or a time budget).
    /// </summary>
    private static (DemarcationReport? Report, List<DatasetProblem> ReadProblems) Check(Geo.Indexing.RiverSystem stored, string file,
        SegmentReplacement replace, DemarcationOptions options, Func<List<DatasetProblem>, List<DatasetProblem>, List<Sourced<Geo.Model.Segment>>> read,
        CancellationToken ct, DemarcationCaps? caps = null)
    {
        var problems = new List<DatasetProblem>();
        var warnings = new List<DatasetProblem>();
        var segments = read(problems, warnings);
        caps?.Enforce(segments.Count, segments.Sum(s => (long)s.Item.Geometry.NumPoints));
        if (problems.Count > 0) return (null, problems);
        if (segments.Count == 0) return (null, [new DatasetProblem(file, null, null, "features", "no segments to check")]);
        var proposed = segments.Select(s => new ProposedSegment(s.Item, s.Position)).ToList();
        var report = DemarcationChecker.Check(stored, proposed, replace, options, ct);
        return (DemarcationRepairs.With(report, warnings.Where(w => w.Repair is not null).ToList(), proposed), problems);
    }
}
