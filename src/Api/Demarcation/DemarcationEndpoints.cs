using System.Text.Json.Nodes;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Store;
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
    public static void MapDemarcation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/demarcation/check", Check).WithTags("Responsibility analysis").WithName("CheckDemarcation")
            .WithDescription("Check a proposed segments FeatureCollection (dataset format) against the stored rivers, areas and chiefs.");
    }

    private static async Task<IResult> Check(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = new QueryValues(http.Request.Query, "replace", "tolerance_m", "area_code", "crs");
        var replace = q.Enum<SegmentReplacement>("replace", c => (DemarcationKinds.TryParseReplacement(c, out var r), r),
            "rivers-touched|river-levels-touched|all") ?? SegmentReplacement.RiverLevelsTouched;
        var tolerance = q.Number("tolerance_m", ResponsibilityCodes.DefaultToleranceM, 0, 1000);
        var area = q.String("area_code");
        var crs = q.String("crs") is { } crsName ? CrsRecognizer.FromName(crsName) : (CrsRecognition?)null;
        if (crs is { Problem: { } crsProblem }) q.Errors.Add(new("crs", crsProblem));
        var snapshot = await snapshots.CurrentAsync(ct);
        if (area is not null && !snapshot.System.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid check parameters.");
        var (upload, problem) = await ProposalUpload.ReadAsync(http, ct);
        if (upload is null) return problem!;
        var (report, errors) = DemarcationRun.Check(snapshot.System, upload, "body", replace, new DemarcationOptions(tolerance, AreaCode: area),
            new DatasetReadOptions(crs?.Crs), ct);
        if (report is null)
        {
            return ApiProblems.Unprocessable($"The proposed segments cannot be read: {errors.Count} problem(s); nothing was checked.",
                errors.Select(e => new ProblemItem(e.FeatureIndex is { } i ? $"features[{i}]" + (e.Property is { } p ? "." + p : "") : e.Property ?? e.File, e.Message)));
        }
        // Features (problems with a geometry) and the full `problems` list share `index`, so a client can pair them.
        var features = new JsonArray();
        for (var i = 0; i < report.Problems.Count; i++)
        {
            if (report.Problems[i].Geometry is not { } geometry) continue;
            var feature = GeoJsonResults.Feature(report.Problems[i], geometry, i);
            feature["properties"]!["index"] = i;
            features.Add(feature);
        }
        var body = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        body["ok"] = report.Ok;
        body["error_count"] = report.ErrorCount;
        body["warning_count"] = report.WarningCount;
        body["counts"] = System.Text.Json.JsonSerializer.SerializeToNode(report.Counts, ApiJson.Options);
        var problems = GeoJsonResults.WithoutGeometry(report.Problems);
        for (var i = 0; i < problems.Count; i++) problems[i]!["index"] = i;
        body["problems"] = problems;
        body["replace"] = DemarcationKinds.ToCode(replace);
        body["tolerance_m"] = tolerance;
        return GeoJsonResults.Ok(body);
    }
}

/// <summary>Reads a proposal and checks it: shared by the HTTP endpoint and the `check` verb.</summary>
public static class DemarcationRun
{
    /// <summary>
    /// Reads the proposed segments from <paramref name="content"/> (GeoJSON, zipped Shapefile or GeoPackage, told apart
    /// by their bytes) and checks them; what the reader repaired comes first in the report as warnings.
    /// </summary>
    public static (DemarcationReport? Report, List<DatasetProblem> ReadProblems) Check(Geo.Indexing.RiverSystem stored, byte[] content,
        string file, SegmentReplacement replace, DemarcationOptions options, DatasetReadOptions readOptions, CancellationToken ct = default) =>
        Check(stored, file, replace, options, (problems, warnings) => new SegmentsFileReader(readOptions).Read(content, file, problems, warnings), ct);

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
        CancellationToken ct)
    {
        var problems = new List<DatasetProblem>();
        var warnings = new List<DatasetProblem>();
        var segments = read(problems, warnings);
        if (problems.Count > 0) return (null, problems);
        if (segments.Count == 0) return (null, [new DatasetProblem(file, null, null, "features", "no segments to check")]);
        var proposed = segments.Select(s => new ProposedSegment(s.Item, s.Position)).ToList();
        var report = DemarcationChecker.Check(stored, proposed, replace, options, ct);
        return (DemarcationRepairs.With(report, warnings.Where(w => w.Repair is not null).ToList(), proposed), problems);
    }
}
