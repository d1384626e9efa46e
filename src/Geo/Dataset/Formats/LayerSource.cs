namespace RiverGis.Geo.Dataset.Formats;

/// <summary>Where one layer of a dataset, or a proposal to check, comes from.</summary>
/// <param name="Name">What problems are reported under: <c>segments.geojson</c>, <c>segments.shp</c>, <c>plan.gpkg:segments</c>.</param>
public abstract record LayerSource(string Name)
{
    /// <summary>A GeoJSON FeatureCollection file (read by the streaming GeoJSON reader, not through <see cref="Read"/>).</summary>
    public sealed record GeoJson(string Path) : LayerSource(System.IO.Path.GetFileName(Path));

    /// <summary>A Shapefile on disk (its .dbf, .prj, .cpg beside it).</summary>
    public sealed record Shapefile(string Path) : LayerSource(System.IO.Path.GetFileName(Path));

    /// <summary>A zipped Shapefile: the only one in the archive, or the one named <paramref name="Layer"/>.</summary>
    public sealed record ZippedShapefile(string Path, string? Layer) : LayerSource(System.IO.Path.GetFileName(Path));

    /// <summary>A feature table of a GeoPackage.</summary>
    public sealed record GeoPackage(string Path, string Table) : LayerSource($"{System.IO.Path.GetFileName(Path)}:{Table}");

    /// <summary>Reads a Shapefile or GeoPackage layer (the caller disposes the result).</summary>
    public LayerContent Read(DatasetReadOptions options)
    {
        switch (this)
        {
            case Shapefile s:
                return ShapefileLayerReader.Read(ShapefileFiles.FromFolder(s.Path), options);
            case ZippedShapefile z:
            {
                using var stream = File.OpenRead(z.Path);
                var files = ShapefileFiles.FromZip(stream, Name, z.Layer, out var problem);
                if (files is not null) return ShapefileLayerReader.Read(files, options);
                var failed = new LayerContent(Name);
                failed.Fail(null, problem!);
                return failed;
            }
            case GeoPackage g:
            {
                using var reader = GeoPackageLayerReader.Open(g.Path, System.IO.Path.GetFileName(g.Path), out var problem);
                if (reader is not null) return reader.Read(g.Table, options);
                var failed = new LayerContent(Name);
                failed.Fail(null, problem!);
                return failed;
            }
            default:
                throw new InvalidOperationException($"{Name} is read by the GeoJSON reader");
        }
    }
}

/// <summary>
/// Finds the layers of a dataset folder. Each layer (admin_areas, rivers, segments, outlets, patrol_tracks) comes from
/// exactly one of: <c>&lt;layer&gt;.geojson</c>, <c>&lt;layer&gt;.shp</c> (with .dbf, .prj, optional .cpg),
/// <c>&lt;layer&gt;.zip</c> (a zipped Shapefile), or a table named <c>&lt;layer&gt;</c> in a <c>.gpkg</c> of the folder.
/// </summary>
public static class DatasetLayers
{
    public const string AdminAreas = "admin_areas", Rivers = "rivers", Segments = "segments", Outlets = "outlets", PatrolTracks = "patrol_tracks";
    public const string Sections = "sections", WaterBodies = "water_bodies", Zones = "water_body_zones", Signboards = "signboards";

    public static readonly IReadOnlyList<string> All = [AdminAreas, Rivers, Segments, Outlets, PatrolTracks, Sections, WaterBodies, Zones, Signboards];

    public static readonly IReadOnlyList<string> Required = [AdminAreas, Rivers, Segments];

    /// <summary>The GeoJSON file name a layer has in the dataset format (the name validation problems use).</summary>
    public static string GeoJsonFile(string layer) => layer + ".geojson";

    /// <summary>Every layer's source; a layer given twice, and GeoPackage tables of no known layer, are reported.</summary>
    public static Dictionary<string, LayerSource> Find(string folder, List<DatasetProblem> problems, List<DatasetProblem> warnings)
    {
        var candidates = new List<(string Layer, LayerSource Source)>();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var layer = All.FirstOrDefault(l => string.Equals(Path.GetFileNameWithoutExtension(file), l, StringComparison.OrdinalIgnoreCase));
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (extension == ".gpkg")
            {
                candidates.AddRange(GeoPackageLayers(file, problems, warnings));
                continue;
            }
            if (layer is null) continue;
            LayerSource? source = extension switch
            {
                ".geojson" => new LayerSource.GeoJson(file),
                ".shp" => new LayerSource.Shapefile(file),
                ".zip" => new LayerSource.ZippedShapefile(file, layer),
                _ => null,
            };
            if (source is not null) candidates.Add((layer, source));
        }
        var found = new Dictionary<string, LayerSource>();
        foreach (var group in candidates.GroupBy(c => c.Layer))
        {
            if (group.Count() > 1)
                problems.Add(new(group.First().Source.Name, null, null, null,
                    $"layer {group.Key} is given {group.Count()} times ({string.Join(", ", group.Select(c => c.Source.Name))}); keep one"));
            else
                found[group.Key] = group.Single().Source;
        }
        return found;
    }

    private static IEnumerable<(string, LayerSource)> GeoPackageLayers(string file, List<DatasetProblem> problems, List<DatasetProblem> warnings)
    {
        var name = Path.GetFileName(file);
        using var reader = GeoPackageLayerReader.Open(file, name, out var problem);
        if (reader is null)
        {
            problems.Add(new(name, null, null, null, problem!));
            return [];
        }
        var layers = new List<(string, LayerSource)>();
        foreach (var table in reader.Layers)
        {
            var layer = All.FirstOrDefault(l => string.Equals(l, table, StringComparison.OrdinalIgnoreCase));
            if (layer is null)
                warnings.Add(new(name, null, null, null, $"layer '{table}' is not a layer of the dataset format ({string.Join(", ", All)}) and was ignored"));
            else
                layers.Add((layer, new LayerSource.GeoPackage(file, table)));
        }
        return layers;
    }
}
