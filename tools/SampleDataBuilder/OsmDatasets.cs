using System.Globalization;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using RiverGis.Geo.Model;

namespace RiverGis.SampleDataBuilder;

/// <summary>Areas and rivers of the two OSM extracts (Liechtenstein 2013, Andorra 2013).</summary>
public static class OsmDatasets
{
    private static readonly HashSet<string> KeptWaterways = ["river", "stream", "canal", "drain", "ditch"];

    // No ISO/ref codes are tagged on the 2013 Gemeinde relations, so the ISO 3166-2:LI codes are mapped by name.
    private static readonly Dictionary<string, string> LiGemeinden = new()
    {
        ["Balzers"] = "LI-01",
        ["Eschen"] = "LI-02",
        ["Gamprin"] = "LI-03",
        ["Mauren"] = "LI-04",
        ["Planken"] = "LI-05",
        ["Ruggell"] = "LI-06",
        ["Schaan"] = "LI-07",
        ["Schellenberg"] = "LI-08",
        ["Triesen"] = "LI-09",
        ["Triesenberg"] = "LI-10",
        ["Vaduz"] = "LI-11",
    };

    private static readonly Dictionary<string, string> AdParishes = new()
    {
        ["Encamp"] = "AD-03",
        ["La Massana"] = "AD-04",
        ["Ordino"] = "AD-05",
        ["Sant Julià de Lòria"] = "AD-06",
        ["Andorra la Vella"] = "AD-07",
        ["Escaldes-Engordany"] = "AD-08",
    };

    public static Dataset Liechtenstein(string shared)
    {
        var ds = new Dataset
        {
            Code = "liechtenstein",
            Name = "Liechtenstein",
            Prefix = "LI",
            Utm = new Utm(32),
            UtcOffset = CentralEuropean,
        };
        var dir = Path.Combine(shared, "osm_liechtenstein_2013");
        var features = Geo.ReadFeatures(Path.Combine(dir, "admin_areas.geojson")).ToList();

        var country = features.Single(f => Geo.Str(f, "admin_level") == "2");
        ds.Add(new AdminArea("LI", "Liechtenstein", AdminLevel.City, null, Geo.RoundPolygonal(country.Geometry)), new Provenance(Src(country), false));
        foreach (var (name, code) in new[] { ("Wahlkreis Oberland", "LI-OB"), ("Wahlkreis Unterland", "LI-UL") })
        {
            var f = features.Single(x => Geo.Str(x, "name") == name && Geo.Str(x, "admin_level") == "6");
            ds.Add(new AdminArea(code, name, AdminLevel.County, "LI", Geo.RoundPolygonal(f.Geometry)), new Provenance(Src(f) + "; code synthetic", false));
        }
        var counties = ds.Areas.Where(a => a.Level == AdminLevel.County).ToList();
        foreach (var f in features.Where(x => Geo.Str(x, "admin_level") == "8").OrderBy(x => LiGemeinden[Geo.Str(x, "name")!], StringComparer.Ordinal))
        {
            var geom = Geo.RoundPolygonal(f.Geometry);
            // The Wahlkreis is the county that holds (nearly) all of the Gemeinde, exclaves included.
            var parent = counties.MaxBy(c => c.Geometry.Intersection(geom).Area)!;
            ds.Add(new AdminArea(LiGemeinden[Geo.Str(f, "name")!], Geo.Str(f, "name")!, AdminLevel.Township, parent.Code, geom), new Provenance(Src(f), false));
        }
        if (ds.Areas.Count(a => a.Level == AdminLevel.Township) != 11) throw new InvalidDataException("expected 11 Gemeinden");

        // Rhein is a border river (city); the four main inland waters are county rivers; the rest township.
        var county = new HashSet<string> { "Samina", "Esche", "Binnenkanal", "Spirsbach; Spiersbach" };
        AddRivers(ds, Path.Combine(dir, "waterways.geojson"),
            name => name == "Rhein" ? AdminLevel.City : county.Contains(name) ? AdminLevel.County : AdminLevel.Township);
        return ds;
    }

