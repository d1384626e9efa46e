using System.Text.Json;
using System.Text.Json.Nodes;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Issues;

/// <summary>The problem ledger (问题台账): report → assign → rectify → verify → close (上报→交办→整改→验收→销号).</summary>
public static class IssueEndpoints
{
    private static readonly string[] ListParameters = ["status", "open", "light", "category", "area_code", "chief_id", "river_code", "from", "to", "limit", "offset"];

    public static void MapIssues(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/issues").WithTags("Problem ledger");
        group.MapPost("/", Create).WithName("ReportIssue")
            .WithDescription("File a problem reported at a point (GeoJSON Feature). Routed to the responsible chief; Idempotency-Key makes retries safe.");
        group.MapGet("/", List).WithName("ListIssues");
        group.MapGet("/export.csv", Csv).WithName("ExportIssuesCsv");
        group.MapGet("/categories", Categories).WithName("IssueCategories");
        group.MapGet("/{id:long}", Get).WithName("GetIssue");
        group.MapPost("/{id:long}/transitions", Transition).WithName("TransitionIssue");
    }

    private static async Task<IResult> Create(HttpContext http, IssueIntake intake, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return problem!;
        using var _ = body;
        var (report, errors) = intake.Parse(body.Document.RootElement);
        if (report is null) return ApiProblems.BadRequest("The report is not a valid GeoJSON Point Feature with the required properties.", errors.ToArray());
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var filed = await intake.FileAsync(report, string.IsNullOrWhiteSpace(key) ? null : key.Trim(), body.Bytes, ct);
        if (filed.Problem is not null) return filed.Problem;
        if (filed.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        var feature = Feature(filed.Issue!.ToDto(clock.GetUtcNow()));
        return Results.Text(feature.ToJsonString(ApiJson.Options), GeoJsonResults.MediaType, System.Text.Encoding.UTF8, filed.Replayed ? 200 : 201);
    }

    private static async Task<IResult> Get(long id, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var row = await store.GetAsync(id, ct);
        if (row is null) return ApiProblems.NotFound($"There is no issue {id}.");
        var dto = row.ToDto(clock.GetUtcNow());
        dto.Events = await store.EventsAsync(id, ct);
        return GeoJsonResults.Ok(Feature(dto));
    }

    private static (IssueFilter? Filter, int Limit, int Offset, IResult? Problem) ReadFilter(HttpContext http)
    {
        var q = new QueryValues(http.Request.Query, ListParameters);
        var status = q.Enum<IssueStatus>("status", c => (IssueStatuses.TryParse(c, out var s), s), "reported|assigned|rectifying|verifying|closed|returned|rejected");
        var open = q.Enum<bool>("open", c => (c is "true" or "false", c == "true"), "true|false");
        var light = q.Enum<LightColour>("light", c => (Enum.TryParse<LightColour>(c, true, out var l) && c == c.ToLowerInvariant(), l), "green|yellow|red");
        var category = q.Enum<IssueCategory>("category", c => (IssueCategories.TryParse(c, out var v), v), string.Join("|", IssueCategories.All.Select(c => c.ToCode())));
        var filter = new IssueFilter(status, open, light, category, q.String("area_code"), q.String("chief_id"), q.String("river_code"), q.Timestamp("from"), q.Timestamp("to", endOfDay: true));
        var limit = q.Int("limit", 1000, 1, 10_000);
        var offset = q.Int("offset", 0, 0, int.MaxValue);
        return q.Ok ? (filter, limit, offset, null) : (null, 0, 0, q.Problem("Invalid ledger filter."));
    }

    private static async Task<IResult> List(HttpContext http, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var (filter, limit, offset, problem) = ReadFilter(http);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow();
        // Light counts cover the filter without its light criterion: the three-colour summary of the selection.
        var all = await store.ListAsync(filter! with { Light = null }, now, ct);
        var rows = filter!.Light is { } wanted ? all.Where(r => StatusLight.Of(r.Status, r.Deadline, now) == wanted).ToList() : all;
        var features = new JsonArray();
        foreach (var row in rows.Skip(offset).Take(limit))
        {
            // Reporter contacts are for the office handling the issue (GET /api/issues/{id}), not for lists.
            var dto = row.ToDto(now);
            dto.ReporterContact = null;
            features.Add(Feature(dto));
        }
        var lights = all.GroupBy(r => StatusLight.Of(r.Status, r.Deadline, now)).ToDictionary(g => g.Key.ToString().ToLowerInvariant(), g => g.Count());
        return GeoJsonResults.Ok(new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["number_matched"] = rows.Count,
            ["number_returned"] = features.Count,
            ["lights"] = new JsonObject { ["green"] = lights.GetValueOrDefault("green"), ["yellow"] = lights.GetValueOrDefault("yellow"), ["red"] = lights.GetValueOrDefault("red") },
            ["features"] = features,
        });
    }

