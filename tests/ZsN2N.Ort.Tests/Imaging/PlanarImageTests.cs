using OpenCvSharp;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.Imaging;

[TestClass]
public sealed class PlanarImageTests
{
    [TestMethod]
    public void RowsAndPlanesIndexChannelMajorLayout()
    {
        var pixels = new float[3 * 2 * 4];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = i;
        }

        var image = new PlanarImage(3, 2, 4, pixels);

        Assert.AreEqual(12f, image.GetPlane(1)[4]);
        CollectionAssert.AreEqual(new[] { 20f, 21f, 22f, 23f }, image.GetRow(2, 1).ToArray());
        Assert.IsFalse(image.HasAlpha);
        Assert.AreEqual(0, image.Alpha.Length);
    }

    [TestMethod]
    public void InvalidArgumentsNameTheValue()
    {
        var channels = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PlanarImage(2, 4, 4));
        StringAssert.Contains(channels.Message, "2");
        var depth = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PlanarImage(1, 4, 4, 12));
        StringAssert.Contains(depth.Message, "12");
        var length = Assert.ThrowsExactly<ArgumentException>(() => new PlanarImage(3, 4, 4, new float[47]));
        StringAssert.Contains(length.Message, "47");
        var alpha = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PlanarImage(1, 1, 2, new float[2], 8, [3, 300]));
        StringAssert.Contains(alpha.Message, "300");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PlanarImage(1, 4, 4).GetRow(0, 4));
    }

    [TestMethod]
    public void WithPixelsKeepsMetadataAndAlpha()
    {
        PlanarImage image = PatternImage.Create(3, 5, 6, 16, alpha: true);

        PlanarImage copy = image.WithPixels(new float[3 * 5 * 6]);

        Assert.AreEqual(16, copy.BitDepth);
        CollectionAssert.AreEqual(image.Alpha.ToArray(), copy.Alpha.ToArray());
        Assert.AreEqual(0f, copy.Pixels[7]);
        Assert.AreNotEqual(0f, image.Pixels[7]);
    }

    [TestMethod]
    public void FromMatReordersBgrToRgb()
    {
        using var mat = new Mat(2, 3, MatType.CV_8UC3, new Scalar(0, 51, 255));

        PlanarImage image = ImageIo.FromMat(mat);

        Assert.AreEqual(3, image.Channels);
        Assert.AreEqual(1f, image.GetRow(0, 1)[2]);
        Assert.AreEqual(0.2f, image.GetRow(1, 1)[2]);
        Assert.AreEqual(0f, image.GetRow(2, 1)[2]);
        Assert.AreEqual(ImageFormat.Unknown, image.SourceFormat);
    }

    [TestMethod]
    public void ToMatRoundsClampsAndWritesBgr()
    {
        // Planes R = [0.5, NaN], G = [2, −1], B = [0.2/255, 0.6/255].
        var pixels = new float[] { 0.5f, float.NaN, 2f, -1f, 0.2f / 255, 0.6f / 255 };
        var image = new PlanarImage(3, 1, 2, pixels);

        using Mat mat = ImageIo.ToMat(image);

        Assert.AreEqual(MatType.CV_8UC3, mat.Type());
        Assert.AreEqual(new Vec3b(0, 255, 128), mat.Get<Vec3b>(0, 0));
        Assert.AreEqual(new Vec3b(1, 0, 0), mat.Get<Vec3b>(0, 1));
    }

    [TestMethod]
    public void FloatMatIsClampedToSixteenBit()
    {
        using var mat = new Mat(1, 3, MatType.CV_32FC1);
        mat.Set(0, 0, float.NaN);
        mat.Set(0, 1, 1.5f);
        mat.Set(0, 2, 0.25f);

        PlanarImage image = ImageIo.FromMat(mat);

        Assert.AreEqual(16, image.BitDepth);
        CollectionAssert.AreEqual(new[] { 0f, 1f, 0.25f }, image.Pixels.ToArray());
    }

    [TestMethod]
    public void TwoChannelMatIsGrayWithAlpha()
    {
        using var mat = new Mat(1, 2, MatType.CV_16UC2, new Scalar(65535, 1234));

        PlanarImage image = ImageIo.FromMat(mat);

        Assert.AreEqual(1, image.Channels);
        Assert.AreEqual(16, image.BitDepth);
        CollectionAssert.AreEqual(new ushort[] { 1234, 1234 }, image.Alpha.ToArray());
        Assert.AreEqual(1f, image.Pixels[0]);
    }

    [TestMethod]
    public void GrayAlphaBecomesBgraMat()
    {
        PlanarImage image = PatternImage.Create(1, 3, 4, 8, alpha: true);

        using Mat mat = ImageIo.ToMat(image);

        Assert.AreEqual(MatType.CV_8UC4, mat.Type());
        Vec4b px = mat.Get<Vec4b>(1, 2);
        Assert.AreEqual(px.Item0, px.Item2);
        Assert.AreEqual(image.GetAlphaRow(1)[2], px.Item3);
    }

    [TestMethod]
    public void UnsupportedMatDepthIsReported()
    {
        using var mat = new Mat(2, 2, MatType.CV_64FC1, new Scalar(0.5));

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.FromMat(mat));

        Assert.AreEqual(ImageDecodeError.Unsupported, ex.Error);
    }
}
