using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Engine;

[TestClass]
public sealed class QualityModeTests
{
    // A 64x64 crop trained for 1500 steps is where the official recipe fits the noise of its one pixel pairing
    // soonest, so the gain shows in a test's time; whole 256x256 images over 3000 steps: docs/quality.md. These crops
    // gained 1.01 dB (camera, sigma 50) and 0.77 dB (aloeL, sigma 25); the floor is the 0.3 dB.
    [TestMethod]
    [DataRow("noisy_g50", "camera.png")]
    [DataRow("noisy_g25", "aloeL.png")]
    public void HighQualityRaisesPsnrOverTheOfficialRecipe(string set, string name)
    {
        var noisy = DevCrops.Load(set, name, 96, 96, 64, 64);
        var clean = DevCrops.Load("clean", name, 96, 96, 64, 64);
        var official = new DenoiseOptions { Schedule = new() { Iterations = 1500, StepSize = 500 }, Execution = new() { Threads = 1 } };

        var before = Psnr.Compute(clean, new Denoiser(official).Denoise(noisy).Denoised);
        var after = Psnr.Compute(clean, new Denoiser(official.WithQuality(Quality.High)).Denoise(noisy).Denoised);

        Assert.IsGreaterThan(before + 0.3, after, $"official {before:F2} dB, high {after:F2} dB");
    }

    [TestMethod]
    public void ShiftAugmentationTrainsOnShiftedCropsReproducibly()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 20, 22);
        var options = new DenoiseOptions { Schedule = new() { Iterations = 12 }, Network = new() { Features = 4 }, ShiftAugmentation = true, Execution = new() { Threads = 1 } };

        var first = new Denoiser(options).Denoise(noisy).LossHistory.ToArray();
        var again = new Denoiser(options).Denoise(noisy).LossHistory.ToArray();
        var plain = new Denoiser(options with { ShiftAugmentation = false }).Denoise(noisy).LossHistory.ToArray();

        CollectionAssert.AreEqual(first, again);
        CollectionAssert.AreNotEqual(plain, first, "the shifted crops changed nothing");
        Assert.IsGreaterThan(2, first.Distinct().Count());
    }

    [TestMethod]
    public void AnEnsembleRunIsTheEnsembleOfItsSeedsRunAlone()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 24, 20);
        var options = new DenoiseOptions { Schedule = new() { Iterations = 15 }, Network = new() { Features = 8 }, ShiftAugmentation = true, Seed = 5, Execution = new() { Threads = 1 } };

        var ensemble = new Denoiser(options with { Ensemble = options.Ensemble with { Models = 2, SelfEnsemble = true } }).Denoise(noisy);
        var members = new[] { 5UL, 6UL }.Select(seed => new Denoiser(options with { Seed = seed }).Denoise(noisy).Model).ToList();

        var expected = DenoiserEnsemble.Combine(members, selfEnsemble: true).Apply(noisy, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray();
        CollectionAssert.AreEqual(expected, ensemble.Denoised.Pixels.ToArray());
        Assert.HasCount(2, ensemble.LossHistories);
        Assert.AreNotEqual(ensemble.LossHistories[0][^1], ensemble.LossHistories[1][^1]);
    }

    [TestMethod]
    public void HighQualityIsTheSelfEnsembleOfTheDeepNetworkTrainedOnShiftedCrops()
    {
        var noisy = DevCrops.Load("noisy_g50", "camera.png", 40, 60, 18, 26);
        var options = new DenoiseOptions { Schedule = new() { Iterations = 15 }, Network = new() { Features = 8 }, Seed = 2, Execution = new() { Threads = 1 } };

        var high = new Denoiser(options.WithQuality(Quality.High)).Denoise(noisy);
        var parts = new Denoiser(options with { Network = options.Network with { Kind = NetworkKind.Deep }, ShiftAugmentation = true }).Denoise(noisy);

        var expected = DenoiserEnsemble.Combine([parts.Model], selfEnsemble: true).Apply(noisy, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray();
        CollectionAssert.AreEqual(expected, high.Denoised.Pixels.ToArray());
        CollectionAssert.AreNotEqual(parts.Denoised.Pixels.ToArray(), expected, "the self-ensemble changed nothing");
    }

    [TestMethod]
    public void ProgressCountsTheStepsOfEveryModel()
    {
        var reports = new List<TrainingProgress>();
        var options = new DenoiseOptions { Schedule = new() { Iterations = 20 }, Network = new() { Features = 4 }, Ensemble = new() { Models = 3 }, Execution = new() { Threads = 1, ProgressInterval = 10 } };

        new Denoiser(options).Denoise(DevCrops.Load("noisy_g25", "home.png", 0, 0, 16, 16), new SynchronousProgress<TrainingProgress>(reports.Add));

        CollectionAssert.AreEqual(new[] { 10, 20, 30, 40, 50, 60 }, reports.Select(r => r.Iteration).ToArray());
        Assert.IsTrue(reports.All(r => r.TotalIterations == 60));
    }

    [TestMethod]
    public void EnsembleSizeOutOfRangeIsRefused()
    {
        var error = Assert.ThrowsExactly<InvalidOptionException>(() => new Denoiser(new DenoiseOptions { Ensemble = new() { Models = 0 } }));
        Assert.AreEqual("Ensemble.Models", error.ParamName);
    }

    [TestMethod]
    public void QualityPresetsSetTheEnsemble()
    {
        var official = new DenoiseOptions { Seed = 3 };
        var high = official.WithQuality(Quality.High);

        Assert.AreEqual(EnsembleOptions.HighQualityModels, high.Ensemble.Models);
        Assert.AreEqual(NetworkKind.Deep, high.Network.Kind);
        Assert.IsTrue(high.ShiftAugmentation);
        Assert.IsTrue(high.Ensemble.SelfEnsemble);
        Assert.AreEqual(3UL, high.Seed);
        Assert.AreEqual(official, high.WithQuality(Quality.Official));
    }
}
