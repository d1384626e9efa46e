namespace RiverGis.Geo.Patrols;

/// <summary>
/// When a patrol counts (有效巡河). Platforms use from "≥ 10 min and ≥ 1 km" up to "≥ 30 min and ≥ 2 km"; the defaults
/// sit at the lenient end so that a short village stretch walked properly counts, and every number is configurable
/// (section <c>Patrols:Validity</c>).
/// </summary>
public sealed record PatrolValidityRules
{
    public static readonly PatrolValidityRules Default = new();

    /// <summary>Shortest patrol in minutes (too_short_time below it).</summary>
    public double MinDurationMin { get; init; } = 15;

    /// <summary>Shortest patrol in metres walked (too_short_distance below it).</summary>
    public double MinDistanceM { get; init; } = 1000;

    /// <summary>A stretch of track is along the chief's own segments when it runs within this distance of one (m).</summary>
    public double NearSegmentM { get; init; } = 200;

    /// <summary>Share of the track's length that must run along the chief's own segments (off_own_segments below it).</summary>
    public double MinOwnShare { get; init; } = 0.5;

    /// <summary>Moving faster than this (km/h, averaged over <see cref="SpeedWindowS"/>) is travelling by vehicle, not patrolling.</summary>
    public double VehicleSpeedKmh { get; init; } = 25;

    /// <summary>Speeds are averaged over this many seconds, so GPS jitter between 1-second fixes does not look like driving.</summary>
    public double SpeedWindowS { get; init; } = 60;

    /// <summary>Share of the track's length travelled at vehicle speed above which the patrol is flagged (vehicle_speed).</summary>
    public double MaxVehicleShare { get; init; } = 0.3;

    /// <summary>A step between two fixes faster than this (km/h) is a jump no one can walk (or a spoofed position).</summary>
    public double JumpSpeedKmh { get; init; } = 150;

    /// <summary>Steps shorter than this (m) are never jumps: phone fixes scatter by tens of metres.</summary>
    public double MinJumpM { get; init; } = 200;

    /// <summary>For tracks without per-position times: a step longer than this (m) is a jump.</summary>
    public double UntimedJumpM { get; init; } = 1000;

    /// <summary>Jumps tolerated (position_jumps above it). A single drifted fix that comes straight back is never counted.</summary>
    public int MaxJumps { get; init; } = 0;

    /// <summary>Throws naming the first unusable value (configuration mistakes must not silently pass every patrol).</summary>
    public PatrolValidityRules Validated()
    {
        void Positive(double value, string name)
        {
            if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentException($"Patrols:Validity:{name} must be a positive number, not {value}", name);
        }
        if (!(MinDurationMin >= 0)) throw new ArgumentException("Patrols:Validity:MinDurationMin must be ≥ 0", nameof(MinDurationMin));
        if (!(MinDistanceM >= 0)) throw new ArgumentException("Patrols:Validity:MinDistanceM must be ≥ 0", nameof(MinDistanceM));
        Positive(NearSegmentM, nameof(NearSegmentM));
        Positive(VehicleSpeedKmh, nameof(VehicleSpeedKmh));
        Positive(SpeedWindowS, nameof(SpeedWindowS));
        Positive(JumpSpeedKmh, nameof(JumpSpeedKmh));
        Positive(MinJumpM, nameof(MinJumpM));
        Positive(UntimedJumpM, nameof(UntimedJumpM));
        if (MinOwnShare is < 0 or > 1) throw new ArgumentException("Patrols:Validity:MinOwnShare must be between 0 and 1", nameof(MinOwnShare));
        if (MaxVehicleShare is < 0 or > 1) throw new ArgumentException("Patrols:Validity:MaxVehicleShare must be between 0 and 1", nameof(MaxVehicleShare));
        if (MaxJumps < 0) throw new ArgumentException("Patrols:Validity:MaxJumps must be ≥ 0", nameof(MaxJumps));
        return this;
    }
}
