using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Training;

[TestClass]
public sealed class StepWorkersTests
{
    [TestMethod]
    public void EveryIndexRunsOncePerRunOnItsOwnThread()
    {
        var counts = new int[3];
        var threads = new int[3];
        using (var workers = new StepWorkers(3, i => { counts[i]++; threads[i] = Environment.CurrentManagedThreadId; }, "test"))
        {
            for (var run = 0; run < 50; run++)
            {
                workers.Run();
            }
        }

        CollectionAssert.AreEqual(new[] { 50, 50, 50 }, counts);
        Assert.AreEqual(Environment.CurrentManagedThreadId, threads[0]);
        Assert.AreEqual(3, threads.Distinct().Count());
    }

    [TestMethod]
    public void AFailingIndexFailsTheRunAndTheNextRunWorks()
    {
        var fail = true;
        using var workers = new StepWorkers(2, i =>
        {
            if (i == 1 && fail)
            {
                throw new InvalidOperationException("band 1 failed");
            }
        }, "test");

        var error = Assert.ThrowsExactly<AggregateException>(workers.Run);
        Assert.AreEqual("band 1 failed", error.InnerException!.Message);

        fail = false;
        workers.Run();
    }
}
