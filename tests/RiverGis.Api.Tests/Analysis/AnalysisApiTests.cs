using System.Net;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Analysis;

/// <summary>
/// The analyses on the shipped sample: they must find the defects planted in data/rivers (listed in its README), and
/// their lengths must agree with PostGIS geography computed independently from the stored geometries.
/// </summary>
public sealed class AnalysisApiTests(SampleService service) : IClassFixture<SampleService>
{
    private static IEnumerable<JsonElement> Features(JsonElement collection) => collection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"));

    private static void WithinOracle(double expected, double actual, string what)
    {
        // 0.5 % (the issue's bar) or 1 m for short pieces, whichever is larger.
        var allowed = Math.Max(1.0, expected * 0.005);
        Assert.True(Math.Abs(expected - actual) <= allowed, $"{what}: ours {actual:0.0} m, PostGIS {expected:0.0} m");
    }

    [Fact]
    public async Task Township_gaps_are_exactly_the_planted_ones_with_PostGIS_lengths()
    {
        var gaps = await service.GetJsonAsync("/api/analysis/coverage-gaps?level=township");
        var found = Features(gaps).Select(p => (p.GetProperty("river_code").GetString(), p.GetProperty("area_code").GetString(), p.GetProperty("reason").GetString())).ToHashSet();
        var planted = new HashSet<(string?, string?, string?)>
        {
            ("LI-R-BINNENKANAL", "LI-03", "unassigned"),
            ("LI-R-SPIRSBACH", "LI-08", "unassigned"),
            ("LI-R-EGELGRABA", "LI-07", "vacant"),
            ("AD-R-VALIRA-DEL-NORD", "AD-04", "unassigned"),
            ("AD-R-RIU-D-OS-DE-CIVIS", "AD-06", "vacant"),
            ("511113-R-BAIXIONG", "511113101", "vacant"),
        };
        Assert.Equal(planted.OrderBy(x => x.Item1), found.OrderBy(x => x.Item1));

        foreach (var gap in Features(gaps))
        {
            var river = gap.GetProperty("river_code").GetString();
            var area = gap.GetProperty("area_code").GetString();
            var reason = gap.GetProperty("reason").GetString();
            // Oracle: river ∩ area minus the 25 m geography buffers of the township segments that count as covering
            // (with a chief for both reasons; for "vacant" also minus nothing else — the vacant segment is what is left).
            var oracle = await Db.ScalarAsync<double>(service.ConnectionString, $"""
                SELECT ST_Length(ST_Difference(ST_Intersection(r.geom, a.geom),
                    coalesce((SELECT ST_Union(ST_Buffer(s.geom::geography, 25)::geometry) FROM segments s
                              WHERE s.river_code = r.code AND s.level = 'township' AND s.chief_id IS NOT NULL), 'SRID=4326;POLYGON EMPTY'::geometry))::geography)
                FROM rivers r, admin_areas a WHERE r.code = '{river}' AND a.code = '{area}'
                """);
            var ours = Features(gaps).Where(g => g.GetProperty("river_code").GetString() == river && g.GetProperty("area_code").GetString() == area)
                .Sum(g => g.GetProperty("length_m").GetDouble());
            WithinOracle(oracle, ours, $"{reason} gap of {river} in {area}");
        }
    }

    [Fact]
    public async Task Village_gaps_and_summary_percentages()
    {
        var gaps = await service.GetJsonAsync("/api/analysis/coverage-gaps?level=village");
        var found = Features(gaps).Select(p => (p.GetProperty("river_code").GetString(), p.GetProperty("reason").GetString())).ToList();
        Assert.Contains(("511113-R-DADU", "unassigned"), found);
        Assert.Contains(("511113-R-GUANLIAO", "vacant"), found);
        Assert.Equal(2, found.Count);
        var dadu = gaps.GetProperty("summary").GetProperty("rivers").EnumerateArray().Single(r => r.GetProperty("river_code").GetString() == "511113-R-DADU");
        var required = dadu.GetProperty("required_m").GetDouble();
        var covered = dadu.GetProperty("covered_m").GetDouble();
        Assert.Equal(100 * covered / required, dadu.GetProperty("covered_percent").GetDouble(), 6);
        // Required length = the Dadu inside the villages, measured by PostGIS.
        var oracle = await Db.ScalarAsync<double>(service.ConnectionString,
            "SELECT ST_Length(ST_Intersection(r.geom, (SELECT ST_Union(geom) FROM admin_areas WHERE level = 'village'))::geography) FROM rivers r WHERE code = '511113-R-DADU'");
        WithinOracle(oracle, required, "Dadu inside villages");
    }

