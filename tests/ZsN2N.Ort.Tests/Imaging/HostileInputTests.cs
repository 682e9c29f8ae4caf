using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;

namespace ZsN2N.Ort.Tests.Imaging;

/// <summary>
/// Issue 9's corpus of hostile files (<see cref="HostileCorpus"/>) through <see cref="ImageIo.Read"/>,
/// <see cref="ImageIo.Decode(byte[], ImageLimits?, string)"/> and the <see cref="Denoiser"/>: every bad file is refused
/// with its specific <see cref="ImageDecodeError"/> and a message naming the file, every legitimate one decodes to the
/// expected shape and pixels, and the denoiser either trains it or refuses it by name.
/// </summary>
[TestClass]
public sealed class HostileInputTests
{
    private TempFolder _folder = null!;

    public static IEnumerable<object[]> Cases => HostileCorpus.All.Select(c => new object[] { c.Name });

    [TestInitialize]
    public void CreateFolder() => _folder = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void ReadGivesTheSpecificErrorOrTheExpectedImage(string name)
    {
        var entry = HostileCorpus.Get(name);
        var path = _folder[entry.Name];
        File.WriteAllBytes(path, entry.Bytes);

        if (entry.Error is { } error)
        {
            var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Read(path));
            Assert.AreEqual(error, ex.Error, ex.Message);
            Assert.AreEqual(path, ex.SourceName);
            StringAssert.StartsWith(ex.Message, path + ": ");
            StringAssert.Contains(ex.Message, entry.MessagePart, $"{ex.Error}: {ex.Message}");
        }
        else
        {
            AssertDecoded(entry, ImageIo.Read(path));
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void DecodeOfTheBytesAgreesWithRead(string name)
    {
        var entry = HostileCorpus.Get(name);

        if (entry.Error is { } error)
        {
            var ex = Assert.ThrowsExactly<ImageDecodeException>(() => ImageIo.Decode(entry.Bytes, sourceName: entry.Name));
            Assert.AreEqual(error, ex.Error, ex.Message);
            StringAssert.StartsWith(ex.Message, entry.Name + ": ");
            StringAssert.Contains(ex.Message, entry.MessagePart, $"{ex.Error}: {ex.Message}");
        }
        else
        {
            AssertDecoded(entry, ImageIo.Decode(entry.Bytes, sourceName: entry.Name));
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void DenoiserTrainsOrRefusesByName(string name)
    {
        var entry = HostileCorpus.Get(name);
        var path = _folder[entry.Name];
        File.WriteAllBytes(path, entry.Bytes);
        var denoiser = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 3 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } });

        if (entry.Error is { } error)
        {
            var ex = Assert.ThrowsExactly<ImageDecodeException>(() => denoiser.DenoiseFile(path));
            Assert.AreEqual(error, ex.Error);
        }
        else if (!entry.Trainable)
        {
            var ex = Assert.ThrowsExactly<ArgumentException>(() => denoiser.DenoiseFile(path));
            StringAssert.Contains(ex.Message, $"{entry.Width}x{entry.Height} image is too small");
        }
        else
        {
            var result = denoiser.DenoiseFile(path);
            Assert.AreEqual(entry.Channels, result.Denoised.Channels);
            Assert.AreEqual(entry.Width, result.Denoised.Width);
            Assert.AreEqual(entry.Height, result.Denoised.Height);
            Assert.AreEqual(entry.BitDepth, result.Denoised.BitDepth);
            Assert.IsTrue(result.Denoised.Pixels.ToArray().All(v => v is >= 0 and <= 1), "every denoised value is finite and in [0, 1]");
            Assert.HasCount(3, result.LossHistory);
            Assert.IsTrue(result.LossHistory.All(l => float.IsFinite(l)));
        }
    }

    private static void AssertDecoded(HostileCase entry, PlanarImage image)
    {
        Assert.AreEqual(entry.Channels, image.Channels, "channels");
        Assert.AreEqual(entry.Width, image.Width, "width");
        Assert.AreEqual(entry.Height, image.Height, "height");
        Assert.AreEqual(entry.BitDepth, image.BitDepth, "bit depth");
        Assert.IsFalse(image.HasAlpha, "no alpha plane appears from nowhere");
        entry.Check?.Invoke(image);
    }
}
