using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using QRCoder;
using NetTopologySuite.Geometries;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Api.Limits;
using RiverGis.Api.Water;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Signboards;

/// <summary>
/// A signboard as the map shows it: what is printed, today's holder, how far it stands, and whether it must be replaced
/// (待更新). No personal phone number: the board's public number is the supervision phone, an office's (a chief's own
/// phone printed on an old board only counts in the check, as <c>phone_changed</c>).
/// </summary>
public sealed record SignboardProperties(string Code, string? SegmentCode, string? ZoneCode, string ChiefName, string? ChiefPost,
    string? Extent, string? Target, string? SupervisionPhone, string? PrintedOn, string? CurrentChiefId, string? CurrentChiefName,
    double? DistanceM, bool Stale, bool Far, IReadOnlyList<SignboardDefect> Defects);

/// <summary>A board reprinted (or corrected): what it prints now. Its phone is the supervision phone; a chief's own phone is never printed.</summary>
public sealed record SignboardChangeRequest(string? ChiefName, string? ChiefPost, string? Extent, string? Duties, string? Target, string? SupervisionPhone,
    string? PrintedOn);

/// <summary>GET /api/signboards: every board with its state, the segments without one, and counts.</summary>
public sealed record SignboardsResponse(IReadOnlyList<Feature<SignboardProperties>> Features, int Stale, int Far, IReadOnlyList<SegmentWithoutBoard> SegmentsWithoutBoard)
    : FeatureCollection<SignboardProperties>(Features);

/// <summary>A segment that has no signboard yet.</summary>
public sealed record SegmentWithoutBoard(string Code, string? Name, string RiverCode, AdminLevel Level, string AreaCode);

/// <summary>
/// What a board for a segment prints today, generated from the current data (公示牌内容); the QR code opens
/// <c>report_url</c>. The phone printed is the supervision phone (an office's number, public by design), never the chief's own.
/// </summary>
public sealed record BoardContent(string SegmentCode, string Title, string ChiefName, string ChiefPost, string Extent, string Duties,
    string Target, string SupervisionPhone, string PublicUrl, string ReportUrl);

/// <summary>
/// Signboards (河长公示牌): the boards with their state against today's data — the printed chief or phone no longer
/// matching (待更新), boards far from their segment, segments without a board — and a printable zh-CN board generated
/// from the current data with a QR code (QRCoder) to the segment's public page and report form.
/// </summary>
public static class SignboardEndpoints
{
    private const string Tag = "Signboards";

    /// <summary>The duties printed on a river chief's board (the plans' 河长职责).</summary>
    public const string Duties = "负责河段的巡查、管理和保护，协调解决水资源保护、水域岸线管理、水污染防治、水环境治理、水生态修复等问题，督促整改“四乱”问题。";

    public static void MapSignboards(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/signboards").WithTags(Tag);
        group.MapGet("/", List).WithName("ListSignboards").WithSummary("Signboards (公示牌) with their state: stale (待更新), far from the segment; segments without one")
            .WithQuery().AllowAnyone();
        group.MapPut("/{code}", Change).WithName("ChangeSignboard").WithSummary("Record what a board prints after it was reprinted (the office of its segment's or zone's area)")
            .DocumentsBody(typeof(SignboardChangeRequest), "application/json").WithQuery().ProducesProblems(400, 404).Allow(Role.Office, Role.Admin).Scoped();
        app.MapGet("/api/segments/{code}/board", Content).WithTags(Tag).WithName("SegmentBoardContent")
            .WithSummary("What a segment's board prints today, generated from the current data").WithQuery().ProducesProblems(404).AllowAnyone();
        app.MapGet("/api/segments/{code}/board.html", Print).WithTags(Tag).WithName("PrintSegmentBoard")
            .WithSummary("A printable board (zh-CN) for a segment with a QR code to its public page and report form")
            .Produces<string>(StatusCodes.Status200OK, "text/html").WithQuery().ProducesProblems(404).AllowAnyone();
    }

