using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;

namespace ZsN2N.Ort.Tests.Engine;

/// <summary>Denoised files keep the input's size, channel count, bit depth and alpha, for odd sizes too.</summary>
[TestClass]
public sealed class RoundTripTests
{
    private static readonly Denoiser Denoiser = new(new DenoiseOptions { Schedule = new() { Iterations = 5 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } });

    [TestMethod]
    [DataRow("noisy_g25", "camera.png", 1, 16, ".png")]
    [DataRow("noisy_g25", "home.png", 3, 16, ".png")]
    [DataRow("noisy_g25", "home.png", 3, 8, ".png")]
    [DataRow("noisy_g25", "camera.png", 1, 8, ".bmp")]
    [DataRow("noisy_g25", "home.png", 3, 16, ".tif")]
    public void OutputFileKeepsSizeChannelsAndDepth(string set, string name, int channels, int depth, string extension)
    {
        var crop = DevCrops.Load(set, name, 3, 5, 37, 23);
        var input = new PlanarImage(crop.Channels, crop.Height, crop.Width, crop.Pixels.ToArray(), depth);
        using var folder = new TempFolder();
        var inputPath = folder["input" + extension];
        ImageIo.Write(input, inputPath);

        var result = Denoiser.DenoiseFile(inputPath);
        var outputPath = folder["output" + extension];
        ImageIo.Write(result.Denoised, outputPath);
        var readBack = ImageIo.Read(outputPath);

        Assert.AreEqual((channels, 37, 23, depth), (readBack.Channels, readBack.Height, readBack.Width, readBack.BitDepth));
        var quantum = 1f / ((1 << depth) - 1);
        var written = result.Denoised.Pixels.ToArray();
        var read = readBack.Pixels.ToArray();
        Assert.IsTrue(written.Zip(read).All(p => Math.Abs(p.First - p.Second) <= quantum / 2 + 1e-6f), "pixels differ by more than half a quantisation step");
    }

    [TestMethod]
    public void AlphaPassesThroughUntouched()
    {
        var crop = DevCrops.Load("noisy_g25", "home.png", 0, 0, 21, 19);
        var alpha = Enumerable.Range(0, 21 * 19).Select(i => (ushort)(i * 37 % 256)).ToArray();
        var input = new PlanarImage(3, 21, 19, crop.Pixels.ToArray(), 8, alpha);
        using var folder = new TempFolder();
        var path = folder["rgba.png"];
        ImageIo.Write(input, path);

        var result = Denoiser.DenoiseFile(path);
        ImageIo.Write(result.Denoised, folder["out.png"]);
        var readBack = ImageIo.Read(folder["out.png"]);

        Assert.IsTrue(readBack.HasAlpha);
        CollectionAssert.AreEqual(alpha, readBack.Alpha.ToArray());
        CollectionAssert.AreNotEqual(input.Pixels.ToArray(), readBack.Pixels.ToArray());
    }
}
