using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;

namespace ZsN2N.Ort.Tests.Imaging;

[TestClass]
public sealed class ImageIoRoundTripTests
{
    private TempFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    [DataRow(1, 8, false, "png")]
    [DataRow(3, 8, false, "png")]
    [DataRow(1, 16, false, "png")]
    [DataRow(3, 16, false, "png")]
    [DataRow(3, 8, true, "png")]
    [DataRow(3, 16, true, "png")]
    [DataRow(1, 8, true, "png")]
    [DataRow(1, 16, true, "png")]
    [DataRow(1, 8, false, "tiff")]
    [DataRow(3, 16, false, "tif")]
    [DataRow(1, 16, false, "tiff")]
    [DataRow(3, 16, true, "tiff")]
    [DataRow(1, 8, false, "bmp")]
    [DataRow(3, 8, false, "bmp")]
    [DataRow(3, 8, true, "bmp")]
    public void LosslessFormatsRoundTripExactly(int channels, int bitDepth, bool alpha, string extension)
    {
        PlanarImage original = PatternImage.Create(channels, 23, 37, bitDepth, alpha);
        string path = _folder["image." + extension];

        ImageIo.Write(original, path);
        PlanarImage read = ImageIo.Read(path);

        Assert.AreEqual(channels, read.Channels);
        Assert.AreEqual(23, read.Height);
        Assert.AreEqual(37, read.Width);
        Assert.AreEqual(bitDepth, read.BitDepth);
        Assert.AreEqual(alpha, read.HasAlpha);
        CollectionAssert.AreEqual(original.Pixels.ToArray(), read.Pixels.ToArray());
        CollectionAssert.AreEqual(original.Alpha.ToArray(), read.Alpha.ToArray());
    }

    [TestMethod]
    public void RewritingReadFileReproducesItsBytes()
    {
        string source = RepositoryPaths.DevImage("noisy_g25", "camera.png");
        PlanarImage image = ImageIo.Read(source);
        byte[] again = ImageIo.Encode(image, ".png");

        PlanarImage reread = ImageIo.Decode(again);

        Assert.AreEqual(ImageFormat.Png, image.SourceFormat);
        CollectionAssert.AreEqual(image.Pixels.ToArray(), reread.Pixels.ToArray());
        Assert.AreEqual(16, reread.BitDepth);
    }

    [TestMethod]
    [DataRow("jpg")]
    [DataRow("jpeg")]
    [DataRow("webp")]
    public void LossyFormatsAreReadableAndClose(string extension)
    {
        PlanarImage clean = ImageIo.Read(RepositoryPaths.DevImage("clean", "aloeL.png"));
        string path = _folder["aloe." + extension];

        ImageIo.Write(clean, path);
        PlanarImage read = ImageIo.Read(path);

        Assert.AreEqual(3, read.Channels);
        Assert.AreEqual(8, read.BitDepth);
        Assert.AreEqual((256, 256), (read.Height, read.Width));
        Assert.IsGreaterThan(30.0, Psnr.Compute(clean, read));
    }

    [TestMethod]
    public void GrayStaysGrayInJpeg()
    {
        PlanarImage clean = ImageIo.Read(RepositoryPaths.DevImage("clean", "camera.png"));
        byte[] jpeg = ImageIo.Encode(clean, ".jpg");

        PlanarImage read = ImageIo.Decode(jpeg);

        Assert.AreEqual(1, read.Channels);
        Assert.AreEqual(ImageFormat.Jpeg, read.SourceFormat);
        Assert.IsGreaterThan(30.0, Psnr.Compute(clean, read));
    }

    [TestMethod]
    public void SixteenBitFallsToEightBitWhereFormatRequires()
    {
        PlanarImage image = PatternImage.Create(3, 23, 37, 16, alpha: true);

        PlanarImage read = ImageIo.Decode(ImageIo.Encode(image, ".bmp"));

        Assert.AreEqual(8, read.BitDepth);
        Assert.IsTrue(read.HasAlpha);
        for (int i = 0; i < image.Alpha.Length; i++)
        {
            Assert.AreEqual((int)Math.Round(image.Alpha[i] / 257.0), read.Alpha[i], $"alpha {i}");
        }

        Assert.IsLessThanOrEqualTo(0.5f / 255 + 1e-6f, MaxAbsDifference(image, read));
    }

    [TestMethod]
    public void JpegDropsAlpha()
    {
        PlanarImage image = PatternImage.Create(3, 23, 37, 8, alpha: true);

        PlanarImage read = ImageIo.Decode(ImageIo.Encode(image, "JPG"));

        Assert.IsFalse(read.HasAlpha);
        Assert.AreEqual(3, read.Channels);
    }

    [TestMethod]
    public void DevFilesKeepDepthAndChannels()
    {
        PlanarImage cleanGray = ImageIo.Read(RepositoryPaths.DevImage("clean", "camera.png"));
        PlanarImage noisyGray = ImageIo.Read(RepositoryPaths.DevImage("noisy_p50", "camera.png"));
        PlanarImage noisyColour = ImageIo.Read(RepositoryPaths.DevImage("noisy_g50", "aloeL.png"));
        PlanarImage large = ImageIo.Read(RepositoryPaths.DevImage("large", "motorcycle_left.png"));

        Assert.AreEqual((1, 8), (cleanGray.Channels, cleanGray.BitDepth));
        Assert.AreEqual((1, 16), (noisyGray.Channels, noisyGray.BitDepth));
        Assert.AreEqual((3, 16), (noisyColour.Channels, noisyColour.BitDepth));
        Assert.AreEqual((3, 500, 741), (large.Channels, large.Height, large.Width));
        Assert.IsFalse(large.HasAlpha);
    }

    [TestMethod]
    public void WriteReplacesExistingFileAndLeavesNoTemporaries()
    {
        string path = _folder["out.png"];
        File.WriteAllText(path, "old");

        ImageIo.Write(PatternImage.Create(3, 23, 37, 8, alpha: false), path);

        Assert.AreEqual(ImageFormat.Png, ImageHeaderReader.Read(File.ReadAllBytes(path)).Format);
        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(_folder.Path));
    }

    [TestMethod]
    public void FailedWriteKeepsExistingFile()
    {
        string path = _folder["out.gif"];
        File.WriteAllText(path, "old");

        var ex = Assert.ThrowsExactly<ArgumentException>(() => ImageIo.Write(PatternImage.Create(1, 8, 8, 8, false), path));

        StringAssert.Contains(ex.Message, ".gif");
        Assert.AreEqual("old", File.ReadAllText(path));
        Assert.HasCount(1, Directory.GetFiles(_folder.Path));
    }

    private static float MaxAbsDifference(PlanarImage a, PlanarImage b)
    {
        float max = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        }

        return max;
    }
}
