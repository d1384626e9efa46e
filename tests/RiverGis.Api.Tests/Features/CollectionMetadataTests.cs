using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Features;

/// <summary>
/// What desktop GIS needs from each collection (issue 9, item 4): one geometry type for all features, stated in the
/// metadata; ids also as attributes; the temporal extent of time-bearing collections. The sample data store rivers and
/// segments as a mix of LineString and MultiLineString (checked below), so these tests fail when the mix leaks out.
/// </summary>
public sealed class CollectionMetadataTests(SampleService service) : IClassFixture<SampleService>
{
    public static TheoryData<string, string, string> Collections => ServedCollections.Rows();

    [Fact]
    public async Task The_sample_stores_single_and_multi_lines_side_by_side()
    {
        foreach (var table in new[] { "rivers", "segments" })
            Assert.Equal(2L, await Db.ScalarAsync<long>(service.ConnectionString, $"SELECT count(DISTINCT GeometryType(geom)) FROM {table}"));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Every_feature_has_the_geometry_type_the_collection_states(string id, string table, string type)
    {
        await FileAnIssueAsync();
        var metadata = await service.GetJsonAsync($"/features/collections/{id}");
        Assert.Equal(type, metadata.GetProperty("geometry_type").GetString());
        var items = await service.GetJsonAsync($"/features/collections/{id}/items?limit=10000");
        var types = items.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("geometry").GetProperty("type").GetString()).ToList();
        Assert.Equal(await Db.ScalarAsync<long>(service.ConnectionString, $"SELECT count(*) FROM {table}"), types.Count);
        Assert.All(types, t => Assert.Equal(type, t));
    }

    [Theory]
    [InlineData("patrol-tracks", "track_id")]
    [InlineData("issues", "issue_id")]
    public async Task Numeric_ids_are_also_attributes(string id, string property)
    {
        await FileAnIssueAsync();
        var items = await service.GetJsonAsync($"/features/collections/{id}/items");
        Assert.NotEmpty(items.GetProperty("features").EnumerateArray());
        foreach (var feature in items.GetProperty("features").EnumerateArray())
            Assert.Equal(feature.GetProperty("id").GetInt64(), feature.GetProperty("properties").GetProperty(property).GetInt64());
        var queryables = await service.GetJsonAsync($"/features/collections/{id}/queryables");
        Assert.Equal("integer", queryables.GetProperty("properties").GetProperty(property).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("patrol-tracks", "SELECT min(started_at) FROM patrol_tracks", "SELECT max(ended_at) FROM patrol_tracks")]
    [InlineData("issues", "SELECT min(reported_at) FROM issues", "SELECT max(reported_at) FROM issues")]
    public async Task Time_bearing_collections_state_their_temporal_extent(string id, string firstSql, string lastSql)
    {
        await FileAnIssueAsync();
        var temporal = (await service.GetJsonAsync($"/features/collections/{id}")).GetProperty("extent").GetProperty("temporal");
        var interval = temporal.GetProperty("interval")[0];
        Assert.Equal(await Db.ScalarAsync<DateTime>(service.ConnectionString, firstSql), interval[0].GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(await Db.ScalarAsync<DateTime>(service.ConnectionString, lastSql), interval[1].GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal("http://www.opengis.net/def/uom/ISO-8601/0/Gregorian", temporal.GetProperty("trs").GetString());
    }

    [Fact]
    public async Task Timeless_collections_have_no_temporal_extent()
    {
        var metadata = await service.GetJsonAsync("/features/collections/rivers");
        Assert.False(metadata.GetProperty("extent").TryGetProperty("temporal", out _));
    }

    /// <summary>The sample has no issues; one on a segment makes the issues collection non-empty.</summary>
    private async Task FileAnIssueAsync()
    {
        if (await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM issues") > 0) return;
        var report = await ServedCollections.ReportOnSegmentAsync(service.ConnectionString, 0);
        await service.PostJsonAsync("/api/issues", report, HttpStatusCode.Created, idempotencyKey: "collection-metadata-sample");
    }
}
