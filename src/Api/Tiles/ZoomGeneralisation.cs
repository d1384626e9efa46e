using RiverGis.Geo.Model;

namespace RiverGis.Api.Tiles;

/// <summary>
/// Which levels a vector tile draws at a zoom, the way river-chief offices map responsibility: z ≤ 6 province and city,
/// z ≤ 8 also county, z ≤ 10 also township, then every level.
/// </summary>
public static class ZoomGeneralisation
{
    public static IReadOnlyList<AdminLevel> LevelsAt(int z) => AdminLevels.TopDown.Take(z switch
    {
        <= 6 => 2,
        <= 8 => 3,
        <= 10 => 4,
        _ => AdminLevels.TopDown.Count,
    }).ToList();
}
