using System.Text.RegularExpressions;
using RiverGis.Api.Database;

namespace RiverGis.Web.Tests;

/// <summary>
/// The web app's source, read as text: every module is on one layer of the table in wwwroot/js/README.md and imports
/// only from its own layer or below, without cycles; and nothing in the page or its modules needs what a
/// Content-Security-Policy without 'unsafe-inline' and 'unsafe-eval' forbids.
/// </summary>
public sealed partial class WebModuleTests
{
    private static readonly string WebRoot = Path.Combine(ProjectPaths.Root, "src", "Api", "wwwroot");
    private static readonly string JsFolder = Path.Combine(WebRoot, "js");

    [Fact]
    public void Every_module_is_on_exactly_one_layer_of_the_table()
    {
        var listed = LayerTable().SelectMany(l => l.Modules).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        var files = Directory.GetFiles(JsFolder, "*.js").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.Equal(files, listed.Order().ToList());
    }

    [Fact]
    public void Modules_import_only_from_their_own_layer_or_below_and_never_in_a_circle()
    {
        var table = LayerTable();
        var layerOf = table.SelectMany((l, i) => l.Modules.Select(m => (m, i))).ToDictionary(x => x.m, x => x.i);
        var imports = layerOf.Keys.ToDictionary(m => m, m => ImportsOf(File.ReadAllText(Path.Combine(JsFolder, m))));

        // The reader sees imports (a reader that finds none would pass anything).
        Assert.Contains("shell.js", imports["app.js"]);
        Assert.Contains("labels.js", imports["report.js"]);
        Assert.True(imports.Values.Sum(i => i.Count) > 50);

        var upward = imports.SelectMany(kv => kv.Value.Select(to => (From: kv.Key, To: to)))
            .Where(e => !layerOf.ContainsKey(e.To) || layerOf[e.To] > layerOf[e.From])
            .Select(e => $"{e.From} ({table[layerOf[e.From]].Name}) imports {e.To} ({(layerOf.TryGetValue(e.To, out var l) ? table[l].Name : "not in the table")})")
            .ToList();
        Assert.True(upward.Count == 0, "imports from a higher layer:\n" + string.Join("\n", upward));

        var circle = FindCircle(imports);
        Assert.True(circle is null, "modules import each other in a circle: " + string.Join(" → ", circle ?? []));
    }

    [Fact]
    public void Base_modules_do_without_leaflet_and_the_page_so_pages_without_the_map_can_use_them()
    {
        var baseLayer = LayerTable()[0];
        Assert.Equal("base", baseLayer.Name);
        var leaflet = new Regex(@"\bL\.[A-Za-z]|global L\b|document\.(getElementById|querySelector)");
        Assert.Matches(leaflet, File.ReadAllText(Path.Combine(JsFolder, "markers.js")));
        var offending = baseLayer.Modules.Where(m => leaflet.IsMatch(File.ReadAllText(Path.Combine(JsFolder, m)))).ToList();
        Assert.True(offending.Count == 0, "base modules that need Leaflet or the map page: " + string.Join(", ", offending));
    }

    /// <summary>Each pattern, with an example it must catch, is something the policy would block.</summary>
    [Theory]
    [InlineData("inline script element", @"<script(?![^>]*\ssrc=)[^>]*>", "<script>init()</script>")]
    [InlineData("event-handler attribute", @"<[a-zA-Z][^<>]*\son[a-z]+\s*=", "<button class=\"x\" onclick=\"go()\">")]
    [InlineData("javascript: URL", @"(?i)javascript:", "<a href=\"javascript:void(0)\">")]
    [InlineData("eval", @"\beval\s*\(", "eval(text)")]
    [InlineData("Function constructor", @"\bnew\s+Function\s*\(", "new Function('a', 'return a')")]
    [InlineData("timer with a string", @"\bset(?:Timeout|Interval)\s*\(\s*['""`]", "setTimeout('refresh()', 100)")]
    [InlineData("style attribute", @"<[a-zA-Z][^<>]*\sstyle\s*=", "<span class=\"bar\" style=\"width:${w}%\">")]
    [InlineData("inline style element", @"<style[\s>]", "<style>.x { color: red }</style>")]
    public void Page_and_modules_have_nothing_a_strict_content_security_policy_blocks(string what, string pattern, string example)
    {
        var regex = new Regex(pattern);
        Assert.Matches(regex, example);
        var files = Directory.GetFiles(JsFolder, "*.js").Append(Path.Combine(WebRoot, "index.html")).ToList();
        Assert.True(files.Count > 20);
        var found = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.Text.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
            .Where(l => regex.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, $"{what}:\n" + string.Join("\n", found));
    }

    private sealed record Layer(string Name, IReadOnlyList<string> Modules);

    /// <summary>The rows of the layer table in js/README.md, bottom layer first.</summary>
    private static List<Layer> LayerTable()
    {
        var rows = File.ReadLines(Path.Combine(JsFolder, "README.md"))
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && ModuleName().IsMatch(cells[2]))
            .Select(cells => new Layer(cells[1], ModuleName().Matches(cells[2]).Select(m => m.Groups[1].Value).ToList()))
            .ToList();
        Assert.True(rows.Count >= 5, "the layer table of js/README.md was not found");
        return rows;
    }

    /// <summary>
    /// The local modules a module imports (static, side-effect and dynamic imports); libraries from npm under lib/ (the
    /// dashboard's ECharts) are below every layer and not modules of the table.
    /// </summary>
    private static HashSet<string> ImportsOf(string source) =>
        ImportSpecifier().Matches(source).Select(m => m.Groups[1].Value).Where(s => !s.Contains("/lib/", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToHashSet()!;

    private static List<string>? FindCircle(Dictionary<string, HashSet<string>> imports)
    {
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? Visit(string m)
        {
            if (state.GetValueOrDefault(m) == 2 || !imports.ContainsKey(m)) return null;
            if (state.GetValueOrDefault(m) == 1) return [.. path[path.IndexOf(m)..], m];
            state[m] = 1;
            path.Add(m);
            foreach (var to in imports[m]) if (Visit(to) is { } found) return found;
            path.RemoveAt(path.Count - 1);
            state[m] = 2;
            return null;
        }
        return imports.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }

    [GeneratedRegex(@"`([a-z][a-z0-9-]*\.js)`")]
    private static partial Regex ModuleName();

    [GeneratedRegex(@"(?:\bfrom\s*|\bimport\s*\(?\s*)['""](\.{1,2}/[^'""]+\.js)['""]")]
    private static partial Regex ImportSpecifier();
}
