using System.Globalization;
using System.Text.Json;
using Mapster;
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
    private static readonly TextParameter Jurisdiction = new("jurisdiction_id", "optional (one jurisdiction); another jurisdiction than this endpoint's is a 404");
    private static readonly TextParameter ApiKey = new("api_key", "the application's key: one of Open311:ApiKeys gives the application its own rate limit (a key not configured is a 403)");
    private static readonly TextParameter RequestIds = new("service_request_id", "comma-separated request ids; overrides every other argument");
    private static readonly TextParameter Codes = new("service_code",
        "comma-separated service codes: " + string.Join(", ", IssueCategories.All.Select(c => c.ToCode())));
    private static readonly TextParameter Statuses = new("status", "comma-separated: open, closed");
    private static readonly TimestampParameter StartDate = new("start_date",
        "earliest requested_datetime (w3 date-time; a bare date is a day in China Standard Time); default: 90 days before end_date");
    private static readonly TimestampParameter EndDate = new("end_date",
        "latest requested_datetime; default: now, or 90 days after start_date; at most 90 days after start_date", endOfDay: true);

    /// <summary>What every Open311 resource accepts (checked by the endpoints' filter).</summary>
    public static readonly QueryParameter[] Common = [Jurisdiction, ApiKey];

    /// <summary>The arguments of GET requests.</summary>
    public static readonly QueryParameter[] Parameters = [.. Common, RequestIds, Codes, Statuses, StartDate, EndDate];

    public static (Open311Query? Query, List<ProblemItem> Errors) Parse(QueryValues q, DateTimeOffset now)
    {
        var ids = List(q, RequestIds, t => (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id), id), "a request id");
        var categories = List(q, Codes, t => (IssueCategories.TryParse(t, out var c), c),
            "a service_code of services.json (" + string.Join("|", IssueCategories.All.Select(c => c.ToCode())) + ")");
        var open = List(q, Statuses, t => (t is "open" or "closed", t == "open"), "open|closed");
        var start = q.Read(StartDate);
        var end = q.Read(EndDate);
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
    private static List<T>? List<T>(QueryValues q, TextParameter parameter, Func<string, (bool Ok, T Value)> parse, string expected)
    {
        if (q.Read(parameter) is not { } text) return null;
        var name = parameter.Name;
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
                if (await issues.GetAsync(id, null, ct) is { } row) rows.Add(row);
        }
        else
        {
            // A single code or status is filtered in SQL; lists of several are filtered here.
            var filter = new IssueFilter(
                Open: query.Open is { Count: 1 } open ? open.Single() : null,
                Category: query.Categories is { Count: 1 } one ? one.Single() : null,
                From: query.From, To: query.To);
            rows = (await issues.ListAsync(filter, null, now, ct))
                .Where(r => query.Categories is null || query.Categories.Contains(r.Category))
                .Where(r => query.Open is null || query.Open.Contains(r.Status.IsOpen()))
                .Take(Open311Query.MaxRequests).ToList();
        }
        return await ToRequestsAsync(rows, ct);
    }

    public async Task<Open311Request?> GetAsync(long id, CancellationToken ct) =>
        await issues.GetAsync(id, null, ct) is { } row ? (await ToRequestsAsync([row], ct))[0] : null;

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
        row.Chief is { } chief ? (chief.Name, chief.AreaName ?? chief.AreaCode) : null;

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

    /// <summary>Errors as Open311 error descriptions, each naming the form's field ("service_code: unknown value …").</summary>
    public static List<string> Describe(IEnumerable<ProblemItem> errors) => errors.Select(e => $"{Rename(e.Where)}: {e.Message}").ToList();

    /// <summary>Why intake refused a report, as Open311 error descriptions (every refusal is a 400 in GeoReport v2's terms).</summary>
    public static List<string> Describe(IssueIntake.Filed refused) =>
        [refused.Detail ?? "the request could not be filed", .. Describe(refused.Error is { } error ? [error] : [])];

    private static string Rename(string where) => FieldNames.FirstOrDefault(f => f.Ledger == where).Open311 ?? where;
}
