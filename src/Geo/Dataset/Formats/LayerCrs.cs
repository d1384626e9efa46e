using NetTopologySuite.Geometries;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Dataset.Formats;

/// <summary>Chooses a layer's CRS from what its file states and what the caller named, and brings its geometries to WGS84.</summary>
internal sealed class LayerCrs
{
    private readonly Wgs84Reprojector _reprojector;

    private LayerCrs(SourceCrs crs) => _reprojector = new Wgs84Reprojector(crs);

    /// <summary>
    /// The layer's CRS: the file's when it states a readable one (a different one named by the caller is an error),
    /// the caller's when the file states none or an unreadable one, else null with the problem added to the layer.
    /// </summary>
    /// <param name="stated">What the file states; null when it states nothing.</param>
    /// <param name="missing">What is missing, for the message (e.g. "no .prj file").</param>
    public static LayerCrs? Choose(LayerContent layer, CrsRecognition? stated, string missing, DatasetReadOptions options)
    {
        var named = options.Crs;
        SourceCrs? crs;
        if (stated is null)
        {
            crs = named;
            if (crs is null) layer.Fail("crs", $"the file states no coordinate reference system ({missing}); name the CRS of its coordinates, e.g. EPSG:4527");
        }
        else if (stated.Value.Crs is { } found)
        {
            crs = found;
            if (named is not null && !SameMath(found, named))
            {
                layer.Fail("crs", $"the file states {found.Label}, but {named.Label} was named; leave the CRS out or correct the file");
                crs = null;
            }
        }
        else
        {
            crs = named;
            if (crs is null) layer.Fail("crs", stated.Value.Problem!);
            else layer.Notes.Add(new(layer.Source, null, null, "crs", $"the file's CRS cannot be used ({stated.Value.Problem}); {crs.Label} as named is used instead"));
        }
        layer.Crs = crs;
        return crs is null ? null : new LayerCrs(crs);
    }

    public Geometry? ToWgs84(Geometry geometry, out string? problem) => _reprojector.Reproject(geometry, out problem);

    /// <summary>Two CRSs that put a coordinate at the same place (names, EPSG codes and CGCS2000 vs WGS 84 aside).</summary>
    private static bool SameMath(SourceCrs a, SourceCrs b) => Equals(a.Projection, b.Projection);
}
