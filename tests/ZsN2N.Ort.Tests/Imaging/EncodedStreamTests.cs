using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Imaging;

[TestClass]
public sealed class EncodedStreamTests
{
    private static readonly ImageLimits Limits = new() { MaxFileBytes = 100_000 };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ItReadsFromThePositionToTheEndUpToTheLimit()
    {
        var bytes = Enumerable.Range(0, 100_003).Select(i => (byte)(i * 7)).ToArray();
        using var seekable = new MemoryStream(bytes) { Position = 3 };
        using var body = new ForwardOnlyStream(bytes[3..]);

        CollectionAssert.AreEqual(bytes[3..], EncodedStream.Read(seekable, Limits));
        CollectionAssert.AreEqual(bytes[3..], await EncodedStream.ReadAsync(body, Limits, TestContext.CancellationToken));
    }

    [TestMethod]
    public void AStreamOverTheLimitIsRefusedBeforeItsLengthIsRead()
    {
        using var seekable = new MemoryStream(new byte[100_001]);
        using var body = new ForwardOnlyStream(new byte[1_000_000]);

        var known = Assert.ThrowsExactly<ImageDecodeException>(() => EncodedStream.Read(seekable, Limits));
        var unknown = Assert.ThrowsExactly<ImageDecodeException>(() => EncodedStream.Read(body, Limits));

        Assert.AreEqual(("<stream>: file is 100001 bytes, above the limit of 100000 bytes.", 0L), (known.Message, seekable.Position));
        Assert.AreEqual(ImageDecodeError.TooLarge, unknown.Error);
        StringAssert.StartsWith(unknown.Message, "<stream>: file is at least 1");
        Assert.IsLessThanOrEqualTo(100_000 + 81_920, body.BytesRead);
    }
}
