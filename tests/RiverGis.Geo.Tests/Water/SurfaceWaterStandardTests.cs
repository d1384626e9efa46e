using RiverGis.Geo.Water;

namespace RiverGis.Geo.Tests.Water;

/// <summary>
/// Class boundaries of every factor of GB 3838-2002 Table 1 (the rows below are transcribed from the standard, not read
/// from the product's table): a value exactly at a limit meets that class (the best class sharing the limit), a value
/// 0.1 % beyond it falls to the next class, beyond class V it is 劣V.
/// </summary>
public class SurfaceWaterStandardTests
{
    [Theory]
    [InlineData("do", "river", 7.5, "I")]
    [InlineData("do", "river", 7.4925, "II")]
    [InlineData("do", "river", 6.0, "II")]
    [InlineData("do", "river", 5.994, "III")]
    [InlineData("do", "river", 5.0, "III")]
    [InlineData("do", "river", 4.995, "IV")]
    [InlineData("do", "river", 3.0, "IV")]
    [InlineData("do", "river", 2.997, "V")]
    [InlineData("do", "river", 2.0, "V")]
    [InlineData("do", "river", 1.998, "劣V")]
    [InlineData("codmn", "river", 2.0, "I")]
    [InlineData("codmn", "river", 2.002, "II")]
    [InlineData("codmn", "river", 4.0, "II")]
    [InlineData("codmn", "river", 4.004, "III")]
    [InlineData("codmn", "river", 6.0, "III")]
    [InlineData("codmn", "river", 6.006, "IV")]
    [InlineData("codmn", "river", 10.0, "IV")]
    [InlineData("codmn", "river", 10.01, "V")]
    [InlineData("codmn", "river", 15.0, "V")]
    [InlineData("codmn", "river", 15.015, "劣V")]
    [InlineData("cod", "river", 15.0, "I")]
    [InlineData("cod", "river", 15.015, "III")]
    [InlineData("cod", "river", 20.0, "III")]
    [InlineData("cod", "river", 20.02, "IV")]
    [InlineData("cod", "river", 30.0, "IV")]
    [InlineData("cod", "river", 30.03, "V")]
    [InlineData("cod", "river", 40.0, "V")]
    [InlineData("cod", "river", 40.04, "劣V")]
    [InlineData("bod5", "river", 3.0, "I")]
    [InlineData("bod5", "river", 3.003, "III")]
    [InlineData("bod5", "river", 4.0, "III")]
    [InlineData("bod5", "river", 4.004, "IV")]
    [InlineData("bod5", "river", 6.0, "IV")]
    [InlineData("bod5", "river", 6.006, "V")]
    [InlineData("bod5", "river", 10.0, "V")]
    [InlineData("bod5", "river", 10.01, "劣V")]
    [InlineData("nh3_n", "river", 0.15, "I")]
    [InlineData("nh3_n", "river", 0.15015, "II")]
    [InlineData("nh3_n", "river", 0.5, "II")]
    [InlineData("nh3_n", "river", 0.5005, "III")]
    [InlineData("nh3_n", "river", 1.0, "III")]
    [InlineData("nh3_n", "river", 1.001, "IV")]
    [InlineData("nh3_n", "river", 1.5, "IV")]
    [InlineData("nh3_n", "river", 1.5015, "V")]
    [InlineData("nh3_n", "river", 2.0, "V")]
    [InlineData("nh3_n", "river", 2.002, "劣V")]
    [InlineData("tp", "river", 0.02, "I")]
    [InlineData("tp", "river", 0.02002, "II")]
    [InlineData("tp", "river", 0.1, "II")]
    [InlineData("tp", "river", 0.10010000000000001, "III")]
    [InlineData("tp", "river", 0.2, "III")]
    [InlineData("tp", "river", 0.20020000000000002, "IV")]
    [InlineData("tp", "river", 0.3, "IV")]
    [InlineData("tp", "river", 0.3003, "V")]
    [InlineData("tp", "river", 0.4, "V")]
    [InlineData("tp", "river", 0.40040000000000003, "劣V")]
    [InlineData("tp", "lake", 0.01, "I")]
    [InlineData("tp", "lake", 0.01001, "II")]
    [InlineData("tp", "lake", 0.025, "II")]
    [InlineData("tp", "lake", 0.025025000000000002, "III")]
    [InlineData("tp", "lake", 0.05, "III")]
    [InlineData("tp", "lake", 0.050050000000000004, "IV")]
    [InlineData("tp", "lake", 0.1, "IV")]
    [InlineData("tp", "lake", 0.10010000000000001, "V")]
    [InlineData("tp", "lake", 0.2, "V")]
    [InlineData("tp", "lake", 0.20020000000000002, "劣V")]
    [InlineData("tn", "lake", 0.2, "I")]
    [InlineData("tn", "lake", 0.20020000000000002, "II")]
    [InlineData("tn", "lake", 0.5, "II")]
    [InlineData("tn", "lake", 0.5005, "III")]
    [InlineData("tn", "lake", 1.0, "III")]
    [InlineData("tn", "lake", 1.001, "IV")]
    [InlineData("tn", "lake", 1.5, "IV")]
    [InlineData("tn", "lake", 1.5015, "V")]
    [InlineData("tn", "lake", 2.0, "V")]
    [InlineData("tn", "lake", 2.002, "劣V")]
    [InlineData("cu", "river", 0.01, "I")]
    [InlineData("cu", "river", 0.01001, "II")]
    [InlineData("cu", "river", 1.0, "II")]
    [InlineData("cu", "river", 1.001, "劣V")]
    [InlineData("zn", "river", 0.05, "I")]
    [InlineData("zn", "river", 0.050050000000000004, "II")]
    [InlineData("zn", "river", 1.0, "II")]
    [InlineData("zn", "river", 1.001, "IV")]
    [InlineData("zn", "river", 2.0, "IV")]
    [InlineData("zn", "river", 2.002, "劣V")]
    [InlineData("f", "river", 1.0, "I")]
    [InlineData("f", "river", 1.001, "IV")]
    [InlineData("f", "river", 1.5, "IV")]
    [InlineData("f", "river", 1.5015, "劣V")]
    [InlineData("se", "river", 0.01, "I")]
    [InlineData("se", "river", 0.01001, "IV")]
    [InlineData("se", "river", 0.02, "IV")]
    [InlineData("se", "river", 0.02002, "劣V")]
    [InlineData("as", "river", 0.05, "I")]
    [InlineData("as", "river", 0.050050000000000004, "IV")]
    [InlineData("as", "river", 0.1, "IV")]
    [InlineData("as", "river", 0.10010000000000001, "劣V")]
    [InlineData("hg", "river", 5e-05, "I")]
    [InlineData("hg", "river", 5.0050000000000004e-05, "III")]
    [InlineData("hg", "river", 0.0001, "III")]
    [InlineData("hg", "river", 0.00010010000000000001, "IV")]
    [InlineData("hg", "river", 0.001, "IV")]
    [InlineData("hg", "river", 0.001001, "劣V")]
    [InlineData("cd", "river", 0.001, "I")]
    [InlineData("cd", "river", 0.001001, "II")]
    [InlineData("cd", "river", 0.005, "II")]
    [InlineData("cd", "river", 0.005005, "V")]
    [InlineData("cd", "river", 0.01, "V")]
    [InlineData("cd", "river", 0.01001, "劣V")]
    [InlineData("cr6", "river", 0.01, "I")]
    [InlineData("cr6", "river", 0.01001, "II")]
    [InlineData("cr6", "river", 0.05, "II")]
    [InlineData("cr6", "river", 0.050050000000000004, "V")]
    [InlineData("cr6", "river", 0.1, "V")]
    [InlineData("cr6", "river", 0.10010000000000001, "劣V")]
    [InlineData("pb", "river", 0.01, "I")]
    [InlineData("pb", "river", 0.01001, "III")]
    [InlineData("pb", "river", 0.05, "III")]
    [InlineData("pb", "river", 0.050050000000000004, "V")]
    [InlineData("pb", "river", 0.1, "V")]
    [InlineData("pb", "river", 0.10010000000000001, "劣V")]
    [InlineData("cn", "river", 0.005, "I")]
    [InlineData("cn", "river", 0.005005, "II")]
    [InlineData("cn", "river", 0.05, "II")]
    [InlineData("cn", "river", 0.050050000000000004, "III")]
    [InlineData("cn", "river", 0.2, "III")]
    [InlineData("cn", "river", 0.20020000000000002, "劣V")]
    [InlineData("phenol", "river", 0.002, "I")]
    [InlineData("phenol", "river", 0.002002, "III")]
    [InlineData("phenol", "river", 0.005, "III")]
    [InlineData("phenol", "river", 0.005005, "IV")]
    [InlineData("phenol", "river", 0.01, "IV")]
    [InlineData("phenol", "river", 0.01001, "V")]
    [InlineData("phenol", "river", 0.1, "V")]
    [InlineData("phenol", "river", 0.10010000000000001, "劣V")]
    [InlineData("oil", "river", 0.05, "I")]
    [InlineData("oil", "river", 0.050050000000000004, "IV")]
    [InlineData("oil", "river", 0.5, "IV")]
    [InlineData("oil", "river", 0.5005, "V")]
    [InlineData("oil", "river", 1.0, "V")]
    [InlineData("oil", "river", 1.001, "劣V")]
    [InlineData("las", "river", 0.2, "I")]
    [InlineData("las", "river", 0.20020000000000002, "IV")]
    [InlineData("las", "river", 0.3, "IV")]
    [InlineData("las", "river", 0.3003, "劣V")]
    [InlineData("sulfide", "river", 0.05, "I")]
    [InlineData("sulfide", "river", 0.050050000000000004, "II")]
    [InlineData("sulfide", "river", 0.1, "II")]
    [InlineData("sulfide", "river", 0.10010000000000001, "III")]
    [InlineData("sulfide", "river", 0.2, "III")]
    [InlineData("sulfide", "river", 0.20020000000000002, "IV")]
    [InlineData("sulfide", "river", 0.5, "IV")]
    [InlineData("sulfide", "river", 0.5005, "V")]
    [InlineData("sulfide", "river", 1.0, "V")]
    [InlineData("sulfide", "river", 1.001, "劣V")]
    public void Every_factor_boundary(string code, string kind, double value, string expected)
    {
        Assert.True(SurfaceWaterStandard.TryParseFactor(code, out var factor), code);
        var body = kind == "lake" ? WaterBodyKind.Lake : WaterBodyKind.River;
        Assert.Equal(expected, SurfaceWaterStandard.ClassOf(factor, value, body).ToCode());
        // The same through the classifier, as the only factor of a sample.
        var result = WaterQualityClassifier.Classify(body, new Dictionary<WaterFactor, double> { [factor] = value });
        Assert.Equal(expected, result.Class.ToCode());
    }

