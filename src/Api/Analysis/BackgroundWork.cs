using System.Runtime;

namespace RiverGis.Api.Analysis;

/// <summary>
/// CPU-heavy preparation off the request path: a thread of its own (not a thread-pool thread that requests need),
/// with the garbage collector asked to avoid blocking full collections meanwhile (SustainedLowLatency), so the
/// allocations of a rebuild do not pause the requests answered from the previous snapshot. Not a lower OS priority:
/// a collection has to wait for every thread to reach a safe point, and a starved low-priority thread would then stall
/// all of them.
/// </summary>
public static class BackgroundWork
{
    private static int _running;

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var previous = GCSettings.LatencyMode;
            if (Interlocked.Increment(ref _running) == 1) GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
            try
            {
                ct.ThrowIfCancellationRequested();
                result.SetResult(work());
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                result.SetCanceled(ct);
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
            finally
            {
                if (Interlocked.Decrement(ref _running) == 0) GCSettings.LatencyMode = previous;
            }
        }) { IsBackground = true, Name = "rivergis-prepare" };
        thread.Start();
        return result.Task;
    }
}
