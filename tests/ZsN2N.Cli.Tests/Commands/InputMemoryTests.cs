using ZsN2N.Cli.Commands;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Tests.Commands;

[TestClass]
public sealed class InputMemoryTests
{
    [TestMethod]
    public void LargestEstimateIsThatOfTheLargestInputTakenAsColour()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["small.png"]);
        File.Copy(RepositoryPaths.DevImage("noisy_g25", "camera.png"), folder["large.png"]);
        TestImages.WriteCorrupt(folder["corrupt.png"]);
        var denoiser = new Denoiser();

        var largest = InputMemory.LargestEstimate(denoiser, [folder["small.png"], folder["corrupt.png"], folder["large.png"], folder["missing.png"]]);

        Assert.AreEqual(denoiser.EstimateMemory(3, 256, 256).TotalBytes, largest, "camera.png is 256x256 grey");
    }

    [TestMethod]
    public void NoReadableHeaderGivesZero()
    {
        using var folder = new TempFolder();
        TestImages.WriteCorrupt(folder["corrupt.png"]);

        Assert.AreEqual(0, InputMemory.LargestEstimate(new Denoiser(), [folder["corrupt.png"]]));
    }
}