    public static Dataset Andorra(string shared)
    {
        var ds = new Dataset
        {
            Code = "andorra",
            Name = "Andorra",
            Prefix = "AD",
            Utm = new Utm(31),
            UtcOffset = CentralEuropean,
        };
        var dir = Path.Combine(shared, "osm_andorra_2013");
        var parishes = Geo.ReadFeatures(Path.Combine(dir, "admin_areas.geojson"))
            .OrderBy(f => AdParishes[Geo.Str(f, "name")!], StringComparer.Ordinal)
            .Select(f => (Area: new AdminArea(AdParishes[Geo.Str(f, "name")!], Geo.Str(f, "name")!, AdminLevel.Township, "AD",
                Geo.RoundPolygonal(f.Geometry)), Source: new Provenance(Src(f), false)))
            .ToList();
        if (parishes.Count != 6) throw new InvalidDataException("expected 6 parishes");
        // Canillo and the national boundary are missing from the extract: the county is only the union of the six.
        var union = UnaryUnionNG.Union(parishes.Select(p => p.Area.Geometry), Geo.Factory, Geo.Grid);
        ds.Add(new AdminArea("AD", "Andorra", AdminLevel.County, null, union), new Provenance("derived: union of the 6 OSM parishes (Canillo missing)", true));
        foreach (var (area, source) in parishes) ds.Add(area, source);

        var county = new HashSet<string> { "Valira", "Valira del Nord", "Valira d'Orient" };
        AddRivers(ds, Path.Combine(dir, "waterways.geojson"), name => county.Contains(name) ? AdminLevel.County : AdminLevel.Township);
        return ds;
    }

    /// <summary>Europe/Vaduz and Europe/Andorra: CEST until the last Sunday of October 2026, then CET.</summary>
    private static TimeSpan CentralEuropean(DateTime local) =>
        local < new DateTime(2026, 10, 25, 3, 0, 0) ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1);

    private static string Src(IFeature f) => $"OpenStreetMap 2013, osm_id {Geo.Str(f, "osm_id")}";

    /// <summary>One river per name: all named ways of a kept kind, chained in their own (downstream) direction.</summary>
    private static void AddRivers(Dataset ds, string path, Func<string, AdminLevel> level)
    {
        var ways = Geo.ReadFeatures(path)
            .Where(f => KeptWaterways.Contains(Geo.Str(f, "waterway") ?? "") && !string.IsNullOrWhiteSpace(Geo.Str(f, "name")))
            .OrderBy(f => long.Parse(Geo.Str(f, "osm_id")!, CultureInfo.InvariantCulture))
            .ToList();
        foreach (var group in ways.GroupBy(f => Geo.Str(f, "name")!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var chains = Chain(group.Select(f => Geo.RoundLine((LineString)f.Geometry)).ToList());
            var parts = chains.SelectMany(Geo.SplitSimple).Where(p => p.NumPoints >= 2 && p.Length > 0).ToList();
            var geom = Geo.LineGeometry(parts);
            if (!geom.IsSimple) throw new InvalidDataException($"river {group.Key} is not simple after splitting");
            var ids = string.Join(",", group.Select(f => Geo.Str(f, "osm_id")));
            ds.Add(new River($"{ds.Prefix}-R-{Slug(group.Key)}", group.Key, level(group.Key), null, geom),
                new Provenance($"OpenStreetMap 2013, osm_id {ids}", false));
        }
        ds.Rivers.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
    }

    /// <summary>
    /// Joins ways end-to-start where the junction is unambiguous (one way in, one way out). Ways are never
    /// reversed: OSM waterways are digitised downstream, so the result keeps the flow direction.
    /// </summary>
    private static List<LineString> Chain(List<LineString> ways)
    {
        var starts = ways.Select((w, i) => (Key: w.StartPoint.Coordinate, i)).ToLookup(x => x.Key, x => x.i);
        var ends = ways.Select((w, i) => (Key: w.EndPoint.Coordinate, i)).ToLookup(x => x.Key, x => x.i);
        var next = new int?[ways.Count];
        var hasPrev = new bool[ways.Count];
        for (int i = 0; i < ways.Count; i++)
        {
            var end = ways[i].EndPoint.Coordinate;
            if (ends[end].Count() == 1 && starts[end].Count() == 1 && starts[end].Single() != i)
            {
                next[i] = starts[end].Single();
                hasPrev[next[i]!.Value] = true;
            }
        }
        var used = new bool[ways.Count];
        var result = new List<LineString>();
        // Heads first; any leftover would be a cycle, which is started anywhere.
        foreach (var head in Enumerable.Range(0, ways.Count).OrderBy(i => hasPrev[i] ? 1 : 0).ThenBy(i => i))
        {
            if (used[head]) continue;
            var coords = new List<Coordinate>();
            for (int? i = head; i is int k && !used[k]; i = next[k])
            {
                used[k] = true;
                coords.AddRange(coords.Count == 0 ? ways[k].Coordinates : ways[k].Coordinates.Skip(1));
            }
            result.Add(Geo.Factory.CreateLineString([.. coords]));
        }
        return result;
    }

    /// <summary>ASCII code fragment: umlauts spelled out, accents dropped, first name of "A; B" lists.</summary>
    public static string Slug(string name)
    {
        var s = name.Split(';')[0].Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var ch in s)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(char.ToUpperInvariant(ch));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}
