namespace RiverGis.Geo.Model;

/// <summary>Lower-case wire codes for the small enums of the dataset format (e.g. OutletKind.Industrial ⇔ "industrial").</summary>
public static class EnumCodes
{
    public static string ToCode<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToCode(), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string Expected<T>() where T : struct, Enum => string.Join("|", Enum.GetValues<T>().Select(v => v.ToCode()));
}
