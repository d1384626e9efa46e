using Spectre.Console;

namespace RiverGis.Api.Cli;

/// <summary>
/// Progress bars for long verbs (Spectre.Console), on stderr so that stdout keeps only results. On a terminal the bars
/// redraw in place; when stderr is redirected (CI, a log file) Spectre prints plain progress lines instead.
/// </summary>
public static class ConsoleProgress
{
    private static readonly IAnsiConsole Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static bool Interactive => Error.Profile.Capabilities.Interactive;

    public static Task<T> RunAsync<T>(Func<ProgressContext, Task<T>> work) =>
        Error.Progress()
            .AutoClear(false)
            // Redirected: no redraws; each bar prints one line when it is done (see Done).
            .AutoRefresh(Interactive)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(work);

    /// <summary>A bar whose description is plain text (Spectre reads descriptions as markup).</summary>
    public static ProgressTask Bar(this ProgressContext context, string description, double maxValue = 100, bool autoStart = true) =>
        context.AddTask(Markup.Escape(description), autoStart, maxValue);

    public static void Describe(this ProgressTask task, string description) => task.Description = Markup.Escape(description);

    /// <summary>Marks the bar done (full, stopped) with a closing description.</summary>
    public static void Done(this ProgressTask task, string description)
    {
        task.IsIndeterminate = false;
        task.Value = task.MaxValue;
        task.Describe(description);
        task.StopTask();
        if (!Interactive) Console.Error.WriteLine($"{description} ({task.ElapsedTime?.TotalSeconds:0.0} s)");
    }
}
