using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Patrols;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Photos;

/// <summary>Why a photo was not stored or not shown.</summary>
public enum PhotoRefusal
{
    TooLarge,
    UnsupportedType,
    NotWhatTypeSays,
    UnknownPatrol,
    UnknownIssue,
    Forbidden,
    NotFound,
}

/// <summary>The outcome of a photo upload or read: the photo, or why not.</summary>
public sealed record PhotoOutcome(PhotoRow? Photo, bool Existing = false, PhotoRefusal? Refusal = null, string? Detail = null, ProblemItem? Error = null)
{
    public static PhotoOutcome Refuse(PhotoRefusal refusal, string detail, ProblemItem? error = null) => new(null, false, refusal, detail, error);
}

/// <summary>
/// Patrol and problem photos (巡河照片): JPEG or PNG up to the configured size, stored once per content hash in the blob
/// store, with the EXIF time and position read at upload; shown only to who may see the patrol or problem they belong to.
/// </summary>
public sealed partial class PhotoService(PhotoStore photos, IPhotoBlobStore blobs, PatrolStore patrols, Issues.IssueStore issues,
    SystemSnapshots snapshots, IOptions<PatrolOptions> options, TimeProvider clock)
{
    public int MaxBytes => options.Value.MaxPhotoBytes;

    public PhotoPlacement Placement { get; } = new(options.Value.PhotoMaxDistanceM, TimeSpan.FromMinutes(options.Value.PhotoTimeToleranceMin));

    public async Task<PhotoOutcome> UploadAsync(Caller caller, string? contentType, byte[] bytes, long? patrolId, long? issueId, CancellationToken ct)
    {
        if (bytes.Length > MaxBytes)
            return PhotoOutcome.Refuse(PhotoRefusal.TooLarge, $"The photo has {bytes.Length} bytes; at most {MaxBytes} are accepted.");
        var declared = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (declared is not ("image/jpeg" or "image/png"))
            return PhotoOutcome.Refuse(PhotoRefusal.UnsupportedType, $"Photos are image/jpeg or image/png, not '{declared ?? "(none)"}'.", new("Content-Type", "expected image/jpeg or image/png"));
        var sniffed = PhotoMetadata.Sniff(bytes);
        if (sniffed is null || sniffed.Value.MediaType() != declared)
            return PhotoOutcome.Refuse(PhotoRefusal.NotWhatTypeSays, $"The body is not a {declared} image.", new("body", $"the bytes are not {declared}"));
        string? chiefId = caller.ChiefId;
        if (patrolId is { } pid)
        {
            var owner = await patrols.ChiefOfAsync(pid, ct);
            if (owner is null) return PhotoOutcome.Refuse(PhotoRefusal.UnknownPatrol, $"There is no patrol {pid}.", new("patrol_id", $"unknown patrol {pid}"));
            if (!caller.MayActFor((await snapshots.CurrentAsync(ct)).System, owner))
                return PhotoOutcome.Refuse(PhotoRefusal.Forbidden, $"Patrol {pid} is another chief's.");
            chiefId = owner;
        }
        if (issueId is { } iid && await issues.GetAsync(iid, ct) is null)
            return PhotoOutcome.Refuse(PhotoRefusal.UnknownIssue, $"There is no issue {iid}.", new("issue_id", $"unknown issue {iid}"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var uploader = Uploader(caller);
        if (await photos.FindSameAsync(sha, uploader, patrolId, issueId, ct) is { } same) return new(same, Existing: true);
        var facts = PhotoMetadata.Read(bytes);
        await blobs.PutAsync(sha, bytes, ct);
        var row = await photos.InsertAsync(new PhotoRow(0, sha, declared, bytes.Length, facts.TakenAt, facts.Lon, facts.Lat, chiefId, uploader,
            clock.GetUtcNow(), patrolId, issueId), ct);
        return new(row);
    }

    /// <summary>The photo and its bytes, if the caller may see what it belongs to.</summary>
    public async Task<(PhotoOutcome Outcome, byte[]? Bytes)> ReadAsync(Caller caller, long id, CancellationToken ct)
    {
        var photo = await photos.GetAsync(id, ct);
        if (photo is null) return (PhotoOutcome.Refuse(PhotoRefusal.NotFound, $"There is no photo {id}."), null);
        if (!await MaySeeAsync(caller, photo, ct)) return (PhotoOutcome.Refuse(PhotoRefusal.Forbidden, $"Photo {id} belongs to a patrol or problem you may not see."), null);
        var bytes = await blobs.GetAsync(photo.Sha256, ct);
        return bytes is null ? (PhotoOutcome.Refuse(PhotoRefusal.NotFound, $"The content of photo {id} is missing."), null) : (new(photo), bytes);
    }

    /// <summary>
    /// A patrol's photo: the chief who patrolled or an office over the chief's area. A problem's photo: whoever sees the
    /// problem (the ledger is public today). A photo not linked yet: its uploader (chief) or an office.
    /// </summary>
    public async Task<bool> MaySeeAsync(Caller caller, PhotoRow photo, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (photo.PatrolId is not null) return photo.ChiefId is { } owner && caller.MayActFor(system, owner);
        if (photo.IssueId is not null) return true;
        return caller.IsOffice || caller.Role == CallerRole.Chief && caller.ChiefId == photo.ChiefId;
    }

    /// <summary>Photo ids named by URLs of this service (…/api/photos/{id}); other URLs are kept as links.</summary>
    public static long[] OwnPhotoIds(IEnumerable<string> urls) =>
        urls.Select(u => PhotoPath().Match(u)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value)).Distinct().ToArray();

    public static string Url(HttpRequest request, long id) => $"{request.Scheme}://{request.Host}{request.PathBase}/api/photos/{id}";

    private static string Uploader(Caller caller) => caller.Role switch
    {
        CallerRole.Chief => $"chief:{caller.ChiefId}",
        _ => $"{Geo.Model.EnumCodes.CodeOf(caller.Role)}:{caller.AreaCode ?? "*"}",
    };

    [GeneratedRegex(@"/api/photos/(\d{1,18})(?:[?#].*)?$")]
    private static partial Regex PhotoPath();
}
