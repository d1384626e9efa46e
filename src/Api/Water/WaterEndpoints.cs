using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Api.Idempotency;
using RiverGis.Api.Limits;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>
/// Water quality (水质): monitoring sections (断面) and their samples, classification by GB 3838-2002, monthly compliance
/// with 达标率 per area, the consecutive-failure escalation, and boundary sections proposed from the crossings.
/// </summary>
public static class WaterEndpoints
{
    private const string Tag = "Water quality";

    public static readonly EnumParameter<WaterBodyKind> Kind = new("kind", "river (GB 3838-2002 river limits) or lake (lakes and reservoirs: own TP limits, TN counts)",
        WaterBodyKind.River);
    public static readonly TextParameter Target = new("target", "class the exceedance multiples are computed against (I|II|III|IV|V), default III");
    public static readonly TextParameter Period = new("period", "a month, yyyy-MM (China Standard Time); default the current month");
    public static readonly TextParameter From = new("from", "first month, yyyy-MM; default 11 months before `to`");
    public static readonly TextParameter To = new("to", "last month, yyyy-MM; default the current month");
    public static readonly TextParameter AreaCode = new("area_code", "only this area and the areas under it");
    public static readonly TextParameter RiverCode = new("river_code", "only sections on this river");
    public static readonly EnumParameter<AdminLevel> Level = new("level", "level of the boundaries crossed", AdminLevel.County);

    /// <summary>One query parameter per factor of the standard's table (mg/L, not negative).</summary>
    public static readonly IReadOnlyList<NumberParameter> Factors = SurfaceWaterStandard.Table
        .Select(f => new NumberParameter(f.Code, $"{f.ChineseName} in mg/L", null, 0, 1e6)).ToList();

    /// <summary>Who edits the water data: the office in scope (its area's subtree) and the administrator.</summary>
    private static readonly Role[] Editors = [Role.Office, Role.Admin];

