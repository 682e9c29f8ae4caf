using ZsN2N.Cli.Commands;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Tests.Commands;

[TestClass]
public sealed class InputHeadersTests
{
    [TestMethod]
    public void LargestEstimateIsThatOfTheLargestInputTakenAsColour()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["small.png"]);
        File.Copy(RepositoryPaths.DevImage("noisy_g25", "camera.png"), folder["large.png"]);
        TestImages.WriteCorrupt(folder["corrupt.png"]);
        var denoiser = new Denoiser();

        var headers = InputHeaders.Read([folder["small.png"], folder["corrupt.png"], folder["large.png"], folder["missing.png"]], denoiser.Options.Limits.Image);
        var largest = InputHeaders.LargestEstimate(denoiser, headers);

        Assert.AreEqual(denoiser.Plan(3, 256, 256).Memory.TotalBytes, largest, "camera.png is 256x256 grey");
    }

    [TestMethod]
    public void NoReadableHeaderGivesZero()
    {
        using var folder = new TempFolder();
        TestImages.WriteCorrupt(folder["corrupt.png"]);

        var denoiser = new Denoiser();

        Assert.AreEqual(0, InputHeaders.LargestEstimate(denoiser, InputHeaders.Read([folder["corrupt.png"]], denoiser.Options.Limits.Image)));
    }

    [TestMethod]
    public void FewestUsefulThreadsIsThatOfTheSmallestReadableInput()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["small.png"]);
        File.Copy(RepositoryPaths.DevImage("noisy_g25", "camera.png"), folder["large.png"]);
        TestImages.WriteCorrupt(folder["corrupt.png"]);
        var denoiser = new Denoiser();

        int Fewest(params string[] names) => InputHeaders.FewestUsefulThreads(denoiser, InputHeaders.Read(names.Select(name => folder[name]), denoiser.Options.Limits.Image));

        Assert.AreEqual(4, Fewest("large.png", "corrupt.png"), "256 rows: four bands");
        Assert.AreEqual(1, Fewest("large.png", "small.png"), "40 rows: one band");
        Assert.AreEqual(int.MaxValue, Fewest("corrupt.png"));
    }
}
