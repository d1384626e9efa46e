using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Idempotency;
using RiverGis.Api.Photos;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

/// <summary>A patrol as submitted, read but not yet authorised or judged.</summary>
/// <param name="NamedChiefId">The chief the body names (an office submitting for a chief); null: the caller.</param>
/// <param name="PointWhere">How a problem names the position with an index (a GPX trkpt, a GeoJSON times entry).</param>
public sealed record PatrolSubmission(LineString Track, DateTimeOffset StartedAt, DateTimeOffset EndedAt, TrackTimes? Times, string? NamedChiefId,
    string? Findings, string[] PhotoUrls, Func<int, string> PointWhere);

/// <summary>Why a submission was refused, mapped to a status by the endpoint.</summary>
public enum PatrolRefusal
{
    /// <summary>Unreadable: malformed XML/JSON, wrong structure (400).</summary>
    Malformed,
    /// <summary>Readable but unusable: missing or disordered times, future times, too long, unknown chief (422).</summary>
    Unprocessable,
    /// <summary>Not the caller's to submit: another chief's patrol, an area the office does not serve (403).</summary>
    Forbidden,
    /// <summary>The Idempotency-Key was used with another body (422).</summary>
    KeyReused,
    /// <summary>The chief already has another patrol starting at that instant (409).</summary>
    SameStart,
    /// <summary>The body is neither GPX nor GeoJSON (415).</summary>
    UnsupportedMediaType,
}

/// <summary>The outcome of a submission: the stored patrol (new or replayed), or why it was refused.</summary>
/// <param name="Stored">The new patrol as stored (null for a replay: read it by <paramref name="Id"/>).</param>
public sealed record PatrolFiled(long? Id, bool Replayed, PatrolRefusal? Refusal = null, string? Detail = null, IReadOnlyList<ProblemItem>? Errors = null,
    NewPatrol? Stored = null)
{
    public static PatrolFiled Refuse(PatrolRefusal refusal, string detail, params ProblemItem[] errors) => new(null, false, refusal, detail, errors);
}

/// <summary>
/// Takes a patrol in (巡河上报): reads a GPX 1.1 file or a GeoJSON LineString Feature with per-position times, checks
/// the limits (future times, length, points), decides whose patrol it is (the calling chief; an office names the chief
/// of an area it serves), and stores it once — per Idempotency-Key, and per chief and start time (the same track sent
/// twice is one patrol). Nothing is stored by a refused request.
/// </summary>
public sealed class PatrolIntake(PatrolStore store, SystemSnapshots snapshots, IdempotentWrites writes, IOptions<PatrolOptions> options, TimeProvider clock)
{
    /// <summary>The idempotency scope of patrol submissions.</summary>
    public const string Scope = "patrols";

    private PatrolOptions Options => options.Value;

    public static readonly string[] GeoJsonTypes = [GeoJsonResults.MediaType, "application/json"];
    public static readonly string[] GpxTypes = [GpxTrackReader.MediaType, "application/xml", "text/xml"];

    /// <summary>Reads the body by its media type; <paramref name="queryChiefId"/> names the chief of a GPX file (an office's upload).</summary>
    public PatrolFiled? Read(string? mediaType, byte[] body, string? queryChiefId, out PatrolSubmission? submission)
    {
        submission = null;
        var type = mediaType?.Split(';')[0].Trim().ToLowerInvariant();
        if (body.Length == 0) return PatrolFiled.Refuse(PatrolRefusal.Malformed, "The request body is empty; a GPX file or a GeoJSON Feature is expected.", new ProblemItem("body", "empty"));
        if (GpxTypes.Contains(type)) return ReadGpx(body, queryChiefId, out submission);
        if (GeoJsonTypes.Contains(type)) return ReadGeoJson(body, queryChiefId, out submission);
        return PatrolFiled.Refuse(PatrolRefusal.UnsupportedMediaType,
            $"Send a GPX 1.1 file ({GpxTrackReader.MediaType}) or a GeoJSON LineString Feature ({GeoJsonResults.MediaType}), not '{type ?? "(no Content-Type)"}'.",
            new ProblemItem("Content-Type", $"expected {GpxTrackReader.MediaType} or {GeoJsonResults.MediaType}"));
    }