    public static void MapWater(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/water-quality/classify", Classify).WithTags(Tag).WithName("ClassifyWaterQuality")
            .WithSummary("Classify measured factors by GB 3838-2002 without storing them")
            .WithQuery([Kind, Target, .. Factors]).ProducesProblems(400).AllowAnyone();
        app.MapGet("/api/water-quality/compliance", Compliance).WithTags(Tag).WithName("WaterCompliance")
            .WithSummary("Sections' class, target met and consecutive failures in a month, and 达标率 per area")
            .WithQuery(Period, AreaCode).ProducesProblems(400).AllowAnyone();
        app.MapPost("/api/water-quality/escalations", Escalate).WithTags(Tag).WithName("EscalateFailingSections")
            .WithSummary("Run the consecutive-failure scan for a month over the caller's sections: one routed problem per run of failures")
            .WithQuery(Period).ProducesProblems(400).Allow(Editors);

        var sections = app.MapGroup("/api/sections").WithTags(Tag);
        sections.MapGet("/", List).WithName("ListSections").WithSummary("Monitoring sections (断面) with their latest class, as GeoJSON")
            .WithQuery(Period, AreaCode, RiverCode).ProducesProblems(400).AllowAnyone();
        sections.MapPost("/", Create).WithName("CreateSection").WithSummary("Add a monitoring section (a GeoJSON Point Feature) answering to areas of the caller's subtree")
            .DocumentsBody(typeof(Feature<SectionRequestProperties>), GeoJsonResults.MediaType, "application/json").WithQuery().ProducesProblems(400, 403, 409, 422)
            .Allow(Editors);
        sections.MapPut("/{code}", Update).WithName("UpdateSection").WithSummary("Change a monitoring section")
            .DocumentsBody(typeof(Feature<SectionRequestProperties>), GeoJsonResults.MediaType, "application/json").WithQuery().ProducesProblems(400, 403, 404, 422)
            .Allow(Editors).Scoped();
        sections.MapDelete("/{code}", Delete).WithName("DeleteSection").WithSummary("Remove a monitoring section and its samples").WithQuery().ProducesProblems(404)
            .Allow(Editors).Scoped();
        sections.MapGet("/{code}/series", Series).WithName("SectionSeries").WithSummary("A section's months (class, target met, failures) and samples")
            .WithQuery(From, To).ProducesProblems(400, 404).AllowAnyone();
        sections.MapPost("/{code}/samples", PostSample).WithName("PostSample").WithSummary("Store a sample of a section, classified by GB 3838-2002")
            .WithDescription("Body: {\"sampled_at\": \"2026-11-03\", \"factors\": {\"nh3_n\": 1.2, \"tp\": {\"value\": 120, \"unit\": \"µg/L\"}}}. "
                + "An `Idempotency-Key` header makes retries return the same sample (200 with `Idempotent-Replayed: true`).")
            .DocumentsBody(typeof(SampleRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409, 422).Allow(Editors).Scoped();
        sections.MapPost("/samples/import", Import).WithName("ImportSamples").WithSummary("Import samples from CSV or XLSX (all or nothing)")
            .WithDescription("Columns: section_code, sampled_at, then factor codes (mg/L; `tp[µg/L]` names another unit). Body: text/csv, or an XLSX workbook "
                + "(application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) whose first sheet has the same columns. A row of a section outside "
                + "the caller's subtree is refused like a row of an unknown section.")
            .WithQuery().ProducesProblems(400, 409, 413, 415, 422).Allow(Editors).AcceptsUpload();
        sections.MapGet("/candidates", Candidates).WithName("SectionCandidates").WithSummary("Boundary sections proposed from the boundary crossings (候选断面)")
            .WithQuery(Level, AreaCode).ProducesProblems(400).AllowAnyone();
        sections.MapPost("/candidates/{key}/accept", Accept).WithName("AcceptSectionCandidate")
            .WithSummary("Accept a proposed section (the office of the area upstream of the crossing): it becomes a section")
            .DocumentsBody(typeof(AcceptCandidateRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409).Allow(Editors).Scoped();
        sections.MapPost("/candidates/{key}/reject", Reject).WithName("RejectSectionCandidate")
            .WithSummary("Reject a proposed section (the office of the area upstream of the crossing; not proposed again)")
            .DocumentsBody(typeof(RejectCandidateRequest), "application/json").WithQuery().ProducesProblems(400, 404, 409).Allow(Editors).Scoped();
    }

    private static Results<Ok<ClassificationResponse>, ProblemHttpResult> Classify(HttpContext http)
    {
        var q = QueryValues.Of(http);
        var kind = q.Read(Kind) ?? WaterBodyKind.River;
        var target = ReadClass(q, Target);
        var values = new Dictionary<WaterFactor, double>();
        foreach (var (parameter, row) in Factors.Zip(SurfaceWaterStandard.Table))
        {
            if (q.ReadOptional(parameter) is { } v) values[row.Factor] = v;
        }
        if (q.Ok && values.Count == 0) q.Errors.Add(new("factors", $"give at least one factor: {MeasurementInput.ExpectedFactors} (mg/L)"));
        if (!q.Ok) return q.Problem("Invalid measurement.");
        return TypedResults.Ok(ClassificationResponse.From(WaterQualityClassifier.Classify(kind, values, target)));
    }

    private static async Task<Results<GeoJsonResult<ComplianceResponse>, ProblemHttpResult>> Compliance(HttpContext http, WaterQualityService service,
        SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var period = ReadMonth(q, Period, service.CurrentMonth);
        var area = q.Read(AreaCode);
        var snapshot = await snapshots.CurrentAsync(ct);
        if (area is not null && !snapshot.System.Areas.ContainsKey(area)) q.Errors.Add(new("area_code", $"unknown area '{area}'"));
        if (!q.Ok) return q.Problem("Invalid compliance query.");
        var report = await service.ComplianceAsync(period, area, ct);
        var features = report.Sections.Select(s => GeoJsonResults.Feature(SectionProperties.From(s, report.Threshold), s.Section.Section.Location)).ToList();
        var areas = report.Areas.Select(a =>
        {
            var entry = snapshot.System.Areas.GetValueOrDefault(a.AreaCode)?.Area;
            return new AreaComplianceResponse(a.AreaCode, entry?.Name, entry?.Level, a.Sections, a.Monitored, a.Met, a.RatePercent, a.PreviousMonitored,
                a.PreviousMet, a.PreviousRatePercent, a.ChangePoints);
        }).ToList();
        return GeoJsonResults.Ok(new ComplianceResponse(features, period.Code, report.Threshold, areas));
    }

    private static async Task<Results<Ok<EscalationOutcome[]>, ProblemHttpResult>> Escalate(HttpContext http, Caller caller, WaterQualityService service,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var period = ReadMonth(q, Period, service.CurrentMonth);
        if (!q.Ok) return q.Problem("Invalid period.");
        return TypedResults.Ok((await service.EscalateInScopeAsync(period, caller, ct)).ToArray());
    }

    private static async Task<Results<GeoJsonResult<FeatureCollection<SectionProperties>>, ProblemHttpResult>> List(HttpContext http, WaterQualityService service,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var period = ReadMonth(q, Period, service.CurrentMonth);
        var area = q.Read(AreaCode);
        var river = q.Read(RiverCode);
        if (!q.Ok) return q.Problem("Invalid section query.");
        var report = await service.ComplianceAsync(period, area, ct);
        var features = report.Sections.Where(s => river is null || s.Section.Section.RiverCode == river)
            .Select(s => GeoJsonResults.Feature(SectionProperties.From(s, report.Threshold), s.Section.Section.Location)).ToList();
        return GeoJsonResults.Ok(new FeatureCollection<SectionProperties>(features));
    }

    private static async Task<Results<GeoJsonResult<SectionSeriesResponse>, ProblemHttpResult>> Series(string code, HttpContext http, WaterQualityService service,
        IOptions<WaterOptions> options, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var to = ReadMonth(q, To, service.CurrentMonth);
        var from = ReadMonth(q, From, SectionCompliance.PeriodsEndingWith(to, 12)[0]);
        if (q.Ok && from.Start > to.Start) q.Errors.Add(new("from", $"{from.Code} is after {to.Code}"));
        if (q.Ok && (to.Year - from.Year) * 12 + to.Number - from.Number >= 120) q.Errors.Add(new("from", "at most 120 months"));
        if (!q.Ok) return q.Problem("Invalid series query.");
        if (await service.SeriesAsync(code, from, to, ct) is not { } result) return ApiProblems.NotFound($"There is no monitoring section '{code}'.");
        var standing = new SectionStanding(result.Section, result.Series);
        return GeoJsonResults.Ok(new SectionSeriesResponse(SectionProperties.From(standing, options.Value.ConsecutiveFailures),
            result.Series.Select(PeriodResponse.From).ToList(), result.Samples.Select(SampleResponse.From).ToList()));
    }

    private static async Task<Results<Created<SamplesStoredResponse>, Ok<SamplesStoredResponse>, ProblemHttpResult>> PostSample(string code, HttpContext http,
        Caller caller, SampleIntake intake, CancellationToken ct)
    {
        var (parsed, bytes, problem) = await intake.ReadAsync(http, ct);
        if (parsed is null) return problem!;
        var stored = await intake.StoreAsync(code, parsed, caller, http.Request.Headers[IdempotencyKey.Header].FirstOrDefault(), bytes, ct);
        if (stored.RefusalStatus is { } status) return Refusal(stored, status);
        var response = new SamplesStoredResponse(stored.Rows.Count, stored.Rows.Select(SampleResponse.From).ToList(), stored.Escalations);
        if (!stored.Replayed) return TypedResults.Created($"/api/sections/{Uri.EscapeDataString(code)}/series", response);
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<SamplesStoredResponse>, ProblemHttpResult>> Import(HttpContext http, Caller caller, SampleIntake intake, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var type = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var xlsx = type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if (!xlsx && type != "text/csv")
            return ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the table as text/csv or as an XLSX workbook.", [new ProblemItem("Content-Type", $"'{type}' is neither text/csv nor an XLSX workbook")]);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var stored = await intake.ImportAsync(buffer.ToArray(), xlsx, caller, ct);
        if (stored.RefusalStatus is { } status) return Refusal(stored, status);
        return TypedResults.Ok(new SamplesStoredResponse(stored.Rows.Count, stored.Rows.Select(SampleResponse.From).ToList(), stored.Escalations));
    }

    private static ProblemHttpResult Refusal(SampleIntake.Stored stored, int status) => status switch
    {
        404 => ApiProblems.NotFound(stored.Detail!),
        _ => ApiProblems.Create(status, status switch { 409 => "Conflict", 422 => "Unprocessable content", _ => "Bad request" }, stored.Detail!,
            (stored.Errors ?? []).ToArray()),
    };

    private static async Task<Results<GeoJsonResult<Feature<SectionRequestProperties>>, ProblemHttpResult>> Create(HttpContext http, Caller caller,
        SectionEditor editor, CancellationToken ct) => await Save(http, caller, editor, null, ct);

    private static async Task<Results<GeoJsonResult<Feature<SectionRequestProperties>>, ProblemHttpResult>> Update(string code, HttpContext http, Caller caller,
        SectionEditor editor, CancellationToken ct) => await Save(http, caller, editor, code, ct);

    private static async Task<Results<GeoJsonResult<Feature<SectionRequestProperties>>, ProblemHttpResult>> Save(HttpContext http, Caller caller, SectionEditor editor,
        string? code, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return problem!;
        using var _ = body;
        var (section, errors) = await editor.ParseAsync(body.Document.RootElement, code, ct);
        if (section is null)
            return errors.Any(e => e.Where is "geometry" or "properties.river_code" or "properties.area_codes" or "properties.water_body_code")
                ? ApiProblems.Unprocessable("The section does not fit the river-chief data; nothing was stored.", errors)
                : ApiProblems.BadRequest("The section is not valid; nothing was stored.", errors.ToArray());
        var feature = GeoJsonResults.Feature(SectionEditor.Properties(section), section.Location);
        return await editor.SaveAsync(section, create: code is null, caller, ct) switch
        {
            SectionEditor.SaveOutcome.Saved => code is null ? GeoJsonResults.Created(feature) : GeoJsonResults.Ok(feature),
            SectionEditor.SaveOutcome.CodeTaken => ApiProblems.Conflict($"There is already a section '{section.Code}'."),
            SectionEditor.SaveOutcome.AreasOutOfScope => ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden",
                "An office adds and changes sections answering to areas of its own subtree; nothing was stored.",
                [new ProblemItem("properties.area_codes", $"none of {string.Join(", ", section.AreaCodes)} lies in area {caller.AreaCode}")]),
            _ => ApiProblems.NotFound($"There is no monitoring section '{code}'."),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string code, HttpContext http, Caller caller, SectionEditor editor, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return q.Problem("This endpoint takes no query parameters.");
        return await editor.DeleteAsync(code, caller, ct) ? TypedResults.NoContent() : ApiProblems.NotFound($"There is no monitoring section '{code}'.");
    }

    private static async Task<Results<GeoJsonResult<FeatureCollection<CandidateProperties>>, ProblemHttpResult>> Candidates(HttpContext http, SectionEditor editor,
        CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var level = q.Read(Level) ?? AdminLevel.County;
        var area = q.Read(AreaCode);
        if (!q.Ok) return q.Problem("Invalid candidate query.");
        var (candidates, error) = await editor.CandidatesAsync(level, area, ct);
        if (error is not null) return ApiProblems.BadRequest("Invalid candidate query.", error);
        var features = candidates.Select(c => GeoJsonResults.Feature(new CandidateProperties(c.Key, c.Crossing.RiverCode, c.Crossing.RiverName, c.Crossing.Level,
            c.Crossing.Kind, Math.Round(c.Crossing.MeasureM, 1), c.Crossing.UpstreamAreaCode, c.Crossing.DownstreamAreaCode, c.AreaCodes), c.Crossing.Geometry)).ToList();
        return GeoJsonResults.Ok(new FeatureCollection<CandidateProperties>(features));
    }

    private static async Task<Results<Created<CandidateDecisionResponse>, ProblemHttpResult>> Accept(string key, HttpContext http, Caller caller, SectionEditor editor,
        CancellationToken ct)
    {
        var (request, problem) = await ReadBody<AcceptCandidateRequest>(http, ct);
        if (request is null) return problem!;
        var (decision, error, status) = await editor.AcceptAsync(key, request, caller, ct);
        return decision is not null ? TypedResults.Created($"/api/sections/{decision.SectionCode}/series", decision) : Problem(status, error!);
    }

    private static async Task<Results<Ok<CandidateDecisionResponse>, ProblemHttpResult>> Reject(string key, HttpContext http, Caller caller, SectionEditor editor,
        CancellationToken ct)
    {
        var (request, problem) = await ReadBody<RejectCandidateRequest>(http, ct);
        if (request is null) return problem!;
        var (decision, error, status) = await editor.RejectAsync(key, request, caller, ct);
        return decision is not null ? TypedResults.Ok(decision) : Problem(status, error!);
    }

    private static ProblemHttpResult Problem(int status, ProblemItem error) => status switch
    {
        404 => ApiProblems.NotFound(error.Message),
        409 => ApiProblems.Create(409, "Conflict", error.Message, [error]),
        _ => ApiProblems.BadRequest(error.Message, error),
    };

    /// <summary>A small JSON body (an empty body is an empty object).</summary>
    internal static async Task<(T? Value, ProblemHttpResult? Problem)> ReadBody<T>(HttpContext http, CancellationToken ct) where T : class
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return (null, q.Problem("This endpoint takes no query parameters."));
        if (http.Request.ContentLength is 0 or null && !http.Request.Headers.ContainsKey("Transfer-Encoding"))
            return (JsonSerializer.Deserialize<T>("{}", ApiJson.Options), null);
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return (null, problem);
        using var _ = body;
        try
        {
            return (body.Document.Deserialize<T>(ApiJson.Options) ?? JsonSerializer.Deserialize<T>("{}", ApiJson.Options), null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body";
            return (null, ApiProblems.BadRequest("The body is not valid.", new ProblemItem(where, ex.Message.Split(" Path:")[0])));
        }
    }

    /// <summary>A month parameter (yyyy-MM); the fallback when absent; an error recorded when it is not a month.</summary>
    internal static OfficePeriod ReadMonth(QueryValues q, TextParameter parameter, OfficePeriod fallback)
    {
        var text = q.Read(parameter);
        if (text is null) return fallback;
        if (OfficePeriod.TryParse(text, out var period, out var error) && period.Kind == PeriodKind.Month) return period;
        q.Errors.Add(new(parameter.Name, error ?? $"'{text}' is not a month (yyyy-MM)"));
        return fallback;
    }

    private static WaterClass? ReadClass(QueryValues q, TextParameter parameter)
    {
        var text = q.Read(parameter);
        if (text is null) return null;
        if (SurfaceWaterStandard.TryParseClass(text, out var c) && c != WaterClass.WorseThanV) return c;
        q.Errors.Add(new(parameter.Name, $"'{text}' is not a class, expected I|II|III|IV|V"));
        return null;
    }
}
