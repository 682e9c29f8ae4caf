using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Options;

namespace ZsN2N.Ort.Tests.Options;

[TestClass]
public sealed class OptionRangesTests
{
    [TestMethod]
    public void AFailureNamesTheOptionTheValueAndTheRangeAndNothingElse()
    {
        var options = new DenoiseOptions { Schedule = new() { Iterations = 0 } };

        var error = Assert.ThrowsExactly<InvalidOptionException>(options.Validate);

        Assert.AreEqual("Schedule.Iterations must be between 1 and 10000000, not 0.", error.Message);
        Assert.AreEqual(("Schedule.Iterations", (object)0L), (error.ParamName, error.ActualValue));
        Assert.AreSame(OptionRanges.Iterations, error.Option);
    }

    [TestMethod]
    public void EveryValueOutOfRangeIsReportedInOrder()
    {
        var options = new DenoiseOptions
        {
            Schedule = new() { LearningRate = float.NaN, Gamma = 1.5f },
            Network = new() { Kind = (NetworkKind)7 },
            PatchTraining = new() { Size = 63 },
            Execution = new() { TileSize = 8 },
            Limits = new() { MemoryBytes = 0 },
        };

        var messages = OptionRanges.Check(options).Select(e => e.Message).ToArray();

        CollectionAssert.AreEqual(
            new[]
            {
                "Schedule.LearningRate must be in (0, 10], not NaN.",
                "Schedule.Gamma must be in (0, 1], not 1.5.",
                "Network.Kind must be Paper or Deep, not 7.",
                "PatchTraining.Size must be an even number between 16 and 65536, not 63.",
                "Execution.TileSize must be 0 (untiled) or between 16 and 65536, not 8.",
                "Limits.MemoryBytes must be at least 1, not 0.",
            },
            messages);
    }

    [TestMethod]
    public void TheDefaultsAndTheQualityPresetsAreValid()
    {
        Assert.IsEmpty(OptionRanges.Check(new DenoiseOptions()));
        Assert.IsEmpty(OptionRanges.Check(new DenoiseOptions().WithQuality(Quality.High).WithPreset(Preset.Fast)));
    }

    [TestMethod]
    [DataRow("Schedule.LearningRate", 10.0, true)]
    [DataRow("Schedule.LearningRate", 10.001, false)]
    [DataRow("Schedule.LearningRate", 0.0, false)]
    [DataRow("Schedule.Iterations", 10_000_000.0, true)]
    [DataRow("Schedule.Iterations", 2.5, false)]
    [DataRow("PatchTraining.Size", 64.0, true)]
    [DataRow("PatchTraining.Size", 14.0, false)]
    [DataRow("Execution.TileSize", 0.0, true)]
    [DataRow("Execution.TileSize", 16.0, true)]
    [DataRow("Execution.TileSize", 65_537.0, false)]
    [DataRow("Execution.Threads", double.PositiveInfinity, false)]
    public void RangesAllowTheirBoundsAndNothingBeyond(string option, double value, bool allowed)
    {
        Assert.AreEqual(allowed, OptionRanges.Named(option).Allows(value));
    }

    [TestMethod]
    public void EveryOptionHasOneStableName()
    {
        var names = OptionRanges.All.Select(r => r.Name).ToArray();

        CollectionAssert.AllItemsAreUnique(names);
        Assert.IsTrue(names.All(n => n.Split('.') is [_, _]), string.Join(", ", names));
        Assert.ThrowsExactly<KeyNotFoundException>(() => OptionRanges.Named("Iterations"));
    }
}
