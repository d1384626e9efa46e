using RiverGis.Geo.Roster;

namespace RiverGis.Api.Roster;

/// <summary>An appointment as the API shows it (mapped in Hosting/ResponseMappings).</summary>
/// <param name="AppointedOn">First day held; null: held since before the roster's records.</param>
/// <param name="EndedOn">The day the post was left (not held that day); null while held.</param>
public sealed record AppointmentResponse(long Id, string ChiefId, string ChiefName, string? Post, ChiefDuty Duty, string DutyLabel, string AreaCode,
    string? SegmentCode, DateOnly? AppointedOn, DateOnly? EndedOn, bool Open);

/// <summary>POST /api/roster/appointments: the new appointment and the one it replaced (a new 河长 ends the previous one).</summary>
public sealed record AppointResponse(AppointmentResponse Appointment, AppointmentResponse? Replaced);

/// <summary>GET /api/roster: appointments matching the filters (holding on <c>date</c> when given).</summary>
public sealed record RosterListResponse(DateOnly? Date, int Count, IReadOnlyList<AppointmentResponse> Appointments);

/// <summary>One change of the month's announcement, with its sentence.</summary>
public sealed record RosterChangeResponse(DateOnly On, RosterChangeKind Kind, string KindLabel, AppointmentResponse Appointment,
    AppointmentResponse? Predecessor, string TextZh);

/// <summary>GET /api/roster/changes: the month's changes as a 公告 (title, sentences, and the whole text).</summary>
public sealed record RosterNoticeResponse(string Month, string? AreaCode, string Title, int Count, IReadOnlyList<RosterChangeResponse> Changes, string TextZh);

/// <summary>An appointment an office records (任命).</summary>
/// <param name="SegmentCode">For a segment's post (chief, dual, deputy, acting, executive).</param>
/// <param name="AreaCode">For an area's post (general, deputy_general).</param>
/// <param name="AppointedOn">First day held (default: today, China Standard Time); not in the future.</param>
public sealed record AppointRequest(string? ChiefId, ChiefDuty? Duty, string? SegmentCode, string? AreaCode, DateOnly? AppointedOn, string? Note);

/// <summary>Ends an appointment (免职).</summary>
/// <param name="EndedOn">The first day no longer held (default: today); not in the future nor before the appointment.</param>
public sealed record EndAppointmentRequest(DateOnly? EndedOn, string? Note);
