using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;

namespace ZsN2N.Ort.Tests.Imaging.Metrics;

[TestClass]
public sealed class PsnrTests
{
    [TestMethod]
    public void IdenticalImagesScoreInfinity()
    {
        PlanarImage image = ImageIo.Read(RepositoryPaths.DevImage("clean", "home.png"));

        Assert.AreEqual(double.PositiveInfinity, Psnr.Compute(image, image.Clone()));
    }

    [TestMethod]
    public void NoisyCameraMatchesDirectComputationAndScikitImage()
    {
        PlanarImage clean = ImageIo.Read(RepositoryPaths.DevImage("clean", "camera.png"));
        PlanarImage noisy = ImageIo.Read(RepositoryPaths.DevImage("noisy_g25", "camera.png"));
        double sum = 0;
        for (int i = 0; i < clean.Pixels.Length; i++)
        {
            double d = clean.Pixels[i] - (double)noisy.Pixels[i];
            sum += d * d;
        }

        double psnr = Psnr.Compute(clean, noisy);

        Assert.AreEqual(10 * Math.Log10(clean.Pixels.Length / sum), psnr, 1e-9);
        // Unclipped σ = 25 gives 20·log10(255/25) ≈ 20.17 dB; clipping at 0 and 1 removes some noise energy.
        Assert.IsInRange(20.0, 21.5, psnr);
        // scikit-image 0.19 peak_signal_noise_ratio(data_range=1) on the same files as float64.
        Assert.AreEqual(20.709959756140126, psnr, 1e-4);
    }

    [TestMethod]
    public void ColourAveragesOverAllChannels()
    {
        PlanarImage clean = ImageIo.Read(RepositoryPaths.DevImage("clean", "aloeL.png"));
        PlanarImage noisy = ImageIo.Read(RepositoryPaths.DevImage("noisy_g25", "aloeL.png"));

        // scikit-image on the same files, the 16-bit one read at full depth.
        Assert.AreEqual(20.24923474975825, Psnr.Compute(clean, noisy), 1e-4);
    }

    [TestMethod]
    public void ConstantOffsetHasClosedForm()
    {
        PlanarImage a = ImagingTestData.Constant(3, 4, 5, 0.5f);
        PlanarImage b = ImagingTestData.Constant(3, 4, 5, 0.75f);

        Assert.AreEqual(20 * Math.Log10(4), Psnr.Compute(a, b), 1e-9);
    }

    [TestMethod]
    public void ShapeMismatchIsRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => Psnr.Compute(new PlanarImage(1, 4, 4), new PlanarImage(3, 4, 4)));

        StringAssert.Contains(ex.Message, "[1, 4, 4] vs [3, 4, 4]");
    }
}
