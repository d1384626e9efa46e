using RiverGis.Api.Accounts;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>
/// Open311 GeoReport v2 facade (JSON) over the problem ledger, so existing civic reporting apps can submit and follow
/// reports: services.json, requests.json (GET, POST) and requests/{id}.json. Errors are problem+json like the rest
/// of the service.
/// </summary>
public static class Open311Endpoints
{
    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/open311/v2").WithTags("Open311 GeoReport v2").AllowAnyone();
        group.MapGet("/services.json", Services).WithName("Open311Services").WithSummary("Open311 services (the problem categories)");
        group.MapGet("/requests.json", Requests).WithName("Open311Requests").WithSummary("Open311 service requests");
        group.MapPost("/requests.json", Post).WithName("Open311Post").WithSummary("Submit an Open311 service request").DisableAntiforgery();
        group.MapGet("/requests/{id}.json", Request).WithName("Open311Request").WithSummary("One Open311 service request");
    }

    private static IResult Services(IssueIntake intake) => Results.Json(IssueCategories.All.Select(c => new
    {
        service_code = c.ToCode(),
        service_name = c.ChineseLabel(),
        description = $"{c.ChineseLabel()} ({c.ToCode().Replace('_', ' ')}); rectification deadline {intake.Deadlines.DaysFor(c)} days",
        metadata = false,
        type = "realtime",
        keywords = c.ToCode(),
        group = "河湖问题",
    }));

    private static async Task<IResult> Post(HttpContext http, Caller caller, IssueIntake intake, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            return ApiProblems.BadRequest("Open311 requests are posted as application/x-www-form-urlencoded.", new ProblemItem("Content-Type", "expected a form"));
        var form = await http.Request.ReadFormAsync(ct);
        // Translate the Open311 form into the ledger's Feature, then use the same validation and routing.
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = new JsonObject
            {
                ["type"] = "Point",
                ["coordinates"] = new JsonArray(Number(form["long"]), Number(form["lat"])),
            },
            ["properties"] = new JsonObject
            {
                ["category"] = Text(form["service_code"]),
                ["description"] = Text(form["description"]),
                ["source"] = "public",
                ["reporter_name"] = Text($"{form["first_name"]} {form["last_name"]}"),
                ["reporter_contact"] = Text(string.Join(" ", new[] { form["email"].ToString(), form["phone"].ToString() }.Where(s => s.Length > 0))),
                ["photo_urls"] = string.IsNullOrWhiteSpace(form["media_url"]) ? null : new JsonArray(form["media_url"].ToString()),
            },
        };
        var errors = new List<ProblemItem>();
        if (string.IsNullOrWhiteSpace(form["lat"]) || string.IsNullOrWhiteSpace(form["long"])) errors.Add(new("lat,long", "required (Open311 location)"));
        foreach (var name in new[] { "lat", "long" })
        {
            if (!string.IsNullOrWhiteSpace(form[name]) && Number(form[name]) is null) errors.Add(new(name, $"'{form[name]}' is not a number"));
        }
        if (errors.Count > 0) return ApiProblems.BadRequest("Invalid Open311 request.", errors.ToArray());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(feature);
        using var doc = JsonDocument.Parse(bytes);
        var (report, parseErrors) = intake.Parse(doc.RootElement);
        if (report is null)
        {
            // Name the Open311 fields, not our internal JSON paths.
            var renamed = parseErrors.Select(e => e with
            {
                Where = e.Where.Replace("properties.category", "service_code").Replace("properties.description", "description")
                    .Replace("geometry.coordinates", "lat,long").Replace("properties.photo_urls[0]", "media_url"),
            });
            return ApiProblems.BadRequest("Invalid Open311 request.", renamed.ToArray());
        }
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var filed = await intake.FileAsync(report, caller, string.IsNullOrWhiteSpace(key) ? null : key, bytes, ct);
        if (filed.Refused) return filed.ToProblem();
        var issue = filed.Issue!;
        var chief = issue.Chief?.Name;
        return Results.Json(new[]
        {
            new
            {
                service_request_id = issue.Id.ToString(CultureInfo.InvariantCulture),
                service_notice = chief is null ? "已受理" : $"已受理，责任河长：{chief}",
                account_id = (string?)null,
                token = filed.FollowUpToken,
            },
        }, statusCode: filed.Replayed ? 200 : 201);
    }

    private static async Task<IResult> Requests(HttpContext http, IssueStore store, TimeProvider clock, CancellationToken ct)
    {
        var q = new QueryValues(http.Request.Query, "service_request_id", "service_code", "start_date", "end_date", "status", "jurisdiction_id");
        var category = q.Enum<IssueCategory>("service_code", c => (IssueCategories.TryParse(c, out var v), v), string.Join("|", IssueCategories.All.Select(c => c.ToCode())));
        var status = q.Enum<bool>("status", c => (c is "open" or "closed", c == "open"), "open|closed");
        var from = q.Timestamp("start_date");
        var to = q.Timestamp("end_date", endOfDay: true);
        var ids = q.String("service_request_id")?.Split(',').Select(s => long.TryParse(s.Trim(), out var id) ? id : -1).ToHashSet();
        if (ids is not null && ids.Contains(-1)) q.Errors.Add(new("service_request_id", "expected comma-separated request ids"));
        if (!q.Ok) return q.Problem("Invalid Open311 query.");
        var now = clock.GetUtcNow();
        // Open311 default window: the last 90 days.
        // The public face: every issue, never a contact.
        var rows = await store.ListAsync(new IssueFilter(Open: status, Category: category, From: from ?? (ids is null ? now.AddDays(-90) : null), To: to), null, now, ct);
        if (ids is not null) rows = rows.Where(r => ids.Contains(r.Id)).ToList();
        return Results.Json(rows.Take(1000).Select(r => ToOpen311(r)));
    }

    private static async Task<IResult> Request(string id, IssueStore store, CancellationToken ct)
    {
        if (!long.TryParse(id, out var number)) return ApiProblems.NotFound($"There is no service request '{id}'.");
        var row = await store.GetAsync(number, null, ct);
        return row is null ? ApiProblems.NotFound($"There is no service request '{id}'.") : Results.Json(new[] { ToOpen311(row) });
    }

    private static object ToOpen311(IssueRow r) => new
    {
        service_request_id = r.Id.ToString(CultureInfo.InvariantCulture),
        status = r.Status.IsOpen() ? "open" : "closed",
        status_notes = r.Status.ChineseLabel(),
        service_name = r.Category.ChineseLabel(),
        service_code = r.Category.ToCode(),
        description = r.Description,
        agency_responsible = r.Chief is { } chief ? $"{chief.Name}（河长，{chief.AreaCode}）" : null,
        requested_datetime = r.ReportedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        updated_datetime = (r.ClosedAt ?? r.ReportedAt).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        expected_datetime = r.Deadline.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        lat = r.Lat,
        @long = r.Lon,
        media_url = r.PhotoUrls.FirstOrDefault(),
    };

    private static JsonNode? Number(Microsoft.Extensions.Primitives.StringValues value) =>
        double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? JsonValue.Create(d) : null;

    private static JsonNode? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(value.Trim());
}
