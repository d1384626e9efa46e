namespace RiverGis.Api.Http;

/// <summary>
/// Who made a change, for the histories the office's records keep (progress notes, re-checks, submissions, sanctions).
/// The seam to the accounts work (issue 10): the authenticated user's name once there is one, never a body field;
/// until then the service sits behind the office's gateway (README) and changes are the office's (河长办).
/// </summary>
public static class Actors
{
    public const string Office = "河长办";

    public static string Of(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : Office;
}
