using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>zsn2n denoise</c>'s --reference, --compare, --plot, --skip-existing, --shard and --quiet.</summary>
[TestClass]
public sealed class DenoiseExtrasTests
{
    private static readonly string[] Fast = ["--iterations", "10", "--width", "8", "--threads", "1"];

    [TestMethod]
    public void ReferenceComparePlotScoreTheOutputAndWriteThePictures()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["noisy/camera.png"]);
        TestImages.WriteCleanGray(folder["clean/camera.png"]);

        var run = Zsn2n.Run(folder.Path, ["denoise", "noisy", "-o", "out", "--reference", "clean", "--compare", "--plot", "--report", "out/report.json", .. Fast]);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(folder["out/report.json"]));
        var entry = report.RootElement.GetProperty("images")[0];
        var psnr = entry.GetProperty("psnr").GetDouble();
        var ssim = entry.GetProperty("ssim").GetDouble();
        Assert.AreEqual(folder["clean/camera.png"], entry.GetProperty("reference").GetString());

        // The reported numbers are those of the written file against the clean one, as eval would compute them.
        var clean = ImageIo.Read(folder["clean/camera.png"]);
        var denoised = ImageIo.Read(folder["out/camera.png"]);
        Assert.AreEqual(Psnr.Compute(clean, denoised), psnr, 1e-9);
        Assert.AreEqual(Ssim.Compute(clean, denoised), ssim, 1e-9);
        Assert.AreEqual(Psnr.Compute(clean, ImageIo.Read(folder["noisy/camera.png"])), entry.GetProperty("noisyPsnr").GetDouble(), 1e-9);
        Assert.AreEqual(psnr, report.RootElement.GetProperty("meanPsnr").GetDouble(), 1e-12);
        StringAssert.Contains(run.StdOut, $"PSNR {psnr:F2} dB");
        StringAssert.Contains(run.StdOut, $"SSIM {ssim:F4}");
        StringAssert.Contains(run.StdOut, "Mean against the references");

        // noisy | denoised | clean, each enlarged from 48 px wide so the captions fit, under a caption strip.
        var comparison = ImageIo.Read(folder["out/camera_compare.png"]);
        Assert.AreEqual(folder["out/camera_compare.png"], entry.GetProperty("comparison").GetString());
        Assert.AreEqual(3, comparison.Channels);
        Assert.IsGreaterThanOrEqualTo(3 * 192, comparison.Width);
        Assert.IsGreaterThan(TestImages.Height * 4, comparison.Height);

        var plot = ImageIo.Read(folder["out/camera_loss.png"]);
        Assert.AreEqual(folder["out/camera_loss.png"], entry.GetProperty("plot").GetString());
        Assert.AreEqual((800, 480), (plot.Width, plot.Height));
        Assert.IsEmpty(Directory.GetFiles(folder["out"], "*.tmp"));
    }

    [TestMethod]
    public void MissingReferenceFailsThatImageOnly()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["noisy/a.png"]);
        TestImages.WriteGray16(folder["noisy/b.png"]);
        TestImages.WriteCleanGray(folder["clean/a.png"]);

        var run = Zsn2n.Run(folder.Path, ["denoise", "noisy", "-o", "out", "--reference", "clean", .. Fast]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.IsTrue(File.Exists(folder["out/a.png"]));
        Assert.IsFalse(File.Exists(folder["out/b.png"]));
        StringAssert.Contains(run.StdOut, "no clean image named like it");
    }

    [TestMethod]
    public void SkipExistingResumesAFolderWithoutTouchingFinishedImages()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteGray16(folder["in/b.png"]);
        TestImages.WriteColour8(folder["in/c.png"]);
        Directory.CreateDirectory(folder["out"]);
        File.WriteAllText(folder["out/b.png"], "finished earlier");

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", "--skip-existing", "--report", "out/report.json", .. Fast]);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("finished earlier", File.ReadAllText(folder["out/b.png"]));
        Assert.IsTrue(File.Exists(folder["out/a.png"]));
        Assert.IsTrue(File.Exists(folder["out/c.png"]));
        StringAssert.Contains(run.StdOut, "[2/3] b.png: skipped");
        StringAssert.Contains(run.StdOut, "Denoised 2 of 3 images");
        StringAssert.Contains(run.StdOut, "skipped 1");
        using var report = JsonDocument.Parse(File.ReadAllText(folder["out/report.json"]));
        CollectionAssert.AreEqual(
            new[] { "succeeded", "skipped", "succeeded" },
            report.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ToArray());
        Assert.AreEqual(1, report.RootElement.GetProperty("skipped").GetInt32());

        var again = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", "--skip-existing", .. Fast]);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.StdOut, "Denoised 0 of 3 images");
        Assert.DoesNotContain("training steps", again.StdOut, "nothing is trained when every output exists");
    }

    [TestMethod]
    public void ShardsCoverEveryFileExactlyOnce()
    {
        using var folder = new TempFolder();
        var names = Enumerable.Range(1, 7).Select(i => $"img{i}.png").ToArray();
        foreach (var name in names)
        {
            TestImages.WriteGray16(folder[Path.Combine("in", name)]);
        }

        var processed = new List<string>();
        for (var shard = 0; shard < 3; shard++)
        {
            var run = Zsn2n.Run(folder.Path,
                ["denoise", "in", "-o", "out", "--shard", $"{shard}/3", "--report", $"out/report-{shard}.json", "--quiet", "--iterations", "2", "--width", "4", "--threads", "1"]);
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            StringAssert.Contains(run.StdOut, $"(shard {shard}/3 of 7 inputs)");
            using var report = JsonDocument.Parse(File.ReadAllText(folder[$"out/report-{shard}.json"]));
            Assert.AreEqual($"{shard}/3", report.RootElement.GetProperty("shard").GetString());
            var mine = report.RootElement.GetProperty("images").EnumerateArray().Select(i => Path.GetFileName(i.GetProperty("path").GetString()!)).ToArray();
            CollectionAssert.AreEqual(names.Where((_, i) => i % 3 == shard).ToArray(), mine, $"shard {shard}/3 takes every third file from {shard}");
            processed.AddRange(mine);
        }

        CollectionAssert.AreEquivalent(names, processed, "every file exactly once");
        CollectionAssert.AreEquivalent(names, Directory.GetFiles(folder["out"], "*.png").Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void MoreShardsThanFilesLeavesTheExtraShardsEmpty()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", "--shard", "3/4", .. Fast]);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdOut, "Denoised 0 of 0 images (shard 3/4 of 1 inputs)");
    }

    [TestMethod]
    [DataRow("4/4")]
    [DataRow("1/0")]
    [DataRow("2")]
    [DataRow("a/b")]
    public void BadShardIsAUsageError(string shard)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "in.png", "-o", "out", "--shard", shard);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "--shard");
        Assert.IsFalse(Directory.Exists(folder["out"]));
    }

    [TestMethod]
    public void QuietPrintsOnlyFailuresAndTheSummary()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteCorrupt(folder["in/b.png"]);

        var run = Zsn2n.Run(folder.Path, ["denoise", "in", "-o", "out", "--quiet", .. Fast]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.DoesNotContain("step", run.StdOut);
        Assert.DoesNotContain("started", run.StdOut);
        StringAssert.StartsWith(run.StdOut, "Denoised 1 of 2 images");
        StringAssert.Contains(run.StdErr, "b.png: FAILED");
    }
}