    private PatrolFiled? ReadGpx(byte[] body, string? chiefId, out PatrolSubmission? submission)
    {
        submission = null;
        var (track, problems) = GpxTrackReader.Read(body, Options.MaxPoints);
        if (track is null) return FromTrackProblems(problems, "The GPX file");
        var findings = track.Description is { Length: > 0 } d ? Truncated(d) : null;
        submission = new PatrolSubmission(track.Track, track.StartedAt, track.EndedAt, track.Times, chiefId, findings, [], i => track.PointNames[i]);
        return null;
    }

    private PatrolFiled? ReadGeoJson(byte[] body, string? queryChiefId, out PatrolSubmission? submission)
    {
        submission = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return PatrolFiled.Refuse(PatrolRefusal.Malformed, "The request body is not valid JSON.",
                new ProblemItem("body", $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}"));
        }
        using var _ = document;
        var root = document.RootElement;
        var prefix = "";
        // A converter's FeatureCollection holding the one track is taken as that feature.
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "FeatureCollection"
            && root.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array && features.GetArrayLength() == 1)
        {
            root = features[0];
            prefix = "features[0].";
        }
        var errors = new List<ProblemItem>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
            return PatrolFiled.Refuse(PatrolRefusal.Malformed, "Expected a GeoJSON Feature with a LineString geometry.",
                new ProblemItem(prefix + "type", "expected \"Feature\" (or a FeatureCollection of one Feature)"));
        LineString? line = null;
        if (!root.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
            errors.Add(new(prefix + "geometry", "missing: the track is required"));
        else
        {
            var geometryErrors = new List<string>();
            var read = new GeoJsonGeometryReader(simpleLines: false).Read(geometry, prefix + "geometry", geometryErrors);
            errors.AddRange(geometryErrors.Select(Split));
            if (read is not null and not LineString) errors.Add(new(prefix + "geometry.type", $"expected a LineString, found {read.GeometryType}"));
            line = read as LineString;
        }
        root.TryGetProperty("properties", out var properties);
        var props = new PropertyReader(properties, (p, m) => errors.Add(new(prefix + "properties." + p, m)));
        var chiefId = props.OptionalString("chief_id") ?? queryChiefId;
        var findings = props.OptionalString("findings");
        if (findings is { } f && f.Length > Options.MaxFindings) errors.Add(new(prefix + "properties.findings", $"longer than {Options.MaxFindings} characters"));
        var photos = PhotoUrls.Read(props.Raw("photo_urls"), prefix + "properties.photo_urls", Options.MaxPhotos, errors);
        var started = props.Has("started_at") ? props.RequiredTimestamp("started_at") : null;
        var ended = props.Has("ended_at") ? props.RequiredTimestamp("ended_at") : null;
        // properties.times, or togeojson's properties.coordinateProperties.times.
        var (timesElement, timesPath) = props.Has("times") ? (props.Raw("times"), "times")
            : props.Raw("coordinateProperties") is { ValueKind: JsonValueKind.Object } cp && cp.TryGetProperty("times", out var ct) ? (ct, "coordinateProperties.times")
            : (default, "times");
        TrackTimes? times = null;
        if (timesElement.ValueKind != JsonValueKind.Undefined && line is not null)
        {
            if (line.NumPoints > Options.MaxPoints)
                return PatrolFiled.Refuse(PatrolRefusal.Unprocessable, "The track is too long.", new ProblemItem(prefix + "geometry.coordinates", $"{line.NumPoints} positions; at most {Options.MaxPoints} are accepted"));
            times = TrackTimeline.Read(timesElement, prefix + "properties." + timesPath, line.NumPoints, started, ended, (w, m) => errors.Add(new(w, m)));
            if (times is null && !errors.Any(e => e.Where.StartsWith(prefix + "properties." + timesPath, StringComparison.Ordinal)))
                errors.Add(new(prefix + "properties." + timesPath, "unusable"));
        }
        else if (timesElement.ValueKind == JsonValueKind.Undefined && (started is null || ended is null) && !errors.Any(e => e.Where.Contains("started_at") || e.Where.Contains("ended_at")))
            errors.Add(new(prefix + "properties.times", "required: one ISO 8601 time per position (or started_at and ended_at)"));
        if (started is { } s0 && ended is { } e0 && e0 < s0) errors.Add(new(prefix + "properties.ended_at", "ends before it starts"));
        if (errors.Count > 0 || line is null)
        {
            // Structure that cannot be read is a 400; readable values that cannot be used (times) a 422.
            var malformed = errors.Any(e => !e.Where.Contains(".times") && !e.Where.EndsWith("started_at") && !e.Where.EndsWith("ended_at"));
            return PatrolFiled.Refuse(malformed ? PatrolRefusal.Malformed : PatrolRefusal.Unprocessable,
                malformed ? "The body is not a usable GeoJSON patrol track." : "The times of the track cannot be used.", errors.ToArray());
        }
        if (line.NumPoints > Options.MaxPoints)
            return PatrolFiled.Refuse(PatrolRefusal.Unprocessable, "The track is too long.", new ProblemItem(prefix + "geometry.coordinates", $"{line.NumPoints} positions; at most {Options.MaxPoints} are accepted"));
        var from = times is null ? started!.Value : started ?? times[0];
        var to = times is null ? ended!.Value : ended ?? times[times.Count - 1];
        var timesAt = prefix + "properties." + timesPath;
        submission = new PatrolSubmission(line, from, to, times, chiefId, findings, photos, i => $"{timesAt}[{i}]");
        return null;
    }

