using System.Diagnostics;
using System.Text.RegularExpressions;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Features;

/// <summary>
/// An independent OGC API Features client — GDAL's OAPIF driver (Debian gdal-bin) — must list every collection of the
/// sample with the feature counts the database holds.
/// </summary>
public sealed class GdalOapifTests
{
    [Fact]
    public async Task Ogrinfo_lists_every_collection_with_the_stored_counts()
    {
        await using var service = await ServiceProcess.StartAsync("gdal", TestPaths.SampleData);
        var listing = await Run("ogrinfo", "-ro", "-q", $"OAPIF:{service.BaseUrl}/features");
        foreach (var id in new[] { "admin-areas", "rivers", "segments", "outlets", "patrol-tracks" })
        {
            Assert.Contains(id, listing);
        }
        foreach (var (layer, table) in new[] { ("admin-areas", "admin_areas"), ("rivers", "rivers"), ("segments", "segments"), ("outlets", "outlets"), ("patrol-tracks", "patrol_tracks") })
        {
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

    private static async Task<string> Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
        return output;
    }
}
