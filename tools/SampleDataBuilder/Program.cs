// SampleDataBuilder: builds the sample river-chief datasets under data/rivers from the shared open geodata.
// Usage: dotnet run --project tools/SampleDataBuilder -- <shared-data-folder> <output-folder>
using System.Text;
using RiverGis.SampleDataBuilder;

if (args.Length != 2 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: SampleDataBuilder <shared-data-folder> <output-folder>");
    return 2;
}
string shared = args[0], output = args[1];

var people = new People();
var datasets = new[] { Plans.Liechtenstein(shared, people), Plans.Andorra(shared, people), Plans.Jinkouhe(shared, people) };

var rendered = datasets.ToDictionary(d => d.Code, Output.Render);
var validator = new Validator();
foreach (var ds in datasets) validator.Check(ds.Code, rendered[ds.Code]);
long bytes = rendered.Values.Sum(f => f.Values.Sum(b => (long)b.Length));
if (validator.Errors.Count > 0 || bytes > 5_000_000)
{
    foreach (var e in validator.Errors) Console.Error.WriteLine("ERROR " + e);
    if (bytes > 5_000_000) Console.Error.WriteLine($"ERROR output is {bytes} bytes, more than 5 MB");
    return 1;
}

var readme = Readme.Render(datasets, rendered);
foreach (var ds in datasets)
{
    var dir = Path.Combine(output, ds.Code);
    Directory.CreateDirectory(dir);
    foreach (var (name, content) in rendered[ds.Code]) File.WriteAllBytes(Path.Combine(dir, name), content);
    Console.WriteLine($"{ds.Code}: {ds.Areas.Count} areas, {ds.Chiefs.Count} chiefs, {ds.Rivers.Count} rivers, " +
        $"{ds.Segments.Count} segments, {ds.Outlets.Count} outlets, {ds.Tracks.Count} tracks, {ds.Defects.Count} defects");
}
File.WriteAllBytes(Path.Combine(output, "README.md"), new UTF8Encoding(false).GetBytes(readme));
Console.WriteLine($"wrote {bytes} bytes of data and README.md to {output}");
return 0;
