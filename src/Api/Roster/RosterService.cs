using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Store;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Roster;

namespace RiverGis.Api.Roster;

/// <summary>
/// The chief roster over time for every capability that credits a chief for a past day or period (bulletins, reports,
/// assessments, patrol compliance, signboards): <see cref="CurrentAsync"/> gives the in-memory <see cref="ChiefRoster"/>
/// (rebuilt when the data version changes — imports and roster edits bump it), whose questions are
/// <c>HoldersOf(segment, day)</c>, <c>ResponsibleFor(segment, day)</c> and <c>SegmentsOf(chief, period)</c>.
/// Also the office's edits (appoint, end), validated against the current data.
/// </summary>
public sealed class RosterService(RosterStore store, DataVersion dataVersion, SystemSnapshots snapshots, TimeProvider clock)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private (long Version, ChiefRoster Roster)? _cached;

    /// <summary>Today in China Standard Time, the offices' calendar.</summary>
    public DateOnly Today => OfficePeriod.DayOf(clock.GetUtcNow());

    public async Task<ChiefRoster> CurrentAsync(CancellationToken ct = default)
    {
        var version = await dataVersion.CurrentAsync(ct);
        if (_cached is { } c && c.Version == version) return c.Roster;
        await _reload.WaitAsync(ct);
        try
        {
            if (_cached is { } again && again.Version == version) return again.Roster;
            var roster = new ChiefRoster(await store.AllAsync(ct));
            _cached = (version, roster);
            return roster;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>An office's appointment in its subtree (a post elsewhere is not found), stored with its audit entry.</summary>
    public async Task<Outcome<(Appointment Created, Appointment? Replaced)>> AppointAsync(AppointRequest request, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        var errors = new List<ProblemItem>();
        var day = request.AppointedOn ?? Today;
        if (request.Duty is not { } duty) errors.Add(new("duty", "required"));
        if (day > Today) errors.Add(new("appointed_on", $"{day:yyyy-MM-dd} is in the future; record an appointment when it takes effect"));
        var areaCode = PostArea(request, system, errors);
        Geo.Model.Chief? chief = null;
        if (request.ChiefId is null) errors.Add(new("chief_id", "required"));
        else if (!system.Chiefs.TryGetValue(request.ChiefId, out chief)) errors.Add(new("chief_id", $"unknown chief '{request.ChiefId}'"));
        else if (areaCode is not null && chief.AreaCode != areaCode)
            errors.Add(new("chief_id", $"chief '{chief.Id}' belongs to area '{chief.AreaCode}', not to the post's area '{areaCode}'"));
        if (areaCode is not null && !AreaScope.Holds(caller, system, areaCode)) return Outcome<(Appointment, Appointment?)>.NotFound(AreaScope.NotInScope(areaCode));
        if (errors.Count > 0 || chief is null || areaCode is null) return Outcome<(Appointment, Appointment?)>.Invalid("The appointment is not valid.", errors);
        var roster = await CurrentAsync(ct);
        var target = request.SegmentCode ?? areaCode;
        if (roster.HistoryOf(target).Any(a => a.IsOpen && a.ChiefId == chief.Id && a.Duty == request.Duty))
            return Outcome<(Appointment, Appointment?)>.Conflict("The chief holds this post already.", "chief_id", $"'{chief.Id}' is {request.Duty!.Value.ChineseLabel()} of '{target}' already");
        var (created, replaced, blocking) = await store.AppointAsync(
            new NewAppointment(chief.Id, chief.Name, chief.Post, request.Duty!.Value, areaCode, request.SegmentCode, day, request.Note), caller,
            AreaScope.Chain(system, areaCode), ct);
        if (created is null)
            return Outcome<(Appointment, Appointment?)>.Conflict("The current holder was appointed after that day.", "appointed_on",
                $"'{blocking!.ChiefId}' holds the post since {blocking.AppointedOn:yyyy-MM-dd}, after {day:yyyy-MM-dd}");
        dataVersion.Invalidate();
        return Outcome<(Appointment, Appointment?)>.Created((created, replaced));
    }

    /// <summary>Ends an appointment of the caller's subtree (one elsewhere is not found), with its audit entry.</summary>
    public async Task<Outcome<Appointment>> EndAsync(long id, EndAppointmentRequest request, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        var current = await store.GetAsync(id, ct);
        if (current is null || !AreaScope.Holds(caller, system, current.AreaCode)) return Outcome<Appointment>.NotFound($"There is no appointment {id} in your scope.");
        if (!current.IsOpen) return Outcome<Appointment>.Conflict("The appointment has ended already.", "id", $"appointment {id} ended on {current.EndedOn:yyyy-MM-dd}");
        var day = request.EndedOn ?? Today;
        if (day > Today) return Outcome<Appointment>.Invalid("The end date is not valid.", "ended_on", $"{day:yyyy-MM-dd} is in the future");
        if (current.AppointedOn is { } from && day < from)
            return Outcome<Appointment>.Invalid("The end date is not valid.", "ended_on", $"{day:yyyy-MM-dd} is before the appointment started ({from:yyyy-MM-dd})");
        var ended = await store.EndAsync(id, day, request.Note, caller, AreaScope.Chain(system, current.AreaCode), ct);
        dataVersion.Invalidate();
        return ended is null ? Outcome<Appointment>.Conflict("The appointment has ended already.", "id", $"appointment {id} was ended meanwhile") : Outcome<Appointment>.Ok(ended);
    }

    /// <summary>The area of the post: the segment's area for a segment duty, the named area for an area duty.</summary>
    private static string? PostArea(AppointRequest request, RiverSystem system, List<ProblemItem> errors)
    {
        if (request.Duty is not { } duty) return null;
        if (duty.IsAreaDuty())
        {
            if (request.SegmentCode is not null) errors.Add(new("segment_code", $"must be absent for {duty.ToCode()} (an area's post)"));
            if (request.AreaCode is null) errors.Add(new("area_code", $"required for {duty.ToCode()}"));
            else if (!system.Areas.ContainsKey(request.AreaCode)) errors.Add(new("area_code", $"unknown area '{request.AreaCode}'"));
            else return request.AreaCode;
            return null;
        }
        if (request.SegmentCode is null) errors.Add(new("segment_code", $"required for {duty.ToCode()}"));
        else if (!system.Segments.TryGetValue(request.SegmentCode, out var segment)) errors.Add(new("segment_code", $"unknown segment '{request.SegmentCode}'"));
        else if (request.AreaCode is not null && request.AreaCode != segment.Segment.AreaCode)
            errors.Add(new("area_code", $"segment '{segment.Segment.Code}' belongs to area '{segment.Segment.AreaCode}'"));
        else return segment.Segment.AreaCode;
        return null;
    }
}
