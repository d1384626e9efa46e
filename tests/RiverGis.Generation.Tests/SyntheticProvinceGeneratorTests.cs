using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Operation.Valid;
using RiverGis.Geo.Dataset;
using RiverGis.Generation;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Generation.Tests;

/// <summary>One small generated province shared by the tests of a class (generation takes a fraction of a second).</summary>
public sealed class GeneratedProvinceFixture : IDisposable
{
    public GeneratedProvinceFixture()
    {
        Options = new GeneratorOptions { Rivers = 40, Seed = 7 }.WithDefectFraction(0.05);
        Result = SyntheticProvinceGenerator.Generate(Options);
        Folder = Path.Combine(Path.GetTempPath(), "rivergis-generated-" + Guid.NewGuid().ToString("N"));
        new DatasetWriter().Write(Result.Content, Folder);
        Content = Result.Content;
        System = new RiverSystem(new RiverSystemData(
            Content.Areas.Select(a => a.Item).ToList(), Content.Chiefs.Select(c => c.Item).ToList(),
            Content.Rivers.Select(r => r.Item).ToList(), Content.Segments.Select(s => s.Item).ToList(),
            Content.Outlets.Select(o => o.Item).ToList()));
    }

    public GeneratorOptions Options { get; }
    public GeneratedProvince Result { get; }
    public DatasetContent Content { get; }
    public string Folder { get; }
    public RiverSystem System { get; }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

public sealed class SyntheticProvinceGeneratorTests(GeneratedProvinceFixture fixture) : IClassFixture<GeneratedProvinceFixture>
{
    private DatasetContent Content => fixture.Content;
    private RiverSystem System => fixture.System;

    [Fact]
    public void Written_dataset_passes_the_reader_and_validator_with_zero_problems_and_reads_back_identically()
    {
        Assert.Empty(DatasetValidator.Validate(Content));
        var (read, problems) = new DatasetReader().Read(fixture.Folder);
        Assert.Empty(problems);
        // What was read writes the same bytes again: nothing was lost or changed on the way through the files.
        var written = WriteToBytes(Content);
        var rewritten = WriteToBytes(read!);
        Assert.Equal(written.Keys.Order(), rewritten.Keys.Order());
        foreach (var (file, bytes) in written) Assert.True(bytes.AsSpan().SequenceEqual(rewritten[file]), $"{file} changes on a write/read/write round trip");
    }

    [Fact]
    public void Generation_is_deterministic_for_the_same_seed_and_differs_for_another()
    {
        var options = new GeneratorOptions { Rivers = 25, Seed = 3 };
        var first = WriteToBytes(SyntheticProvinceGenerator.Generate(options).Content);
        var second = WriteToBytes(SyntheticProvinceGenerator.Generate(options).Content);
        var other = WriteToBytes(SyntheticProvinceGenerator.Generate(options with { Seed = 4 }).Content);

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (file, bytes) in first) Assert.True(bytes.AsSpan().SequenceEqual(second[file]), $"{file} differs between two runs");
        Assert.False(first[DatasetFiles.Rivers].AsSpan().SequenceEqual(other[DatasetFiles.Rivers]));
        Assert.False(first[DatasetFiles.AdminAreas].AsSpan().SequenceEqual(other[DatasetFiles.AdminAreas]));
    }

