using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiverGis.Geo.Model;

/// <summary>
/// Wire codes of the domain's enums, the same the API's JSON converter writes: the member's snake_case name
/// (OutletKind.Industrial ⇔ "industrial", IssueCategory.IllegalMining ⇔ "illegal_mining"), or the name given by
/// <see cref="JsonStringEnumMemberNameAttribute"/> where a code must differ (NavigationMode.UpstreamMain ⇔ "UM").
/// Dataset files, query strings, SQL parameters and stored values all go through here, so a code is defined once.
/// </summary>
public static class EnumCodes
{
    public static string ToCode<T>(this T value) where T : struct, Enum =>
        Table<T>.Codes.TryGetValue(value, out var code) ? code : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");

    /// <summary>The wire code of an enum value whose type is known only at run time (exports of typed rows).</summary>
    public static string CodeOf(Enum value)
    {
        var field = value.GetType().GetField(value.ToString());
        return field?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }

    /// <summary>Parses a wire code (exact: codes are case-sensitive like the JSON converter's).</summary>
    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        if (code is not null && Table<T>.Values.TryGetValue(code, out value)) return true;
        value = default;
        return false;
    }

    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"unknown {typeof(T).Name} '{code}', expected one of {Expected<T>()}");

    /// <summary>Every code of <typeparamref name="T"/> in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Table<T>.Ordered;

    /// <summary>The codes joined by '|', for messages ("expected one of a|b|c").</summary>
    public static string Expected<T>() where T : struct, Enum => string.Join("|", Table<T>.Ordered);

    private static class Table<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> Ordered;
        public static readonly Dictionary<T, string> Codes = [];
        public static readonly Dictionary<string, T> Values = new(StringComparer.Ordinal);

        static Table()
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (T)field.GetValue(null)!;
                var code = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(field.Name);
                Codes[value] = code;
                Values[code] = value;
            }
            Ordered = Enum.GetValues<T>().Select(v => Codes[v]).ToArray();
        }
    }
}