    [Fact]
    public async Task Area_filter_by_an_ancestor_keeps_only_its_descendants()
    {
        var gaps = await service.GetJsonAsync("/api/analysis/coverage-gaps?level=township&area_code=LI");
        Assert.All(Features(gaps), g => Assert.StartsWith("LI-", g.GetProperty("area_code").GetString()));
        Assert.Equal(3, Features(gaps).Count());
    }

    [Fact]
    public async Task Overlaps_are_the_planted_double_assignments_with_PostGIS_lengths()
    {
        var overlaps = await service.GetJsonAsync("/api/analysis/overlaps");
        var pairs = Features(overlaps).Select(o => string.Join("+", o.GetProperty("segment_codes").EnumerateArray().Select(s => s.GetString()).Order())).ToList();
        string[] planted =
        [
            "LI-R-BINNENKANAL-TWN01+LI-R-BINNENKANAL-TWN02",
            "AD-R-VALIRA-D-ORIENT-TWN01+AD-R-VALIRA-D-ORIENT-TWN02",
            "511113-R-DASHA-VIL01+511113-R-DASHA-VIL02",
        ];
        foreach (var pair in planted) Assert.Contains(pair, pairs);
        // The spill-overs double-assign too (a spilled segment covers the neighbour's first metres).
        Assert.Contains("LI-R-BINNENKANAL-TWN03+LI-R-BINNENKANAL-TWN04", pairs);
        Assert.Equal(6, pairs.Count);
        foreach (var overlap in Features(overlaps))
        {
            var codes = overlap.GetProperty("segment_codes").EnumerateArray().Select(s => s.GetString()).ToArray();
            var oracle = await Db.ScalarAsync<double>(service.ConnectionString,
                $"SELECT ST_Length(ST_Intersection(a.geom, b.geom)::geography) FROM segments a, segments b WHERE a.code = '{codes[0]}' AND b.code = '{codes[1]}'");
            WithinOracle(oracle, overlap.GetProperty("length_m").GetDouble(), "overlap " + string.Join("+", codes));
        }
    }

