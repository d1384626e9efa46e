using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Api.Limits;
using RiverGis.Api.Patrols;

namespace RiverGis.Api.Photos;

/// <summary>
/// Photos of patrols and problems (巡河照片): chiefs and offices upload them; a photo is shown to whoever sees what it
/// belongs to, and to nobody else (404, as for no photo).
/// </summary>
public static class PhotoEndpoints
{
    public static readonly NumberParameter PatrolId = new("patrol_id", "the patrol the photo was taken on", min: 1, integer: true);
    public static readonly NumberParameter IssueId = new("issue_id", "the problem the photo shows", min: 1, integer: true);

    public static void MapPhotos(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/photos").WithTags("Patrols");
        group.MapPost("/", Upload).WithName("UploadPhoto").WithSummary("Upload a photo (JPEG or PNG) of a patrol or problem")
            .WithDescription("The body is the image (`image/jpeg` or `image/png`, size-limited). Its EXIF time and position are read; for a patrol's photo, "
                + "`flags` say whether it was taken far from the track or outside its time. Identical bytes are stored once (SHA-256).")
            .DocumentsBody(typeof(byte[]), "image/jpeg", "image/png")
            .Produces<PhotoProperties>(StatusCodes.Status201Created).ProducesProblems(400, 413, 415, 422, 429).WithQuery(PatrolId, IssueId)
            .Allow(Role.Chief, Role.Office).AcceptsUpload();
        group.MapGet("/{id:long}", Get).WithName("GetPhoto").WithSummary("A photo, for who may see its patrol or problem")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png").ProducesProblems(404).WithQuery()
            .Allow(Role.Chief, Role.Office, Role.Admin).Scoped();
    }

    private static async Task<Results<Created<PhotoProperties>, Ok<PhotoProperties>, ProblemHttpResult>> Upload(HttpContext http, Caller caller, PhotoService photos,
        PatrolStore patrols, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var patrolId = q.ReadOptional(PatrolId) is { } p ? (long)p : (long?)null;
        var issueId = q.ReadOptional(IssueId) is { } i ? (long)i : (long?)null;
        if (!q.Ok) return q.Problem("Invalid query.");
        if (http.Request.ContentLength > photos.MaxBytes)
            return ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"Photos are at most {photos.MaxBytes} bytes.", []);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var outcome = await photos.UploadAsync(caller, http.Request.ContentType, buffer.ToArray(), patrolId, issueId, ct);
        if (outcome.Refusal is { } refusal) return Problem(refusal, outcome);
        var photo = outcome.Photo!;
        var flags = photo.PatrolId is { } pid && await patrols.GetAsync(pid, null, ct) is { } patrol
            ? photos.Placement.Check(patrol.Track, photo.Facts, (await snapshots.CurrentAsync(ct)).System.Projection) : [];
        var url = PhotoService.Url(http.Request, photo.Id);
        var body = new PhotoProperties(photo.Id, url, photo.Sha256, photo.ContentType, photo.Bytes, photo.TakenAt, photo.Lon, photo.Lat, photo.PatrolId, photo.IssueId, flags);
        return outcome.Existing ? TypedResults.Ok(body) : TypedResults.Created(url, body);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(long id, HttpContext http, Caller caller, PhotoService photos, CancellationToken ct)
    {
        if (QueryValues.Of(http) is { Ok: false } q) return q.Problem("This endpoint takes no query parameters.");
        var (outcome, bytes) = await photos.ReadAsync(caller, id, ct);
        if (outcome.Refusal is { } refusal) return Problem(refusal, outcome);
        // Shown only to some: never kept by shared caches.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.File(bytes!, outcome.Photo!.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{outcome.Photo.Sha256}\""));
    }

    private static ProblemHttpResult Problem(PhotoRefusal refusal, PhotoOutcome outcome)
    {
        ProblemItem[] errors = outcome.Error is { } e ? [e] : [];
        return refusal switch
        {
            PhotoRefusal.TooLarge => ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", outcome.Detail!, errors),
            PhotoRefusal.UnsupportedType => ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", outcome.Detail!, errors),
            PhotoRefusal.UnknownPatrol or PhotoRefusal.UnknownIssue => ApiProblems.Unprocessable(outcome.Detail!, errors),
            PhotoRefusal.NotFound => ApiProblems.NotFound(outcome.Detail!),
            _ => ApiProblems.BadRequest(outcome.Detail!, errors),
        };
    }
}
