using System.Text;
using System.Text.Json;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Idempotency;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>
/// Takes samples in — one posted as JSON, or a table (CSV, XLSX) — checks every value with a message naming the field
/// (unknown factor or unit, negative or non-numeric value, a date in the future, an unknown section), classifies them
/// against the section's target, stores them all or nothing, and runs the consecutive-failure scan for the sections
/// and months they touched.
/// </summary>
public sealed class SampleIntake(SystemSnapshots snapshots, WaterStore store, WaterQualityService quality, IdempotentWrites writes, TimeProvider clock)
{
    /// <summary>The idempotency scope of posted samples.</summary>
    public const string Scope = "samples";

    /// <summary>A parsed sample body: when, the factors in mg/L.</summary>
    public sealed record Parsed(DateTimeOffset SampledAt, Dictionary<WaterFactor, double> Values);

    /// <summary>The outcome of storing: the rows, the escalations they caused, or why nothing was stored.</summary>
    public sealed record Stored(IReadOnlyList<SampleRow> Rows, IReadOnlyList<EscalationOutcome> Escalations, bool Replayed = false,
        int? RefusalStatus = null, string? Detail = null, IReadOnlyList<ProblemItem>? Errors = null)
    {
        public static Stored Refuse(int status, string detail, params ProblemItem[] errors) => new([], [], false, status, detail, errors);
    }

