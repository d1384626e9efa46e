using System.Globalization;
using System.Text;
using System.Text.Json;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Issues;
using RiverGis.Geo.Model;
using RiverGis.Geo.Tasks;

namespace RiverGis.Generation;

/// <summary>
/// Writes an <see cref="OfficeYear"/> beside a dataset folder (the folder itself holds the dataset format only; its
/// <c>units.csv</c> comes through <see cref="DatasetContent.Units"/>):
/// <list type="bullet">
/// <item><c>&lt;folder&gt;.tasks.csv</c> — plan items in the columns <c>POST /api/tasks/import</c> reads (the office's own path in);</item>
/// <item><c>&lt;folder&gt;.issues.csv</c> and <c>&lt;folder&gt;.issue_events.csv</c> — the ledger's rows, headed with the
/// table columns, for <c>COPY issues (…) FROM … CSV HEADER</c>.</item>
/// </list>
/// Why COPY for problems and not the API: a year of problems has back-dated transitions (the API stamps every
/// transition with the service's clock) and ~6 events per problem (several hundred thousand HTTP calls at province
/// size, through the write limits); COPY loads exactly the rows the ledger would hold, in seconds. The rows keep
/// the ledger's invariants: every transition is one <see cref="IssueLifecycle"/> allows, <c>status</c> is the last
/// event's, <c>closed_at</c> the finishing event's time, <c>area_codes</c> the chain of the segment's area.
/// </summary>
public static class OfficeYearFiles
{
    public static readonly string[] TaskColumns =
    [
        "code", "title", "list", "river_code", "area_code", "lead_unit_code", "cooperating_unit_codes", "chief_id", "year", "created_on", "deadline",
        "target", "target_value", "target_unit", "progress",
    ];

    public static readonly string[] IssueColumns =
    [
        "id", "category", "description", "source", "status", "reported_at", "deadline", "closed_at", "chief_id", "chief", "river_code", "segment_code",
        "area_code", "area_codes", "unit_code", "geom",
    ];

    public static readonly string[] EventColumns = ["issue_id", "at", "action", "from_status", "to_status", "actor", "note", "chief_id", "unit_code"];

    public static string TasksPath(string folder) => Beside(folder, ".tasks.csv");

    public static string IssuesPath(string folder) => Beside(folder, ".issues.csv");

    public static string EventsPath(string folder) => Beside(folder, ".issue_events.csv");

    private static string Beside(string folder, string suffix) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + suffix;

    public static void Write(OfficeYear year, string folder)
    {
        WriteCsv(TasksPath(folder), TaskColumns, year.Tasks.Select(TaskRow));
        WriteCsv(IssuesPath(folder), IssueColumns, year.Problems.Select(IssueRow));
        WriteCsv(EventsPath(folder), EventColumns, year.Problems.SelectMany(p => p.Events.Select(e => EventRow(p.Id, e))));
    }

    public static string[] TaskRow(GeneratedTask t) =>
    [
        t.Code, t.Title, t.List.ToCode(), t.RiverCode, t.AreaCode, t.LeadUnitCode, string.Join(";", t.CooperatingUnitCodes), t.ChiefId ?? "",
        Invariant(t.Year), Day(t.CreatedOn), Day(t.Deadline), t.Target, Invariant(t.TargetValue), t.TargetUnit, Invariant(t.Progress),
    ];

    public static string[] IssueRow(GeneratedProblem p) =>
    [
        Invariant(p.Id), p.Category.ToCode(), p.Description, p.Source.ToCode(), p.Status.ToCode(), Instant(p.ReportedAt), Instant(p.Deadline),
        p.ClosedAt is { } c ? Instant(c) : "", p.Segment.ChiefId ?? "", ChiefJson(p), p.Segment.RiverCode, p.Segment.Code, p.Segment.AreaCode,
        "{" + string.Join(",", p.AreaCodes) + "}", p.UnitCode ?? "",
        string.Create(CultureInfo.InvariantCulture, $"SRID=4326;POINT({p.Lon:R} {p.Lat:R})"),
    ];

    public static string[] EventRow(long issueId, GeneratedEvent e) =>
    [
        Invariant(issueId), Instant(e.At), e.Action.ToCode(), e.From?.ToCode() ?? "", e.To.ToCode(), e.Actor, e.Note ?? "", e.ChiefId ?? "", e.UnitCode ?? "",
    ];

    /// <summary>The routed chief as the ledger stores it (the API's snake_case <c>ResponsibleChief</c>); the report reads its level.</summary>
    private static string ChiefJson(GeneratedProblem p)
    {
        if (p.Chief is not { } c) return "";
        return JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["id"] = c.Id, ["name"] = c.Name, ["role"] = c.Role.ToCode(), ["level"] = p.Segment.Level.ToCode(), ["area_code"] = c.AreaCode,
            ["phone"] = c.Phone, ["area_name"] = p.AreaName,
        }, ReadableJson);
    }

    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.ToOffset(OfficeYearOptions.ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted; an empty field stays empty (COPY reads it as NULL).</summary>
    private static void WriteCsv(string path, string[] header, IEnumerable<string[]> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(string.Join(",", header));
        foreach (var row in rows) writer.WriteLine(string.Join(",", row.Select(Field)));
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
