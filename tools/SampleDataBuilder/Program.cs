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
var datasets = new[] { Plans.Liechtenstein(shared, people), Plans.Andorra(shared, people), Plans.Jinkouhe(shared, people), ChinaLakes.Build(shared, people) };

// Written by RiverGis's own writer into a staging folder and read back by its reader and validator; the output
// folder is replaced only when nothing is wrong.
var staging = Path.Combine(Path.GetTempPath(), "rivergis-sample-" + Guid.NewGuid().ToString("N"));
try
{
    var errors = SampleChecks.WriteAndCheck(datasets, staging);
    var bytes = Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
    if (bytes > 5_000_000) errors.Add($"output is {bytes} bytes, more than 5 MB");
    if (errors.Count > 0)
    {
        foreach (var e in errors) Console.Error.WriteLine("ERROR " + e);
        return 1;
    }
    foreach (var ds in datasets)
    {
        var dir = Path.Combine(output, ds.Code);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Path.Combine(staging, ds.Code))) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        Console.WriteLine($"{ds.Code}: {ds.Areas.Count} areas, {ds.Chiefs.Count} chiefs, {ds.Rivers.Count} rivers, " +
            $"{ds.Segments.Count} segments, {ds.Outlets.Count} outlets, {ds.Tracks.Count} tracks, {ds.Defects.Count} defects");
    }
    File.WriteAllBytes(Path.Combine(output, "README.md"), new UTF8Encoding(false).GetBytes(Readme.Render(datasets, bytes)));
    Console.WriteLine($"wrote {bytes} bytes of data and README.md to {output}");
    return 0;
}
finally
{
    if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
}
