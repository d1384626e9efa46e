using System.Globalization;
using System.Text.Json;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>
/// The query of GET requests (GeoReport v2 "GET Service Requests"): service_request_id (comma-separated, overrides all
/// other arguments), service_code and status (comma-separated lists), start_date/end_date (a span of at most 90 days;
/// the most recent 90 days by default).
/// </summary>
public sealed record Open311Query(IReadOnlyList<long>? Ids, IReadOnlySet<IssueCategory>? Categories, IReadOnlySet<bool>? Open,
    DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);
    public const int MaxRequests = 1000;
    public static readonly string[] Parameters = ["service_request_id", "service_code", "start_date", "end_date", "status", "jurisdiction_id", "api_key"];

    public static (Open311Query? Query, List<ProblemItem> Errors) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var q = new QueryValues(query, Parameters);
        var ids = List(q, "service_request_id", t => (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id), id), "a request id");
        var categories = List(q, "service_code", t => (IssueCategories.TryParse(t, out var c), c),
            "a service_code of services.json (" + string.Join("|", IssueCategories.All.Select(c => c.ToCode())) + ")");
        var open = List(q, "status", t => (t is "open" or "closed", t == "open"), "open|closed");
        var start = q.Timestamp("start_date");
        var end = q.Timestamp("end_date", endOfDay: true);
        var (from, to) = (start, end) switch
        {
            (null, null) => (now - MaxSpan, now),
            ({ } s, null) => (s, s + MaxSpan),
            (null, { } e) => (e - MaxSpan, e),
            ({ } s, { } e) => (s, e),
        };
        if (start is not null && end is not null && to - from > MaxSpan)
            q.Errors.Add(new("end_date", $"start_date to end_date spans {(to - from).TotalDays:0.#} days; GeoReport v2 allows at most 90"));
        if (from > to) q.Errors.Add(new("end_date", "is before start_date"));
        return q.Ok ? (new Open311Query(ids, categories?.ToHashSet(), open?.ToHashSet(), from, to), q.Errors) : (null, q.Errors);
    }

    /// <summary>A comma-separated list (GeoReport v2: "can be declared multiple times, comma delimited"); null when absent.</summary>
    private static List<T>? List<T>(QueryValues q, string name, Func<string, (bool Ok, T Value)> parse, string expected)
    {
        if (q.String(name) is not { } text) return null;
        var values = new List<T>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (ok, value) = parse(item);
            if (ok) values.Add(value);
            else q.Errors.Add(new(name, $"'{item}' is not {expected}"));
        }
        return values;
    }
}

/// <summary>
/// Open311 on the ledger: finds service requests, maps stored issues to them (with where they are and when they last
/// changed), and turns a POSTed form into the ledger's report so intake validates and routes it like any other.
/// </summary>
public sealed class Open311Requests(IssueStore issues, Open311Store store, SystemSnapshots snapshots)
{
    /// <summary>The requests of a query, most recent first, at most 1000 (GeoReport v2 "Response Volume").</summary>
    public async Task<List<Open311Request>> FindAsync(Open311Query query, DateTimeOffset now, CancellationToken ct)
    {
        List<IssueRow> rows;
        if (query.Ids is { } ids)
        {
            rows = [];
            foreach (var id in ids.Distinct().Take(Open311Query.MaxRequests))
                if (await issues.GetAsync(id, ct) is { } row) rows.Add(row);
        }
        else
        {
            // A single code or status is filtered in SQL; lists of several are filtered here.
            var filter = new IssueFilter(
                Open: query.Open is { Count: 1 } open ? open.Single() : null,
                Category: query.Categories is { Count: 1 } one ? one.Single() : null,
                From: query.From, To: query.To);
            rows = (await issues.ListAsync(filter, now, ct))
                .Where(r => query.Categories is null || query.Categories.Contains(r.Category))
                .Where(r => query.Open is null || query.Open.Contains(r.Status.IsOpen()))
                .Take(Open311Query.MaxRequests).ToList();
        }
        return await ToRequestsAsync(rows, ct);
    }

    public async Task<Open311Request?> GetAsync(long id, CancellationToken ct) =>
        await issues.GetAsync(id, ct) is { } row ? (await ToRequestsAsync([row], ct))[0] : null;

    private async Task<List<Open311Request>> ToRequestsAsync(List<IssueRow> rows, CancellationToken ct)
    {
        var changed = await store.LastChangesAsync(rows.Select(r => r.Id).ToList(), ct);
        var system = (await snapshots.CurrentAsync(ct)).System;
        return rows.Select(r => r.Adapt<Open311Request>() with
        {
            UpdatedDatetime = W3c(changed.GetValueOrDefault(r.Id, r.ClosedAt ?? r.ReportedAt)),
            Address = Address(r, system),
        }).ToList();
    }

