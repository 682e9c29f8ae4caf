using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.Imaging;

[TestClass]
public sealed class ImageIoErrorTests
{
    private TempFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public void DecompressionBombIsRefusedBeforeDecoding()
    {
        byte[] bomb = PngHeader(100_000, 100_000);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Decode(bomb, sourceName: "bomb.png"));

        Assert.IsLessThan(1_000_000L, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.AreEqual(ImageDecodeError.TooLarge, ex.Error);
        StringAssert.Contains(ex.Message, "bomb.png");
        StringAssert.Contains(ex.Message, "100000x100000");
        StringAssert.Contains(ex.Message, "65535x65535");
    }

    [TestMethod]
    public void PixelLimitIsEnforced()
    {
        var limits = new ImageLimits { MaxPixels = 256 * 255 };

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Read(RepositoryPaths.DevImage("clean", "camera.png"), limits));

        Assert.AreEqual(ImageDecodeError.TooLarge, ex.Error);
        StringAssert.Contains(ex.Message, "65536 pixels");
        StringAssert.Contains(ex.Message, "65280 pixels");
    }

    [TestMethod]
    public void FileSizeLimitIsEnforced()
    {
        string path = RepositoryPaths.DevImage("clean", "camera.png");
        var limits = new ImageLimits { MaxFileBytes = 1000 };

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Read(path, limits));

        Assert.AreEqual(ImageDecodeError.TooLarge, ex.Error);
        StringAssert.Contains(ex.Message, $"{new FileInfo(path).Length} bytes");
        StringAssert.Contains(ex.Message, "1000 bytes");
    }

    [TestMethod]
    public void MissingFileIsNamed()
    {
        string path = _folder["absent.png"];

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Read(path));

        Assert.AreEqual(ImageDecodeError.FileNotFound, ex.Error);
        Assert.AreEqual(path, ex.SourceName);
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    public void ZeroByteFileIsEmpty()
    {
        string path = _folder["empty.png"];
        File.WriteAllBytes(path, []);

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Read(path));

        Assert.AreEqual(ImageDecodeError.Empty, ex.Error);
        StringAssert.Contains(ex.Message, path);
        StringAssert.Contains(ex.Message, "0 bytes");
    }

    [TestMethod]
    public void TextFileIsNotAnImage()
    {
        string path = _folder["readme.png"];
        File.WriteAllText(path, "This is not a picture.\n");

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Read(path));

        Assert.AreEqual(ImageDecodeError.UnknownFormat, ex.Error);
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    public void TruncatedPixelDataIsCorrupt()
    {
        byte[] png = File.ReadAllBytes(RepositoryPaths.DevImage("clean", "aloeL.png"));
        string path = _folder["cut.png"];
        File.WriteAllBytes(path, png[..200]);

        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Read(path));

        Assert.AreEqual(ImageDecodeError.Corrupt, ex.Error);
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    public void LimitsRejectNonPositiveValues()
    {
        var limits = new ImageLimits();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => limits.MaxWidth = 0);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => limits.MaxHeight = -1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => limits.MaxPixels = 0);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => limits.MaxFileBytes = -5);
        StringAssert.Contains(ex.Message, "-5");
        Assert.AreEqual(100_000_000L, limits.MaxPixels);
    }

    /// <summary>A PNG signature and IHDR chunk (8-bit RGB) claiming the given size, with no pixel data.</summary>
    private static byte[] PngHeader(uint width, uint height)
    {
        var bytes = new byte[33];
        byte[] start = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        start.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 2;
        return bytes;
    }
}
