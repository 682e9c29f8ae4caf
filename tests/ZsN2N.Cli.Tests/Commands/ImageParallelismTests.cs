using ZsN2N.Cli.Commands;
using ZsN2N.Ort;
using ZsN2N.Ort.Training;

namespace ZsN2N.Cli.Tests.Commands;

[TestClass]
public sealed class ImageParallelismTests
{
    private const long Plenty = 1L << 40;

    [TestMethod]
    [DataRow(4, 2, 2, 1, DisplayName = "several inputs: one image per processor, one thread each")]
    [DataRow(1, 2, 1, 2, DisplayName = "one input: one image with every thread")]
    [DataRow(3, 8, 3, 2, DisplayName = "fewer inputs than processors: every input at once, the processors shared out")]
    [DataRow(0, 2, 1, 2, DisplayName = "no input")]
    public void AutomaticTrainsAsManyImagesAsProcessorsAndInputsAllow(int inputs, int processors, int images, int threads) =>
        Assert.AreEqual(new ImageParallelism(images, threads), Choose(null, null, inputs, processors));

    [TestMethod]
    public void ThreadsIsPerImageAndAutomaticFillsTheProcessorsWithIt()
    {
        Assert.AreEqual(new ImageParallelism(1, 2), Choose(null, 2, inputs: 4, processors: 2));
        Assert.AreEqual(new ImageParallelism(4, 2), Choose(null, 2, inputs: 5, processors: 8));
        Assert.AreEqual(new ImageParallelism(2, 1), Choose(null, 1, inputs: 4, processors: 2));
    }

    [TestMethod]
    public void ExplicitParallelIsKeptUpToTheInputCount()
    {
        Assert.AreEqual(new ImageParallelism(3, 1), Choose(3, null, inputs: 10, processors: 2), "more images than processors when asked");
        Assert.AreEqual(new ImageParallelism(2, 4), Choose(4, null, inputs: 2, processors: 8), "no more images at once than inputs");
        Assert.AreEqual(new ImageParallelism(1, 2), Choose(1, null, inputs: 10, processors: 2));
        Assert.AreEqual(new ImageParallelism(2, 3), Choose(2, 3, inputs: 10, processors: 2));
    }

    [TestMethod]
    public void AutomaticTrainsOneImageAtATimeOnCuda() =>
        Assert.AreEqual(new ImageParallelism(1, 4),
            ImageParallelism.Choose(null, null, 10, 4, ExecutionDevice.Cuda, () => throw new AssertFailedException("not asked"), Plenty));

    [TestMethod]
    [DataRow(1000L, 400L, 2, DisplayName = "two of 400 fit 1000")]
    [DataRow(1000L, 600L, 1, DisplayName = "two of 600 do not")]
    [DataRow(1000L, 2000L, 1, DisplayName = "one that does not fit alone is left to the engine to refuse")]
    [DataRow(1000L, 0L, 4, DisplayName = "no header readable")]
    public void AutomaticLowersTheImagesAtOnceToFitTheMemoryLimit(long limit, long largest, int images) =>
        Assert.AreEqual(images, ImageParallelism.Choose(null, null, 8, 4, ExecutionDevice.Cpu, () => largest, limit).Images);

    [TestMethod]
    public void ExplicitParallelAndOneImageDoNotReadTheInputs()
    {
        Func<long> fail = () => throw new AssertFailedException("the inputs' headers are read only to lower an automatic choice");
        Assert.AreEqual(4, ImageParallelism.Choose(4, null, 8, 4, ExecutionDevice.Cpu, fail, 1).Images);
        Assert.AreEqual(1, ImageParallelism.Choose(null, null, 1, 4, ExecutionDevice.Cpu, fail, 1).Images);
    }

    [TestMethod]
    public void EachImageGetsItsThreadsAndAnEqualShareOfTheMemoryLimit()
    {
        var options = new ImageParallelism(4, 1).ForEachImage(new DenoiseOptions { Threads = 8, MemoryLimitBytes = 1000, Seed = 7 });

        Assert.AreEqual(1, options.Threads);
        Assert.AreEqual(250, options.MemoryLimitBytes);
        Assert.AreEqual(7UL, options.Seed);
        Assert.AreEqual(MemoryBudget.DefaultLimitBytes / 2, new ImageParallelism(2, 1).ForEachImage(new DenoiseOptions()).MemoryLimitBytes);
    }

    private static ImageParallelism Choose(int? parallel, int? threads, int inputs, int processors) =>
        ImageParallelism.Choose(parallel, threads, inputs, processors, ExecutionDevice.Cpu, () => 1, Plenty);
}
