using System.Text.Json;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>Measured factors as stored (jsonb) and shown: an object of factor codes to mg/L, in the standard's table order.</summary>
public static class FactorJson
{
    public static string Serialize(IReadOnlyDictionary<WaterFactor, double> values) =>
        JsonSerializer.Serialize(ToCodes(values));

    public static Dictionary<string, double> ToCodes(IReadOnlyDictionary<WaterFactor, double> values) =>
        values.OrderBy(kv => kv.Key).ToDictionary(kv => SurfaceWaterStandard.Of(kv.Key).Code, kv => kv.Value);

    public static Dictionary<WaterFactor, double> Deserialize(string json) =>
        FromCodes(JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? []);

    public static Dictionary<WaterFactor, double> FromCodes(IReadOnlyDictionary<string, double> values)
    {
        var result = new Dictionary<WaterFactor, double>();
        foreach (var (code, value) in values)
        {
            if (SurfaceWaterStandard.TryParseFactor(code, out var factor)) result[factor] = value;
        }
        return result;
    }
}
