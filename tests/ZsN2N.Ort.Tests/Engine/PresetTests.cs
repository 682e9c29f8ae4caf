using ZsN2N.Ort.Options;

namespace ZsN2N.Ort.Tests.Engine;

[TestClass]
public sealed class PresetTests
{
    [TestMethod]
    public void FastCompressesTheOfficialScheduleAndOfficialRestoresIt()
    {
        var fast = new DenoiseOptions { Network = new() { Features = 32 }, Seed = 4 }.WithPreset(Preset.Fast);

        Assert.AreEqual((ScheduleOptions.FastIterations, ScheduleOptions.FastStepSize, 1e-3f, 0.5f), (fast.Schedule.Iterations, fast.Schedule.StepSize, fast.Schedule.LearningRate, fast.Schedule.Gamma));
        Assert.AreEqual(3, (fast.Schedule.Iterations + fast.Schedule.StepSize - 1) / fast.Schedule.StepSize, "the official three learning rates");
        Assert.AreEqual((32, 4UL), (fast.Network.Features, fast.Seed), "other options are kept");
        var official = fast.WithPreset(Preset.Official).Schedule;
        Assert.AreEqual((3000, 1000, 1e-3f, 0.5f), (official.Iterations, official.StepSize, official.LearningRate, official.Gamma));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => fast.WithPreset((Preset)7));
    }
}
