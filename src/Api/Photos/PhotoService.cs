using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RiverGis.Api.Accounts;
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
        var system = (await snapshots.CurrentAsync(ct)).System;
        var chiefId = caller.ChiefId;
        var areaCodes = chiefId is null ? [] : PatrolScope.AreaCodes(system, chiefId);
        if (patrolId is { } pid)
        {
            // A patrol outside the caller's scope is as unknown as one that does not exist (ids are sequential).
            var owner = await patrols.ChiefOfAsync(pid, ct);
            if (owner is null || !PatrolScope.Holds(caller, system, owner))
                return PhotoOutcome.Refuse(PhotoRefusal.UnknownPatrol, $"There is no patrol {pid} of yours.", new("patrol_id", $"unknown patrol {pid}"));
            chiefId = owner;
            areaCodes = PatrolScope.AreaCodes(system, owner);
        }
        if (issueId is { } iid)
        {
            if (await issues.GetAsync(iid, caller, ct) is not { } issue)
                return PhotoOutcome.Refuse(PhotoRefusal.UnknownIssue, $"There is no issue {iid} of yours.", new("issue_id", $"unknown issue {iid}"));
            if (patrolId is null) areaCodes = issue.AreaCodes;
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await photos.FindSameAsync(sha, caller.Actor, patrolId, issueId, ct) is { } same) return new(same, Existing: true);
        var facts = PhotoMetadata.Read(bytes);
        // Content-addressed: a blob put for an upload that then fails is the same blob the retry puts.
        await blobs.PutAsync(sha, bytes, ct);
        var row = await photos.InsertAsync(new PhotoRow(0, sha, declared, bytes.Length, facts.TakenAt, facts.Lon, facts.Lat, chiefId, caller.Actor,
            clock.GetUtcNow(), patrolId, issueId), caller, areaCodes, ct);
        return new(row);
    }

    /// <summary>The photo and its bytes, if the caller may see what it belongs to (else the same answer as for no photo).</summary>
    public async Task<(PhotoOutcome Outcome, byte[]? Bytes)> ReadAsync(Caller caller, long id, CancellationToken ct)
    {
        var photo = await photos.GetAsync(id, ct);
        if (photo is null || !await MaySeeAsync(caller, photo, ct)) return (PhotoOutcome.Refuse(PhotoRefusal.NotFound, $"There is no photo {id}."), null);
        var bytes = await blobs.GetAsync(photo.Sha256, ct);
        return bytes is null ? (PhotoOutcome.Refuse(PhotoRefusal.NotFound, $"The content of photo {id} is missing."), null) : (new(photo), bytes);
    }

    /// <summary>
    /// A patrol's photo: whoever sees the patrol (<see cref="PatrolScope"/>). A problem's photo: whoever sees the problem
    /// (<see cref="Issues.IssueScope"/>). A photo not linked yet: its uploader, and the offices over the chief it was taken for.
    /// </summary>
    public async Task<bool> MaySeeAsync(Caller caller, PhotoRow photo, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (photo.PatrolId is not null) return photo.ChiefId is { } owner && PatrolScope.Holds(caller, system, owner);
        if (photo.IssueId is { } issue) return await issues.GetAsync(issue, caller, ct) is not null;
        return caller.Username is not null && photo.UploadedBy == caller.Username || photo.ChiefId is { } chief && PatrolScope.Holds(caller, system, chief);
    }

    /// <summary>Photo ids named by URLs of this service (…/api/photos/{id}); other URLs are kept as links.</summary>
    public static long[] OwnPhotoIds(IEnumerable<string> urls) =>
        urls.Select(u => PhotoPath().Match(u)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value)).Distinct().ToArray();

    public static string Url(HttpRequest request, long id) => $"{request.Scheme}://{request.Host}{request.PathBase}/api/photos/{id}";

    [GeneratedRegex(@"/api/photos/(\d{1,18})(?:[?#].*)?$")]
    private static partial Regex PhotoPath();
}
