using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Features;

public class FeaturesSmokeTests
{
    [Fact]
    public async Task Mini_dataset_is_served()
    {
        await using var factory = await RiverGisFactory.CreateAsync("smoke", TestPaths.Mini);
        var client = factory.CreateClient();
        var response = await client.GetAsync("/features/collections/segments/items");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, doc.RootElement.GetProperty("numberMatched").GetInt32());
    }
}
