using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;

namespace ZsN2N.Ort.Tests.Imaging.Noise;

[TestClass]
public sealed class GaussianNoiseTests
{
    [TestMethod]
    [DataRow(0.05)]
    [DataRow(25.0 / 255)]
    public void EmpiricalStdMatchesSigmaOnMidGrey(double sigma)
    {
        PlanarImage grey = ImagingTestData.Constant(3, 128, 128, 0.5f);

        PlanarImage noisy = new GaussianNoise(sigma, seed: 7).Apply(grey);

        (double mean, double std) = MeanStd(noisy.Pixels);
        Assert.AreEqual(0.5, mean, 0.002);
        Assert.AreEqual(sigma, std, sigma * 0.02);
    }

    [TestMethod]
    public void SameSeedGivesSameBits()
    {
        PlanarImage image = PatternImage.Create(3, 23, 37, 8, alpha: true);

        PlanarImage first = new GaussianNoise(0.1, 42).Apply(image);
        PlanarImage second = new GaussianNoise(0.1, 42).Apply(image);
        PlanarImage other = new GaussianNoise(0.1, 43).Apply(image);

        CollectionAssert.AreEqual(first.Pixels.ToArray(), second.Pixels.ToArray());
        CollectionAssert.AreNotEqual(first.Pixels.ToArray(), other.Pixels.ToArray());
    }

    [TestMethod]
    public void ResultIsClampedAndInputUntouched()
    {
        PlanarImage image = PatternImage.Create(1, 16, 16, 16, alpha: true);
        float[] before = image.Pixels.ToArray();

        PlanarImage noisy = new GaussianNoise(0.5, 1).Apply(image);

        CollectionAssert.AreEqual(before, image.Pixels.ToArray());
        foreach (float v in noisy.Pixels)
        {
            Assert.IsInRange(0f, 1f, v);
        }

        Assert.AreEqual(16, noisy.BitDepth);
        CollectionAssert.AreEqual(image.Alpha.ToArray(), noisy.Alpha.ToArray());
    }

    [TestMethod]
    public void InvalidSigmaIsRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GaussianNoise(-0.5, 1));

        StringAssert.Contains(ex.Message, "-0.5");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GaussianNoise(double.NaN, 1));
    }

    internal static (double Mean, double Std) MeanStd(ReadOnlySpan<float> values)
    {
        double sum = 0, sumSquares = 0;
        foreach (float v in values)
        {
            sum += v;
            sumSquares += (double)v * v;
        }

        double mean = sum / values.Length;
        return (mean, Math.Sqrt(sumSquares / values.Length - mean * mean));
    }
}