    [Fact]
    public async Task Cross_boundary_parts_are_the_planted_spill_overs_with_PostGIS_lengths()
    {
        var spills = await service.GetJsonAsync("/api/analysis/cross-boundary");
        var found = Features(spills).ToDictionary(s => s.GetProperty("segment_code").GetString()!, s => s);
        Assert.Equal(["511113-R-DADU-VIL07", "511113-R-DASHA-VIL02", "AD-R-VALIRA-D-ORIENT-TWN02", "AD-R-VALIRA-TWN02", "LI-R-BINNENKANAL-TWN02", "LI-R-BINNENKANAL-TWN03"],
            found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("LI-07", found["LI-R-BINNENKANAL-TWN03"].GetProperty("entered_area_code").GetString());
        foreach (var (code, spill) in found)
        {
            var oracle = await Db.ScalarAsync<double>(service.ConnectionString,
                $"SELECT ST_Length(ST_Difference(s.geom, a.geom)::geography) FROM segments s JOIN admin_areas a ON a.code = s.area_code WHERE s.code = '{code}'");
            WithinOracle(oracle, spill.GetProperty("length_m").GetDouble(), "spill of " + code);
        }
    }

    [Fact]
    public async Task Boundary_crossings_lie_on_the_boundary_between_the_named_areas()
    {
        var crossings = await service.GetJsonAsync("/api/analysis/boundary-crossings?level=township&river_code=AD-R-VALIRA");
        var features = crossings.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        foreach (var f in features)
        {
            var p = f.GetProperty("properties");
            var c = f.GetProperty("geometry").GetProperty("coordinates");
            var point = $"ST_SetSRID(ST_MakePoint({c[0].GetDouble()}, {c[1].GetDouble()}), 4326)";
            foreach (var side in new[] { "upstream_area_code", "downstream_area_code" })
            {
                if (p.GetProperty(side).ValueKind == JsonValueKind.Null) continue;
                var distance = await Db.ScalarAsync<double>(service.ConnectionString,
                    $"SELECT ST_Distance({point}::geography, ST_Boundary(geom)::geography) FROM admin_areas WHERE code = '{p.GetProperty(side).GetString()}'");
                Assert.True(distance < 1.0, $"crossing at {p.GetProperty("measure_m")} is {distance} m from the boundary of {p.GetProperty(side)}");
            }
        }
        var first = features.Select(f => f.GetProperty("properties")).First(p => p.GetProperty("kind").GetString() == "boundary");
        Assert.Equal("AD-08", first.GetProperty("upstream_area_code").GetString());
        Assert.Equal("AD-07", first.GetProperty("downstream_area_code").GetString());
    }

    [Fact]
    public async Task The_Rhine_is_a_border_river_with_no_area_on_the_Swiss_bank()
    {
        var border = await service.GetJsonAsync("/api/analysis/border-rivers?level=township&river_code=LI-R-RHEIN");
        var stretches = border.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(stretches);
        Assert.All(stretches, s =>
        {
            var p = s.GetProperty("properties");
            Assert.True(p.GetProperty("length_m").GetDouble() >= 200);
            // Digitised downstream (northwards): Liechtenstein is on the right bank, Switzerland (no area) on the left.
            Assert.Equal(JsonValueKind.Null, p.GetProperty("left_area_code").ValueKind);
        });
        // Independent check: every reported stretch lies within 50 m (plus the sampling step) of its area's boundary.
        foreach (var s in stretches)
        {
            var area = s.GetProperty("properties").GetProperty("right_area_code").GetString();
            var geometry = s.GetProperty("geometry").GetRawText();
            var distance = await Db.ScalarAsync<double>(service.ConnectionString,
                $"SELECT ST_MaxDistance(ST_Transform(ST_GeomFromGeoJSON('{geometry}'), 32632), ST_Transform(ST_Boundary(geom), 32632)) FROM admin_areas WHERE code = '{area}'");
            Assert.True(distance > 0);
            var hausdorff = await Db.ScalarAsync<double>(service.ConnectionString,
                $"SELECT max(ST_Distance(d.geom::geography, ST_Boundary(a.geom)::geography)) FROM ST_DumpPoints(ST_GeomFromGeoJSON('{geometry}')) d, admin_areas a WHERE a.code = '{area}'");
            Assert.True(hausdorff <= 60, $"border stretch vertex {hausdorff:0} m from the boundary of {area}");
        }
    }

    [Fact]
    public async Task River_profile_is_one_file_per_river()
    {
        var profile = await service.GetJsonAsync("/api/rivers/LI-R-BINNENKANAL/profile");
        Assert.Equal("LI-R-BINNENKANAL", profile.GetProperty("code").GetString());
        Assert.Equal("LineString", profile.GetProperty("geometry").GetProperty("type").GetString());
        var oracle = await Db.ScalarAsync<double>(service.ConnectionString, "SELECT ST_Length(geom::geography) FROM rivers WHERE code = 'LI-R-BINNENKANAL'");
        WithinOracle(oracle, profile.GetProperty("length_m").GetDouble(), "Binnenkanal length");
        var json = profile.GetRawText();
        foreach (var code in new[] { "LI-R-BINNENKANAL-TWN01", "LI-R-BINNENKANAL-TWN03", "LI-03" }) Assert.Contains(code, json);
        await service.GetJsonAsync("/api/rivers/NOPE/profile", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/analysis/coverage-gaps", "level", "required")]
    [InlineData("/api/analysis/coverage-gaps?level=district", "level", "unknown value")]
    [InlineData("/api/analysis/coverage-gaps?level=township&area_code=XX", "area_code", "unknown area")]
    [InlineData("/api/analysis/coverage-gaps?level=county&area_code=LI-03", "area_code", "below the county level")]
    [InlineData("/api/analysis/coverage-gaps?level=township&tolerance_m=-5", "tolerance_m", "out of range")]
    [InlineData("/api/analysis/overlaps?river_code=NOPE", "river_code", "unknown river")]
    [InlineData("/api/analysis/border-rivers?level=township&distance_m=abc", "distance_m", "not a number")]
    [InlineData("/api/analysis/overlaps?colour=red", "colour", "unknown parameter")]
    public async Task Bad_parameters_are_named(string url, string parameter, string fragment)
    {
        var problem = await service.GetJsonAsync(url, HttpStatusCode.BadRequest);
        ServiceFixture.AssertNames(problem, parameter, fragment);
    }

    /// <summary>
    /// One geometry type per line output (QGIS and ogr2ogr type a layer from its first feature): stretches that lie in one
    /// part of a river, which the domain keeps as LineStrings, are written as MultiLineStrings like the others.
    /// </summary>
    [Theory]
    [InlineData("/api/analysis/coverage-gaps?level=village")]
    [InlineData("/api/analysis/coverage-gaps?level=township")]
    [InlineData("/api/analysis/overlaps")]
    [InlineData("/api/analysis/cross-boundary")]
    [InlineData("/api/analysis/border-rivers?level=township")]
    public async Task Line_outputs_are_all_multilinestrings(string url)
    {
        var features = (await service.GetJsonAsync(url)).GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.Equal("MultiLineString", f.GetProperty("geometry").GetProperty("type").GetString()));
    }
}
