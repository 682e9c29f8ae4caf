using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;

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
        var options = new DenoiseOptions { Schedule = new() { Iterations = 200, StepSize = 100 }, Network = new() { Features = 16 }, PatchTraining = new() { Mode = PatchTrainingMode.Always, Size = 48 }, Execution = new() { Threads = 1 } };

        var result = new Denoiser(options).Denoise(noisy);

        var before = Psnr.Compute(clean, noisy);
        var after = Psnr.Compute(clean, result.Denoised);
        Assert.IsGreaterThan(before + 3.0, after, $"PSNR {before:F2} dB -> {after:F2} dB");
        Assert.IsTrue(result.Plan.UsesCrops);
        Assert.AreEqual((48, 48), (result.Plan.Batch.Height, result.Plan.Batch.Width));
        Assert.AreEqual((96, 96), (result.Denoised.Height, result.Denoised.Width));
    }

    [TestMethod]
    public void PatchTrainingRunsAtTheLearningRateTimesItsFactor()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 40, 36);
        var options = new DenoiseOptions { Schedule = new() { Iterations = 6 }, Network = new() { Features = 4 }, PatchTraining = new() { Mode = PatchTrainingMode.Always, Size = 16, Count = 2 }, Execution = new() { Threads = 1 } };

        var scaled = new Denoiser(options with { Schedule = options.Schedule with { LearningRate = 1e-3f }, PatchTraining = options.PatchTraining with { LearningRateFactor = 3f } }).Denoise(noisy).LossHistory.ToArray();
        var direct = new Denoiser(options with { Schedule = options.Schedule with { LearningRate = 3e-3f }, PatchTraining = options.PatchTraining with { LearningRateFactor = 1f } }).Denoise(noisy).LossHistory.ToArray();
        var whole = new Denoiser(options with { Schedule = options.Schedule with { LearningRate = 1e-3f }, PatchTraining = options.PatchTraining with { Mode = PatchTrainingMode.Never, LearningRateFactor = 3f } }).Denoise(noisy).LossHistory.ToArray();
        var wholeDirect = new Denoiser(options with { Schedule = options.Schedule with { LearningRate = 1e-3f }, PatchTraining = options.PatchTraining with { Mode = PatchTrainingMode.Never, LearningRateFactor = 1f } }).Denoise(noisy).LossHistory.ToArray();

        CollectionAssert.AreEqual(direct, scaled);
        CollectionAssert.AreEqual(wholeDirect, whole, "whole-image training ignores the factor");
        Assert.ThrowsExactly<InvalidOptionException>(() => new Denoiser(options with { PatchTraining = options.PatchTraining with { LearningRateFactor = 0 } }));
    }

    [TestMethod]
    public void PatchTrainingIsSeeded()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 40, 36);
        var options = new DenoiseOptions { Schedule = new() { Iterations = 8 }, Network = new() { Features = 4 }, PatchTraining = new() { Mode = PatchTrainingMode.Always, Size = 16 }, Seed = 2, Execution = new() { Threads = 1 } };

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

        var small = denoiser.Plan(3, 512, 512);
        var photo = denoiser.Plan(3, 3000, 4000);
        var narrow = new Denoiser(new DenoiseOptions { PatchTraining = new() { Mode = PatchTrainingMode.Always } }).Plan(1, 100, 5000);

        Assert.IsFalse(small.UsesCrops);
        Assert.AreEqual((512, 512), (small.Batch.Height, small.Batch.Width));
        Assert.IsTrue(photo.UsesCrops);
        Assert.AreEqual((PatchTrainingOptions.DefaultSize, PatchTrainingOptions.DefaultSize), (photo.Batch.Height, photo.Batch.Width));
        Assert.AreEqual((100, PatchTrainingOptions.DefaultSize), (narrow.Batch.Height, narrow.Batch.Width));
        Assert.IsLessThan(3L << 30, photo.Memory.TotalBytes);
    }

    [TestMethod]
    public void ARunOverTheLimitIsRefusedBeforeItStartsAndSaysWhatToChange()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 64, 64);
        var options = new DenoiseOptions { Schedule = new() { Iterations = 1_000_000 }, Execution = new() { Threads = 1 }, Limits = new() { MemoryBytes = 64L << 20 } };

        var error = Assert.ThrowsExactly<MemoryLimitExceededException>(() => new Denoiser(options).Denoise(noisy));

        Assert.IsInstanceOfType<Exception>(error);
        Assert.AreEqual(64L << 20, error.LimitBytes);
        Assert.IsGreaterThan(error.LimitBytes, error.Estimate.TotalBytes);
        StringAssert.Contains(error.Message, "64x64");
        StringAssert.Contains(error.Message, "PatchTraining");
        StringAssert.Contains(error.Message, "Limits.MemoryBytes");
    }

    [TestMethod]
    public void PatchTrainingBringsAPhotoUnderALimitThatWholeImageTrainingExceeds()
    {
        var limit = 1L << 30;
        var whole = new Denoiser(new DenoiseOptions { PatchTraining = new() { Mode = PatchTrainingMode.Never }, Limits = new() { MemoryBytes = limit } });
        var patched = new Denoiser(new DenoiseOptions { Limits = new() { MemoryBytes = limit } });

        Assert.IsGreaterThan(limit, whole.Plan(3, 3000, 4000).Memory.TotalBytes);
        Assert.IsLessThan(limit, patched.Plan(3, 3000, 4000).Memory.TotalBytes);
    }

    [TestMethod]
    [DataRow("Execution.TileSize", 8)]
    [DataRow("PatchTraining.Size", 63)]
    [DataRow("Limits.MemoryBytes", 0)]
    public void BadLargeImageOptionsAreRefusedByName(string option, int value)
    {
        var options = option switch
        {
            "Execution.TileSize" => new DenoiseOptions { Execution = new() { TileSize = value } },
            "PatchTraining.Size" => new DenoiseOptions { PatchTraining = new() { Size = value } },
            _ => new DenoiseOptions { Limits = new() { MemoryBytes = value } },
        };

        var error = Assert.ThrowsExactly<InvalidOptionException>(() => new Denoiser(options));

        Assert.AreEqual(option, error.ParamName);
    }
}