    private static Dictionary<string, byte[]> WriteToBytes(DatasetContent content)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rivergis-determinism-" + Guid.NewGuid().ToString("N"));
        try
        {
            new DatasetWriter().Write(content, folder);
            return Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Areas_of_each_level_tile_their_parent_without_gaps_or_overlaps()
    {
        var areas = Content.Areas.Select(a => a.Item).ToList();
        var byCode = areas.ToDictionary(a => a.Code);
        Assert.Single(areas, a => a.Level == AdminLevel.Province);
        foreach (var level in AdminLevels.TopDown) Assert.Contains(areas, a => a.Level == level);
        foreach (var area in areas)
        {
            Assert.True(area.Geometry.IsValid, $"{area.Code} is invalid");
            if (area.ParentCode is null) continue;
            Assert.Equal(byCode[area.ParentCode].Level + 1, area.Level);
        }
        foreach (var parent in areas.Where(a => a.Level != AdminLevel.Village))
        {
            var children = areas.Where(a => a.ParentCode == parent.Code).Select(a => a.Geometry).ToList();
            Assert.NotEmpty(children);
            var union = UnaryUnionOp.Union(children);
            var sum = children.Sum(c => c.Area);
            // Union = parent (no gap, nothing outside) and sum of parts = union (no overlap).
            Assert.True(Math.Abs(union.Area - parent.Geometry.Area) <= 0.001 * parent.Geometry.Area, $"children of {parent.Code} do not cover it");
            Assert.True(parent.Geometry.SymmetricDifference(union).Area <= 0.001 * parent.Geometry.Area, $"children of {parent.Code} leave its outline");
            Assert.True(sum - union.Area <= 1e-6 * parent.Geometry.Area, $"children of {parent.Code} overlap");
        }
    }

    [Fact]
    public void Area_codes_follow_gb_t_2260_and_names_are_unique_among_siblings()
    {
        var areas = Content.Areas.Select(a => a.Item).ToList();
        foreach (var area in areas)
        {
            var pattern = area.Level switch
            {
                AdminLevel.Province => "^510000$",
                AdminLevel.City => "^51[0-9]{2}00$",
                AdminLevel.County => "^51[0-9]{4}$",
                AdminLevel.Township => "^51[0-9]{7}$",
                _ => "^51[0-9]{10}$",
            };
            Assert.Matches(pattern, area.Code);
            if (area.ParentCode is { } parent)
                Assert.StartsWith(area.Level == AdminLevel.County ? parent[..4] : area.Level == AdminLevel.City ? parent[..2] : parent, area.Code);
        }
        foreach (var siblings in areas.GroupBy(a => a.ParentCode))
            Assert.Equal(siblings.Count(), siblings.Select(a => a.Name).Distinct().Count());
        Assert.All(Content.Areas, a => Assert.Equal(SyntheticProvinceGenerator.SyntheticProperties, a.ExtraProperties));
    }

    [Fact]
    public void Rivers_are_simple_sinuous_lines_that_cross_no_other_river()
    {
        var rivers = Content.Rivers.Select(r => r.Item).ToList();
        Assert.Equal(fixture.Options.Rivers, rivers.Count);
        Assert.Equal(rivers.Count, rivers.Select(r => r.Code).Distinct().Count());
        var byCode = rivers.ToDictionary(r => r.Code);
        foreach (var river in rivers)
        {
            Assert.IsType<LineString>(river.Geometry);
            Assert.True(new IsSimpleOp(river.Geometry).IsSimple(), $"{river.Code} crosses itself");
            Assert.True(Geodesic.Length(river.Geometry) >= 1500, $"{river.Code} is shorter than a named river");
        }
        for (var i = 0; i < rivers.Count; i++)
        {
            for (var j = i + 1; j < rivers.Count; j++)
            {
                var a = rivers[i];
                var b = rivers[j];
                if (!a.Geometry.EnvelopeInternal.Intersects(b.Geometry.EnvelopeInternal)) continue;
                var meet = a.Geometry.Intersection(b.Geometry);
                if (meet.IsEmpty) continue;
                // The only contact allowed: a tributary's mouth on its receiver (or two tributaries sharing that confluence).
                Assert.True(meet is Point, $"{a.Code} and {b.Code} meet in {meet.GeometryType}");
                var p = meet.Coordinate;
                var aMouth = a.Geometry.Coordinates[^1].Equals2D(p);
                var bMouth = b.Geometry.Coordinates[^1].Equals2D(p);
                var allowed = (aMouth && a.DownstreamCode == b.Code) || (bMouth && b.DownstreamCode == a.Code)
                    || (aMouth && bMouth && a.DownstreamCode is not null && a.DownstreamCode == b.DownstreamCode);
                Assert.True(allowed, $"{a.Code} and {b.Code} cross at {p}");
            }
        }
        var sinuosity = rivers.Select(r => Geodesic.Length(r.Geometry) / Geodesic.Distance(r.Geometry.Coordinates[0], r.Geometry.Coordinates[^1])).Order().ToList();
        Assert.InRange(sinuosity[sinuosity.Count / 2], 1.1, 1.6);
        var spacing = rivers.SelectMany(r => Edges(r.Geometry)).Order().ToList();
        Assert.InRange(spacing[spacing.Count / 2], 100, 200);
        _ = byCode;
    }

    private static IEnumerable<double> Edges(Geometry line)
    {
        var c = line.Coordinates;
        for (var i = 1; i < c.Length; i++) yield return Geodesic.Distance(c[i - 1], c[i]);
    }

    [Fact]
    public void Tributaries_end_on_their_receiving_river_and_trunks_at_the_region_edge()
    {
        var province = Content.Areas.Single(a => a.Item.Level == AdminLevel.Province).Item.Geometry;
        var edge = System.Projection.Project(province.Boundary);
        Assert.Contains(Content.Rivers, r => r.Item.DownstreamCode is null);
        Assert.Contains(Content.Rivers, r => r.Item.DownstreamCode is not null);
        foreach (var (river, _, _) in Content.Rivers)
        {
            var mouth = river.Geometry.Coordinates[^1];
            var (x, y) = System.Projection.Project(mouth.X, mouth.Y);
            if (river.DownstreamCode is { } receiver)
            {
                var line = System.Rivers[receiver].Line;
                var at = line.Locate(x, y, 50);
                Assert.NotNull(at);
                Assert.True(at.Value.ProjectedDistance / line.ScaleFactor < 1.0, $"{river.Code} ends {at.Value.ProjectedDistance} m from {receiver}");
                // ... and not at the receiver's very end: the confluence is upstream of the receiver's mouth.
                Assert.True(at.Value.Measure < line.Length);
            }
            else
            {
                var d = edge.Distance(MetricProjection.MetricFactory.CreatePoint(new Coordinate(x, y)));
                Assert.True(d < 100, $"trunk {river.Code} ends {d:0} m from the region's edge");
            }
        }
    }

    [Fact]
    public void A_great_river_crosses_the_region_from_edge_to_edge_and_the_province_manages_it()
    {
        var province = Content.Areas.Single(a => a.Item.Level == AdminLevel.Province).Item.Geometry;
        var edge = System.Projection.Project(province.Boundary);
        double FromEdge(Coordinate c)
        {
            var (x, y) = System.Projection.Project(c.X, c.Y);
            return edge.Distance(MetricProjection.MetricFactory.CreatePoint(new Coordinate(x, y)));
        }
        var great = Content.Rivers[0].Item;
        Assert.Null(great.DownstreamCode);
        Assert.Equal(AdminLevel.Province, great.Level);
        Assert.True(FromEdge(great.Geometry.Coordinates[0]) < 100, "the great river does not come in from the edge");
        Assert.True(FromEdge(great.Geometry.Coordinates[^1]) < 100, "the great river does not leave at the edge");
        Assert.Equal(Content.Rivers.Max(r => Geodesic.Length(r.Item.Geometry)), Geodesic.Length(great.Geometry));
        Assert.True(Content.Rivers.Count(r => r.Item.DownstreamCode == great.Code) >= 3);
        // Every other river rises inside the region.
        Assert.All(Content.Rivers.Skip(1), r => Assert.True(FromEdge(r.Item.Geometry.Coordinates[0]) > 100, $"{r.Item.Code} rises at the edge"));

        // Without a great river every network drains to the edge, and the dataset is just as valid.
        var plain = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 30, Seed = 2, GreatRiver = false });
        Assert.Empty(DatasetValidator.Validate(plain.Content));
        var plainEdge = System.Projection.Project(plain.Content.Areas[0].Item.Geometry.Boundary);
        Assert.All(plain.Content.Rivers.Where(r => r.Item.DownstreamCode is null), r =>
        {
            var (x, y) = System.Projection.Project(r.Item.Geometry.Coordinates[^1].X, r.Item.Geometry.Coordinates[^1].Y);
            Assert.True(plainEdge.Distance(MetricProjection.MetricFactory.CreatePoint(new Coordinate(x, y))) < 100);
        });
    }

    [Fact]
    public void Every_segment_lies_on_its_river()
    {
        foreach (var entry in System.Segments.Values)
        {
            var river = System.Rivers[entry.Segment.RiverCode].Line;
            for (var i = 0; i < entry.Line.VertexCount; i++)
            {
                var at = river.Locate(entry.Line.X[i], entry.Line.Y[i], 20);
                Assert.True(at is { } l && l.ProjectedDistance / river.ScaleFactor < 0.5, $"{entry.Segment.Code} vertex {i} is off its river");
            }
        }
    }

    [Fact]
    public void Segments_cover_each_river_in_each_area_at_every_required_level_except_where_defects_were_planted()
    {
        var defects = fixture.Result.Defects;
        var unassigned = defects.OfKind(DefectKind.Unassigned).ToDictionary(d => (d.RiverCode, d.Level, d.AreaCode));
        var gapsFound = 0;
        foreach (var river in System.Rivers.Values.Select(r => r.River))
        {
            foreach (var level in System.RequiredLevels(river))
            {
                var segments = System.SegmentsOn(river.Code, level);
                foreach (var stretch in System.StretchesOf(river.Code, level))
                {
                    var covered = IntervalSet.Empty;
                    foreach (var s in segments.Where(s => s.Segment.AreaCode == stretch.Area.Area.Code))
                        covered = covered.Union(System.AlignmentOf(s, 1.0).Covered);
                    var gap = stretch.Inside.Subtract(covered).WithoutShorterThan(25);
                    if (gap.IsEmpty) continue;
                    gapsFound++;
                    Assert.True(unassigned.TryGetValue((river.Code, level, stretch.Area.Area.Code), out var planted),
                        $"{river.Code} has an unplanned {gap.Length:0} m gap at {level} in {stretch.Area.Area.Code}");
                    Assert.InRange(gap.Length, planted.ExpectedLengthM - 25, planted.ExpectedLengthM + 25);
                }
            }
        }
        Assert.Equal(unassigned.Count, gapsFound);
        foreach (var d in unassigned.Values) Assert.DoesNotContain(Content.Segments, s => s.Item.Code == d.SegmentCode);
    }

    [Fact]
    public void Planted_defect_counts_match_the_requested_fraction()
    {
        var defects = fixture.Result.Defects;
        var expected = (int)Math.Round(0.05 * defects.BaseSegmentCount, MidpointRounding.AwayFromZero);
        Assert.True(expected >= 3, "the fixture is too small to plant defects of every kind");
        foreach (var kind in Enum.GetValues<DefectKind>()) Assert.Equal(expected, defects.Count(kind));
        Assert.Equal(defects.BaseSegmentCount - expected + expected, Content.Segments.Count); // dropped ones out, split-offs in
        Assert.Equal(defects.Items.Count, defects.Items.Select(d => (d.Kind, d.SegmentCode)).Distinct().Count());

        // Default: 2 % of each kind.
        var small = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 30, Seed = 5 });
        var twoPercent = (int)Math.Round(0.02 * small.Defects.BaseSegmentCount, MidpointRounding.AwayFromZero);
        foreach (var kind in Enum.GetValues<DefectKind>()) Assert.Equal(twoPercent, small.Defects.Count(kind));
        var none = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 30, Seed = 5 }.WithDefectFraction(0));
        Assert.Empty(none.Defects.Items);
        Assert.All(none.Content.Segments, s => Assert.NotNull(s.Item.ChiefId));
    }

    [Fact]
    public void Vacant_segments_are_exactly_the_planted_ones()
    {
        var planted = fixture.Result.Defects.OfKind(DefectKind.Vacant).ToDictionary(d => d.SegmentCode);
        var vacant = Content.Segments.Where(s => s.Item.ChiefId is null).ToList();
        Assert.Equal(planted.Keys.Order(), vacant.Select(s => s.Item.Code).Order());
        foreach (var s in vacant) Assert.Equal(planted[s.Item.Code].ExpectedLengthM, Geodesic.Length(s.Item.Geometry), 1.0);
    }

    [Fact]
    public void Spill_overs_and_overlaps_are_where_and_as_long_as_planted_and_nowhere_else()
    {
        var defects = fixture.Result.Defects;
        var spills = defects.OfKind(DefectKind.SpillOver).ToDictionary(d => d.SegmentCode);
        var overlaps = defects.OfKind(DefectKind.Overlap).ToList();
        foreach (var entry in System.Segments.Values)
        {
            var segment = entry.Segment;
            var covered = System.AlignmentOf(entry, 1.0).Covered;
            var own = System.StretchesOf(segment.RiverCode, segment.Level).Single(s => s.Area.Area.Code == segment.AreaCode).Inside;
            var outside = covered.Subtract(own).Length;
            if (spills.TryGetValue(segment.Code, out var spill)) Assert.Equal(spill.ExpectedLengthM, outside, 1.0);
            else Assert.True(outside < 1.0, $"{segment.Code} runs {outside:0.0} m outside its area");
        }
        // Pairwise overlaps of same-level segments on one river: only the planted pairs (split or spill-over), by the planted length.
        var expected = overlaps.ToDictionary(d => Pair(d.SegmentCode, d.OtherSegmentCode!), d => d.ExpectedLengthM);
        foreach (var s in spills.Values) expected[Pair(s.SegmentCode, s.OtherSegmentCode!)] = s.ExpectedLengthM;
        var found = new Dictionary<(string, string), double>();
        foreach (var group in System.Segments.Values.GroupBy(s => (s.Segment.RiverCode, s.Segment.Level)))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var common = System.AlignmentOf(list[i], 1.0).Covered.Intersect(System.AlignmentOf(list[j], 1.0).Covered).Length;
                    if (common > 1.0) found[Pair(list[i].Segment.Code, list[j].Segment.Code)] = common;
                }
            }
        }
        Assert.Equal(expected.Keys.Order(), found.Keys.Order());
        foreach (var (pair, length) in expected) Assert.Equal(length, found[pair], 1.0);
        Assert.All(overlaps, o => Assert.InRange(o.ExpectedLengthM, 100, 400));
        Assert.All(spills.Values, s => Assert.InRange(s.ExpectedLengthM, 200, 800));
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    [Fact]
    public void Every_area_has_one_general_chief_and_segments_have_chiefs_of_their_own_area()
    {
        var chiefs = Content.Chiefs.Select(c => c.Item).ToList();
        foreach (var area in Content.Areas.Select(a => a.Item))
            Assert.Single(chiefs, c => c.AreaCode == area.Code && c.Role == ChiefRole.General);
        var byId = chiefs.ToDictionary(c => c.Id);
        foreach (var s in Content.Segments.Select(s => s.Item).Where(s => s.ChiefId is not null))
        {
            Assert.Equal(s.AreaCode, byId[s.ChiefId!].AreaCode);
            Assert.Equal(ChiefRole.Chief, byId[s.ChiefId!].Role);
        }
        Assert.All(chiefs, c => Assert.Matches(new Regex("^13[0-9]{9}$"), c.Phone!));
        Assert.Equal(chiefs.Count, chiefs.Select(c => c.Phone).Distinct().Count());
        Assert.All(chiefs, c => Assert.InRange(c.Name.Length, 2, 3));
    }

    [Fact]
    public void Rivers_get_segments_at_their_level_and_every_level_below()
    {
        var dropped = fixture.Result.Defects.OfKind(DefectKind.Unassigned).Select(d => (d.RiverCode, d.Level)).ToHashSet();
        foreach (var river in Content.Rivers.Select(r => r.Item))
        {
            var levels = Content.Segments.Select(s => s.Item).Where(s => s.RiverCode == river.Code).Select(s => s.Level).ToHashSet();
            foreach (var level in AdminLevels.TopDown)
            {
                // A level may only lack segments when its only segment was dropped on purpose.
                if (level >= river.Level) Assert.True(levels.Contains(level) || dropped.Contains((river.Code, level)), $"{river.Code} has no {level} segment");
                else Assert.DoesNotContain(level, levels);
            }
        }
        Assert.Contains(Content.Rivers, r => r.Item.Level <= AdminLevel.County);
        Assert.Contains(Content.Rivers, r => r.Item.Level >= AdminLevel.Township);
    }

    [Fact]
    public void Outlets_lie_beside_their_river_and_patrol_tracks_follow_a_segment_of_their_chief()
    {
        Assert.NotEmpty(Content.Outlets);
        foreach (var outlet in Content.Outlets.Select(o => o.Item))
        {
            var line = System.Rivers[outlet.RiverCode!].Line;
            var (x, y) = System.Projection.Project(outlet.Location.X, outlet.Location.Y);
            var at = line.Locate(x, y, 200);
            Assert.NotNull(at);
            Assert.InRange(at.Value.ProjectedDistance / line.ScaleFactor, 9.5, 80.5);
        }
        var totalKm = Content.Rivers.Sum(r => Geodesic.Length(r.Item.Geometry)) / 1000;
        Assert.InRange(Content.Outlets.Count, totalKm / 5 * 0.8, totalKm / 5 * 1.2);

        Assert.NotEmpty(Content.PatrolTracks);
        var cheats = fixture.Result.Defects.Cheats.Select(c => (c.ChiefId, c.StartedAt)).ToHashSet();
        var segmentsByChief = Content.Segments.Select(s => s.Item).Where(s => s.ChiefId is not null).ToLookup(s => s.ChiefId!);
        foreach (var track in Content.PatrolTracks.Select(t => t.Item).Where(t => !cheats.Contains((t.ChiefId, t.StartedAt))))
        {
            Assert.InRange(track.StartedAt, fixture.Options.PatrolFirstMonth.ToDateTime(TimeOnly.MinValue), fixture.Options.PatrolFirstMonth.AddMonths(fixture.Options.PatrolMonths).ToDateTime(TimeOnly.MinValue));
            Assert.Equal(TimeSpan.FromHours(8), track.StartedAt.Offset);
            Assert.InRange((track.EndedAt - track.StartedAt).TotalMinutes, 15, 90);
            Assert.Equal(track.Track.NumPoints, track.Times!.Count);
            if (Content.Chiefs.Single(c => c.Item.Id == track.ChiefId).Item.Role == ChiefRole.General) continue;
            var middle = track.Track.GetPointN(track.Track.NumPoints / 2);
            var near = segmentsByChief[track.ChiefId].Any(s => s.Geometry.IsWithinDistance(middle, 0.0003));
            Assert.True(near, $"the track of {track.ChiefId} at {track.StartedAt:O} is not on one of its segments");
        }
    }

    [Fact]
    public void Counts_scale_with_the_number_of_rivers()
    {
        var small = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 40, Seed = 9 });
        var large = SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 160, Seed = 9 });
        Assert.Equal(40, small.Content.Rivers.Count);
        Assert.Equal(160, large.Content.Rivers.Count);
        Assert.InRange(large.Statistics.RegionAreaKm2 / small.Statistics.RegionAreaKm2, 3.9, 4.1);
        Assert.InRange(large.Statistics.TotalRiverKm / small.Statistics.TotalRiverKm, 2.5, 6);
        foreach (var level in new[] { AdminLevel.Township, AdminLevel.Village })
        {
            int Count(GeneratedProvince p) => p.Content.Areas.Count(a => a.Item.Level == level);
            Assert.InRange((double)Count(large) / Count(small), 3, 5);
        }
        Assert.True(large.Content.Chiefs.Count > 2.5 * small.Content.Chiefs.Count);
        Assert.True(large.Content.Segments.Count > 2.5 * small.Content.Segments.Count);
        Assert.True(large.Content.Outlets.Count > 2.5 * small.Content.Outlets.Count);
        // At province scale the counts are a real province's: ~17 cities, ~180 counties, ~2500 townships, ~26000 villages.
        var province = SyntheticProvinceGenerator.CountsFor(20_000);
        Assert.InRange(province.Cities, 15, 20);
        Assert.InRange(province.Counties, 160, 200);
        Assert.InRange(province.Townships, 2300, 2700);
        Assert.InRange(province.Villages, 25_000, 28_000);
    }

    [Fact]
    public void GenerateTo_writes_the_dataset_and_the_defect_manifest_beside_it()
    {
        var root = Path.Combine(Path.GetTempPath(), "rivergis-generate-to-" + Guid.NewGuid().ToString("N"));
        try
        {
            var folder = Path.Combine(root, "province");
            var result = SyntheticProvinceGenerator.GenerateTo(new GeneratorOptions { Rivers = 20, Seed = 1 }.WithDefectFraction(0.05), folder);
            Assert.Empty(new DatasetReader().Read(folder).Problems);
            Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(DatasetFiles.Manifest, StringComparison.Ordinal));
            var manifest = global::System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(folder + ".planted_defects.json"))!;
            Assert.Equal(result.Defects.BaseSegmentCount, (int)manifest["base_segment_count"]!);
            Assert.Equal(result.Defects.Count(DefectKind.SpillOver), (int)manifest["counts"]!["spill_over"]!);
            var defects = manifest["defects"]!.AsArray();
            Assert.Equal(result.Defects.Items.Count, defects.Count);
            Assert.All(defects, d => Assert.True((double)d!["expected_length_m"]! > 0));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => SyntheticProvinceGenerator.Generate(new GeneratorOptions { Rivers = 0 }));
        Assert.Throws<ArgumentException>(() => SyntheticProvinceGenerator.Generate(new GeneratorOptions { ProvinceCode = "5" }));
        Assert.Throws<ArgumentException>(() => SyntheticProvinceGenerator.Generate(new GeneratorOptions { VacantFraction = 0.5 }));
        Assert.Equal("synthetic-52-n20000-s42", new GeneratorOptions { Rivers = 20000, Seed = 42, ProvinceCode = "52" }.DatasetCode);
    }
}
