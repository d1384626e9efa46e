using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace RiverGis.SampleDataBuilder;

/// <summary>
/// Checks the rendered bytes (parsed back, exactly as a consumer would read them) against the dataset contract.
/// Any finding aborts the run before a file is written.
/// </summary>
public sealed class Validator
{
    private static readonly string[] LevelNames = ["province", "city", "county", "township", "village"];
    private readonly List<string> _errors = [];
    private readonly HashSet<string> _globalCodes = [];
    private readonly HashSet<string> _phones = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Check(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        void Fail(string msg) => _errors.Add($"{folder}: {msg}");
        foreach (var (name, bytes) in files)
            if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) Fail($"{name} has a BOM");

        using (var meta = JsonDocument.Parse(files["dataset.json"]))
            if (meta.RootElement.GetProperty("code").GetString() != folder) Fail("dataset.json code differs from folder name");

        var areas = Read(files, "admin_areas.geojson", Fail, typeof(Polygon), typeof(MultiPolygon));
        var rivers = Read(files, "rivers.geojson", Fail, typeof(LineString), typeof(MultiLineString));
        var segments = Read(files, "segments.geojson", Fail, typeof(LineString), typeof(MultiLineString));
        var outlets = Read(files, "outlets.geojson", Fail, typeof(Point));
        var tracks = Read(files, "patrol_tracks.geojson", Fail, typeof(LineString));

        var areaLevel = new Dictionary<string, int>();
        foreach (var a in areas)
        {
            var code = Unique(S(a, "code"), "area", Fail);
            int level = Array.IndexOf(LevelNames, S(a, "level"));
            if (level < 0) Fail($"area {code}: bad level");
            if (string.IsNullOrWhiteSpace(S(a, "name"))) Fail($"area {code}: no name");
            areaLevel[code] = level;
        }
        foreach (var a in areas)
        {
            var parent = S(a, "parent_code");
            if (parent is not null && (!areaLevel.TryGetValue(parent, out var pl) || pl >= areaLevel[S(a, "code")!]))
                Fail($"area {S(a, "code")}: parent {parent} missing or not above it");
        }

        var lines = Encoding.UTF8.GetString(files["chiefs.csv"]).Split('\n');
        if (lines[0] != "id,name,role,area_code,phone") Fail("chiefs.csv header");
        var chiefArea = new Dictionary<string, string>();
        var generals = new Dictionary<string, int>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var c = line.Split(',');
            if (c.Length != 5) { Fail($"chiefs.csv: bad row {line}"); continue; }
            Unique(c[0], "chief", Fail);
            chiefArea[c[0]] = c[3];
            if (c[2] is not ("general" or "chief")) Fail($"chief {c[0]}: bad role");
            if (!areaLevel.ContainsKey(c[3])) Fail($"chief {c[0]}: unknown area {c[3]}");
            if (!_phones.Add(c[4])) Fail($"chief {c[0]}: duplicate phone");
            if (c[2] == "general") generals[c[3]] = generals.GetValueOrDefault(c[3]) + 1;
        }
        foreach (var code in areaLevel.Keys.Where(k => generals.GetValueOrDefault(k) != 1)) Fail($"area {code}: not exactly one general chief");

        var riverLevel = new Dictionary<string, int>();
        foreach (var r in rivers)
            riverLevel[Unique(S(r, "code"), "river", Fail)] = Array.IndexOf(LevelNames, S(r, "level"));
        var downstream = rivers.Where(r => S(r, "downstream_code") is not null).ToDictionary(r => S(r, "code")!, r => S(r, "downstream_code")!);
        foreach (var (from, to) in downstream)
        {
            if (!riverLevel.ContainsKey(to) || to == from) Fail($"river {from}: bad downstream_code {to}");
            var seen = new HashSet<string> { from };
            for (var cur = to; cur is not null && downstream.TryGetValue(cur, out var next); cur = next)
                if (!seen.Add(cur)) { Fail($"river {from}: downstream cycle"); break; }
        }
        foreach (var r in rivers.Where(r => riverLevel[S(r, "code")!] < 0)) Fail($"river {S(r, "code")}: bad level");

        foreach (var s in segments)
        {
            var code = Unique(S(s, "code"), "segment", Fail);
            var river = S(s, "river_code");
            var area = S(s, "area_code");
            int level = Array.IndexOf(LevelNames, S(s, "level"));
            if (river is null || !riverLevel.TryGetValue(river, out var rl)) { Fail($"segment {code}: unknown river"); continue; }
            if (area is null || !areaLevel.TryGetValue(area, out var al)) { Fail($"segment {code}: unknown area"); continue; }
            if (level != al) Fail($"segment {code}: level differs from its area's level");
            if (level < rl) Fail($"segment {code}: level above its river's level");
            var chief = S(s, "chief_id");
            if (chief is not null && chiefArea.GetValueOrDefault(chief) != area) Fail($"segment {code}: chief {chief} not of area {area}");
        }

        foreach (var o in outlets)
        {
            var code = Unique(S(o, "code"), "outlet", Fail);
            if (S(o, "kind") is not ("industrial" or "municipal" or "agricultural" or "aquaculture" or "other")) Fail($"outlet {code}: kind");
            if (S(o, "scale") is not ("above" or "below")) Fail($"outlet {code}: scale");
            if (S(o, "permit") is not ("approved" or "pending" or "none")) Fail($"outlet {code}: permit");
            if (S(o, "river_code") is { } rc && !riverLevel.ContainsKey(rc)) Fail($"outlet {code}: unknown river");
        }

        foreach (var t in tracks)
        {
            var chief = S(t, "chief_id");
            if (chief is null || !chiefArea.ContainsKey(chief)) Fail($"track of unknown chief {chief}");
            var start = DateTimeOffset.ParseExact(S(t, "started_at")!, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            var end = DateTimeOffset.ParseExact(S(t, "ended_at")!, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            if (end <= start || (end - start).TotalMinutes > 180) Fail($"track of {chief}: bad times");
        }
    }

    private string Unique(string? code, string what, Action<string> fail)
    {
        if (string.IsNullOrWhiteSpace(code)) { fail($"{what} without code"); return ""; }
        if (!_globalCodes.Add(code)) fail($"{what} code {code} is not unique");
        return code;
    }

    private static string? S(IFeature f, string key) => f.Attributes.Exists(key) ? f.Attributes[key] as string : null;

    private static List<IFeature> Read(IReadOnlyDictionary<string, byte[]> files, string name, Action<string> fail, params Type[] types)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        var fc = JsonSerializer.Deserialize<FeatureCollection>(files[name], options)!;
        foreach (var f in fc)
        {
            var id = $"{name} {S(f, "code") ?? S(f, "chief_id")}";
            var g = f.Geometry;
            if (g is null || g.IsEmpty) { fail($"{id}: empty geometry"); continue; }
            if (!types.Contains(g.GetType())) fail($"{id}: geometry type {g.GeometryType}");
            if (!g.IsValid) fail($"{id}: invalid geometry");
            if (g is ILineal && !g.IsSimple) fail($"{id}: line is not simple");
            if (g.Coordinates.Any(c => !(c.X is >= -180 and <= 180) || !(c.Y is >= -90 and <= 90))) fail($"{id}: coordinate out of range");
            if (!f.Attributes.Exists("source") || f.Attributes["source"] is not string) fail($"{id}: no source");
            if (!f.Attributes.Exists("synthetic") || f.Attributes["synthetic"] is not bool) fail($"{id}: no synthetic flag");
        }
        return [.. fc];
    }
}
