using ZsN2N.Ort.Options;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Engine;

/// <summary>
/// Training that cannot converge stops with an error naming the cause, and returns nothing to write. From a file it
/// cannot happen (decoding clamps to 0..1 and the learning rate is capped at 10; at 10 the loss stays finite), so these
/// drive the engine with in-memory pixels.
/// </summary>
[TestClass]
public sealed class DivergenceTests
{
    [TestMethod]
    public void HugePixelValuesMakeTheLossNaNAndTrainingStopsAtThatStep()
    {
        var pixels = new float[16 * 16];
        Array.Fill(pixels, 3e38f);
        var denoiser = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 50, LearningRate = 10 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } });
        var reports = new List<TrainingProgress>();

        var ex = Assert.ThrowsExactly<TrainingException>(() => denoiser.Denoise(pixels, 1, 16, 16, new SyncProgress(reports.Add)));

        Assert.AreEqual(1, ex.Step);
        Assert.AreEqual("Training diverged at step 1: the loss is NaN. Lower the learning rate (now 10) or scale the pixel values to 0..1.", ex.Message);
        Assert.IsEmpty(reports, "no progress is reported past a non-finite loss");
    }

    [TestMethod]
    public void NaNPixelIsRefusedBeforeTrainingNamingWhere()
    {
        var pixels = new float[3 * 8 * 8];
        pixels[64 + 8 * 2 + 5] = float.NaN;
        var denoiser = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 5 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } });

        var ex = Assert.ThrowsExactly<ArgumentException>(() => denoiser.Denoise(pixels, 3, 8, 8));

        StringAssert.StartsWith(ex.Message, "The image has a non-finite value (NaN) at channel 1, row 2, column 5; pixel values must be finite, in 0..1.");
    }

    [TestMethod]
    public void InfinitePixelIsRefusedBeforeTraining()
    {
        var pixels = new float[4 * 4];
        pixels[^1] = float.NegativeInfinity;

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 5 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } }).Denoise(pixels, 1, 4, 4));

        StringAssert.Contains(ex.Message, "at channel 0, row 3, column 3");
    }

    [TestMethod]
    public void TheLargestLearningRateStaysFiniteOnAnImageFromAFile()
    {
        var random = new Random(1);
        var pixels = new float[16 * 16];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.Next(256) / 255f;
        }

        var result = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 300, LearningRate = 10, Gamma = 1 }, Network = new() { Features = 16 }, Execution = new() { Threads = 1 } }).Denoise(pixels, 1, 16, 16);

        Assert.IsTrue(result.LossHistory.All(l => float.IsFinite(l)), "lr 10 on 0..1 pixels does not diverge: the guard is a backstop");
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
