using System.Text.Json;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Dataset.Formats;

/// <summary>
/// One feature of a Shapefile or GeoPackage layer, ready for the dataset reader: its 0-based position in the layer
/// (the record number, as ArcGIS and OGR count), its attributes as a GeoJSON-style "properties" object and its
/// geometry in WGS84 — or, when the geometry could not be brought there, null and the reason.
/// </summary>
public sealed record LayerFeature(int Index, JsonElement Properties, Geometry? Geometry, string? GeometryProblem);

/// <summary>A layer read: its features, and what concerns the layer as a whole (no CRS, unreadable file…).</summary>
/// <param name="Source">The name problems are reported under, e.g. <c>segments.shp</c> or <c>plan.gpkg:segments</c>.</param>
/// <param name="Problems">Layer-level problems: when there is one, nothing of the layer is usable.</param>
/// <param name="Notes">Layer-level warnings (e.g. the caller's CRS used in place of one that could not be read).</param>
public sealed class LayerContent(string source) : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    public string Source { get; } = source;
    public List<LayerFeature> Features { get; } = [];
    public List<DatasetProblem> Problems { get; } = [];
    public List<DatasetProblem> Notes { get; } = [];
    public SourceCrs? Crs { get; set; }

    internal void Add(int index, JsonDocument properties, Geometry? geometry, string? problem)
    {
        _documents.Add(properties);
        Features.Add(new(index, properties.RootElement, geometry, problem));
    }

    internal void Fail(string? property, string message) => Problems.Add(new(Source, null, null, property, message));

    public void Dispose()
    {
        foreach (var d in _documents) d.Dispose();
        _documents.Clear();
    }
}
