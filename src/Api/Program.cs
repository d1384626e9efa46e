using RiverGis.Api.Cli;

// One executable, several verbs: serve (default), import, check, generate. See README.
return await RiverGisCommandLine.RunAsync(args);

/// <summary>Entry point type, public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
