namespace RiverGis.Geo.Patrols;

/// <summary>Why a patrol does not count (its wire code is the snake_case name: too_short_time, vehicle_speed…).</summary>
public enum PatrolFlaw
{
    /// <summary>Shorter in time than the rule's minimum.</summary>
    TooShortTime,
    /// <summary>Shorter in distance than the rule's minimum.</summary>
    TooShortDistance,
    /// <summary>Less than the rule's share of the track runs along the chief's own segments (wrong river, or nowhere near).</summary>
    OffOwnSegments,
    /// <summary>A large share travelled at vehicle speed.</summary>
    VehicleSpeed,
    /// <summary>Steps between fixes no one can walk (teleports, spoofed positions).</summary>
    PositionJumps,
}

public static class PatrolFlaws
{
    public static string ChineseLabel(this PatrolFlaw flaw) => flaw switch
    {
        PatrolFlaw.TooShortTime => "巡河时长不足",
        PatrolFlaw.TooShortDistance => "巡河里程不足",
        PatrolFlaw.OffOwnSegments => "未沿责任河段巡河",
        PatrolFlaw.VehicleSpeed => "车速行驶",
        _ => "轨迹异常跳跃",
    };
}
