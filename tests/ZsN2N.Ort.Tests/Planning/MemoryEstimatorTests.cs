using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Planning;

[TestClass]
public sealed class MemoryEstimatorTests
{
    [TestMethod]
    public void WholeImageTrainingGrowsWithTheImagePatchTrainingDoesNot()
    {
        var small = MemoryEstimator.Estimate(3, 48, 1000, 1000, new TrainingBatch(1, 1000, 1000), false, 512);
        var large = MemoryEstimator.Estimate(3, 48, 3000, 4000, new TrainingBatch(1, 3000, 4000), false, 512);
        var smallPatch = MemoryEstimator.Estimate(3, 48, 1000, 1000, new TrainingBatch(1, 128, 128), true, 512);
        var largePatch = MemoryEstimator.Estimate(3, 48, 3000, 4000, new TrainingBatch(1, 128, 128), true, 512);

        Assert.AreEqual(12.0, large.TrainingBytes / (double)small.TrainingBytes, 0.01);
        Assert.AreEqual(smallPatch.TrainingBytes, largePatch.TrainingBytes);
        Assert.AreEqual(smallPatch.InferenceBytes, largePatch.InferenceBytes);
        Assert.IsGreaterThan(10L << 30, large.TotalBytes, "12 MP whole-image training needs tens of GB");
        Assert.IsLessThan(1L << 30, largePatch.TotalBytes, "12 MP patch training and tiled inference fit in 1 GiB");
    }

    [TestMethod]
    public void TheDeepNetworkNeedsAThirdFeatureMapAndAWiderTileHalo()
    {
        var batch = new TrainingBatch(2, 128, 128);
        var paper = MemoryEstimator.Estimate(3, 48, 3000, 4000, batch, true, 512);
        var deep = MemoryEstimator.Estimate(3, 48, 3000, 4000, batch, true, 512, NetworkDefinition.For(NetworkKind.Deep));

        Assert.AreEqual((long)(MemoryEstimator.InferenceBytesPerPixelFeature * 48 * 2 * (512 + 4) * (512 + 4)), paper.InferenceBytes);
        Assert.AreEqual((long)(MemoryEstimator.InferenceBytesPerPixelFeature * 48 * 3 * (512 + 6) * (512 + 6)), deep.InferenceBytes);
        Assert.AreEqual(1.5, deep.TrainingBytes / (double)paper.TrainingBytes, 1e-9);
    }

    [TestMethod]
    public void AnEnsembleHoldsEveryOutputOfATile()
    {
        var batch = new TrainingBatch(2, 128, 128);
        var deep = NetworkDefinition.For(NetworkKind.Deep);
        var single = MemoryEstimator.Estimate(3, 48, 3000, 4000, batch, true, 512, deep);
        var selfEnsemble = MemoryEstimator.Estimate(3, 48, 3000, 4000, batch, true, 512, deep, ensembleOutputs: 8);

        Assert.AreEqual(sizeof(float) * 8L * 3 * (512 + 6) * (512 + 6), selfEnsemble.InferenceBytes - single.InferenceBytes);
        Assert.AreEqual(single.TrainingBytes, selfEnsemble.TrainingBytes);
        Assert.AreEqual(selfEnsemble.TotalBytes, new Denoiser(new DenoiseOptions().WithQuality(Quality.High)).Plan(3, 3000, 4000).Memory.TotalBytes);
    }

    [TestMethod]
    public void TheDefaultLimitIsAFractionOfAvailableMemory()
    {
        Assert.AreEqual((long)(MemoryBudget.AvailableBytes * MemoryBudget.DefaultFraction), MemoryBudget.DefaultLimitBytes);
        Assert.AreEqual(MemoryBudget.DefaultLimitBytes, MemoryBudget.Resolve(new DenoiseOptions().Limits.MemoryBytes));
        Assert.AreEqual(123L, MemoryBudget.Resolve(new DenoiseOptions { Limits = new() { MemoryBytes = 123 } }.Limits.MemoryBytes));
    }
}
