namespace RiverGis.Api.Tests.Infrastructure;

public static class TestPaths
{
    public static string Mini => Path.Combine(AppContext.BaseDirectory, "TestData", "mini");

    /// <summary>The mini district with sections, samples, a reservoir and its zones, signboards (issue 14).</summary>
    public static string Water => Path.Combine(AppContext.BaseDirectory, "TestData", "water");
    public static string Office => Path.Combine(AppContext.BaseDirectory, "TestData", "office");

    public static string SampleData => Path.Combine(RiverGis.Api.Database.ProjectPaths.Root, "data", "rivers");

    /// <summary>A writable copy of a dataset folder, for tests that break it on purpose.</summary>
    public static string CopyOf(string folder)
    {
        var target = Path.Combine(Path.GetTempPath(), "rivergis-ds-" + Guid.NewGuid().ToString("N")[..8], Path.GetFileName(folder));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }
}
