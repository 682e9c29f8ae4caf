using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Tests.TestSupport;
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

    [TestMethod]
    public void TheCameraModeTrainsOnTheFourSubImagesOfWhatEachStepDraws()
    {
        var camera = new DenoiseOptions { Noise = new() { Mode = NoiseMode.Camera }, Execution = new() { Threads = 3 } };

        var whole = TrainingPlan.For(camera, 3, 256, 300);
        var odd = TrainingPlan.For(camera, 1, 37, 29);
        var cropped = TrainingPlan.For(camera, 3, 3000, 4000);

        Assert.AreEqual((new TrainingBatch(1, 256, 300), new TrainingBatch(4, 128, 150)), (whole.Images, whole.Batch));
        Assert.AreEqual("the pixel-shuffle sub-images of the whole image", whole.Description);
        Assert.AreEqual((2, 2), (whole.UsefulThreads, whole.Bands), "64 half-size rows of each sub-image");
        Assert.AreEqual(new TrainingBatch(4, 18, 14), odd.Batch, "the odd last row and column are left out");
        Assert.AreEqual((new TrainingBatch(2, 128, 128), new TrainingBatch(8, 64, 64)), (cropped.Images, cropped.Batch));
        Assert.AreEqual("the pixel-shuffle sub-images of 2 random 128x128 crops per step", cropped.Description);
        Assert.AreEqual(("camera", NoiseMode.Camera), (whole.NoiseDescription, whole.Noise));
        Assert.IsNull(whole.NoiseEstimate);
    }

    [TestMethod]
    public void AutoIsDecidedFromThePixelsAndSaysWhatItFound()
    {
        var auto = new DenoiseOptions { Noise = new() { Mode = NoiseMode.Auto } };
        var photo = CameraPhoto.Noisy();
        var gaussian = ImageIo.Read(RepositoryPaths.DevImage("noisy_g25", "camera.png"));

        var camera = TrainingPlan.For(auto, photo);
        var independent = TrainingPlan.For(auto, gaussian);

        Assert.AreEqual((NoiseMode.Camera, NoiseEstimator.Estimate(photo)), (camera.Noise, camera.NoiseEstimate));
        Assert.AreEqual("camera (auto: correlated noise (ratio 0.46, level 9.5/255))", camera.NoiseDescription);
        Assert.AreEqual(new TrainingBatch(4, 128, 128), camera.Batch);
        Assert.AreEqual(NoiseMode.Independent, independent.Noise);
        StringAssert.StartsWith(independent.NoiseDescription, "independent (auto: pixel-independent noise (ratio 0.9");
        Assert.AreEqual((TrainingPlan.For(new DenoiseOptions(), gaussian).Batch, TrainingPlan.For(new DenoiseOptions(), gaussian).Memory), (independent.Batch, independent.Memory));
    }

    [TestMethod]
    public void AutoBeforeThePixelsPlansForTheCameraModeAndTooSmallAnImageKeepsTheOfficialRecipe()
    {
        var auto = new DenoiseOptions { Noise = new() { Mode = NoiseMode.Auto } };

        var fromHeader = TrainingPlan.For(auto, new ImageHeader(ImageFormat.Png, 640, 480));
        var tiny = TrainingPlan.For(auto, CameraPhoto.Noisy(0, 0, 10, 10));

        Assert.AreEqual((NoiseMode.Auto, "auto"), (fromHeader.Noise, fromHeader.NoiseDescription));
        Assert.AreEqual(TrainingPlan.For(auto with { Noise = new() { Mode = NoiseMode.Camera } }, 3, 480, 640).Memory, fromHeader.Memory);
        Assert.AreEqual((NoiseMode.Independent, "independent (auto: too small to estimate)"), (tiny.Noise, tiny.NoiseDescription));
        Assert.AreEqual(new TrainingBatch(1, 10, 10), tiny.Batch);
    }

    [TestMethod]
    public void TheCameraModeCoversItsSubImagesAndItsWiderHaloInTheMemoryEstimate()
    {
        var official = TrainingPlan.For(new DenoiseOptions(), 3, 3000, 4000).Memory;
        var camera = TrainingPlan.For(new DenoiseOptions { Noise = new() { Mode = NoiseMode.Camera } }, 3, 3000, 4000).Memory;

        // The same pixels train either way; each 512-pixel tile is read with a halo of 6 rather than 2 (the paper's
        // network twice on the sub-images, once on the whole image) and holds the pixel-shuffle graph's tensors.
        Assert.AreEqual(official.TrainingBytes, camera.TrainingBytes);
        Assert.AreEqual((long)((MemoryEstimator.InferenceBytesPerPixelFeature * 48 * 2) + (sizeof(float) * MemoryEstimator.PixelShuffleTensors * 3)) * 524 * 524, camera.InferenceBytes);
        Assert.AreEqual(sizeof(float) * 3L * ((2 * 128 * 128) + (2 * ((524 * 524) - (516 * 516)))), camera.ImageBytes - official.ImageBytes, "the crops' sub-images, and the tile buffers' wider halo");
    }

    [TestMethod]
    public void AnImageTooSmallForTheSubImagesHasNoCameraPlan()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TrainingPlan.For(new DenoiseOptions { Noise = new() { Mode = NoiseMode.Camera } }, 3, 3, 8));

        StringAssert.Contains(error.Message, "8x3");
    }
}
