using ZsN2N.Ort.Options;

namespace ZsN2N.Ort.Tests.Engine;

[TestClass]
public sealed class PresetTests
{
    [TestMethod]
    public void FastCompressesTheOfficialScheduleAndOfficialRestoresIt()
    {
        var fast = new DenoiseOptions { Width = 32, Seed = 4 }.WithPreset(Preset.Fast);

        Assert.AreEqual((DenoiseOptions.FastIterations, DenoiseOptions.FastStepSize, 1e-3f, 0.5f), (fast.Iterations, fast.StepSize, fast.LearningRate, fast.Gamma));
        Assert.AreEqual(3, (fast.Iterations + fast.StepSize - 1) / fast.StepSize, "the official three learning rates");
        Assert.AreEqual((32, 4UL), (fast.Width, fast.Seed), "other options are kept");
        var official = fast.WithPreset(Preset.Official);
        Assert.AreEqual((3000, 1000, 1e-3f, 0.5f), (official.Iterations, official.StepSize, official.LearningRate, official.Gamma));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => fast.WithPreset((Preset)7));
    }
}