    /// <summary>Limits that need the clock and the configuration: future times, longest patrol.</summary>
    public PatrolFiled? CheckLimits(PatrolSubmission s)
    {
        var now = clock.GetUtcNow();
        var latest = now.AddMinutes(Options.FutureToleranceMin);
        if (s.EndedAt > latest)
        {
            var where = s.Times is { } times ? FirstLater(times, latest) : -1;
            return PatrolFiled.Refuse(PatrolRefusal.Unprocessable, "The track lies in the future: check the phone's clock.",
                new ProblemItem(where >= 0 ? s.PointWhere(where) : "ended_at", $"{TrackTimeline.Format(where >= 0 ? s.Times![where] : s.EndedAt)} is later than now ({TrackTimeline.Format(now)})"));
        }
        if ((s.EndedAt - s.StartedAt).TotalHours > Options.MaxDurationHours)
            return PatrolFiled.Refuse(PatrolRefusal.Unprocessable, "The track is too long.",
                new ProblemItem("ended_at", $"the patrol lasts {(s.EndedAt - s.StartedAt).TotalHours:0.#} h; at most {Options.MaxDurationHours} h are accepted"));
        return null;
    }

    /// <summary>
    /// Whose patrol it is: a chief submits their own (naming another chief is a 403); an office names a chief of its
    /// area or an area under it.
    /// </summary>
    public async Task<(string? ChiefId, PatrolFiled? Refused)> ChiefFor(Caller caller, PatrolSubmission s, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        switch (caller.Role)
        {
            case Role.Chief when caller.ChiefId is { } own:
                if (s.NamedChiefId is { } named && named != own)
                    return (null, PatrolFiled.Refuse(PatrolRefusal.Forbidden, $"A chief submits their own patrols; {own} cannot submit one for {named}.", new ProblemItem("chief_id", "another chief")));
                if (!system.Chiefs.ContainsKey(own))
                    return (null, PatrolFiled.Refuse(PatrolRefusal.Forbidden, $"Chief {own} is not a chief of the river-chief system."));
                return (own, null);
            case Role.Office:
                if (s.NamedChiefId is not { } chiefId)
                    return (null, PatrolFiled.Refuse(PatrolRefusal.Unprocessable, "An office submitting a patrol names the chief who patrolled.", new ProblemItem("chief_id", "required")));
                if (!system.Chiefs.ContainsKey(chiefId))
                    return (null, PatrolFiled.Refuse(PatrolRefusal.Unprocessable, $"There is no chief '{chiefId}'.", new ProblemItem("chief_id", $"unknown chief '{chiefId}'")));
                if (!PatrolScope.Holds(caller, system, chiefId))
                    return (null, PatrolFiled.Refuse(PatrolRefusal.Forbidden, $"Chief {chiefId} is outside the area this office serves ({caller.AreaCode}).", new ProblemItem("chief_id", "outside your area")));
                return (chiefId, null);
            default:
                return (null, PatrolFiled.Refuse(PatrolRefusal.Forbidden, "Chiefs submit their own patrols, offices those of the chiefs of their area."));
        }
    }