    /// <summary>Reads <c>{"sampled_at": …, "factors": {"nh3_n": 0.8, "tp": {"value": 120, "unit": "µg/L"}}}</c>; every problem named by its JSON path.</summary>
    public (Parsed? Sample, List<ProblemItem> Errors) Parse(JsonElement body)
    {
        var errors = new List<ProblemItem>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("body", "expected an object {\"sampled_at\": …, \"factors\": {…}}"));
            return (null, errors);
        }
        foreach (var property in body.EnumerateObject().Where(p => p.Name is not ("sampled_at" or "factors" or "unit")))
            errors.Add(new(property.Name, "unknown member, expected sampled_at, factors and optionally unit"));
        DateTimeOffset? at = null;
        if (!body.TryGetProperty("sampled_at", out var when) || when.ValueKind != JsonValueKind.String)
            errors.Add(new("sampled_at", "required: a date (2026-11-03) or an ISO 8601 timestamp with a time zone"));
        else if (MeasurementInput.Timestamp(when.GetString()!, out var timeError) is not { } parsed) errors.Add(new("sampled_at", timeError!));
        else if (parsed > clock.GetUtcNow().AddMinutes(5)) errors.Add(new("sampled_at", $"{when.GetString()} lies in the future"));
        else at = parsed;
        var defaultScale = 1.0;
        if (body.TryGetProperty("unit", out var unit))
        {
            string? unitError = "expected a unit such as mg/L";
            var scale = unit.ValueKind == JsonValueKind.String ? MeasurementInput.UnitScale(unit.GetString(), out unitError) : null;
            if (scale is null) errors.Add(new("unit", unitError!));
            else defaultScale = scale.Value;
        }
        var values = new Dictionary<WaterFactor, double>();
        if (!body.TryGetProperty("factors", out var factors) || factors.ValueKind != JsonValueKind.Object || !factors.EnumerateObject().Any())
            errors.Add(new("factors", $"required: an object of factor codes ({MeasurementInput.ExpectedFactors}) to values in mg/L"));
        else
        {
            foreach (var factor in factors.EnumerateObject()) ReadFactor(factor, defaultScale, values, errors);
        }
        return errors.Count > 0 || at is null ? (null, errors) : (new Parsed(at.Value, values), errors);
    }

    private static void ReadFactor(JsonProperty factor, double defaultScale, Dictionary<WaterFactor, double> values, List<ProblemItem> errors)
    {
        var where = "factors." + factor.Name;
        if (MeasurementInput.Factor(factor.Name, out var factorError) is not { } code)
        {
            errors.Add(new(where, factorError!));
            return;
        }
        var scale = defaultScale;
        var element = factor.Value;
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("unit", out var unit))
            {
                if (unit.ValueKind != JsonValueKind.String || MeasurementInput.UnitScale(unit.GetString(), out _) is not { } s)
                {
                    errors.Add(new(where + ".unit", $"unknown unit {unit.GetRawText()}, expected {MeasurementInput.ExpectedUnits}"));
                    return;
                }
                scale = s;
            }
            if (!element.TryGetProperty("value", out element))
            {
                errors.Add(new(where + ".value", "required"));
                return;
            }
            where += ".value";
        }
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new(where, $"expected a number (mg/L), found {element.ValueKind.ToString().ToLowerInvariant()}"));
            return;
        }
        if (MeasurementInput.Value(element.GetDouble(), out var valueError) is { } v) values[code] = v * scale;
        else errors.Add(new(where, valueError!));
    }

    /// <summary>The request's body read and parsed as a sample (no query parameters taken); the problem when it is not one.</summary>
    public async Task<(Parsed? Sample, ReadOnlyMemory<byte> Bytes, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        if (!q.Ok) return (null, default, q.Problem("This endpoint takes no query parameters."));
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return (null, default, problem);
        using var _ = body;
        var (parsed, errors) = Parse(body.Document.RootElement);
        return parsed is null
            ? (null, default, ApiProblems.BadRequest("The measurement is not valid; nothing was stored.", errors.ToArray()))
            : (parsed, body.Bytes, null);
    }

    /// <summary>
    /// Stores one sample of a section in the caller's scope (once per Idempotency-Key, scope <see cref="Scope"/>: a
    /// retry with the same body replays, another body is refused).
    /// </summary>
    public async Task<Stored> StoreAsync(string sectionCode, Parsed parsed, Caller caller, string? idempotencyKey, ReadOnlyMemory<byte> requestBytes,
        CancellationToken ct)
    {
        // The same body posted to another section is another request.
        var (key, keyError) = IdempotencyKey.Of(Scope, idempotencyKey, [.. Encoding.UTF8.GetBytes(sectionCode + "\n"), .. requestBytes.Span]);
        if (keyError is not null) return Stored.Refuse(400, "Invalid header.", keyError);
        if (key is not null && await writes.LookupAsync(key, ct) is { } earlier) return await AnswerEarlierAsync(key, earlier, ct);
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.Water.Sections.TryGetValue(sectionCode, out var section) || (await store.SectionsInScopeAsync([sectionCode], caller, ct)).Count == 0)
            return Stored.Refuse(404, $"There is no monitoring section '{sectionCode}'.");
        var sample = new WaterSample(sectionCode, parsed.SampledAt, parsed.Values);
        return await StoreAllAsync(snapshot, [(section.Section, sample)], "api", caller, key, ct);
    }

    /// <summary>Imports a table of samples (CSV text or an XLSX workbook's first sheet): all rows or none.</summary>
    /// <remarks>Rows of a section outside the caller's scope are refused like rows of an unknown section.</remarks>
    public async Task<Stored> ImportAsync(byte[] body, bool xlsx, Caller caller, CancellationToken ct)
    {
        string text;
        try
        {
            text = xlsx ? XlsxAsCsv(body) : Encoding.UTF8.GetString(body);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or ArgumentException)
        {
            return Stored.Refuse(400, "The body is not a readable XLSX workbook.", new ProblemItem("body", ex.Message));
        }
        var problems = new List<DatasetProblem>();
        var rows = MeasurementInput.ReadTable(text, xlsx ? "samples.xlsx" : "samples.csv", "section_code", clock.GetUtcNow(), problems);
        var snapshot = await snapshots.CurrentAsync(ct);
        var inScope = await store.SectionsInScopeAsync(rows.Select(r => r.SiteCode), caller, ct);
        var known = new List<(MonitoringSection, WaterSample)>();
        foreach (var (sample, index) in rows.Select((r, i) => (r, i)))
        {
            if (snapshot.Water.Sections.TryGetValue(sample.SiteCode, out var section) && inScope.Contains(sample.SiteCode)) known.Add((section.Section, sample));
            else problems.Add(new(xlsx ? "samples.xlsx" : "samples.csv", null, null, "section_code", $"unknown section '{sample.SiteCode}' (sample {index + 1})"));
        }
        if (problems.Count > 0)
            return Stored.Refuse(422, $"{problems.Count} problem(s) in the table; nothing was stored.",
                problems.Select(p => new ProblemItem(p.Location, p.Message)).ToArray());
        if (known.Count == 0) return Stored.Refuse(400, "The table holds no sample.", new ProblemItem("body", "no data rows"));
        return await StoreAllAsync(snapshot, known, "import", caller, null, ct);
    }

    private async Task<Stored> StoreAllAsync(SystemSnapshot snapshot, IReadOnlyList<(MonitoringSection Section, WaterSample Sample)> samples, string source,
        Caller caller, IdempotencyKey? key, CancellationToken ct)
    {
        var prepared = samples.Select(s => new NewSample(s.Sample,
            WaterQualityClassifier.Classify(s.Section.ClassificationKind(), s.Sample.Values, s.Section.TargetClass))).ToList();
        var areas = WaterScope.Lineage(snapshot.System, samples.SelectMany(s => s.Section.AreaCodes));
        List<SampleRow> stored = [];
        IdempotentOutcome outcome;
        try
        {
            outcome = await writes.WriteOnceAsync(key, async (connection, tx, cancel) =>
            {
                stored = await store.InsertSamplesAsync(connection, tx, prepared, source, caller, areas, cancel);
                return stored[0].Id;
            }, ct);
        }
        catch (DuplicateSampleException duplicate)
        {
            return Stored.Refuse(409, $"Section '{duplicate.Section}' already has a sample taken at {duplicate.At:O}; nothing was stored.",
                new ProblemItem("sampled_at", $"section '{duplicate.Section}' already has a sample at {duplicate.At:O}"));
        }
        if (outcome.Result != IdempotentResult.Created) return await AnswerEarlierAsync(key!, outcome, ct);
        var escalations = new List<EscalationOutcome>();
        foreach (var month in samples.Select(s => OfficePeriod.Containing(PeriodKind.Month, s.Sample.SampledAt)).Distinct().Order())
        {
            var codes = samples.Where(s => OfficePeriod.Containing(PeriodKind.Month, s.Sample.SampledAt) == month).Select(s => s.Section.Code).ToHashSet(StringComparer.Ordinal);
            // The scan the samples trigger is the service's own act (like loading the sample data), not the caller's.
            escalations.AddRange(await quality.EscalateAsync(month, codes, Caller.System, ct));
        }
        return new Stored(stored, escalations);
    }

    /// <summary>The answer to a key used before: the sample it stored when the request was the same, else the refusal.</summary>
    private async Task<Stored> AnswerEarlierAsync(IdempotencyKey key, IdempotentOutcome earlier, CancellationToken ct) =>
        earlier.Result == IdempotentResult.Replayed
            ? new Stored(await store.SamplesByIdAsync([earlier.ResourceId], ct), [], Replayed: true)
            : Stored.Refuse(422, $"Idempotency-Key '{key.Key}' was used for another sample.", new ProblemItem(IdempotencyKey.Header, "already used for another request"));

    /// <summary>The first sheet of a workbook as CSV (MiniExcel reads it; the first row is the header).</summary>
    private static string XlsxAsCsv(byte[] body)
    {
        using var stream = new MemoryStream(body);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false, excelType: MiniExcelLibs.ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var text = new StringWriter { NewLine = "\n" };
        var csv = new CsvWriter(text);
        foreach (var row in rows)
            csv.WriteRow(row.Values.Select(v => v switch
            {
                null => "",
                DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }));
        return text.ToString();
    }
}
