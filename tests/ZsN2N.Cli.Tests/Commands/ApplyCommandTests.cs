using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>zsn2n apply MODEL.onnx</c>: an exported denoiser applied to other images gives what it gave in training.</summary>
[TestClass]
public sealed class ApplyCommandTests
{
    [TestMethod]
    public void ExportedModelDenoisesOtherFramesAndReproducesItsOwnOutput()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["train/frame1.png"]);
        TestImages.WriteGray16(folder["frames/frame1.png"]);
        TestImages.WriteOtherGray16(folder["frames/frame2.png"]);
        TestImages.WriteColour8(folder["frames/frame3.png"]);
        var trained = Zsn2n.Run(folder.Path, "denoise", "train/frame1.png", "-o", "trained", "--iterations", "10", "--width", "8", "--threads", "1", "--export-onnx");
        Assert.AreEqual(0, trained.ExitCode, trained.ToString());

        var run = Zsn2n.Run(folder.Path, "apply", "trained/frame1.onnx", "frames", "-o", "applied", "--threads", "1");

        // frame3 is colour, the model grey: reported, the others written.
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdOut, "Applied frame1.onnx to 2 of 3 images");
        StringAssert.Contains(run.StdOut, "frame3.png");
        StringAssert.Contains(run.StdOut, "1-channel");
        Assert.IsFalse(File.Exists(folder["applied/frame3.png"]));
        var again = ImageIo.Read(folder["applied/frame1.png"]);
        Assert.AreEqual(16, again.BitDepth);
        Assert.IsGreaterThan(60, Psnr.Compute(ImageIo.Read(folder["trained/frame1.png"]), again), "the model applied to its own image gives the denoise output");
        var other = ImageIo.Read(folder["applied/frame2.png"]);
        Assert.AreEqual((TestImages.Width, TestImages.Height), (other.Width, other.Height));
    }

    [TestMethod]
    public void NotAModelIsAUsageError()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);
        File.WriteAllText(folder["model.onnx"], "not a model");

        var run = Zsn2n.Run(folder.Path, "apply", "model.onnx", "a.png", "-o", "out");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "model.onnx");
        Assert.IsFalse(Directory.Exists(folder["out"]));
    }
}
