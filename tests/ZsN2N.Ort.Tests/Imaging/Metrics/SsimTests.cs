using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;

namespace ZsN2N.Ort.Tests.Imaging.Metrics;

[TestClass]
public sealed class SsimTests
{
    private const double C1 = 0.01 * 0.01;
    private const double C2 = 0.03 * 0.03;

    [TestMethod]
    public void IdenticalImagesScoreOne()
    {
        PlanarImage image = ImageIo.Read(RepositoryPaths.DevImage("clean", "orange.png"));

        Assert.AreEqual(1.0, Ssim.Compute(image, image.Clone()));
    }

    [TestMethod]
    public void NoiseLowersSsimAndMatchesScikitImage()
    {
        PlanarImage clean = ImageIo.Read(RepositoryPaths.DevImage("clean", "camera.png"));
        PlanarImage g25 = ImageIo.Read(RepositoryPaths.DevImage("noisy_g25", "camera.png"));
        PlanarImage g50 = ImageIo.Read(RepositoryPaths.DevImage("noisy_g50", "camera.png"));

        double ssim25 = Ssim.Compute(clean, g25);

        // scikit-image 0.19 structural_similarity(data_range=1) on the same files as float64.
        Assert.AreEqual(0.3939837427438385, ssim25, 1e-6);
        Assert.IsLessThan(ssim25, Ssim.Compute(clean, g50));
    }

    [TestMethod]
    public void ColourIsMeanOfChannelsAndMatchesScikitImage()
    {
        PlanarImage clean = ImageIo.Read(RepositoryPaths.DevImage("clean", "aloeL.png"));
        PlanarImage noisy = ImageIo.Read(RepositoryPaths.DevImage("noisy_g25", "aloeL.png"));
        double perChannel = 0;
        for (int c = 0; c < 3; c++)
        {
            perChannel += Ssim.Compute(Plane(clean, c), Plane(noisy, c)) / 3;
        }

        double ssim = Ssim.Compute(clean, noisy);

        Assert.AreEqual(perChannel, ssim, 1e-12);
        // structural_similarity(data_range=1, channel_axis=-1), the 16-bit file read at full depth.
        Assert.AreEqual(0.3935061684620173, ssim, 1e-6);
    }

    [TestMethod]
    public void SevenBySevenHasOneWindowWithClosedForm()
    {
        // x is a 7×7 checkerboard with 25 ones, y = 1 − x. One window covers everything:
        // μx = 25/49, μy = 24/49, σx² = σy² = (49/48)·μx·μy, σxy = −(49/48)·μx·μy (x·y is 0 everywhere).
        var x = new float[49];
        var y = new float[49];
        for (int i = 0; i < 49; i++)
        {
            x[i] = (i / 7 + i % 7) % 2 == 0 ? 1f : 0f;
            y[i] = 1f - x[i];
        }

        double ux = 25.0 / 49, uy = 24.0 / 49, v = 49.0 / 48 * ux * uy;
        double expected = (2 * ux * uy + C1) * (-2 * v + C2) / ((ux * ux + uy * uy + C1) * (2 * v + C2));

        double ssim = Ssim.Compute(new PlanarImage(1, 7, 7, x), new PlanarImage(1, 7, 7, y));

        Assert.AreEqual(expected, ssim, 1e-12);
        Assert.AreEqual(-0.9956486711846584, ssim, 1e-9); // scikit-image on the same arrays
    }

    [TestMethod]
    public void ConstantImagesCompareMeansOnly()
    {
        PlanarImage a = ImagingTestData.Constant(1, 9, 8, 0.5f);
        PlanarImage b = ImagingTestData.Constant(1, 9, 8, 0.25f);

        Assert.AreEqual((0.25 + C1) / (0.3125 + C1), Ssim.Compute(a, b), 1e-12);
    }

    [TestMethod]
    public void BordersAreCroppedLikeScikitImage()
    {
        // 9×8 ramps: 3×2 valid windows; scikit-image gives the mean over the same cropped map.
        var x = new float[72];
        var y = new float[72];
        for (int i = 0; i < 72; i++)
        {
            x[i] = (float)(i % 7 / 7.0);
            y[i] = (float)(i * 3 % 11 / 11.0);
        }

        double ssim = Ssim.Compute(new PlanarImage(1, 9, 8, x), new PlanarImage(1, 9, 8, y));

        Assert.AreEqual(-0.11820767028946477, ssim, 1e-6);
    }

    [TestMethod]
    public void TooSmallImageIsRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => Ssim.Compute(new PlanarImage(1, 6, 9), new PlanarImage(1, 6, 9)));

        StringAssert.Contains(ex.Message, "9x6");
    }

    private static PlanarImage Plane(PlanarImage image, int channel) =>
        new(1, image.Height, image.Width, image.GetPlane(channel).ToArray());
}
