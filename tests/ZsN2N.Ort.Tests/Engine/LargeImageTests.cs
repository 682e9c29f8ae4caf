using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;

namespace ZsN2N.Ort.Tests.Engine;

/// <summary>Patch training, the memory estimate and its refusal, through the public Denoiser.</summary>
[TestClass]
public sealed class LargeImageTests
{
    [TestMethod]
    public void PatchTrainingOnADevImageGainsPsnrAndSaysSo()
    {
        var noisy = DevCrops.Load("noisy_g50", "camera.png", 64, 64, 96, 96);
        var clean = DevCrops.Load("clean", "camera.png", 64, 64, 96, 96);
        var options = new DenoiseOptions { Iterations = 200, StepSize = 100, Width = 16, Threads = 1, PatchTraining = PatchTrainingMode.Always, PatchSize = 48 };

        var result = new Denoiser(options).Denoise(noisy);

        var before = Psnr.Compute(clean, noisy);
        var after = Psnr.Compute(clean, result.Denoised);
        Assert.IsGreaterThan(before + 3.0, after, $"PSNR {before:F2} dB -> {after:F2} dB");
        Assert.IsTrue(result.UsedPatchTraining);
        Assert.AreEqual((48, 48), (result.TrainingHeight, result.TrainingWidth));
        Assert.AreEqual((96, 96), (result.Denoised.Height, result.Denoised.Width));
    }

    [TestMethod]
    public void PatchTrainingRunsAtTheLearningRateTimesItsFactor()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 40, 36);
        var options = new DenoiseOptions { Iterations = 6, Width = 4, Threads = 1, PatchTraining = PatchTrainingMode.Always, PatchSize = 16, PatchCount = 2 };

        var scaled = new Denoiser(options with { LearningRate = 1e-3f, PatchLearningRateFactor = 3f }).Denoise(noisy).LossHistory.ToArray();
        var direct = new Denoiser(options with { LearningRate = 3e-3f, PatchLearningRateFactor = 1f }).Denoise(noisy).LossHistory.ToArray();
        var whole = new Denoiser(options with { PatchTraining = PatchTrainingMode.Never, LearningRate = 1e-3f, PatchLearningRateFactor = 3f }).Denoise(noisy).LossHistory.ToArray();
        var wholeDirect = new Denoiser(options with { PatchTraining = PatchTrainingMode.Never, LearningRate = 1e-3f, PatchLearningRateFactor = 1f }).Denoise(noisy).LossHistory.ToArray();

        CollectionAssert.AreEqual(direct, scaled);
        CollectionAssert.AreEqual(wholeDirect, whole, "whole-image training ignores the factor");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Denoiser(options with { PatchLearningRateFactor = 0 }));
    }

    [TestMethod]
    public void PatchTrainingIsSeeded()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 40, 36);
        var options = new DenoiseOptions { Iterations = 8, Width = 4, Threads = 1, PatchTraining = PatchTrainingMode.Always, PatchSize = 16, Seed = 2 };

        var first = new Denoiser(options).Denoise(noisy).LossHistory.ToArray();
        var again = new Denoiser(options).Denoise(noisy).LossHistory.ToArray();
        var other = new Denoiser(options with { Seed = 3 }).Denoise(noisy).LossHistory.ToArray();

        CollectionAssert.AreEqual(first, again);
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public void AutoTrainsOnCropsOnlyAboveTheThreshold()
    {
        var denoiser = new Denoiser();

        var small = denoiser.EstimateMemory(3, 512, 512);
        var photo = denoiser.EstimateMemory(3, 3000, 4000);
        var narrow = new Denoiser(new DenoiseOptions { PatchTraining = PatchTrainingMode.Always }).EstimateMemory(1, 100, 5000);

        Assert.IsFalse(small.UsesPatchTraining);
        Assert.AreEqual((512, 512), (small.TrainingHeight, small.TrainingWidth));
        Assert.IsTrue(photo.UsesPatchTraining);
        Assert.AreEqual((DenoiseOptions.DefaultPatchSize, DenoiseOptions.DefaultPatchSize), (photo.TrainingHeight, photo.TrainingWidth));
        Assert.AreEqual((100, DenoiseOptions.DefaultPatchSize), (narrow.TrainingHeight, narrow.TrainingWidth));
        Assert.IsLessThan(3L << 30, photo.TotalBytes);
    }

    [TestMethod]
    public void ARunOverTheLimitIsRefusedBeforeItStartsAndSaysWhatToChange()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 64, 64);
        var options = new DenoiseOptions { Iterations = 1_000_000, Threads = 1, MemoryLimitBytes = 64L << 20 };

        var error = Assert.ThrowsExactly<MemoryLimitExceededException>(() => new Denoiser(options).Denoise(noisy));

        Assert.IsInstanceOfType<Exception>(error);
        Assert.AreEqual(64L << 20, error.LimitBytes);
        Assert.IsGreaterThan(error.LimitBytes, error.Estimate.TotalBytes);
        StringAssert.Contains(error.Message, "64x64");
        StringAssert.Contains(error.Message, "PatchTraining");
        StringAssert.Contains(error.Message, "MemoryLimitBytes");
    }

    [TestMethod]
    public void PatchTrainingBringsAPhotoUnderALimitThatWholeImageTrainingExceeds()
    {
        var limit = 1L << 30;
        var whole = new Denoiser(new DenoiseOptions { PatchTraining = PatchTrainingMode.Never, MemoryLimitBytes = limit });
        var patched = new Denoiser(new DenoiseOptions { MemoryLimitBytes = limit });

        Assert.IsGreaterThan(limit, whole.EstimateMemory(3, 3000, 4000).TotalBytes);
        Assert.IsLessThan(limit, patched.EstimateMemory(3, 3000, 4000).TotalBytes);
    }

    [TestMethod]
    [DataRow(nameof(DenoiseOptions.TileSize), 8)]
    [DataRow(nameof(DenoiseOptions.PatchSize), 63)]
    [DataRow(nameof(DenoiseOptions.MemoryLimitBytes), 0)]
    public void BadLargeImageOptionsAreRefusedByName(string option, int value)
    {
        var options = option switch
        {
            nameof(DenoiseOptions.TileSize) => new DenoiseOptions { TileSize = value },
            nameof(DenoiseOptions.PatchSize) => new DenoiseOptions { PatchSize = value },
            _ => new DenoiseOptions { MemoryLimitBytes = value },
        };

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Denoiser(options));

        Assert.AreEqual(option, error.ParamName);
    }
}
