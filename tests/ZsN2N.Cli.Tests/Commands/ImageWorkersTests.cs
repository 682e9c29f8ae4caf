using System.Collections.Concurrent;
using ZsN2N.Cli.Commands;

namespace ZsN2N.Cli.Tests.Commands;

[TestClass]
public sealed class ImageWorkersTests
{
    private static readonly TimeSpan DeadlockGuard = TimeSpan.FromSeconds(30);

    [TestMethod]
    public void EveryIndexRunsOnceAndTheWorkersRunAtTheSameTime()
    {
        var indices = new ConcurrentBag<int>();
        var threads = new ConcurrentDictionary<int, bool>();
        using var allFourAtOnce = new CountdownEvent(4);

        ImageWorkers.Run(12, 4, (i, _) =>
        {
            indices.Add(i);
            threads[Environment.CurrentManagedThreadId] = true;
            if (i < 4)
            {
                // The first four meet here: only possible if four workers run them at once.
                allFourAtOnce.Signal();
                Assert.IsTrue(allFourAtOnce.Wait(DeadlockGuard), "four workers at once");
            }
        }, CancellationToken.None);

        CollectionAssert.AreEqual(Enumerable.Range(0, 12).ToArray(), indices.Order().ToArray());
        Assert.HasCount(4, threads);
    }

    [TestMethod]
    public void OneWorkerIsALoopOnTheCallersThreadInInputOrder()
    {
        var seen = new List<(int Index, int Thread)>();

        ImageWorkers.Run(5, 1, (i, _) => seen.Add((i, Environment.CurrentManagedThreadId)), CancellationToken.None);

        CollectionAssert.AreEqual(Enumerable.Range(0, 5).ToArray(), seen.Select(s => s.Index).ToArray());
        Assert.IsTrue(seen.All(s => s.Thread == Environment.CurrentManagedThreadId));
    }

    [TestMethod]
    public void NoMoreWorkersThanIndices()
    {
        var threads = new ConcurrentDictionary<int, bool>();

        ImageWorkers.Run(1, 8, (_, _) => threads[Environment.CurrentManagedThreadId] = true, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { Environment.CurrentManagedThreadId }, threads.Keys.ToArray());
    }

    [TestMethod]
    public void NoIndexRunsNothing() =>
        ImageWorkers.Run(0, 4, (_, _) => Assert.Fail("no index to run"), CancellationToken.None);

    [TestMethod]
    public void AnErrorStopsTheOtherWorkersAndIsRethrown()
    {
        var started = new ConcurrentBag<int>();

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => ImageWorkers.Run(100, 2, (i, token) =>
        {
            started.Add(i);
            if (i == 1)
            {
                throw new InvalidOperationException("out of something");
            }

            // The other worker trains until told to stop.
            Assert.IsTrue(token.WaitHandle.WaitOne(DeadlockGuard), "stopped by the other worker's error");
            token.ThrowIfCancellationRequested();
        }, CancellationToken.None));

        Assert.AreEqual("out of something", error.Message);
        CollectionAssert.AreEquivalent(new[] { 0, 1 }, started.ToArray(), "no index starts after the error");
    }

    [TestMethod]
    public void CancellationStopsEveryWorker()
    {
        using var cancellation = new CancellationTokenSource();
        using var bothRunning = new CountdownEvent(2);
        var started = new ConcurrentBag<int>();

        Assert.ThrowsExactly<OperationCanceledException>(() => ImageWorkers.Run(100, 2, (i, token) =>
        {
            started.Add(i);
            if (bothRunning.Signal())
            {
                cancellation.Cancel();
            }

            Assert.IsTrue(token.WaitHandle.WaitOne(DeadlockGuard), "cancelled");
            token.ThrowIfCancellationRequested();
        }, cancellation.Token));

        CollectionAssert.AreEquivalent(new[] { 0, 1 }, started.ToArray());
    }
}
