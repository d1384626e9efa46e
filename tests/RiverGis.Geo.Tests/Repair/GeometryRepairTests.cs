using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Dataset.Formats;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Repair;

namespace RiverGis.Geo.Tests.Repair;

public class GeometryRepairTests
{
    private static byte[] Segments(string geometry) => Encoding.UTF8.GetBytes($$$"""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"code": "S-0", "river_code": "R1", "level": "county", "area_code": "C01"},
           "geometry": {"type": "LineString", "coordinates": [[100.0, 30.0], [100.01, 30.0]]}},
          {"type": "Feature", "properties": {"code": "S-1", "river_code": "R1", "level": "county", "area_code": "C01"}, "geometry": {{{geometry}}}}
        ]}
        """);

    private static (List<RiverGis.Geo.Dataset.Sourced<RiverGis.Geo.Model.Segment>> Segments, List<DatasetProblem> Problems, List<DatasetProblem> Warnings) Read(
        string geometry, bool strict = false)
    {
        var problems = new List<DatasetProblem>();
        var warnings = new List<DatasetProblem>();
        var segments = new DatasetReader(options: new DatasetReadOptions(Strict: strict)).ReadSegments(Segments(geometry), "plan.geojson", problems, warnings);
        return (segments, problems, warnings);
    }

    // A clipping artefact: a part of two identical positions. Repeated positions. Both are repaired with a warning
    // naming the file, the feature and the part.
    [Theory]
    [InlineData("""{"type": "MultiLineString", "coordinates": [[[100.01, 30.0], [100.02, 30.0]], [[100.02, 30.0], [100.02, 30.0]]]}""",
        "geometry.coordinates[1]", "zero-length part removed (2 identical positions at (100.02 30))", 2)]
    [InlineData("""{"type": "MultiLineString", "coordinates": [[[100.02, 30.0], [100.02, 30.0], [100.02, 30.0]], [[100.01, 30.0], [100.02, 30.0]]]}""",
        "geometry.coordinates[0]", "zero-length part removed (3 identical positions", 2)]
    [InlineData("""{"type": "LineString", "coordinates": [[100.01, 30.0], [100.015, 30.0], [100.015, 30.0], [100.02, 30.0]]}""",
        "geometry.coordinates", "1 repeated consecutive position removed", 3)]
    [InlineData("""{"type": "MultiLineString", "coordinates": [[[100.01, 30.0], [100.01, 30.0], [100.01, 30.0], [100.02, 30.0]]]}""",
        "geometry.coordinates[0]", "2 repeated consecutive positions removed", 2)]
    public void Trivial_defects_are_repaired_with_a_warning(string geometry, string where, string what, int positionsLeft)
    {
        var (segments, problems, warnings) = Read(geometry);
        Assert.Empty(problems);
        Assert.Equal(2, segments.Count);
        var warning = Assert.Single(warnings);
        Assert.Equal(("plan.geojson", 1, where), (warning.File, warning.FeatureIndex, warning.Property));
        Assert.Contains(what, warning.Message);
        Assert.Equal(positionsLeft, segments[1].Item.Geometry.NumPoints);
        Assert.True(segments[1].Item.Geometry.IsValid);

        var (strictSegments, strictProblems, strictWarnings) = Read(geometry, strict: true);
        Assert.Single(strictSegments);
        Assert.Empty(strictWarnings);
        var refusal = Assert.Single(strictProblems);
        Assert.Equal((1, where), (refusal.FeatureIndex, refusal.Property));
        Assert.Contains("refused in strict mode", refusal.Message);
    }

    [Theory]
    [InlineData("""{"type": "LineString", "coordinates": [[100.01, 30.0], [100.01, 30.0]]}""", "geometry.coordinates", "at least two distinct positions")]
    [InlineData("""{"type": "MultiLineString", "coordinates": [[[100.01, 30.0], [100.01, 30.0]]]}""", "geometry.coordinates", "every part has zero length")]
    [InlineData("""{"type": "LineString", "coordinates": [[100.05, 30.02], [100.06, 30.03], [100.05, 30.03], [100.06, 30.02]]}""", "geometry", "self-intersecting")]
    [InlineData("""{"type": "MultiLineString", "coordinates": [[[100.01, 30.0]]]}""", "geometry.coordinates[0]", "at least two distinct positions")]
    public void What_is_not_trivially_repairable_stays_an_error(string geometry, string where, string fragment)
    {
        var (segments, problems, warnings) = Read(geometry);
        Assert.Single(segments);
        Assert.Empty(warnings);
        Assert.Contains(problems, p => p.FeatureIndex == 1 && p.Property == where && p.Message.Contains(fragment));
    }

    private static readonly GeoJsonGeometryReader Repairing = new(repairer: new GeometryRepairer());

    // 1e-6° of latitude is 0.11 m, inside the 0.5 m tolerance; 1e-4° (11 m) is not.
    [Theory]
    [InlineData("[[100.0, 30.0], [100.01, 30.0], [100.01, 30.01], [100.0, 30.000001]]", RepairKind.RingClosed, "geometry.coordinates[0]", "ends were 0.111 m apart", 5)]
    [InlineData("[[100.0, 30.0], [100.01, 30.0], [100.01, 30.0], [100.01, 30.01], [100.0, 30.0]]", RepairKind.RepeatedPositions, "geometry.coordinates[0]", "1 repeated", 4)]
    public void Rings_closed_within_the_tolerance_and_without_repeats(string ring, RepairKind kind, string where, string what, int positions)
    {
        using var doc = JsonDocument.Parse($$"""{"type": "Polygon", "coordinates": [{{ring}}]}""");
        var errors = new List<string>();
        var repairs = new List<GeometryRepair>();
        var polygon = (Polygon)Repairing.Read(doc.RootElement, "geometry", errors, repairs)!;
        Assert.Empty(errors);
        var repair = Assert.Single(repairs);
        Assert.Equal((kind, where), (repair.Kind, repair.Where));
        Assert.Contains(what, repair.What);
        Assert.True(polygon.IsValid);
        Assert.Equal(positions, polygon.Shell.NumPoints);
    }

    [Theory]
    [InlineData("[[100.0, 30.0], [100.01, 30.0], [100.01, 30.01], [100.0, 30.0001]]", "geometry.coordinates[0]: ring is not closed (first and last positions differ by 11.1 m")]
    [InlineData("[[100.0, 30.0], [100.01, 30.0], [100.01, 30.0], [100.0, 30.0]]", "geometry.coordinates[0]: a ring needs at least 4 positions, 3 remain")]
    public void Rings_beyond_repair_stay_errors(string ring, string error)
    {
        using var doc = JsonDocument.Parse($$"""{"type": "Polygon", "coordinates": [{{ring}}]}""");
        var errors = new List<string>();
        Assert.Null(Repairing.Read(doc.RootElement, "geometry", errors, []));
        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_repairer_the_geojson_reader_refuses_as_before()
    {
        using var doc = JsonDocument.Parse("""{"type": "MultiLineString", "coordinates": [[[100.01, 30.0], [100.02, 30.0]], [[100.02, 30.0], [100.02, 30.0]]]}""");
        var errors = new List<string>();
        Assert.Null(new GeoJsonGeometryReader().Read(doc.RootElement, "geometry", errors));
        Assert.Equal("geometry.coordinates[1]: a line needs at least two distinct positions", Assert.Single(errors));
    }
}