    // Hand-computed samples: the worst counted factor decides; 超标倍数 = (C − C_III) / C_III for factors over class III.
    [Theory]
    [InlineData("river", "do=6.2 codmn=3.1 nh3_n=1.2 tp=0.15", "IV", "nh3_n", "nh3_n=0.2")]
    [InlineData("river", "do=8 codmn=1.5 nh3_n=0.1 tp=0.02 tn=5", "I", "codmn,do,nh3_n,tp", "")] // TN does not classify rivers
    [InlineData("lake", "do=8 codmn=1.5 nh3_n=0.1 tp=0.02 tn=5", "劣V", "tn", "tn=4")]
    [InlineData("lake", "tp=0.06", "IV", "tp", "tp=0.2")]
    [InlineData("river", "tp=0.06", "II", "tp", "")]
    [InlineData("river", "cod=45 bod5=12 nh3_n=2.5", "劣V", "bod5,cod,nh3_n", "bod5=2,cod=1.25,nh3_n=1.5")]
    [InlineData("river", "do=1.5", "劣V", "do", "")] // no multiple for dissolved oxygen
    public void Samples(string kind, string sample, string expectedClass, string deciding, string exceedance)
    {
        var values = sample.Split(' ').Select(p => p.Split('=')).ToDictionary(
            p => SurfaceWaterStandard.TryParseFactor(p[0], out var f) ? f : throw new ArgumentException(p[0]),
            p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var result = WaterQualityClassifier.Classify(kind == "lake" ? WaterBodyKind.Lake : WaterBodyKind.River, values);
        Assert.Equal(expectedClass, result.Class.ToCode());
        Assert.Equal(deciding, string.Join(",", result.DecidingFactors.Select(f => SurfaceWaterStandard.Of(f).Code).Order(StringComparer.Ordinal)));
        Assert.Equal(exceedance, string.Join(",", result.Exceedance.Select(kv => $"{SurfaceWaterStandard.Of(kv.Key).Code}={kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal)));
        Assert.Equal(result.Class <= WaterClass.III, result.MeetsReference);
    }

    [Fact]
    public void Exceedance_against_a_target_class()
    {
        // Target II: NH3-N 0.8 breaks 0.5 by (0.8 − 0.5) / 0.5 = 0.6.
        var result = WaterQualityClassifier.Classify(WaterBodyKind.River, new Dictionary<WaterFactor, double> { [WaterFactor.AmmoniaNitrogen] = 0.8 }, WaterClass.II);
        Assert.Equal(WaterClass.III, result.Class);
        Assert.False(result.MeetsReference);
        Assert.Equal(0.6, result.Exceedance[WaterFactor.AmmoniaNitrogen]);
    }

    [Fact]
    public void Wire_codes_are_the_contract()
    {
        // The API serialises enums with JsonStringEnumConverter (snake_case naming); the member names fix these codes.
        var options = new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower) },
        };
        foreach (var row in SurfaceWaterStandard.Table)
        {
            Assert.Equal($"\"{row.Code}\"", System.Text.Json.JsonSerializer.Serialize(row.Factor, options));
            Assert.Equal(row.Factor, SurfaceWaterStandard.Table[(int)row.Factor].Factor);
        }
        Assert.Equal(["I", "II", "III", "IV", "V", "劣V"], Enum.GetValues<WaterClass>().Select(c => c.ToCode()));
        Assert.Equal("\"劣V\"", System.Text.Json.JsonSerializer.Serialize(WaterClass.WorseThanV, options));
    }

    [Fact]
    public void Negative_concentrations_are_refused() =>
        Assert.Throws<ArgumentException>(() => WaterQualityClassifier.Classify(WaterBodyKind.River, new Dictionary<WaterFactor, double> { [WaterFactor.TotalPhosphorus] = -0.1 }));
}
