using System.Diagnostics;
using System.Text;

namespace RiverGis.Api.Reports;

/// <summary>
/// Wall time per phase of one long request (the report, the assessment), logged at Debug when it ends: what the
/// province-size benchmark (<c>benchmarks/scale/month.sh</c>) reads to tell SQL from in-process work.
/// </summary>
public sealed class PhaseLog(ILogger logger, string what)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly StringBuilder _phases = new();

    /// <summary>Ends the current phase under <paramref name="name"/> and starts the next.</summary>
    public void Lap(string name)
    {
        if (!logger.IsEnabled(LogLevel.Debug)) return;
        _phases.Append(name).Append(' ').Append(_watch.Elapsed.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).Append(" ms; ");
        _watch.Restart();
    }

    public void Done() =>
        logger.LogDebug("{What}: {Total:0} ms — {Phases}", what, _total.Elapsed.TotalMilliseconds, _phases.ToString());
}
