using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.Imaging;

[TestClass]
public sealed class ImageHeaderReaderTests
{
    [TestMethod]
    [DataRow("clean", "camera.png", 256, 256)]
    [DataRow("noisy_g25", "aloeL.png", 256, 256)]
    [DataRow("large", "motorcycle_left.png", 741, 500)]
    [DataRow("large", "starry_night.png", 752, 600)]
    public void ReadsDevFileSizes(string folder, string name, int width, int height)
    {
        ImageHeader header = ImageHeaderReader.Read(File.ReadAllBytes(RepositoryPaths.DevImage(folder, name)));

        Assert.AreEqual(new ImageHeader(ImageFormat.Png, width, height), header);
    }

    [TestMethod]
    [DataRow(".jpg", ImageFormat.Jpeg)]
    [DataRow(".bmp", ImageFormat.Bmp)]
    [DataRow(".webp", ImageFormat.WebP)]
    [DataRow(".tiff", ImageFormat.Tiff)]
    [DataRow(".png", ImageFormat.Png)]
    public void ReadsSizesOfEncodedImages(string extension, ImageFormat format)
    {
        foreach (int channels in new[] { 1, 3 })
        {
            byte[] bytes = ImageIo.Encode(PatternImage.Create(channels, 23, 37, 8, alpha: false), extension);

            Assert.AreEqual(new ImageHeader(format, 37, 23), ImageHeaderReader.Read(bytes), $"{channels} channels");
        }
    }

    [TestMethod]
    public void ReadsWebPExtendedHeader()
    {
        // Alpha makes OpenCV write a VP8X container.
        byte[] bytes = ImageIo.Encode(PatternImage.Create(3, 23, 37, 8, alpha: true), ".webp");

        Assert.AreEqual(new ImageHeader(ImageFormat.WebP, 37, 23), ImageHeaderReader.Read(bytes));
    }

    [TestMethod]
    public void ReadsGifLogicalScreen()
    {
        byte[] bytes = [.. "GIF89a"u8, 0x25, 0x00, 0x17, 0x00, 0, 0, 0];

        Assert.AreEqual(new ImageHeader(ImageFormat.Gif, 37, 23), ImageHeaderReader.Read(bytes));
    }

    [TestMethod]
    public void ReadsBigEndianTiff()
    {
        // MM, 42, IFD at 8: two entries, ImageWidth SHORT 37 and ImageLength LONG 23.
        byte[] bytes =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,
            0, 2,
            1, 0, 0, 3, 0, 0, 0, 1, 0, 37, 0, 0,
            1, 1, 0, 4, 0, 0, 0, 1, 0, 0, 0, 23,
        ];

        Assert.AreEqual(new ImageHeader(ImageFormat.Tiff, 37, 23), ImageHeaderReader.Read(bytes));
    }

    [TestMethod]
    public void UnknownBytesAreRefused()
    {
        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageHeaderReader.Read("hello, world"u8, "notes.txt"));

        Assert.AreEqual(ImageDecodeError.UnknownFormat, ex.Error);
        StringAssert.StartsWith(ex.Message, "notes.txt: ");
    }

    [TestMethod]
    public void TruncatedHeaderIsCorrupt()
    {
        byte[] png = File.ReadAllBytes(RepositoryPaths.DevImage("clean", "camera.png"));

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageHeaderReader.Read(png.AsSpan(0, 20)));

        Assert.AreEqual(ImageDecodeError.Corrupt, ex.Error);
    }

    [TestMethod]
    public void ZeroSizeIsCorrupt()
    {
        byte[] bytes = [.. "GIF87a"u8, 0, 0, 5, 0];

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageHeaderReader.Read(bytes));

        Assert.AreEqual(ImageDecodeError.Corrupt, ex.Error);
    }
}
