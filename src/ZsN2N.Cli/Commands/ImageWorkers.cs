using System.Runtime.ExceptionServices;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// Runs one piece of work per image on a number of threads at once, handing the images out in input order. The calling
/// thread is one of the workers, so one worker is a plain loop on the caller's thread.
/// </summary>
internal static class ImageWorkers
{
    /// <summary>
    /// Calls <paramref name="work"/> once for each index 0 to <paramref name="count"/> − 1 on up to
    /// <paramref name="workers"/> threads. An exception escaping <paramref name="work"/> (cancellation, or an error that
    /// ends the run) stops the other workers through the token they were given, and is rethrown once all have stopped.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static void Run(int count, int workers, Action<int, CancellationToken> work, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        ExceptionDispatchInfo? first = null;

        void Loop()
        {
            try
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    work(i, stop.Token);
                }
            }
            catch (Exception e)
            {
                // The first exception is the one to report; the cancellations it then causes in the other workers are not.
                Interlocked.CompareExchange(ref first, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        }

        var others = Enumerable.Range(0, Math.Max(0, Math.Min(workers, count) - 1))
            .Select(_ => new Thread(Loop) { IsBackground = true, Name = "zsn2n image worker" })
            .ToArray();
        foreach (var thread in others)
        {
            thread.Start();
        }

        Loop();
        foreach (var thread in others)
        {
            thread.Join();
        }

        first?.Throw();
    }
}
