namespace RiverGis.Api.Database;

/// <summary>Locates the repository root (the folder holding RiverGis.sln) for project-local state and the sample data.</summary>
public static class ProjectPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleData => Path.Combine(Root, "data", "rivers");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RiverGis.sln"))) return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
