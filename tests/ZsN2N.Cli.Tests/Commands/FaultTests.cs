using System.Diagnostics;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>
/// Faults around a <c>zsn2n denoise</c> run (issue 9): an output folder that cannot be created, is read-only or fills
/// up, an output name that cannot be written, and a process killed mid-way. Each gives a clear error, leaves the
/// outputs written before intact, leaves no partial or temporary file, and <c>--skip-existing</c> then resumes. The
/// read-only and full-disk cases mount a small tmpfs and are inconclusive where the test may not mount one.
/// </summary>
[TestClass]
public sealed class FaultTests
{
    private static readonly string[] Quick = ["--iterations", "3", "--width", "4", "--threads", "1", "--quiet"];

    [TestMethod]
    public void OutputFolderUnderAFileIsAClearErrorAndNothingIsWritten()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        File.WriteAllText(folder["blocker"], "a file where a folder is needed");

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "blocker/out", .. Quick]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.StdErr.Trim(), "Error: ", run.ToString());
        StringAssert.Contains(run.StdErr, "blocker/out", "the message names the folder");
        Assert.DoesNotContain("   at ", run.Output, "no stack trace");
        Assert.AreEqual("a file where a folder is needed", File.ReadAllText(folder["blocker"]));
    }

    [TestMethod]
    public void OutputThatCannotBeWrittenFailsThatImageOnlyAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteGray16(folder["in/b.png"]);
        TestImages.WriteColour8(folder["in/c.png"]);
        Directory.CreateDirectory(folder["out"]);
        File.WriteAllText(folder["out/earlier.txt"], "an earlier output");
        Directory.CreateDirectory(folder["out/b.png/occupied"]); // b's output name is taken by a non-empty folder

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", .. Quick]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, folder["in/b.png"], "the failure names the input");
        StringAssert.Contains(run.StdOut, "Denoised 2 of 3 images");
        Assert.AreEqual((1, 40, 48), Shape(folder["out/a.png"]));
        Assert.AreEqual((3, 40, 48), Shape(folder["out/c.png"]));
        Assert.AreEqual("an earlier output", File.ReadAllText(folder["out/earlier.txt"]));
        Assert.IsTrue(Directory.Exists(folder["out/b.png/occupied"]));
        CollectionAssert.AreEquivalent(new[] { "a.png", "b.png", "c.png", "earlier.txt" }, Entries(folder["out"]), "no temporary file is left");
    }

    [TestMethod]
    public void ReadOnlyOutputFolderFailsEveryImageClearlyAndKeepsWhatWasThere()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteColour8(folder["in/b.png"]);
        using var mount = TmpfsMount.TryCreate(folder["out"], "1m");
        File.WriteAllText(folder["out/earlier.txt"], "an earlier output");
        mount.RemountReadOnly();

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", .. Quick]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdOut, "Denoised 0 of 2 images");
        StringAssert.Contains(run.Output, $"{folder["in/a.png"]}: ");
        StringAssert.Contains(run.Output, "Read-only file system");
        Assert.AreEqual("an earlier output", File.ReadAllText(folder["out/earlier.txt"]));
        CollectionAssert.AreEquivalent(new[] { "earlier.txt" }, Entries(folder["out"]));
    }

    [TestMethod]
    public void FullDiskFailsTheImageThatDoesNotFitAndTheOthersAreIntact()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        WriteNoise(folder["in/b.png"], 160, 160); // a 16-bit RGB PNG of noise, about 150 KB: more than is left
        TestImages.WriteGray16(folder["in/c.png"]);
        using var mount = TmpfsMount.TryCreate(folder["out"], "64k");

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", .. Quick]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, $"{folder["in/b.png"]}: ");
        StringAssert.Contains(run.Output, "No space left on device");
        StringAssert.Contains(run.StdOut, "Denoised 2 of 3 images");
        Assert.AreEqual((1, 40, 48), Shape(folder["out/a.png"]));
        Assert.AreEqual((1, 40, 48), Shape(folder["out/c.png"]));
        CollectionAssert.AreEquivalent(new[] { "a.png", "c.png" }, Entries(folder["out"]), "no partial b.png, no temporary file");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void KilledRunLeavesNoPartialFileAndSkipExistingResumesIt()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteColour8(folder["in/b.png"]);
        TestImages.WriteGray16(folder["in/c.png"]);
        string[] extras = ["--width", "4", "--threads", "1", "--export-onnx", "--plot", "--compare"];

        // Killed (SIGKILL: no clean-up code runs) as soon as the second image starts training, one image at a time.
        using (var process = Zsn2n.Start(folder.Path, ["denoise", "in", "-o", "out", "--iterations", "1000", "--parallel", "1", .. extras]))
        {
            _ = process.StandardError.ReadToEndAsync();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("b.png: started", StringComparison.Ordinal))
            {
            }

            Assert.IsNotNull(line, "zsn2n reached the second image");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.AreEqual(137, process.ExitCode, "killed by SIGKILL");
        }

        // A run killed in the first image's training would leave nothing; here a.png and its extras are complete.
        Assert.IsTrue(File.Exists(folder["out/a.png"]), "the first image finished before the kill");
        CollectionAssert.AreEquivalent(new[] { "a.png", "a.onnx", "a_loss.png", "a_compare.png" }, Entries(folder["out"]), "nothing of b, no temporary file");
        var firstBytes = File.ReadAllBytes(folder["out/a.png"]);

        var resumed = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", "--iterations", "3", .. extras, "--skip-existing", "--quiet"]);

        Assert.AreEqual(0, resumed.ExitCode, resumed.ToString());
        StringAssert.Contains(resumed.StdOut, "Denoised 2 of 3 images");
        StringAssert.Contains(resumed.StdOut, "skipped 1 whose output exists");
        CollectionAssert.AreEqual(firstBytes, File.ReadAllBytes(folder["out/a.png"]), "the finished image is not redone");
        Assert.AreEqual((3, 40, 48), Shape(folder["out/b.png"]));
        Assert.AreEqual((1, 40, 48), Shape(folder["out/c.png"]));
        Assert.HasCount(12, Entries(folder["out"]));
    }

    private static (int Channels, int Height, int Width) Shape(string path)
    {
        var image = ImageIo.Read(path);
        return (image.Channels, image.Height, image.Width);
    }

    private static string[] Entries(string folder) => Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).ToArray()!;

    private static void WriteNoise(string path, int width, int height)
    {
        var random = new Random(7);
        var image = new PlanarImage(3, height, width, 16);
        var pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.Next(65536) / 65535f;
        }

        ImageIo.Write(image, path);
    }
}
