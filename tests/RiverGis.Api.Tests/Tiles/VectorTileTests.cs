using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RiverGis.Api.Hosting;
using RiverGis.Api.Tests.Infrastructure;
using RiverGis.Api.Tiles;

namespace RiverGis.Api.Tests.Tiles;

/// <summary>
/// /tiles/{layer}/{z}/{x}/{y}.mvt over the mini dataset (county T00 with townships T01/T02 around 100.0–100.1 E, 30.0 N).
/// The endpoints are mapped on a host of their own here (store services + MapVectorTiles), so the test does not depend
/// on the registration line in RiverGisServices.
/// </summary>
public class VectorTileTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var connection = await PostgisServer.CreateDatabaseAsync("tiles");
        // The service itself migrates the database and loads the mini dataset on start.
        await using (var service = new RiverGisFactory(connection, TestPaths.Mini)) service.CreateClient().Dispose();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRiverGisStore(connection);
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.MapVectorTiles();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var rad = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return (x, y);
    }

    private async Task<byte[]> Tile(string layer, int z, double lon, double lat, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (x, y) = TileOf(lon, lat, z);
        var response = await _client.GetAsync($"/tiles/{layer}/{z}/{x}/{y}.mvt");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Equal(VectorTileEndpoints.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static bool Holds(byte[] tile, string text) => Encoding.UTF8.GetString(tile).Contains(text, StringComparison.Ordinal);

    [Fact]
    public async Task A_tile_over_the_data_holds_its_segments_with_codes_and_chiefs()
    {
        var tile = await Tile("segments", 12, 100.03, 30.03);
        Assert.NotEmpty(tile);
        Assert.True(Holds(tile, "segments"), "layer name");
        foreach (var code in new[] { "S-C", "S-1", "S-2" }) Assert.True(Holds(tile, code), code);
        Assert.True(Holds(tile, "vacant"));
    }

    [Fact]
    public async Task Low_zoom_shows_only_the_upper_levels()
    {
        // At zoom 8 counties are drawn, townships not yet (they appear from zoom 9).
        var z8 = await Tile("segments", 8, 100.03, 30.03);
        Assert.True(Holds(z8, "S-C"));
        Assert.False(Holds(z8, "S-1"));
        var z5 = await Tile("admin-areas", 5, 100.03, 30.03);
        Assert.Empty(z5); // the mini dataset has no province or city
        Assert.True(Holds(await Tile("admin-areas", 9, 100.03, 30.03), "T01"));
    }

    [Fact]
    public async Task A_tile_far_away_is_empty()
    {
        Assert.Empty(await Tile("rivers", 12, -70, -30));
    }

    [Fact]
    public async Task Bad_addresses_are_problems_naming_the_parameter()
    {
        var unknown = await _client.GetAsync("/tiles/lakes/3/1/1.mvt");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var badRow = await _client.GetAsync("/tiles/rivers/3/1/1.png");
        Assert.Equal(HttpStatusCode.BadRequest, badRow.StatusCode);
        Assert.Contains("\"y\"", await badRow.Content.ReadAsStringAsync());
        var outside = await _client.GetAsync("/tiles/rivers/3/8/1.mvt");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("\"x\"", await outside.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unchanged_tile_is_not_sent_again()
    {
        var (x, y) = TileOf(100.03, 30.03, 12);
        var url = $"/tiles/rivers/12/{x}/{y}.mvt";
        var first = await _client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
    }
}