    /// <summary>
    /// Stores the patrol once, submitted by <paramref name="caller"/> (its actor and the audit log's): per Idempotency-Key
    /// (<see cref="IdempotentWrites"/>, scope <see cref="Scope"/>: the same request → the same patrol; another → refused),
    /// and per chief and start (the same track again is the same patrol; another track at that start a conflict).
    /// </summary>
    public async Task<PatrolFiled> FileAsync(Caller caller, PatrolTrack track, PatrolSubmission s, IdempotencyKey? key, CancellationToken ct)
    {
        if (key is not null && await writes.LookupAsync(key, ct) is { } earlier) return Earlier(key, earlier);
        var system = (await snapshots.CurrentAsync(ct)).System;
        var patrol = new NewPatrol(track, s.Findings, s.PhotoUrls, PhotoService.OwnPhotoIds(s.PhotoUrls), caller.Actor, clock.GetUtcNow(), TrackHash(track),
            Geodesic.Length(track.Track), PatrolScope.AreaCodes(system, track.ChiefId));
        var sameTrack = false;
        try
        {
            var outcome = await writes.WriteOnceAsync(key, async (connection, tx, cancel) =>
            {
                var inserted = await store.InsertAsync(connection, tx, patrol, caller, cancel);
                if (inserted.Id is { } id) return id;
                if (inserted.ExistingHash != patrol.TrackHash) throw new SameStartConflict(inserted.ExistingId!.Value);
                // The same track again: that patrol is the answer (and the key, if any, now names it).
                sameTrack = true;
                return inserted.ExistingId!.Value;
            }, ct);
            return outcome.Result switch
            {
                IdempotentResult.Created when sameTrack => new(outcome.ResourceId, true),
                IdempotentResult.Created => new(outcome.ResourceId, false, Stored: patrol),
                _ => Earlier(key!, outcome),
            };
        }
        catch (SameStartConflict conflict)
        {
            return PatrolFiled.Refuse(PatrolRefusal.SameStart,
                $"Chief {track.ChiefId} already has patrol {conflict.ExistingId} starting at {TrackTimeline.Format(track.StartedAt)} with another track.",
                new ProblemItem("started_at", $"already used by patrol {conflict.ExistingId}"));
        }
    }

    /// <summary>Another track by the chief starts at the same instant: the write is rolled back (the key stays free).</summary>
    private sealed class SameStartConflict(long existingId) : Exception
    {
        public long ExistingId { get; } = existingId;
    }

    /// <summary>What makes a request the same request: media type, query (a GPX file's chief_id) and body.</summary>
    public static byte[] RequestBytes(string? mediaType, string query, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes((mediaType ?? "") + "\n" + query + "\n");
        var bytes = new byte[head.Length + body.Length];
        head.CopyTo(bytes, 0);
        body.CopyTo(bytes, head.Length);
        return bytes;
    }

    /// <summary>The answer to a key used before: the same patrol for the same request, else the refusal.</summary>
    private static PatrolFiled Earlier(IdempotencyKey key, IdempotentOutcome earlier) =>
        earlier.Result == IdempotentResult.Replayed
            ? new(earlier.ResourceId, true)
            : PatrolFiled.Refuse(PatrolRefusal.KeyReused, $"Idempotency-Key '{key.Key}' was used for patrol {earlier.ResourceId} with a different request.",
                new ProblemItem(IdempotencyKey.Header, "already used for another patrol"));

    /// <summary>What makes two submissions the same track: chief, times and positions.</summary>
    private static string TrackHash(PatrolTrack track)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{track.ChiefId}\n{track.StartedAt.UtcTicks}\n{track.EndedAt.UtcTicks}\n"));
        sha.AppendData(new NetTopologySuite.IO.WKBWriter().Write(track.Track));
        if (track.Times is { } times) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(times.OffsetsMs));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static int FirstLater(TrackTimes times, DateTimeOffset latest)
    {
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i] > latest) return i;
        }
        return times.Count - 1;
    }

    private string Truncated(string text) => text.Length > Options.MaxFindings ? text[..Options.MaxFindings] : text;

    private static ProblemItem Split(string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? new ProblemItem("body", error) : new ProblemItem(error[..colon], error[(colon + 2)..]);
    }

    private static PatrolFiled FromTrackProblems(List<TrackInputProblem> problems, string what)
    {
        var malformed = problems.Any(p => p.Fault == TrackInputFault.Malformed);
        return PatrolFiled.Refuse(malformed ? PatrolRefusal.Malformed : PatrolRefusal.Unprocessable,
            malformed ? $"{what} cannot be read." : $"{what} cannot be used as a patrol track.", problems.Select(p => new ProblemItem(p.Where, p.Message)).ToArray());
    }
}
