using System.Reflection;
using System.Text.Json;
using RiverGis.Api.Http;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Tests.Http;

/// <summary>
/// The wire code of every enum of the domain is one thing: what the API's JSON converter writes (values and dictionary
/// keys) is what EnumCodes gives to query strings, SQL parameters and dataset files, and parses back.
/// </summary>
public sealed class WireCodesTests
{
    public static TheoryData<Type> DomainEnums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(AdminLevel).Assembly.GetExportedTypes().Where(t => t.IsEnum).OrderBy(t => t.FullName)) data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(DomainEnums))]
    public void The_JSON_converter_writes_and_reads_the_EnumCodes(Type type)
    {
        var check = typeof(WireCodesTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        check.Invoke(null, null);
    }

    private static void Check<T>() where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var code = value.ToCode();
            Assert.Equal(JsonSerializer.Serialize(code, ApiJson.Options), JsonSerializer.Serialize(value, ApiJson.Options));
            Assert.Equal(value, JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(code, ApiJson.Options), ApiJson.Options));
            Assert.True(EnumCodes.TryParse<T>(code, out var parsed) && parsed.Equals(value));
            Assert.Equal($"{{{JsonSerializer.Serialize(code, ApiJson.Options)}:1}}", JsonSerializer.Serialize(new Dictionary<T, int> { [value] = 1 }, ApiJson.Options));
        }
        // Numbers are not codes.
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>("0", ApiJson.Options));
    }

    [Theory]
    [InlineData(typeof(Geo.Issues.IssueCategory), "IllegalMining", "illegal_mining")]
    [InlineData(typeof(Geo.Network.NavigationMode), "UpstreamTributaries", "UT")]
    [InlineData(typeof(Geo.Demarcation.SegmentReplacement), "RiverLevelsTouched", "river-levels-touched")]
    [InlineData(typeof(Geo.Issues.IssueActionKind), "SubmitForVerification", "submit_for_verification")]
    public void Codes_are_snake_case_names_unless_the_member_names_its_own(Type type, string member, string code) =>
        Assert.Equal($"\"{code}\"", JsonSerializer.Serialize(Enum.Parse(type, member), type, ApiJson.Options));
}
