using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>A bad file in a folder is reported and skipped; the run still ends with exit code 1.</summary>
[TestClass]
public sealed class FailureTests
{
    [TestMethod]
    public void CorruptFileInFolderIsReportedAndTheOthersAreDenoised()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteCorrupt(folder["in/b.png"]);
        TestImages.WriteColour8(folder["in/c.png"]);
        File.WriteAllText(folder["in/notes.txt"], "not an image extension: skipped when expanding the folder");

        var run = Zsn2n.Run(folder.Path, "denoise", "in", "-o", "out", "--iterations", "10", "--width", "8", "--threads", "1", "--report", "out/report.json");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.IsTrue(File.Exists(folder["out/a.png"]));
        Assert.IsTrue(File.Exists(folder["out/c.png"]));
        Assert.IsFalse(File.Exists(folder["out/b.png"]));
        Assert.IsFalse(File.Exists(folder["out/notes.png"]));
        StringAssert.Contains(run.StdOut, "Denoised 2 of 3 images");
        StringAssert.Contains(run.StdOut, folder["in/b.png"]);

        using var report = JsonDocument.Parse(File.ReadAllText(folder["out/report.json"]));
        var images = report.RootElement.GetProperty("images").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(
            new[] { "a.png", "b.png", "c.png" },
            images.Select(i => Path.GetFileName(i.GetProperty("path").GetString())).ToArray());
        CollectionAssert.AreEqual(
            new[] { "succeeded", "failed", "succeeded" },
            images.Select(i => i.GetProperty("status").GetString()).ToArray());
        StringAssert.Contains(images[1].GetProperty("error").GetString(), "b.png");
        Assert.AreEqual(1, report.RootElement.GetProperty("failed").GetInt32());
        Assert.AreEqual(16, ImageIo.Read(folder["out/a.png"]).BitDepth);
    }
}