    /// <summary>An instant to the second, as GeoReport v2's examples write them (2010-01-01T00:00:00Z).</summary>
    public static DateTimeOffset W3c(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);

    /// <summary>Where the issue is, most specific first (the river, then its areas up to the top); null when unknown.</summary>
    private static string? Address(IssueRow row, Geo.Indexing.RiverSystem system)
    {
        var parts = new List<string>();
        if (row.RiverCode is { } river && system.Rivers.TryGetValue(river, out var entry)) parts.Add(entry.River.Name);
        if (row.AreaCode is { } area) parts.AddRange(system.AncestorsAndSelf(area).Select(a => a.Name));
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>The responsible chief and their area, e.g. 王五（河长，金口河区）.</summary>
    public static string? Agency(IssueRow row) =>
        Chief(row) is { } chief ? $"{chief.Name}（河长，{chief.Area}）" : null;

    /// <summary>What happens next: who must act, by when (China Standard Time).</summary>
    public static string Notice(IssueRow row)
    {
        var deadline = row.Deadline.ToOffset(QueryValues.OfficeOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return Chief(row) is { } chief ? $"已受理，责任河长：{chief.Name}（{chief.Area}），整改期限 {deadline}" : $"已受理，整改期限 {deadline}";
    }

    private static (string Name, string Area)? Chief(IssueRow row) =>
        row.Chief?["name"]?.GetValue<string>() is { } name
            ? (name, row.Chief?["area_name"]?.GetValue<string>() ?? row.Chief?["area_code"]?.GetValue<string>() ?? "")
            : null;

    /// <summary>The ledger's JSON report for a POSTed Open311 form (validated by <see cref="IssueIntake.Parse"/>).</summary>
    public static byte[] Report(IFormCollection form, double lon, double lat)
    {
        string? Text(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var feature = new ReportFeature("Feature", new ReportPoint("Point", [lon, lat]), new ReportProperties(
            Text(form["service_code"].ToString()),
            Text(form["description"].ToString()),
            "public",
            Text($"{form["first_name"]} {form["last_name"]}"),
            Text(string.Join(" ", new[] { form["email"].ToString(), form["phone"].ToString() }.Where(s => s.Length > 0))),
            Text(form["media_url"].ToString()) is { } url ? [url] : null));
        return JsonSerializer.SerializeToUtf8Bytes(feature, ApiJson.Options);
    }

    private sealed record ReportFeature(string Type, ReportPoint Geometry, ReportProperties Properties);

    private sealed record ReportPoint(string Type, double[] Coordinates);

    private sealed record ReportProperties(string? Category, string? Description, string Source, string? ReporterName, string? ReporterContact, string[]? PhotoUrls);

    /// <summary>Intake's names of the report's members, as the Open311 form names them.</summary>
    private static readonly (string Ledger, string Open311)[] FieldNames =
    [
        ("properties.category", "service_code"), ("properties.description", "description"), ("geometry.coordinates", "lat,long"),
        ("properties.photo_urls[0]", "media_url"), ("properties.photo_urls", "media_url"), ("properties.reporter_contact", "email,phone"),
        ("properties.reporter_name", "first_name,last_name"),
    ];

    /// <summary>An intake problem as Open311 error descriptions naming the form's fields; its status (404 stays, else 400).</summary>
    public static (int Status, List<string> Descriptions) Describe(IEnumerable<ProblemItem> errors, int status = StatusCodes.Status400BadRequest) =>
        (status == StatusCodes.Status404NotFound ? status : StatusCodes.Status400BadRequest,
            errors.Select(e => $"{Rename(e.Where)}: {e.Message}").ToList());

    /// <summary>A problem response of intake (RFC 9457) read back into its errors, for the Open311 error array.</summary>
    public static (int Status, List<string> Descriptions) Describe(IResult problem)
    {
        if (problem is not ProblemHttpResult { ProblemDetails: var details }) return (StatusCodes.Status400BadRequest, ["the request could not be filed"]);
        var items = details.Extensions.TryGetValue("errors", out var errors) && errors is IEnumerable<Dictionary<string, string>> list
            ? list.Select(e => new ProblemItem(e["where"], e["message"])).ToList()
            : [];
        var (status, descriptions) = Describe(items, details.Status ?? StatusCodes.Status400BadRequest);
        if (details.Detail is { } detail) descriptions.Insert(0, detail);
        return (status, descriptions);
    }

    private static string Rename(string where) => FieldNames.FirstOrDefault(f => f.Ledger == where).Open311 ?? where;
}
