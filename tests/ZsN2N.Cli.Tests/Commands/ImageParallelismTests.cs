using ZsN2N.Cli.Commands;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Cli.Tests.Commands;

[TestClass]
public sealed class ImageParallelismTests
{
    private const long Plenty = 1L << 40;

    [TestMethod]
    [DataRow(4, 2, 4, 1, 2, DisplayName = "256x256 inputs (4 bands) on 2 processors: one image at a time with both threads")]
    [DataRow(8, 16, 4, 4, 4, DisplayName = "16 processors, inputs of 4 bands: four images at once, 4 threads each")]
    [DataRow(4, 2, 1, 2, 1, DisplayName = "inputs too small for two bands: one image per processor")]
    [DataRow(3, 8, 1, 3, 2, DisplayName = "fewer inputs than processors: every input at once, the processors shared out")]
    [DataRow(1, 2, 1, 1, 2, DisplayName = "one input: one image with every thread")]
    [DataRow(0, 2, 1, 1, 2, DisplayName = "no input")]
    public void AutomaticGivesEachImageTheThreadsItCanUseAndTrainsAsManyAtOnceAsThatAllows(int inputs, int processors, int usefulThreads, int images, int threads) =>
        Assert.AreEqual(new ImageParallelism(images, threads), Choose(null, null, inputs, processors, usefulThreads));

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
            ImageParallelism.Choose(null, null, 10, 4, ExecutionDevice.Cuda, () => throw new AssertFailedException("not asked"),
                () => throw new AssertFailedException("not asked"), Plenty));

    [TestMethod]
    [DataRow(1000L, 400L, 2, DisplayName = "two of 400 fit 1000")]
    [DataRow(1000L, 600L, 1, DisplayName = "two of 600 do not")]
    [DataRow(1000L, 2000L, 1, DisplayName = "one that does not fit alone is left to the engine to refuse")]
    [DataRow(1000L, 0L, 4, DisplayName = "no header readable")]
    public void AutomaticLowersTheImagesAtOnceToFitTheMemoryLimit(long limit, long largest, int images) =>
        Assert.AreEqual(images, ImageParallelism.Choose(null, null, 8, 4, ExecutionDevice.Cpu, () => 1, () => largest, limit).Images);

    [TestMethod]
    public void ExplicitParallelAndOneImageDoNotReadTheInputs()
    {
        const string message = "the inputs' headers are read only for an automatic choice over several inputs";
        Func<int> failThreads = () => throw new AssertFailedException(message);
        Func<long> failMemory = () => throw new AssertFailedException(message);
        Assert.AreEqual(4, ImageParallelism.Choose(4, null, 8, 4, ExecutionDevice.Cpu, failThreads, failMemory, 1).Images);
        Assert.AreEqual(1, ImageParallelism.Choose(null, null, 1, 4, ExecutionDevice.Cpu, failThreads, failMemory, 1).Images);
    }

    [TestMethod]
    public void EachImageGetsItsThreadsAndAnEqualShareOfTheMemoryLimit()
    {
        var options = new ImageParallelism(4, 1).ForEachImage(new DenoiseOptions { Seed = 7, Execution = new() { Threads = 8 }, Limits = new() { MemoryBytes = 1000 } });

        Assert.AreEqual(1, options.Execution.Threads);
        Assert.AreEqual(250, options.Limits.MemoryBytes);
        Assert.AreEqual(7UL, options.Seed);
        Assert.AreEqual(MemoryBudget.DefaultLimitBytes / 2, new ImageParallelism(2, 1).ForEachImage(new DenoiseOptions()).Limits.MemoryBytes);
    }

    private static ImageParallelism Choose(int? parallel, int? threads, int inputs, int processors, int usefulThreads = 1) =>
        ImageParallelism.Choose(parallel, threads, inputs, processors, ExecutionDevice.Cpu, () => usefulThreads, () => 1, Plenty);
}
