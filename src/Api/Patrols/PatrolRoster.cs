using Microsoft.Extensions.Options;
using RiverGis.Api.Analysis;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Model;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Patrols;

/// <summary>
/// Who patrols what in a period, and the verdict on one patrol. <see cref="BeatsFor"/> is the one place that decides
/// which segments a chief held in a period: today's holders (the segments' chief_id), until the chief roster over time
/// (issue 13) records appointments — then it asks the roster for the holders during the period.
/// </summary>
public sealed class PatrolRoster(IOptions<PatrolOptions> options)
{
    private (long Version, PatrolBeats Beats)? _current;

    public PatrolValidator Validator { get; } = new(options.Value.Validity.Validated());

    public PatrolFrequencyRules Frequencies { get; } = options.Value.FrequencyRules();

    /// <summary>The chiefs' beats in <paramref name="period"/> (today's holders for every period, for now).</summary>
    public PatrolBeats BeatsFor(OfficePeriod period, SystemSnapshot snapshot)
    {
        _ = period;
        var current = _current;
        if (current is { } c && c.Version == snapshot.Version) return c.Beats;
        var beats = new PatrolBeats(snapshot.System, PatrolBeats.CurrentHolders(snapshot.System));
        _current = (snapshot.Version, beats);
        return beats;
    }

    /// <summary>The verdict on a patrol, against the beat its chief had in the month the patrol started.</summary>
    public PatrolVerdict Judge(PatrolTrack track, SystemSnapshot snapshot) =>
        Validator.Validate(track, BeatsFor(OfficePeriod.Containing(PeriodKind.Month, track.StartedAt), snapshot).For(track.ChiefId), snapshot.System.Projection);
}