    private static async Task<GeoJsonResult<SignboardsResponse>> List(SystemSnapshots snapshots, IOptions<WaterOptions> options, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        var report = SignboardChecks.Check(snapshot.System, snapshot.Water.Data.Signboards, snapshot.Water.Data.Zones, options.Value.SignboardFarM);
        var features = report.Boards.Select(c => GeoJsonResults.Feature(Properties(c), c.Board.Location)).ToList();
        return GeoJsonResults.Ok(new SignboardsResponse(features, report.Boards.Count(b => b.Stale), report.Boards.Count(b => b.Defects.Contains(SignboardDefect.FarFromSegment)),
            report.SegmentsWithoutBoard.Select(s => new SegmentWithoutBoard(s.Code, s.Name, s.RiverCode, s.Level, s.AreaCode)).ToList()));
    }

    private static async Task<Results<GeoJsonResult<Feature<SignboardProperties>>, ProblemHttpResult>> Change(string code, HttpContext http, Caller caller,
        SignboardStore store, SystemSnapshots snapshots, IOptions<WaterOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (request, problem) = await WaterEndpoints.ReadBody<SignboardChangeRequest>(http, ct);
        if (request is null) return problem!;
        var errors = new List<ProblemItem>();
        if (string.IsNullOrWhiteSpace(request.ChiefName)) errors.Add(new("chief_name", "required: the chief's name as printed"));
        DateOnly printedOn = default;
        if (request.PrintedOn is not { } text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", out printedOn))
            errors.Add(new("printed_on", $"required: the date the board was printed (yyyy-MM-dd){(request.PrintedOn is null ? "" : $", not '{request.PrintedOn}'")}"));
        else if (printedOn > DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).DateTime)) errors.Add(new("printed_on", $"{text} lies in the future"));
        foreach (var (name, value) in new[] { ("chief_name", request.ChiefName), ("chief_post", request.ChiefPost), ("target", request.Target),
                     ("supervision_phone", request.SupervisionPhone) })
            if (value is { Length: > FieldLimits.ReporterName }) errors.Add(new(name, $"longer than {FieldLimits.ReporterName} characters"));
        foreach (var (name, value) in new[] { ("extent", request.Extent), ("duties", request.Duties) })
            if (value is { Length: > FieldLimits.Description }) errors.Add(new(name, $"longer than {FieldLimits.Description} characters"));
        if (errors.Count > 0) return ApiProblems.BadRequest("The board is not valid; nothing was stored.", errors.ToArray());
        var snapshot = await snapshots.CurrentAsync(ct);
        var board = snapshot.Water.Data.Signboards.FirstOrDefault(b => b.Code == code);
        var area = board?.SegmentCode is { } segment ? snapshot.System.Segments.GetValueOrDefault(segment)?.Segment.AreaCode
            : snapshot.Water.Data.Zones.FirstOrDefault(z => z.Code == board?.ZoneCode)?.AreaCode;
        var printed = new Signboard(code, board?.SegmentCode, board?.ZoneCode, request.ChiefName!.Trim(), request.ChiefPost, null, request.Extent, request.Duties,
            request.Target, request.SupervisionPhone ?? options.Value.SupervisionPhone, printedOn, board?.Location ?? Point.Empty);
        if (!await store.ChangeAsync(printed, caller, WaterScope.Lineage(snapshot.System, [area]), ct)) return ApiProblems.NotFound($"There is no signboard '{code}'.");
        snapshot = await snapshots.FreshAsync(ct);
        var check = SignboardChecks.Check(snapshot.System, snapshot.Water.Data.Signboards, snapshot.Water.Data.Zones, options.Value.SignboardFarM)
            .Boards.Single(c => c.Board.Code == code);
        return GeoJsonResults.Ok(GeoJsonResults.Feature(Properties(check), check.Board.Location));
    }

    private static async Task<Results<Ok<BoardContent>, ProblemHttpResult>> Content(string code, HttpContext http, SystemSnapshots snapshots,
        IOptions<WaterOptions> options, CancellationToken ct)
    {
        var content = await BoardAsync(code, http, snapshots, options.Value, ct);
        return content is null ? ApiProblems.NotFound($"There is no segment '{code}'.") : TypedResults.Ok(content);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Print(string code, HttpContext http, SystemSnapshots snapshots,
        IOptions<WaterOptions> options, CancellationToken ct)
    {
        var board = await BoardAsync(code, http, snapshots, options.Value, ct);
        if (board is null) return ApiProblems.NotFound($"There is no segment '{code}'.");
        return TypedResults.Content(Html(board), "text/html; charset=utf-8");
    }

    private static async Task<BoardContent?> BoardAsync(string code, HttpContext http, SystemSnapshots snapshots, WaterOptions options, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.System.Segments.TryGetValue(code, out var entry)) return null;
        var segment = entry.Segment;
        var river = snapshot.System.Rivers.GetValueOrDefault(segment.RiverCode)?.River;
        var area = snapshot.System.Areas.GetValueOrDefault(segment.AreaCode)?.Area;
        var chief = segment.ChiefId is { } id ? snapshot.System.Chiefs.GetValueOrDefault(id) : null;
        var alignment = snapshot.System.AlignmentOf(entry, 25).Covered;
        var extent = alignment.IsEmpty
            ? $"{river?.Name ?? segment.RiverCode}{area?.Name}段"
            : $"{river?.Name ?? segment.RiverCode}{area?.Name}段，自河源起{alignment.Intervals[0].From / 1000:0.0}公里至{alignment.Intervals[^1].To / 1000:0.0}公里，长{alignment.Length / 1000:0.0}公里";
        // The target: the strictest target of the sections on the segment's stretch, else the river's sections, else Ⅲ.
        var targets = snapshot.Water.Sections.Values.Where(s => s.Section.RiverCode == segment.RiverCode).ToList();
        var onStretch = targets.Where(s => s.MeasureM is { } m && !alignment.IsEmpty && alignment.Contains(m, 25)).ToList();
        var target = (onStretch.Count > 0 ? onStretch : targets).Select(s => s.Section.TargetClass).DefaultIfEmpty(WaterClass.III).Min();
        var mid = entry.Line.PointAt(entry.Line.Length / 2);
        var baseUrl = options.PublicBaseUrl?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var publicUrl = $"{baseUrl}/api/segments/{Uri.EscapeDataString(segment.Code)}/board.html";
        var reportUrl = string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/#/report/{mid.X:0.000000},{mid.Y:0.000000}");
        return new BoardContent(segment.Code, $"{river?.Name ?? segment.RiverCode}河长公示牌", chief?.Name ?? "（空缺）",
            $"{area?.Name}{segment.Level.ChineseLabel()}河长", extent, Duties, $"水质目标：{target.ChineseLabel()}", options.SupervisionPhone, publicUrl, reportUrl);
    }

    /// <summary>The board as a printable page: A4 landscape, zh-CN, QR code inline as SVG; style from wwwroot/css/board.css (no inline style or script).</summary>
    public static string Html(BoardContent b)
    {
        using var qr = new QRCodeGenerator();
        // The QR code opens the web map's report form at the segment: who answers there (public) and the form to report.
        using var data = qr.CreateQrCode(b.ReportUrl, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(6);
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(b.Title)}}</title>
            <link rel="stylesheet" href="/css/board.css"></head>
            <body><div class="board" data-segment="{{E(b.SegmentCode)}}">
            <h1>{{E(b.Title)}}</h1>
            <div class="qr">{{svg}}<div>扫码查看河段信息、上报问题</div></div>
            <table>
            <tr><th>河长</th><td data-field="chief_name">{{E(b.ChiefName)}}</td></tr>
            <tr><th>职务</th><td data-field="chief_post">{{E(b.ChiefPost)}}</td></tr>
            <tr><th>河段范围</th><td data-field="extent">{{E(b.Extent)}}</td></tr>
            <tr><th>河长职责</th><td data-field="duties">{{E(b.Duties)}}</td></tr>
            <tr><th>管护目标</th><td data-field="target">{{E(b.Target)}}</td></tr>
            <tr><th>监督电话</th><td data-field="supervision_phone">{{E(b.SupervisionPhone)}}</td></tr>
            </table>
            <p data-field="report_url">问题上报：{{E(b.ReportUrl)}}</p>
            <p data-field="public_url">本公示牌在线版：{{E(b.PublicUrl)}}</p>
            </div></body></html>
            """);
        return html.ToString();
    }

    private static SignboardProperties Properties(SignboardCheck c)
    {
        var b = c.Board;
        return new SignboardProperties(b.Code, b.SegmentCode, b.ZoneCode, b.ChiefName, b.ChiefPost, b.Extent, b.Target, b.SupervisionPhone,
            b.PrintedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.CurrentChief?.Id, c.CurrentChief?.Name, c.DistanceM,
            c.Stale, c.Defects.Contains(SignboardDefect.FarFromSegment), c.Defects);
    }
}
