using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Imaging.Noise;

[TestClass]
public sealed class NoiseEstimatorTests
{
    private const double Sigma = 0.05;

    [TestMethod]
    public void PixelIndependentNoiseReadsAsARatioOfOneAtItsLevel()
    {
        var estimate = NoiseEstimator.Estimate(WhiteNoise(seed: 3));

        // Var h_1 = Var h_2 = 6 s^2; choosing the flattest quarter of the blocks lowers the ratio by a few per cent.
        Assert.IsInRange(0.93, 1.03, estimate.Ratio);
        Assert.AreEqual(Sigma, estimate.Sigma1, Sigma * 0.03);
        Assert.AreEqual(Sigma, estimate.Sigma2, Sigma * 0.03);
        Assert.IsFalse(estimate.IsCorrelated);
    }

    [TestMethod]
    public void NoiseFilteredByOneTwoOneReadsAsTheRatioItsCovarianceGives()
    {
        // n filtered by [1, 2, 1] / 4 along both axes has, along each, C(0..4) = (6, 4, 1, 0, 0) / 16 times the rest, so
        // Var h_1 = 6C(0) - 8C(1) + 2C(2) = 6/16 and Var h_2 = 6C(0) - 8C(2) + 2C(4) = 28/16: a ratio of sqrt(6/28).
        var white = WhiteNoise(seed: 5);
        var filtered = white.WithPixels(new float[white.Pixels.Length]);
        for (var c = 0; c < white.Channels; c++)
        {
            for (var y = 1; y < white.Height - 1; y++)
            {
                for (var x = 1; x < white.Width - 1; x++)
                {
                    double sum = 0;
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            sum += (2 - Math.Abs(dy)) * (2 - Math.Abs(dx)) / 16.0 * (white.GetRow(c, y + dy)[x + dx] - 0.5);
                        }
                    }

                    filtered.GetRow(c, y)[x] = (float)(0.5 + sum);
                }
            }
        }

        var estimate = NoiseEstimator.Estimate(DevCrops.Crop(filtered, 1, 1, white.Height - 2, white.Width - 2));

        Assert.AreEqual(Math.Sqrt(6.0 / 28), estimate.Ratio, 0.03);
        Assert.IsTrue(estimate.IsCorrelated);
    }

    [TestMethod]
    public void ClippedBlocksAreLeftOut()
    {
        // Half the image saturated: without noise there it is the flattest, and its zero energies would decide the ratio.
        var image = WhiteNoise(seed: 7);
        for (var c = 0; c < image.Channels; c++)
        {
            for (var y = 0; y < image.Height / 2; y++)
            {
                image.GetRow(c, y).Fill(1f);
            }
        }

        Assert.IsInRange(0.93, 1.03, NoiseEstimator.Estimate(image).Ratio);
    }

    [TestMethod]
    public void AnImageWithoutVariationIsNotCalledCorrelated()
    {
        var estimate = NoiseEstimator.Estimate(ImagingTestData.Constant(3, 32, 32, 0.5f));

        Assert.AreEqual((1.0, 0.0, 0.0), (estimate.Ratio, estimate.Sigma1, estimate.Sigma2));
        Assert.IsFalse(estimate.IsCorrelated);
    }

    [TestMethod]
    public void MatchesTheResearchScriptOnTheCameraPhoto()
    {
        // tools/camera-noise/estimator.py statistics() on the same file: ratio_flat, sigma1, sigma2.
        var estimate = NoiseEstimator.Estimate(CameraPhoto.Noisy());

        Assert.AreEqual(0.4573346919936335, estimate.Ratio, 1e-9);
        Assert.AreEqual(0.010187106853539027, estimate.Sigma1, 1e-9);
        Assert.AreEqual(0.037259570504369066, estimate.Sigma2, 1e-9);
    }

    [TestMethod]
    public void CameraCropsReadAsCorrelatedAndGaussianCropsAsPixelIndependent()
    {
        // Every 64 x 64 crop: the research measured camera crops at 0.44-0.53 and Gaussian ones at 0.82-1.11.
        foreach (var (set, correlated) in new[] { ("camera", true), ("noisy_g25", false), ("noisy_g50", false) })
        {
            var image = correlated ? CameraPhoto.Noisy() : ImageIo.Read(RepositoryPaths.DevImage(set, "camera.png"));
            for (var top = 0; top + 64 <= image.Height; top += 64)
            {
                for (var left = 0; left + 64 <= image.Width; left += 64)
                {
                    var estimate = NoiseEstimator.Estimate(DevCrops.Crop(image, top, left, 64, 64));
                    Assert.AreEqual(correlated, estimate.IsCorrelated, $"{set} crop at ({top}, {left}): {estimate}");
                }
            }
        }
    }

    [TestMethod]
    public void AnImageTooSmallIsRefused()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => NoiseEstimator.Estimate(ImagingTestData.Constant(1, 11, 40, 0.5f)));

        StringAssert.Contains(error.Message, "40x11");
    }

    [TestMethod]
    public void TheEstimateSaysWhatItFoundForPeople()
    {
        Assert.AreEqual("correlated noise (ratio 0.46, level 9.5/255)", new NoiseEstimate(0.4573, 0.0102, 0.03726).ToString());
        Assert.AreEqual("pixel-independent noise (ratio 0.98, level 25.5/255)", new NoiseEstimate(0.979, 0.0945, 0.0999).ToString());
    }

    private static PlanarImage WhiteNoise(int seed) => new GaussianNoise(Sigma, seed).Apply(ImagingTestData.Constant(3, 128, 128, 0.5f));
}
