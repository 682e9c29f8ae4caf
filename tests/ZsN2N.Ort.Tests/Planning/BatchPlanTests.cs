using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Tests.Planning;

[TestClass]
public sealed class BatchPlanTests
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
        Assert.AreEqual((images, threads), Shares(Choose(null, null, inputs, processors, usefulThreads)));

    [TestMethod]
    public void ThreadsIsPerImageAndAutomaticFillsTheProcessorsWithIt()
    {
        Assert.AreEqual((1, 2), Shares(Choose(null, 2, inputs: 4, processors: 2)));
        Assert.AreEqual((4, 2), Shares(Choose(null, 2, inputs: 5, processors: 8)));
        Assert.AreEqual((2, 1), Shares(Choose(null, 1, inputs: 4, processors: 2)));
    }

    [TestMethod]
    public void ExplicitImagesAtOnceAreKeptUpToTheInputCount()
    {
        Assert.AreEqual((3, 1), Shares(Choose(3, null, inputs: 10, processors: 2)), "more images than processors when asked");
        Assert.AreEqual((2, 4), Shares(Choose(4, null, inputs: 2, processors: 8)), "no more images at once than inputs");
        Assert.AreEqual((1, 2), Shares(Choose(1, null, inputs: 10, processors: 2)));
        Assert.AreEqual((2, 3), Shares(Choose(2, 3, inputs: 10, processors: 2)));
    }

    [TestMethod]
    public void AutomaticTrainsOneImageAtATimeOnCuda() =>
        Assert.AreEqual((1, 4), Shares(BatchPlan.Choose(null, null, 10, 4, ExecutionDevice.Cuda, () => throw new AssertFailedException("not asked"),
            () => throw new AssertFailedException("not asked"), Plenty)));

    [TestMethod]
    [DataRow(1000L, 400L, 2, DisplayName = "two of 400 fit 1000")]
    [DataRow(1000L, 600L, 1, DisplayName = "two of 600 do not")]
    [DataRow(1000L, 2000L, 1, DisplayName = "one that does not fit alone is left to the engine to refuse")]
    [DataRow(1000L, 0L, 4, DisplayName = "no header readable")]
    public void AutomaticLowersTheImagesAtOnceToFitTheMemoryLimit(long limit, long largest, int images) =>
        Assert.AreEqual(images, BatchPlan.Choose(null, null, 8, 4, ExecutionDevice.Cpu, () => 1, () => largest, limit).ImagesAtOnce);

    [TestMethod]
    public void ExplicitImagesAtOnceAndOneImageDoNotReadTheInputs()
    {
        const string message = "the inputs' headers are read only for an automatic choice over several inputs";
        Func<int> failThreads = () => throw new AssertFailedException(message);
        Func<long> failMemory = () => throw new AssertFailedException(message);
        Assert.AreEqual(4, BatchPlan.Choose(4, null, 8, 4, ExecutionDevice.Cpu, failThreads, failMemory, 1).ImagesAtOnce);
        Assert.AreEqual(1, BatchPlan.Choose(null, null, 1, 4, ExecutionDevice.Cpu, failThreads, failMemory, 1).ImagesAtOnce);
    }

    [TestMethod]
    public void EachImageGetsItsThreadsAndAnEqualShareOfTheMemoryLimit()
    {
        var requested = new DenoiseOptions { Seed = 7, Execution = new() { Threads = 8 }, Limits = new() { MemoryBytes = 1000 } };

        var plan = BatchPlan.ForWorkers(requested, workers: 4, threadsPerImage: 1);
        var options = plan.ForEachImage(requested);

        Assert.AreEqual((1, 250L), (options.Execution.Threads, options.Limits.MemoryBytes));
        Assert.AreEqual(7UL, options.Seed);
        Assert.AreEqual(MemoryBudget.DefaultLimitBytes / 2, BatchPlan.ForWorkers(new DenoiseOptions(), 2).ForEachImage(new DenoiseOptions()).Limits.MemoryBytes);
        Assert.AreEqual(3, BatchPlan.ForWorkers(new DenoiseOptions(), 2, processors: 7).ThreadsPerImage, "workers share the processors");
    }

    [TestMethod]
    public void FilesArePlannedFromTheirHeadersAsColourImagesAndUnreadableOnesAreLeftOut()
    {
        using var folder = new TempFolder();
        ImageIo.Write(new PlanarImage(1, 40, 48), folder["small.png"]);
        File.Copy(RepositoryPaths.DevImage("noisy_g25", "camera.png"), folder["large.png"]);
        File.WriteAllText(folder["corrupt.png"], "this is not an image");
        var colour = TrainingPlan.For(new DenoiseOptions(), 3, 256, 256).Memory.TotalBytes;
        BatchPlan Plan(long limit, params string[] names) =>
            BatchPlan.For(new DenoiseOptions { Limits = new() { MemoryBytes = limit } }, [.. names.Select(n => folder[n]), folder["missing.png"]], processors: 8);

        Assert.AreEqual((2, 4), Shares(Plan(Plenty, "large.png", "corrupt.png")), "256 rows: four bands each, two images on 8 processors");
        Assert.AreEqual((3, 2), Shares(Plan(Plenty, "large.png", "small.png")), "40 rows: one band each, so as many at once as there are inputs");
        Assert.AreEqual(2, Plan(2 * colour, "large.png", "corrupt.png").ImagesAtOnce, "camera.png is grey, planned as colour: two fit twice its estimate");
        Assert.AreEqual(1, Plan(2 * colour - 1, "large.png", "corrupt.png").ImagesAtOnce);
        Assert.AreEqual((1, 8), Shares(Plan(Plenty, "corrupt.png")), "nothing readable: one image with every thread");
    }

    [TestMethod]
    public void OutOfRangeNumbersAreRefusedByName()
    {
        Assert.AreEqual("Batch.ImagesAtOnce", Assert.ThrowsExactly<InvalidOptionException>(() => BatchPlan.ForWorkers(new DenoiseOptions(), 65)).ParamName);
        Assert.AreEqual("Execution.Threads", Assert.ThrowsExactly<InvalidOptionException>(() => BatchPlan.For(new DenoiseOptions(), [], threadsPerImage: 0)).ParamName);
    }

    private static (int Images, int Threads) Shares(BatchPlan plan) => (plan.ImagesAtOnce, plan.ThreadsPerImage);

    private static BatchPlan Choose(int? imagesAtOnce, int? threads, int inputs, int processors, int usefulThreads = 1) =>
        BatchPlan.Choose(imagesAtOnce, threads, inputs, processors, ExecutionDevice.Cpu, () => usefulThreads, () => 1, Plenty);
}
