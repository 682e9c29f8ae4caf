using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>zsn2n add-noise</c>: noise of the requested kind and strength, reproducible, at the requested depth.</summary>
[TestClass]
public sealed class AddNoiseCommandTests
{
    [TestMethod]
    public void GaussianOf255AndDegreeOf1AreTheSameNoiseAndReproducible()
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["clean/a.png"]);
        TestImages.WriteCleanGray(folder["clean/b.png"]);

        var gaussian = Zsn2n.Run(folder.Path, "add-noise", "clean", "-o", "g", "--gaussian", "25.5", "--seed", "4");
        var degree = Zsn2n.Run(folder.Path, "add-noise", "clean/a.png", "-o", "d", "--degree", "0.1", "--seed", "4");

        Assert.AreEqual(0, gaussian.ExitCode, gaussian.ToString());
        Assert.AreEqual(0, degree.ExitCode, degree.ToString());
        StringAssert.Contains(gaussian.StdOut, "to 2 of 2 images");
        var a = ImageIo.Read(folder["g/a.png"]);
        Assert.AreEqual(16, a.BitDepth, "16-bit by default");
        CollectionAssert.AreEqual(a.Pixels.ToArray(), ImageIo.Read(folder["d/a.png"]).Pixels.ToArray(), "same seed and file name, same noise");
        CollectionAssert.AreNotEqual(a.Pixels.ToArray(), ImageIo.Read(folder["g/b.png"]).Pixels.ToArray(), "another file name, other noise");

        // Sigma 0.1: PSNR = -20 log10(0.1) = 20 dB, a little higher where clipping at 0 and 1 removes noise.
        var psnr = Psnr.Compute(ImageIo.Read(folder["clean/a.png"]), a);
        Assert.IsTrue(psnr is > 19.5 and < 21.5, $"PSNR {psnr}");
    }

    [TestMethod]
    public void PoissonAtDepth8()
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "add-noise", "a.png", "-o", "p", "--poisson", "30", "--depth", "8");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var noisy = ImageIo.Read(folder["p/a.png"]);
        Assert.AreEqual(8, noisy.BitDepth);
        var psnr = Psnr.Compute(ImageIo.Read(folder["a.png"]), noisy);
        Assert.IsTrue(psnr is > 10 and < 30, $"PSNR {psnr}");
    }

    [TestMethod]
    [DataRow(new[] { "--gaussian", "25", "--poisson", "50" }, "only one")]
    [DataRow(new string[0], "--gaussian")]
    [DataRow(new[] { "--gaussian", "300" }, "--gaussian")]
    [DataRow(new[] { "--degree", "2" }, "--degree")]
    [DataRow(new[] { "--poisson", "0" }, "--poisson")]
    [DataRow(new[] { "--gaussian", "25", "--depth", "12" }, "--depth")]
    public void BadNoiseOptionsAreUsageErrors(string[] options, string named)
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, ["add-noise", "a.png", "-o", "out", .. options]);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, named);
        Assert.IsFalse(Directory.Exists(folder["out"]));
    }

    [TestMethod]
    public void CorruptFileIsReportedAndTheOthersAreWritten()
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["in/a.png"]);
        TestImages.WriteCorrupt(folder["in/b.png"]);

        var run = Zsn2n.Run(folder.Path, "add-noise", "in", "-o", "out", "--gaussian", "10");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.IsTrue(File.Exists(folder["out/a.png"]));
        Assert.IsFalse(File.Exists(folder["out/b.png"]));
        StringAssert.Contains(run.StdOut, folder["in/b.png"]);
    }
}
