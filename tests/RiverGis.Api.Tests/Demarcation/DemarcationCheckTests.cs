using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Demarcation;

/// <summary>Demarcation check of proposals built from the mini district's own segments.</summary>
public sealed class DemarcationCheckTests(MiniService service) : IClassFixture<MiniService>
{
    private static JsonObject Proposal(Func<JsonObject, bool> keep, Action<JsonObject>? edit = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Mini, "segments.geojson")))!.AsObject();
        var features = root["features"]!.AsArray();
        foreach (var f in features.ToList())
        {
            if (!keep(f!.AsObject())) features.Remove(f);
        }
        foreach (var f in features) edit?.Invoke(f!.AsObject());
        return root;
    }

    private static string Code(JsonObject feature) => feature["properties"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task A_proposal_missing_a_township_segment_has_a_gap_and_stored_data_do_not_change()
    {
        var before = await Db.CountsAsync(service.ConnectionString);
        var proposal = Proposal(f => Code(f) is "S-1" or "S-C");
        var report = await service.PostJsonAsync("/api/demarcation/check?replace=rivers-touched", proposal.ToJsonString(), HttpStatusCode.OK, client: await service.CountyOffice);
        Assert.False(report.GetProperty("ok").GetBoolean());
        var gap = report.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "gap_unassigned");
        Assert.Equal("T02", gap.GetProperty("area_code").GetString());
        Assert.Contains("无人负责", gap.GetProperty("message_zh").GetString() + gap.GetProperty("message").GetString());
        // PostGIS oracle: R1 inside T02 minus the 25 m buffer of S-1 (the only township segment proposed on R1).
        var oracle = await Db.ScalarAsync<double>(service.ConnectionString, """
            SELECT ST_Length(ST_Difference(ST_Intersection(r.geom, a.geom), ST_Buffer(s.geom::geography, 25)::geometry)::geography)
            FROM rivers r, admin_areas a, segments s WHERE r.code = 'R1' AND a.code = 'T02' AND s.code = 'S-1'
            """);
        Assert.InRange(gap.GetProperty("length_m").GetDouble(), oracle * 0.995, oracle * 1.005);
        Assert.True(report.GetProperty("features").GetArrayLength() >= 1);
        Assert.Equal(before, await Db.CountsAsync(service.ConnectionString));
    }

    [Fact]
    public async Task Unknown_references_are_reported_by_feature()
    {
        var proposal = Proposal(_ => true, f =>
        {
            if (Code(f) == "S-2") f["properties"]!["river_code"] = "R9";
            if (Code(f) == "S-1") f["properties"]!["chief_id"] = "NOBODY";
        });
        var report = await service.PostJsonAsync("/api/demarcation/check", proposal.ToJsonString(), HttpStatusCode.OK, client: await service.CountyOffice);
        var problems = report.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("kind").GetString() == "unknown_river" && p.GetProperty("feature_index").GetInt32() == 2);
        Assert.Contains(problems, p => p.GetProperty("kind").GetString() == "unknown_chief" && p.GetProperty("feature_index").GetInt32() == 1);
        Assert.Equal(1, report.GetProperty("counts").GetProperty("unknown_river").GetInt32());
    }

    [Fact]
    public async Task Unreadable_proposals_get_problem_json_naming_the_feature()
    {
        var proposal = Proposal(_ => true, f =>
        {
            if (Code(f) == "S-2") f["geometry"] = JsonNode.Parse("""{"type": "LineString", "coordinates": [[100.05, 30.02], [100.06, 30.03], [100.05, 30.03], [100.06, 30.02]]}""");
        });
        var problem = await service.PostJsonAsync("/api/demarcation/check", proposal.ToJsonString(), HttpStatusCode.UnprocessableEntity, client: await service.CountyOffice);
        ServiceFixture.AssertNames(problem, "features[2].geometry", "self-intersecting");
        await service.PostJsonAsync("/api/demarcation/check", "{\"type\": \"FeatureCollection\", \"features\": [", HttpStatusCode.BadRequest, client: await service.CountyOffice);
        await service.PostJsonAsync("/api/demarcation/check?replace=some", proposal.ToJsonString(), HttpStatusCode.BadRequest, client: await service.CountyOffice);
    }

    [Fact]
    public async Task The_check_verb_prints_a_bilingual_report_and_sets_the_exit_code()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rivergis-check-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var gap = Path.Combine(folder, "gap.geojson");
        File.WriteAllText(gap, Proposal(f => Code(f) is "S-1" or "S-C").ToJsonString());
        var (code, output) = await RunCheckAsync(gap, "--replace", "rivers-touched");
        Assert.Equal(1, code);
        Assert.Contains("无人负责河段", output);
        Assert.Contains("gap_unassigned", output);
        Assert.Contains("problems found", output);

        var clean = Path.Combine(folder, "clean.geojson");
        File.WriteAllText(clean, Proposal(f => Code(f) is "S-1" or "S-2" or "S-C").ToJsonString());
        var (cleanCode, cleanOutput) = await RunCheckAsync(clean);
        Assert.True(cleanCode == 0, cleanOutput);
        Assert.Contains("通过", cleanOutput);

        var (missingCode, _) = await RunCheckAsync(Path.Combine(folder, "missing.geojson"));
        Assert.Equal(2, missingCode);
    }

    private async Task<(int Code, string Output)> RunCheckAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RiverGis.Api.dll"));
        info.ArgumentList.Add("check");
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["RIVERGIS_CONNECTION"] = service.ConnectionString;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
