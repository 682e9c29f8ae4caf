using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>zsn2n denoise --parallel</c>: several images at once give the same files, reports and failures as one at a time.</summary>
[TestClass]
public sealed class ParallelDenoiseTests
{
    private static readonly string[] Tiny = ["--iterations", "5", "--width", "4", "--threads", "1"];

    [TestMethod]
    public void ParallelOutputEqualsSequentialOutputByteForByte()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteColour8(folder["in/b.png"]);
        TestImages.WriteOtherGray16(folder["in/c.png"]);

        var sequential = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "one", "--parallel", "1", "--export-onnx", "--seed", "3", .. Tiny]);
        var parallel = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "three", "--parallel", "3", "--export-onnx", "--seed", "3", .. Tiny]);

        Assert.AreEqual(0, sequential.ExitCode, sequential.ToString());
        Assert.AreEqual(0, parallel.ExitCode, parallel.ToString());
        AssertSameFiles(folder["one"], folder["three"], ["a.png", "a.onnx", "b.png", "b.onnx", "c.png", "c.onnx"]);
    }

    [TestMethod]
    public void ReportAndSummaryKeepTheInputOrderUnderParallelism()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["in"]);
        // The first input is the largest, so with two at once the later, smaller ones usually finish before it.
        File.Copy(RepositoryPaths.DevImage("noisy_g25", "home.png"), folder["in/1-large.png"]);
        TestImages.WriteGray16(folder["in/2-small.png"]);
        TestImages.WriteCorrupt(folder["in/3-corrupt.png"]);
        TestImages.WriteColour8(folder["in/4-small.png"]);
        TestImages.WriteOtherGray16(folder["in/5-small.png"]);

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", "--parallel", "2", "--report", "out/report.json", .. Tiny]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(folder["out/report.json"]));
        var images = report.RootElement.GetProperty("images").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(
            new[] { "1-large.png", "2-small.png", "3-corrupt.png", "4-small.png", "5-small.png" },
            images.Select(i => Path.GetFileName(i.GetProperty("path").GetString())).ToArray());
        CollectionAssert.AreEqual(
            new[] { "succeeded", "succeeded", "failed", "succeeded", "succeeded" },
            images.Select(i => i.GetProperty("status").GetString()).ToArray());
        Assert.AreEqual(2, report.RootElement.GetProperty("settings").GetProperty("parallel").GetInt32());
        Assert.AreEqual(1, report.RootElement.GetProperty("settings").GetProperty("threads").GetInt32());
        StringAssert.Contains(run.StdOut, "Denoised 4 of 5 images");
        Assert.AreEqual(5, run.StdOut.Split('\n').Count(line => line.Contains(": done in ", StringComparison.Ordinal) || line.Contains(": FAILED: ", StringComparison.Ordinal)),
            "one line per image, however they interleave");
    }

    [TestMethod]
    public void OneCorruptInputFailsAloneWithTwoImagesAtOnce()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteCorrupt(folder["in/b.png"]);
        TestImages.WriteColour8(folder["in/c.png"]);
        TestImages.WriteOtherGray16(folder["in/d.png"]);

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", "--parallel", "2", "--report", "out/report.json", .. Tiny]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        foreach (var name in new[] { "a", "c", "d" })
        {
            Assert.IsTrue(File.Exists(folder[$"out/{name}.png"]), $"{name}.png is written\n{run}");
        }

        Assert.IsFalse(File.Exists(folder["out/b.png"]));
        StringAssert.Contains(run.StdOut, "Denoised 3 of 4 images");
        StringAssert.Contains(run.StdOut, "1 failed:");
        StringAssert.Contains(run.StdOut, $"  {folder["in/b.png"]}: not a supported image");
        using var report = JsonDocument.Parse(File.ReadAllText(folder["out/report.json"]));
        Assert.AreEqual(1, report.RootElement.GetProperty("failed").GetInt32());
        Assert.AreEqual(3, report.RootElement.GetProperty("succeeded").GetInt32());
        StringAssert.Contains(report.RootElement.GetProperty("images")[1].GetProperty("error").GetString(), "b.png");
        Assert.IsEmpty(Directory.GetFiles(folder["out"], "*.tmp", SearchOption.AllDirectories));
    }

    [TestMethod]
    public void ShardSkipReferencePicturesAndEnsembleWorkWithTwoImagesAtOnce()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            TestImages.WriteGray16(folder[$"noisy/{name}.png"]);
            TestImages.WriteCleanGray(folder[$"clean/{name}.png"]);
        }

        Directory.CreateDirectory(folder["two"]);
        File.WriteAllText(folder["two/c.png"], "finished earlier");
        Directory.CreateDirectory(folder["one"]);
        File.WriteAllText(folder["one/c.png"], "finished earlier");
        string[] extras =
        [
            "--shard", "0/2", "--skip-existing", "--reference", "clean", "--compare", "--plot", "--export-onnx",
            "--ensemble", "2", "--self-ensemble", .. Tiny,
        ];

        var parallel = Zsn2n.Run(folder.Path, ["denoise", "noisy", "-o", "two", "--parallel", "2", "--report", "two/report.json", .. extras]);
        var sequential = Zsn2n.Run(folder.Path, ["denoise", "noisy", "-o", "one", "--parallel", "1", .. extras]);

        Assert.AreEqual(0, parallel.ExitCode, parallel.ToString());
        Assert.AreEqual(0, sequential.ExitCode, sequential.ToString());
        Assert.AreEqual("finished earlier", File.ReadAllText(folder["two/c.png"]));
        using var report = JsonDocument.Parse(File.ReadAllText(folder["two/report.json"]));
        var images = report.RootElement.GetProperty("images").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "a.png", "c.png", "e.png" }, images.Select(i => Path.GetFileName(i.GetProperty("path").GetString())).ToArray());
        CollectionAssert.AreEqual(new[] { "succeeded", "skipped", "succeeded" }, images.Select(i => i.GetProperty("status").GetString()).ToArray());
        Assert.AreEqual(2, report.RootElement.GetProperty("settings").GetProperty("ensembleSize").GetInt32());
        Assert.IsTrue(report.RootElement.GetProperty("settings").GetProperty("selfEnsemble").GetBoolean());
        Assert.IsTrue(double.IsFinite(report.RootElement.GetProperty("meanPsnr").GetDouble()));
        Assert.IsFalse(File.Exists(folder["two/b.png"]) || File.Exists(folder["two/d.png"]), "shard 0/2 takes a, c and e only");
        AssertSameFiles(folder["one"], folder["two"],
            ["a.png", "a.onnx", "a_compare.png", "a_loss.png", "e.png", "e.onnx", "e_compare.png", "e_loss.png"]);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("65")]
    [DataRow("x")]
    public void InvalidParallelIsRefusedWithAUsageError(string value)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in.png"]);

        var run = Zsn2n.Run(folder.Path, ["denoise", "in.png", "-o", "out", "--parallel", value, .. Tiny]);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, $"--parallel must be a whole number of images to train at once, from 1 to 64, not '{value}'.");
        Assert.IsFalse(Directory.Exists(folder["out"]), "nothing is written for a bad command line");
    }

    private static void AssertSameFiles(string expectedFolder, string actualFolder, string[] names)
    {
        foreach (var name in names)
        {
            var expected = Path.Combine(expectedFolder, name);
            var actual = Path.Combine(actualFolder, name);
            Assert.IsTrue(File.Exists(expected) && File.Exists(actual), $"{name} is written by both runs");
            CollectionAssert.AreEqual(File.ReadAllBytes(expected), File.ReadAllBytes(actual), $"{name} has the same bytes");
        }
    }
}
