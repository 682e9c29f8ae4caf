using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;

namespace ZsN2N.Ort.Tests.Imaging.Noise;

[TestClass]
public sealed class PoissonNoiseTests
{
    [TestMethod]
    [DataRow(4.0)]    // λ = 2: Knuth's method
    [DataRow(50.0)]   // λ = 25: transformed rejection
    [DataRow(1000.0)] // λ = 500
    public void MeanAndVarianceFollowPoissonStatistics(double peak)
    {
        PlanarImage grey = ImagingTestData.Constant(3, 128, 128, 0.5f);

        PlanarImage noisy = new PoissonNoise(peak, seed: 3).Apply(grey);

        // Poisson(λ)/peak with λ = 0.5·peak: mean 0.5, variance 0.5/peak.
        (double mean, double std) = GaussianNoiseTests.MeanStd(noisy.Pixels);
        double expectedStd = Math.Sqrt(0.5 / peak);
        Assert.AreEqual(0.5, mean, 4 * expectedStd / Math.Sqrt(noisy.Pixels.Length));
        Assert.AreEqual(expectedStd, std, expectedStd * 0.03);
    }

    [TestMethod]
    public void ValuesAreCountsOverPeakAndNotClamped()
    {
        PlanarImage white = ImagingTestData.Constant(1, 32, 32, 1f);

        PlanarImage noisy = new PoissonNoise(10, seed: 5).Apply(white);

        bool aboveOne = false;
        foreach (float v in noisy.Pixels)
        {
            double count = v * 10.0;
            Assert.AreEqual(Math.Round(count), count, 1e-4);
            aboveOne |= v > 1f;
        }

        Assert.IsTrue(aboveOne);
    }

    [TestMethod]
    public void BlackStaysBlackAndSameSeedGivesSameBits()
    {
        PlanarImage image = PatternImage.Create(3, 23, 37, 8, alpha: false);

        PlanarImage first = new PoissonNoise(30, 9).Apply(image);
        PlanarImage second = new PoissonNoise(30, 9).Apply(image);
        PlanarImage black = new PoissonNoise(30, 9).Apply(ImagingTestData.Constant(1, 8, 8, 0f));

        CollectionAssert.AreEqual(first.Pixels.ToArray(), second.Pixels.ToArray());
        Assert.IsTrue(black.Pixels.IndexOfAnyExcept(0f) < 0);
    }

    [TestMethod]
    public void InvalidPeakIsRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PoissonNoise(0, 1));

        StringAssert.Contains(ex.Message, "0");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PoissonNoise(double.PositiveInfinity, 1));
    }
}