    private static async Task<IResult> Csv(HttpContext http, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var (filter, _, _, problem) = ReadFilter(http);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow();
        var rows = await store.ListAsync(filter!, now, ct);
        var csv = IssueStore.ToCsv(rows.Select(r => r.ToDto(now)));
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"issues-{now:yyyyMMdd}.csv\"";
        return Results.Text(csv, "text/csv", System.Text.Encoding.UTF8);
    }

    private static IResult Categories(IssueIntake intake) => Results.Json(IssueCategories.All.Select(c => new
    {
        code = c.ToCode(),
        label = c.ChineseLabel(),
        deadline_days = intake.Deadlines.DaysFor(c),
    }));

    private static async Task<IResult> Transition(long id, HttpContext http, IssueStore store, SystemSnapshots snapshots, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await BodyJson.ReadAsync(http, ct);
        if (body is null) return problem!;
        using var _ = body;
        TransitionRequest? request;
        try
        {
            request = body.Document.Deserialize<TransitionRequest>(ApiJson.Options);
        }
        catch (JsonException ex)
        {
            return ApiProblems.BadRequest("The body must be {\"action\": …, \"actor\": …, \"note\": …, \"chief_id\": …}.", new ProblemItem(ex.Path ?? "$", ex.Message.Split(" Path:")[0]));
        }
        if (request is null || !ActionCodes.TryParse(request.Action, out var kind))
            return ApiProblems.BadRequest("Unknown action.", new ProblemItem("action", $"unknown value '{request?.Action}', expected one of {ActionCodes.Expected}"));
        var snapshot = await snapshots.CurrentAsync(ct);
        JsonNode? newChief = null;
        if (kind is IssueActionKind.Assign or IssueActionKind.Reassign && request.ChiefId is { } chiefId)
        {
            if (!snapshot.System.Chiefs.TryGetValue(chiefId, out var chief))
                return ApiProblems.BadRequest("Unknown chief.", new ProblemItem("chief_id", $"unknown chief '{chiefId}'"));
            newChief = JsonSerializer.SerializeToNode(ResponsibleChief.Of(chief, snapshot.System, Geo.Model.AdminLevel.Village), ApiJson.Options);
        }
        var action = new IssueAction(kind, request.ChiefId);
        var (row, error) = await store.TransitionAsync(id,
            current => (IssueLifecycle.Transition(current.Status, action, request.Actor ?? "", request.Note, clock.GetUtcNow(), current.ChiefId), newChief), ct);
        if (row is null) return ApiProblems.NotFound($"There is no issue {id}.");
        if (error is not null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed", detail: error.Message,
                extensions: new Dictionary<string, object?> { ["code"] = error.Code, ["message_zh"] = error.MessageZh, ["status"] = row.Status.ToCode() });
        }
        var dto = row.ToDto(clock.GetUtcNow());
        dto.Events = await store.EventsAsync(id, ct);
        return GeoJsonResults.Ok(Feature(dto));
    }

    /// <summary>An issue as a GeoJSON Feature (its point) with the ledger fields as properties.</summary>
    public static JsonObject Feature(IssueDto dto) =>
        GeoJsonResults.Feature(dto, new NetTopologySuite.Geometries.Point(dto.Lon, dto.Lat) { SRID = 4326 }, JsonValue.Create(dto.Id));
}
