using System.Text.RegularExpressions;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Features;

/// <summary>
/// An independent OGC API Features client — GDAL's OAPIF driver (Debian gdal-bin) — must list every collection of the
/// sample with the feature counts the database holds.
/// </summary>
[Collection(OgcClientsCollection.Name)]
public sealed class GdalOapifTests(OgcClientService clients)
{
    [Fact]
    public async Task Ogrinfo_lists_every_collection_with_the_stored_counts()
    {
        var service = clients.Service;
        var listing = await Run("ogrinfo", "-ro", "-q", $"OAPIF:{service.BaseUrl}/features");
        foreach (var (layer, table, _) in ServedCollections.All)
        {
            Assert.Contains(layer, listing);
            var expected = await Db.ScalarAsync<long>(service.ConnectionString, $"SELECT count(*) FROM {table}");
            Assert.True(expected > 0, $"{table} is empty in the sample");
            // -so: summary only; GDAL pages through the items (next links) or uses numberMatched.
            var summary = await Run("ogrinfo", "-ro", "-so", "--config", "OAPIF_PAGE_SIZE", "50", $"OAPIF:{service.BaseUrl}/features", layer);
            var match = Regex.Match(summary, @"Feature Count: (\d+)");
            Assert.True(match.Success, summary);
            Assert.Equal(expected, long.Parse(match.Groups[1].Value));
        }
        // Reading every feature through the paging links gives the same number (no page lost or repeated).
        var all = await Run("ogrinfo", "-ro", "-al", "-geom=NO", "--config", "OAPIF_PAGE_SIZE", "7", $"OAPIF:{service.BaseUrl}/features", "segments");
        var segments = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM segments");
        Assert.Equal(segments, Regex.Matches(all, @"^OGRFeature\(segments\):", RegexOptions.Multiline).Count);
    }

    private static Task<string> Run(string program, params string[] arguments) => Tool.RunOkAsync(program, arguments);
}
