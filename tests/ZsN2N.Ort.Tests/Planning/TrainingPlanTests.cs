using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Planning;

[TestClass]
public sealed class TrainingPlanTests
{
    [TestMethod]
    public void AWholeImageStepsAtTheOptionsScheduleInBandsOfItsThreads()
    {
        var options = new DenoiseOptions { Execution = new() { Threads = 3 } };

        var plan = TrainingPlan.For(options, 1, 256, 300);

        Assert.IsFalse(plan.UsesCrops);
        Assert.IsFalse(plan.SamplesCrops);
        Assert.AreEqual(new TrainingBatch(1, 256, 300), plan.Batch);
        Assert.AreEqual(new StepLrSchedule(1e-3f, 1000, 0.5f), plan.Schedule);
        Assert.AreEqual((4, 3), (plan.UsefulThreads, plan.Bands), "128 half-size rows: 4 bands of 32, 3 with 3 threads");
        Assert.AreEqual("the whole image", plan.Description);
        Assert.AreEqual(3000, plan.TotalSteps);
    }

    [TestMethod]
    public void APhotoStepsOnCropsAtThePatchLearningRate()
    {
        var options = new DenoiseOptions { Schedule = new() { LearningRate = 2e-3f }, PatchTraining = new() { Count = 3, LearningRateFactor = 1.5f } };

        var plan = TrainingPlan.For(options, 3, 3000, 4000);

        Assert.IsTrue(plan.UsesCrops);
        Assert.AreEqual(new TrainingBatch(3, 128, 128), plan.Batch);
        Assert.AreEqual(2e-3f * 1.5f, plan.Schedule.InitialLearningRate);
        Assert.AreEqual("3 random 128x128 crops per step", plan.Description);
        Assert.AreEqual(2, plan.UsefulThreads, "64 half-size rows");
    }

    [TestMethod]
    public void ShiftAugmentationShrinksWholeImageStepsButNotCrops()
    {
        var high = new DenoiseOptions().WithQuality(Quality.High);

        var whole = TrainingPlan.For(high, 3, 256, 256);
        var cropped = TrainingPlan.For(high, 3, 3000, 4000);

        Assert.AreEqual((DenoiseOptions.ShiftAugmentationPixels, new TrainingBatch(1, 254, 254)), (whole.ShiftPixels, whole.Batch));
        Assert.IsTrue(whole.SamplesCrops);
        Assert.AreEqual(4, whole.UsefulThreads, "threads are planned on the image before the shift");
        Assert.AreEqual((0, 128), (cropped.ShiftPixels, cropped.Batch.Height));
        Assert.AreEqual(0, TrainingPlan.For(high, 3, 4, 40).ShiftPixels, "an image too small to shift");
    }

    [TestMethod]
    public void AHeaderIsPlannedAsColourBeforeDecoding()
    {
        var options = new DenoiseOptions();

        var fromHeader = TrainingPlan.For(options, new ImageHeader(ImageFormat.Png, 640, 480));

        Assert.AreEqual(3, fromHeader.Channels);
        Assert.AreEqual(TrainingPlan.For(options, 3, 480, 640).Memory, fromHeader.Memory);
        Assert.IsGreaterThan(TrainingPlan.For(options, 1, 480, 640).Memory.TotalBytes, fromHeader.Memory.TotalBytes);
    }

    [TestMethod]
    public void CudaTrainsInOneBand()
    {
        var plan = TrainingPlan.For(new DenoiseOptions { Execution = new() { Threads = 8, Device = ExecutionDevice.Cuda } }, 3, 512, 512);

        Assert.AreEqual((1, 8), (plan.Bands, plan.UsefulThreads));
    }

    [TestMethod]
    public void APlanOverItsLimitIsRefusedNamingTheOptionsToChange()
    {
        var plan = TrainingPlan.For(new DenoiseOptions { PatchTraining = new() { Mode = PatchTrainingMode.Never }, Limits = new() { MemoryBytes = 100L << 20 } }, 3, 2000, 2000);

        var error = Assert.ThrowsExactly<MemoryLimitExceededException>(plan.ThrowIfOverMemoryLimit);

        Assert.IsFalse(plan.FitsMemory);
        Assert.AreSame(plan, error.Plan);
        Assert.AreEqual((plan.Memory, 100L << 20), (error.Estimate, error.LimitBytes));
        StringAssert.Contains(error.Message, "2000x2000 image (training on the whole image, inference in 512-pixel tiles)");
        StringAssert.Contains(error.Message, "PatchTraining.Mode = Always");
    }

    [TestMethod]
    public void TooSmallAnImageOrABadOptionHasNoPlan()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TrainingPlan.For(new DenoiseOptions(), 3, 1, 10));
        Assert.ThrowsExactly<InvalidOptionException>(() => TrainingPlan.For(new DenoiseOptions { Network = new() { Features = 0 } }, 3, 10, 10));
    }
}
